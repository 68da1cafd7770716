package io.fangxian.reports;

import io.fangxian.avro.internal.ReportState;
import java.util.List;
import java.util.function.Predicate;

/**
 * The filters of {@code GET /api/v1/reports}: the area ones ({@code townshipId}, {@code sectorId},
 * {@code enterpriseId}) choose the reports counted; {@code status} and {@code overdue} choose, of
 * those, the ones listed.
 */
public record ReportFilter(String townshipId, String sectorId, String enterpriseId, String status, Boolean overdue) {
  /** open: neither rejected nor verified; the others: the report's last step. */
  static final List<String> STATUSES = List.of("open", "received", "accepted", "rejected", "assigned", "verified", "replied",
      "rewarded");

  Predicate<ReportState> where() {
    return r -> (townshipId == null || townshipId.equals(r.getTownshipId()))
        && (sectorId == null || sectorId.equals(r.getSectorId()))
        && (enterpriseId == null || enterpriseId.equals(r.getEnterpriseId()));
  }

  Predicate<ReportState> listed() {
    return r -> (status == null || switch (status) {
      case "open" -> ReportSteps.waitingForVerification(r);
      default -> r.getStatus().name().equalsIgnoreCase(status);
    }) && (overdue == null || overdue == (ReportSteps.waitingForVerification(r) && r.getVerificationOverdue()));
  }
}
