package io.fangxian.reports;

import io.fangxian.avro.internal.ReportState;
import io.fangxian.config.RulesConfig;
import java.time.Duration;
import java.time.Instant;

/**
 * The handling limits of a public report ({@code rules reports}) and the due times they give.
 *
 * <p>The verification clock runs from acceptance (受理), where the rules start it; a report accepted
 * later than {@code acceptanceLimit} after its receipt, or not at all, is treated as accepted at that
 * limit, so a late or missing acceptance never buys time:
 * {@code verificationDue = min(acceptedAt, receivedAt + acceptanceLimit) + verificationLimit}.
 */
public record ReportLimits(Duration acceptance, Duration verification, Duration reply) {
  public static ReportLimits of(RulesConfig.Reports r) {
    return new ReportLimits(r.acceptanceLimit(), r.verificationLimit(), r.replyLimit());
  }

  public long acceptanceDueMs(ReportState r) {
    return r.getReceivedAt().plus(acceptance).toEpochMilli();
  }

  public long verificationDueMs(ReportState r) {
    long start = acceptanceDueMs(r);
    if (r.getAcceptedAt() != null) {
      start = Math.min(start, r.getAcceptedAt().toEpochMilli());
    }
    return start + verification.toMillis();
  }

  /** When the reply to the reporter is due, null before the report is verified. */
  public Instant replyDue(ReportState r) {
    return r.getVerifiedAt() == null ? null : r.getVerifiedAt().plus(reply);
  }
}
