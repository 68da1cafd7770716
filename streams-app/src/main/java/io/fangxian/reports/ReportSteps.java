package io.fangxian.reports;

import io.fangxian.avro.Enterprise;
import io.fangxian.avro.PublicReportEvent;
import io.fangxian.avro.PublicReportEventType;
import io.fangxian.avro.internal.ReportState;
import io.fangxian.validate.InvalidRecordException;
import io.fangxian.validate.RejectReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The order of a public report's steps (举报: 接收 → 受理 → 交办 → 核查 → 答复 → 奖励) and what each
 * does to the report. Pure: the processor stores and counts.
 *
 * <pre>
 * RECEIVED (接收)      first, once; names the township (of the reference data; the named enterprise's when it
 *                     gives none) and maybe the enterprise
 * ACCEPTED (受理)      after RECEIVED, once
 * REJECTED (不予受理)  after RECEIVED, instead of ACCEPTED; nothing follows it
 * ASSIGNED (交办)      after ACCEPTED or ASSIGNED (a reassignment), before VERIFIED
 * VERIFIED (核查)      after ACCEPTED or ASSIGNED, once; says whether the report was substantiated
 * REPLIED (答复)       after VERIFIED, once (a later REWARDED may still follow)
 * REWARDED (奖励)      after VERIFIED, on a substantiated report; a later REWARDED replaces the amount
 * </pre>
 *
 * Any other order, or a step naming another enterprise than the report's, is refused ({@code impossible-transition}) before anything is written.
 */
public final class ReportSteps {
  private final ReportLimits limits;
  private final Predicate<String> knownTownship;

  /** @param knownTownship whether a townshipId is a township of the reference data */
  public ReportSteps(ReportLimits limits, Predicate<String> knownTownship) {
    this.limits = limits;
    this.knownTownship = knownTownship;
  }

  /**
   * The report after {@code step}; {@code before} is null for a report not yet received.
   *
   * @param enterprise the enterprise the step names, null when it names none
   * @param now the wall clock, for the verification limit
   * @throws InvalidRecordException when the step cannot follow the report's last one
   */
  public ReportState apply(ReportState before, PublicReportEvent step, Enterprise enterprise, long now) {
    PublicReportEventType type = step.getType();
    if (before == null) {
      if (type != PublicReportEventType.RECEIVED) {
        throw refused("report " + step.getReportId() + " was not received yet; a " + type
            + " step needs a RECEIVED one first (and a report naming an enterprise is keyed by it on every step)");
      }
      String township = step.getTownshipId() != null && !step.getTownshipId().isBlank() ? step.getTownshipId()
          : enterprise != null ? enterprise.getTownshipId() : null;
      if (township == null) {
        throw new InvalidRecordException(RejectReason.MISSING_FIELD, "townshipId is required on a RECEIVED step that names"
            + " no enterprise: it fixes the township the report counts in");
      }
      if (!knownTownship.test(township)) {
        throw new InvalidRecordException(RejectReason.INVALID_FIELD,
            "unknown township " + township + ": it is not a township of the reference data");
      }
      ReportState received = ReportState.newBuilder()
          .setReportId(step.getReportId())
          .setEnterpriseId(step.getEnterpriseId())
          .setTownshipId(township)
          .setSectorId(enterprise == null ? null : enterprise.getSectorId())
          .setChannel(step.getChannel())
          .setAnonymous(step.getAnonymous())
          .setContent(step.getContent())
          .setDepartmentId(step.getDepartmentId())
          .setStatus(type)
          .setReceivedAt(step.getOccurredAt())
          .setVerificationDueAt(Instant.EPOCH)
          .setSteps(new ArrayList<>(List.of(step)))
          .build();
      return withClock(received, now);
    }
    if (!Objects.equals(before.getEnterpriseId(), step.getEnterpriseId())) {
      throw refused("report " + step.getReportId() + " was received " + (before.getEnterpriseId() == null
          ? "naming no enterprise" : "naming enterprise " + before.getEnterpriseId())
          + "; a later step cannot name " + (step.getEnterpriseId() == null ? "none" : step.getEnterpriseId()));
    }
    if (before.getRejectedAt() != null) {
      throw refused("report " + step.getReportId() + " was rejected (不予受理); no " + type + " can follow");
    }
    ReportState next = ReportState.newBuilder(before).build();
    Instant at = step.getOccurredAt();
    switch (type) {
      case RECEIVED -> throw refused("report " + step.getReportId() + " was already received; RECEIVED happens only once");
      case ACCEPTED -> {
        need(before.getAcceptedAt() == null, step, "was already accepted; ACCEPTED happens only once");
        next.setAcceptedAt(at);
      }
      case REJECTED -> {
        need(before.getAcceptedAt() == null, step, "was accepted; REJECTED (不予受理) may only follow RECEIVED");
        next.setRejectedAt(at);
      }
      case ASSIGNED -> {
        need(before.getAcceptedAt() != null, step, "was not accepted; ASSIGNED needs ACCEPTED first");
        need(before.getVerifiedAt() == null, step, "was verified; ASSIGNED may only come before VERIFIED");
        next.setAssignedAt(at);
      }
      case VERIFIED -> {
        need(before.getAcceptedAt() != null, step, "was not accepted; VERIFIED needs ACCEPTED (or ASSIGNED) first");
        need(before.getVerifiedAt() == null, step, "was already verified; VERIFIED happens only once");
        next.setVerifiedAt(at);
        next.setSubstantiated(step.getSubstantiated());
        Set<String> hazards = new LinkedHashSet<>();
        step.getHazardIds().forEach(h -> hazards.add(h.toString()));
        next.setHazardIds(new ArrayList<>(hazards));
      }
      case REPLIED -> {
        need(before.getVerifiedAt() != null, step, "was not verified; REPLIED needs VERIFIED first");
        need(before.getRepliedAt() == null, step, "was already replied to; REPLIED happens only once");
        next.setRepliedAt(at);
      }
      case REWARDED -> {
        need(before.getVerifiedAt() != null, step, "was not verified; REWARDED needs VERIFIED first");
        need(Boolean.TRUE.equals(before.getSubstantiated()), step,
            "was found unsubstantiated; only a substantiated report is rewarded");
        next.setRewardedAt(at);
        next.setRewardYuan(step.getRewardYuan());
      }
      default -> throw refused("report " + step.getReportId() + ": unknown step " + type);
    }
    next.setStatus(type);
    if (step.getDepartmentId() != null) {
      next.setDepartmentId(step.getDepartmentId());
    }
    List<PublicReportEvent> steps = new ArrayList<>(before.getSteps());
    steps.add(step);
    next.setSteps(steps);
    return withClock(next, now);
  }

  /** The report with its verification clock read at {@code now}. */
  public ReportState withClock(ReportState r, long now) {
    r.setVerificationDueAt(Instant.ofEpochMilli(limits.verificationDueMs(r)));
    r.setVerificationOverdue(waitingForVerification(r) && now >= limits.verificationDueMs(r));
    return r;
  }

  /** Received, neither rejected nor verified: the verification clock runs. */
  public static boolean waitingForVerification(ReportState r) {
    return r != null && r.getRejectedAt() == null && r.getVerifiedAt() == null;
  }

  private static void need(boolean ok, PublicReportEvent step, String why) {
    if (!ok) {
      throw refused("report " + step.getReportId() + " " + why);
    }
  }

  private static InvalidRecordException refused(String why) {
    return new InvalidRecordException(RejectReason.IMPOSSIBLE_TRANSITION, why);
  }
}
