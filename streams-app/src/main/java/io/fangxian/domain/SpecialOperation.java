package io.fangxian.domain;

/** A category of the 特种作业目录 (reference/special-operations.csv): what a special operator's certificate covers. */
public record SpecialOperation(String id, String nameZh, String source) { }
