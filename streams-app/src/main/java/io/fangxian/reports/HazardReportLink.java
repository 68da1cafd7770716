package io.fangxian.reports;

/**
 * A report's VERIFIED step named a hazard: the ledger adds {@code reportId} to the hazard's
 * {@code reportIds}, now or when the hazard is reported. Keyed by hazardId, on the enterprise's partition.
 */
public record HazardReportLink(String hazardId, String enterpriseId, String reportId) { }
