package io.fangxian.domain;

/**
 * One industry sector of the district's list (安全生产专项整治): built in (reference/sectors.csv)
 * or loaded by the district (reference.sectors).
 *
 * @param keyArea one of the eight areas of special attention (DESIGN §1)
 * @param weatherSensitive risk rises noticeably under weather warnings (heat, rain, typhoon …)
 * @param keyPostCertificates the sector's units must have their 主要负责人 and 安全生产管理人员 assessed
 *     (考核合格) by the supervising department: 安全生产法 (2021) 第二十七条第二款 names 危险物品的生产、经营、
 *     储存、装卸单位以及矿山、金属冶炼、建筑施工、运输单位 (危险物品 as 第一百一十七条 defines them)
 * @param keyPostCertificatesBasis why the sector is or is not one of those units, with the source
 * @param majorHazardStandard the 重大事故隐患判定标准 that applies, or "none found" and what was searched
 * @param otherCertificateRegime another certificate regime that applies (建筑施工 三类人员, 特种设备作业人员 …)
 *     with its source; empty if none is known
 * @param source where the sector's place on the list comes from; empty for a loaded one
 */
public record Sector(String id, String nameZh, String nameEn, boolean keyArea, boolean weatherSensitive,
                     boolean keyPostCertificates, String keyPostCertificatesBasis, String majorHazardStandard,
                     String otherCertificateRegime, String source) { }
