package io.fangxian.reports;

import io.fangxian.avro.internal.ReportState;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The public reports as the API shows them ({@code GET /api/v1/reports}, the dossier). */
public final class ReportViews {
  private ReportViews() { }

  /**
   * A public report (举报) in {@code GET /api/v1/reports} and {@code GET /api/v1/reports/{reportId}}:
   * where it stands and its three clocks. Nothing here identifies the reporter: the records carry no
   * reporter's name or contact, and the report's {@code content} (which may) is never served by the
   * API, only whether there is one ({@code hasContent}): 举报人 confidentiality.
   *
   * @param acceptanceOverdue neither accepted nor rejected at or past {@code acceptanceDueAt}, now
   * @param verificationOverdue counted in reportsVerificationOverdue (set by the wall clock)
   * @param replyOverdue verified, not replied to, at or past {@code replyDueAt}, now
   */
  public record ReportView(String reportId, String status, String channel, boolean anonymous, String enterpriseId,
                           String enterpriseName, String townshipId, String sectorId, String departmentId,
                           Instant receivedAt, Instant acceptedAt, Instant rejectedAt, Instant assignedAt,
                           Instant verifiedAt, Instant repliedAt, Instant rewardedAt, Boolean substantiated,
                           List<String> hazardIds, double rewardYuan, Instant acceptanceDueAt, boolean acceptanceOverdue,
                           Instant verificationDueAt, boolean verificationOverdue, Instant replyDueAt, boolean replyOverdue,
                           boolean hasContent, List<ReportStepView> steps) {
    /** Verification-overdue reports first, then the newest received, then by id. */
    public static final Comparator<ReportView> ORDER = Comparator.comparing((ReportView r) -> !r.verificationOverdue())
        .thenComparing(ReportView::receivedAt, Comparator.reverseOrder())
        .thenComparing(ReportView::reportId);

    public static ReportView from(ReportState r, String enterpriseName, ReportLimits limits, long now) {
      Instant acceptanceDue = Instant.ofEpochMilli(limits.acceptanceDueMs(r));
      Instant replyDue = limits.replyDue(r);
      boolean waitingAcceptance = r.getAcceptedAt() == null && r.getRejectedAt() == null;
      return new ReportView(r.getReportId(), r.getStatus().name(), r.getChannel() == null ? null : r.getChannel().name(),
          r.getAnonymous(), r.getEnterpriseId(), enterpriseName, r.getTownshipId(), r.getSectorId(), r.getDepartmentId(),
          r.getReceivedAt(), r.getAcceptedAt(), r.getRejectedAt(), r.getAssignedAt(), r.getVerifiedAt(), r.getRepliedAt(),
          r.getRewardedAt(), r.getSubstantiated(), r.getHazardIds().stream().map(Object::toString).toList(),
          r.getRewardYuan(), acceptanceDue, waitingAcceptance && now >= acceptanceDue.toEpochMilli(),
          r.getVerificationDueAt(), ReportSteps.waitingForVerification(r) && r.getVerificationOverdue(),
          replyDue, replyDue != null && r.getRepliedAt() == null && now >= replyDue.toEpochMilli(),
          r.getContent() != null && !r.getContent().isBlank(),
          r.getSteps().stream().map(s -> new ReportStepView(s.getType().name(), s.getOccurredAt(), s.getDepartmentId())).toList());
    }
  }

  /** One step of a report as the API shows it: no content, nothing about the reporter. */
  public record ReportStepView(String type, Instant occurredAt, String departmentId) { }

  /**
   * A page of the report list, verification-overdue reports first, then the newest. The counts are
   * over every report the area filters keep, whatever the {@code status} and {@code overdue} filters:
   * {@code byStatus} (the last step), {@code verificationOverdue}, {@code substantiated} and
   * {@code rewardYuan} (the latest reward of each, summed).
   */
  public record ReportPage(long total, int offset, int limit, Map<String, Long> byStatus, long verificationOverdue,
                           long substantiated, double rewardYuan, List<ReportView> items) { }
}
