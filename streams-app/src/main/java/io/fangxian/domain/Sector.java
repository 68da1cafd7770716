package io.fangxian.domain;

/**
 * One industry sector of the district's list (安全生产专项整治): built in (reference/sectors.csv)
 * or loaded by the district (reference.sectors).
 *
 * @param keyArea one of the eight areas of special attention (DESIGN §1)
 * @param weatherSensitive risk rises noticeably under weather warnings (heat, rain, typhoon …)
 * @param source where the sector's place on the list comes from; empty for a loaded one
 */
public record Sector(String id, String nameZh, String nameEn, boolean keyArea, boolean weatherSensitive, String source) { }
