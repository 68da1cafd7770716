package io.fangxian.domain;

/** A township-level division of the district (街道 / 镇 / 区). */
public record Township(String id, String nameZh, String nameEn) { }
