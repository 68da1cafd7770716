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
import io.fangxian.domain.Park;
import io.fangxian.validate.InvalidRecordException;
import io.fangxian.validate.RejectReason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The closed loop of one hazard (发现—整改—验收—销号): REPORTED → RECTIFICATION_STARTED →
 * RECTIFIED → ENTERPRISE_ACCEPTED → VERIFIED_CLOSED, with DEADLINE_EXTENDED while open. Steps only
 * move forward; a step may be skipped (a hazard fixed on the spot is RECTIFIED without a recorded
 * start), but nothing happens before REPORTED or after VERIFIED_CLOSED, and no step repeats.
 *
 * <ul>
 *   <li>ENTERPRISE_ACCEPTED, the enterprise's own acceptance, closes a GENERAL hazard that is not
 *       under 挂牌督办. A MAJOR hazard is only closed by the department's VERIFIED_CLOSED (核销):
 *       its acceptance is the enterprise's application, and starts the department's review, due
 *       {@code writeOffReviewWithin} later (安全生产事故隐患排查治理暂行规定, 原国家安全监管总局令第16号:
 *       10 days). A supervised GENERAL hazard (a major one re-graded) waits the same way.
 *   <li>RECHECK_FAILED (after RECTIFIED or ENTERPRISE_ACCEPTED) sends the hazard back to
 *       rectification, reopening it if the acceptance had closed it.
 *   <li>SUPERVISION_ASSIGNED puts an open major hazard under 挂牌督办 (again: a new level or department).
 *   <li>REGRADED moves an open hazard between GENERAL and MAJOR; up to MAJOR it is graded like a
 *       report. Down to GENERAL it keeps its supervision on record: only SUPERVISION_LIFTED (摘牌)
 *       ends it, and closes the hazard if the enterprise had already accepted it.
 * </ul>
 *
 * <p>The report also grades the hazard: its category, and the criteria clause it meets (判定依据).
 * A clause the catalogue holds must apply to the enterprise's sector, or the report is refused; a
 * clause it does not hold is kept apart ({@code unknownClauseId}) and the hazard stays unclassified.
 * Category and clause on later steps other than REGRADED are ignored: they describe the hazard, not
 * the step.
 *
 * <p>Four flags follow the wall clock ({@link #withClock}): {@code overdue} (open, not yet
 * rectified, past its deadline: 逾期未整改), {@code verificationOverdue} (rectified but still open
 * past its deadline), {@code supervisionOverdue} (an open major hazard without supervision longer
 * than the rules allow) and {@code writeOffReviewOverdue} (accepted, and the department's review
 * is late).
 */
public final class HazardLifecycle {
  public static final String UNCLASSIFIED = "UNCLASSIFIED";

  private final HazardCriteria criteria;
  private final Duration supervisionDue;
  private final Duration writeOffReviewWithin;

  /**
   * @param supervisionDue how long an open major hazard may go without 挂牌督办 before it is
   *     counted (and alerted) as unsupervised
   * @param writeOffReviewWithin how long the department has to review (核销) a hazard the enterprise
   *     accepted but may not close itself
   */
  public HazardLifecycle(HazardCriteria criteria, Duration supervisionDue, Duration writeOffReviewWithin) {
    this.criteria = criteria;
    this.supervisionDue = supervisionDue;
    this.writeOffReviewWithin = writeOffReviewWithin;
  }

  /** The state after {@code e}, or an {@link InvalidRecordException} if the step is impossible. */
  public HazardState apply(HazardState current, HazardEvent e, Enterprise enterprise, long wallClockMs) {
    HazardEventType type = e.getType();
    if (current == null) {
      if (type != HazardEventType.REPORTED) {
        throw impossible(e, "hazard " + e.getHazardId() + " was never reported");
      }
      return withClock(grade(report(e, enterprise), e.getClauseId()), wallClockMs);
    }
    if (!current.getEnterpriseId().equals(e.getEnterpriseId())) {
      throw impossible(e, "hazard " + e.getHazardId() + " belongs to enterprise " + current.getEnterpriseId());
    }
    if (current.getStatus() == HazardStatus.VERIFIED_CLOSED) {
      throw impossible(e, "hazard " + e.getHazardId() + " is already verified and closed");
    }
    if (!isOpen(current) && type != HazardEventType.VERIFIED_CLOSED && type != HazardEventType.RECHECK_FAILED) {
      throw impossible(e, "hazard " + e.getHazardId() + " was closed by the enterprise's acceptance at "
          + current.getClosedAt() + "; only VERIFIED_CLOSED or RECHECK_FAILED may follow");
    }
    HazardState next = HazardState.newBuilder(current).setLastEventId(e.getEventId())
        .setEventIds(appended(current.getEventIds(), e.getEventId())).setUpdatedAt(e.getOccurredAt()).build();
    Instant at = e.getOccurredAt();
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
      case SUPERVISION_ASSIGNED -> {
        if (!isMajor(current)) {
          throw impossible(e, "hazard " + e.getHazardId() + " is GENERAL; only a major hazard is put under 挂牌督办 "
              + "(REGRADED it to MAJOR first)");
        }
        next.setSupervision(e.getSupervision());
        if (current.getSupervisedAt() == null) {
          next.setSupervisedAt(at);
        }
      }
      case REGRADED -> {
        if (e.getSeverity() == current.getSeverity()) {
          throw impossible(e, "hazard " + e.getHazardId() + " is already " + current.getSeverity());
        }
        next.setSeverity(e.getSeverity());
        next.setRegradedAt(at);
        next.setClauseId(null);
        next.setUnknownClauseId(null);
        if (e.getSeverity() == HazardSeverity.MAJOR) {
          grade(next, e.getClauseId());
        }
      }
      case SUPERVISION_LIFTED -> {
        if (current.getSupervision() == null) {
          throw impossible(e, "hazard " + e.getHazardId() + " is not under 挂牌督办");
        }
        if (isMajor(current)) {
          throw impossible(e, "hazard " + e.getHazardId() + " is MAJOR: its 挂牌督办 ends with the department's "
              + "write-off (VERIFIED_CLOSED); only a hazard re-graded to GENERAL has its supervision lifted on its own");
        }
        next.setSupervision(null);
        next.setSupervisionLiftedAt(at);
        if (current.getStatus() == HazardStatus.ENTERPRISE_ACCEPTED) {
          next.setClosedAt(at); // the acceptance stands; only the supervision held it open
          next.setWriteOffReviewDue(null);
        }
      }
      case RECHECK_FAILED -> {
        if (current.getStatus() != HazardStatus.RECTIFIED && current.getStatus() != HazardStatus.ENTERPRISE_ACCEPTED) {
          throw impossible(e, "hazard " + e.getHazardId() + " is " + current.getStatus()
              + "; a re-check can only fail after RECTIFIED or ENTERPRISE_ACCEPTED");
        }
        next.setStatus(HazardStatus.RECTIFICATION_STARTED);
        next.setRectifiedAt(null);
        next.setAcceptedAt(null);
        next.setClosedAt(null);
        next.setWriteOffReviewDue(null);
        next.setRecheckFailures(current.getRecheckFailures() + 1);
      }
      default -> {
        HazardStatus target = HazardStatus.valueOf(type.name());
        if (target.ordinal() <= current.getStatus().ordinal()) {
          throw impossible(e, "hazard " + e.getHazardId() + " is " + current.getStatus() + "; " + type + " would go back");
        }
        next.setStatus(target);
        switch (target) {
          case RECTIFICATION_STARTED -> next.setRectificationStartedAt(at);
          case RECTIFIED -> next.setRectifiedAt(at);
          case ENTERPRISE_ACCEPTED -> {
            next.setAcceptedAt(at);
            if (current.getRectifiedAt() == null) {
              next.setRectifiedAt(at); // accepting is saying it was rectified
            }
            if (closesOnAcceptance(current)) {
              next.setClosedAt(at);
            } else {
              next.setWriteOffReviewDue(at.plus(writeOffReviewWithin)); // the application for 核销
            }
          }
          case VERIFIED_CLOSED -> {
            if (current.getClosedAt() == null) {
              next.setClosedAt(at);
            }
          }
          default -> { }
        }
      }
    }
    return withClock(next, wallClockMs);
  }

  /** Whether the enterprise's own acceptance closes the hazard: a GENERAL one not under 挂牌督办. */
  public static boolean closesOnAcceptance(HazardState s) {
    return !isMajor(s) && s.getSupervision() == null;
  }

  private static HazardState report(HazardEvent e, Enterprise enterprise) {
    return HazardState.newBuilder()
        .setHazardId(e.getHazardId())
        .setEnterpriseId(e.getEnterpriseId())
        .setEnterpriseName(enterprise.getName())
        .setTownshipId(enterprise.getTownshipId())
        .setSectorId(enterprise.getSectorId())
        .setParkIds(Park.idsOf(enterprise))
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
        .setEventIds(List.of(e.getEventId()))
        .setUpdatedAt(e.getOccurredAt())
        .build();
  }

  private HazardState grade(HazardState s, String clauseId) {
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

  /** Sets the flags that follow the wall clock (see the class comment). */
  public HazardState withClock(HazardState s, long wallClockMs) {
    boolean open = isOpen(s);
    boolean pastDeadline = open && s.getDeadline() != null && s.getDeadline().toEpochMilli() <= wallClockMs;
    boolean rectified = s.getRectifiedAt() != null;
    s.setOverdue(pastDeadline && !rectified);
    s.setVerificationOverdue(pastDeadline && rectified);
    s.setSupervisionOverdue(open && isMajor(s) && s.getSupervision() == null
        && supervisionDueMs(s) <= wallClockMs);
    s.setWriteOffReviewOverdue(open && s.getWriteOffReviewDue() != null
        && s.getWriteOffReviewDue().toEpochMilli() <= wallClockMs);
    return s;
  }

  /**
   * Whether {@code s} was already built from the event of this id: an event sent again. A state
   * written before it kept its eventIds knows only its last one.
   */
  public static boolean applied(HazardState s, String eventId) {
    return s.getEventIds().contains(eventId) || eventId.equals(s.getLastEventId());
  }

  private static List<String> appended(List<String> ids, String id) {
    List<String> all = new ArrayList<>(ids.size() + 1);
    all.addAll(ids);
    all.add(id);
    return all;
  }

  /** When an open major hazard without supervision counts as unsupervised. */
  public long supervisionDueMs(HazardState s) {
    return s.getReportedAt().toEpochMilli() + supervisionDue.toMillis();
  }

  public static boolean isOpen(HazardState s) {
    return s != null && s.getStatus() != HazardStatus.VERIFIED_CLOSED && s.getClosedAt() == null;
  }

  public static boolean isMajor(HazardState s) {
    return s.getSeverity() == HazardSeverity.MAJOR;
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

  private static InvalidRecordException impossible(HazardEvent e, String why) {
    return new InvalidRecordException(RejectReason.IMPOSSIBLE_TRANSITION, e.getType() + " for hazard " + e.getHazardId() + ": " + why);
  }
}
