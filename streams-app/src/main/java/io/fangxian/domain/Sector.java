package io.fangxian.domain;

/**
 * One of the 27 industry sectors under special rectification (安全生产专项整治).
 *
 * @param keyArea one of the eight areas of special attention (DESIGN §1)
 * @param weatherSensitive risk rises noticeably under weather warnings (heat, rain, typhoon …)
 */
public record Sector(String id, String nameZh, String nameEn, boolean keyArea, boolean weatherSensitive) { }
