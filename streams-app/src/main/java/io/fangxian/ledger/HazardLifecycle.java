package io.fangxian.ledger;

import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardCategory;
import io.fangxian.avro.HazardEvent;
import io.fangxian.avro.HazardEventType;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardState;
import io.fangxian.avro.HazardStatus;
import io.fangxian.domain.Clause;
import io.fangxian.domain.HazardCriteria;
import io.fangxian.validate.InvalidRecordException;
import io.fangxian.validate.RejectReason;
import java.time.Instant;

/**
 * The closed loop of one hazard (发现—整改—验收—销号): REPORTED → RECTIFICATION_STARTED →
 * RECTIFIED → VERIFIED_CLOSED, with DEADLINE_EXTENDED while open. Steps only move forward; a step
 * may be skipped (a hazard fixed on the spot is RECTIFIED without a recorded start), but nothing
 * happens before REPORTED or after VERIFIED_CLOSED, and no step repeats. Pure functions.
 *
 * <p>The report also grades the hazard: its category, and the criteria clause it meets (判定依据).
 * A clause the catalogue holds must apply to the enterprise's sector, or the report is refused; a
 * clause it does not hold is kept apart ({@code unknownClauseId}) and the hazard stays unclassified.
 * Category and clause on later steps are ignored: they describe the hazard, not the step.
 */
public final class HazardLifecycle {
  private HazardLifecycle() { }

  /** The state after {@code e}, or an {@link InvalidRecordException} if the step is impossible. */
  public static HazardState apply(HazardState current, HazardEvent e, Enterprise enterprise, HazardCriteria criteria,
      long wallClockMs) {
    HazardEventType type = e.getType();
    if (current == null) {
      if (type != HazardEventType.REPORTED) {
        throw impossible(e, "hazard " + e.getHazardId() + " was never reported");
      }
      return withOverdue(grade(report(e, enterprise), e.getClauseId(), criteria), wallClockMs);
    }
    if (!current.getEnterpriseId().equals(e.getEnterpriseId())) {
      throw impossible(e, "hazard " + e.getHazardId() + " belongs to enterprise " + current.getEnterpriseId());
    }
    if (current.getStatus() == HazardStatus.VERIFIED_CLOSED) {
      throw impossible(e, "hazard " + e.getHazardId() + " is already verified and closed");
    }
    HazardState next = HazardState.newBuilder(current).setLastEventId(e.getEventId()).setUpdatedAt(e.getOccurredAt()).build();
    switch (type) {
      case REPORTED -> throw impossible(e, "hazard " + e.getHazardId() + " was already reported");
      case DEADLINE_EXTENDED -> {
        Instant deadline = e.getDeadline();
        if (current.getDeadline() != null && !deadline.isAfter(current.getDeadline())) {
          throw impossible(e, "new deadline " + deadline + " is not after the current one " + current.getDeadline());
        }
        next.setDeadline(deadline);
        next.setDeadlineExtensions(current.getDeadlineExtensions() + 1);
      }
      default -> {
        HazardStatus target = HazardStatus.valueOf(type.name());
        if (target.ordinal() <= current.getStatus().ordinal()) {
          throw impossible(e, "hazard " + e.getHazardId() + " is " + current.getStatus() + "; " + type + " would go back");
        }
        next.setStatus(target);
        switch (target) {
          case RECTIFICATION_STARTED -> next.setRectificationStartedAt(e.getOccurredAt());
          case RECTIFIED -> next.setRectifiedAt(e.getOccurredAt());
          case VERIFIED_CLOSED -> next.setClosedAt(e.getOccurredAt());
          default -> { }
        }
      }
    }
    return withOverdue(next, wallClockMs);
  }

  private static HazardState report(HazardEvent e, Enterprise enterprise) {
    return HazardState.newBuilder()
        .setHazardId(e.getHazardId())
        .setEnterpriseId(e.getEnterpriseId())
        .setEnterpriseName(enterprise.getName())
        .setTownshipId(enterprise.getTownshipId())
        .setSectorId(enterprise.getSectorId())
        .setStatus(HazardStatus.REPORTED)
        .setSeverity(e.getSeverity())
        .setSource(e.getSource())
        .setDescription(e.getDescription())
        .setCategory(e.getCategory())
        .setReportedAt(e.getOccurredAt())
        .setOriginalDeadline(e.getDeadline())
        .setDeadline(e.getDeadline())
        .setRiskLevel(enterprise.getRiskLevel())
        .setKeySupervised(enterprise.getKeySupervised())
        .setInChemicalZone(enterprise.getInChemicalZone())
        .setSupervisor(enterprise.getSupervisor())
        .setLastEventId(e.getEventId())
        .setUpdatedAt(e.getOccurredAt())
        .build();
  }

  private static HazardState grade(HazardState s, String clauseId, HazardCriteria criteria) {
    if (clauseId == null || clauseId.isBlank()) {
      return s;
    }
    String id = clauseId.trim();
    Clause clause = criteria.clause(id).orElse(null);
    if (clause == null) {
      s.setUnknownClauseId(id);
    } else if (!clause.appliesTo(s.getSectorId())) {
      throw new InvalidRecordException(RejectReason.CLAUSE_NOT_FOR_SECTOR, "hazard " + s.getHazardId() + " cites "
          + id + " (" + clause.standard() + " " + clause.article() + "), which applies to the sectors "
          + String.join(", ", clause.sectors().stream().sorted().toList()) + ", not to " + s.getSectorId()
          + ", the sector of enterprise " + s.getEnterpriseId() + "; cite a clause of that sector's standard");
    } else {
      s.setClauseId(id);
    }
    return s;
  }

  /** A major hazard without a clause the catalogue knows: accepted, but flagged. */
  public static boolean isUnclassifiedMajor(HazardState s) {
    return isMajor(s) && s.getClauseId() == null;
  }

  /** The category as figures count it: UNCLASSIFIED when the report gave none (and for v1 records). */
  public static String categoryKey(HazardState s) {
    HazardCategory c = s.getCategory();
    return c == null || c == HazardCategory.UNKNOWN ? UNCLASSIFIED : c.name();
  }

  public static final String UNCLASSIFIED = "UNCLASSIFIED";

  /** Sets the overdue flag from the wall clock: open and past its (possibly extended) deadline. */
  public static HazardState withOverdue(HazardState s, long wallClockMs) {
    s.setOverdue(isOpen(s) && s.getDeadline() != null && s.getDeadline().toEpochMilli() <= wallClockMs);
    return s;
  }

  public static boolean isOpen(HazardState s) {
    return s != null && s.getStatus() != HazardStatus.VERIFIED_CLOSED;
  }

  public static boolean isMajor(HazardState s) {
    return s.getSeverity() == HazardSeverity.MAJOR;
  }

  private static InvalidRecordException impossible(HazardEvent e, String why) {
    return new InvalidRecordException(RejectReason.IMPOSSIBLE_TRANSITION, e.getType() + " for hazard " + e.getHazardId() + ": " + why);
  }
}
