package io.fangxian.enforcement;

import io.fangxian.avro.CaseEvent;
import io.fangxian.avro.CaseEventType;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.Penalty;
import io.fangxian.avro.PenaltyKind;
import io.fangxian.avro.internal.CaseState;
import io.fangxian.domain.Park;
import io.fangxian.validate.InvalidRecordException;
import io.fangxian.validate.RejectReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order of a case's steps (行政处罚 procedure) and what each does to the case. Pure: the
 * processor stores and counts.
 *
 * <pre>
 * OPENED (立案)          first, once
 * DECIDED (处罚决定)     after OPENED; a later DECIDED replaces the earlier decision exactly
 * TRANSFERRED (移送)     after OPENED or DECIDED
 * CLOSED (结案)          after DECIDED or TRANSFERRED
 * WITHDRAWN (撤销立案)   after OPENED only: withdrawing or not penalising is in place of a decision
 * </pre>
 *
 * Any other order, or a step naming another enterprise than the case's, is refused
 * ({@code impossible-transition}) before anything is written.
 */
public final class CaseSteps {
  static final Map<CaseEventType, Set<CaseEventType>> ALLOWED_AFTER = Map.of(
      CaseEventType.DECIDED, EnumSet.of(CaseEventType.OPENED, CaseEventType.DECIDED),
      CaseEventType.TRANSFERRED, EnumSet.of(CaseEventType.OPENED, CaseEventType.DECIDED),
      CaseEventType.CLOSED, EnumSet.of(CaseEventType.DECIDED, CaseEventType.TRANSFERRED),
      CaseEventType.WITHDRAWN, EnumSet.of(CaseEventType.OPENED));

  private final Duration decisionLimit;

  public CaseSteps(Duration decisionLimit) {
    this.decisionLimit = decisionLimit;
  }

  /**
   * The case after {@code step}; {@code before} is null for a case not yet opened.
   *
   * @param now the wall clock, for the decision limit
   * @throws InvalidRecordException when the step cannot follow the case's last one
   */
  public CaseState apply(CaseState before, CaseEvent step, Enterprise enterprise, long now) {
    CaseEventType type = step.getType();
    if (before == null) {
      if (type != CaseEventType.OPENED) {
        throw refused(step, "case " + step.getCaseId() + " was not opened (立案) yet; a " + type
            + " step needs an OPENED one first");
      }
      CaseState opened = CaseState.newBuilder()
          .setCaseId(step.getCaseId()).setEnterpriseId(step.getEnterpriseId())
          .setTownshipId(enterprise.getTownshipId()).setSectorId(enterprise.getSectorId())
          .setParkIds(Park.idsOf(enterprise))
          .setGridId(enterprise.getGridId() == null || enterprise.getGridId().isBlank() ? null : enterprise.getGridId())
          .setDepartmentId(step.getDepartmentId())
          .setStatus(CaseEventType.OPENED)
          .setOpenedAt(step.getOccurredAt())
          .setHazardIds(new ArrayList<>(named(List.of(), step)))
          .setSteps(new ArrayList<>(List.of(step)))
          .build();
      return withClock(opened, now);
    }
    if (!before.getEnterpriseId().equals(step.getEnterpriseId())) {
      throw refused(step, "case " + step.getCaseId() + " was opened against enterprise " + before.getEnterpriseId()
          + "; a step cannot move it to " + step.getEnterpriseId());
    }
    Set<CaseEventType> after = ALLOWED_AFTER.get(type);
    if (after == null || !after.contains(before.getStatus())) {
      throw refused(step, "case " + step.getCaseId() + " is " + before.getStatus() + "; " + type
          + (type == CaseEventType.OPENED ? " happens only once" : " may follow only " + after));
    }
    CaseState next = CaseState.newBuilder(before).build();
    next.setStatus(type);
    if (step.getDepartmentId() != null) {
      next.setDepartmentId(step.getDepartmentId());
    }
    next.setHazardIds(new ArrayList<>(named(before.getHazardIds(), step)));
    List<CaseEvent> steps = new ArrayList<>(before.getSteps());
    steps.add(step);
    next.setSteps(steps);
    switch (type) {
      case DECIDED -> {
        next.setDecidedAt(step.getOccurredAt());
        next.setPenaltyYuan(penaltyYuan(step.getPenalties()));
        next.setDailyFine(step.getPenalties().stream().anyMatch(p -> p.getKind() == PenaltyKind.DAILY_FINE));
      }
      case TRANSFERRED -> next.setTransferredAt(step.getOccurredAt());
      case CLOSED, WITHDRAWN -> next.setEndedAt(step.getOccurredAt());
      default -> { }
    }
    return withClock(next, now);
  }

  /** The case with its decision clock read at {@code now}: overdue while it waits for a decision past the limit. */
  public CaseState withClock(CaseState c, long now) {
    c.setDecisionDueAt(c.getOpenedAt().plus(decisionLimit));
    Long due = decisionDueMs(c);
    c.setDecisionOverdue(due != null && now >= due);
    return c;
  }

  /** When the case's decision falls due, null when it no longer waits for one (decided, transferred, withdrawn or closed). */
  public Long decisionDueMs(CaseState c) {
    return c.getStatus() == CaseEventType.OPENED ? c.getOpenedAt().plus(decisionLimit).toEpochMilli() : null;
  }

  public static double penaltyYuan(List<Penalty> penalties) {
    double sum = 0;
    for (Penalty p : penalties) {
      sum += p.getAmountYuan() == null ? 0.0 : p.getAmountYuan();
    }
    return sum;
  }

  public static boolean open(CaseState c) {
    return c != null && c.getStatus() != CaseEventType.CLOSED && c.getStatus() != CaseEventType.WITHDRAWN;
  }

  /** The hazards named so far: a step may name more; none is taken back. */
  private static Set<String> named(List<String> before, CaseEvent step) {
    Set<String> all = new LinkedHashSet<>(before);
    step.getHazardIds().forEach(h -> all.add(h.toString()));
    return all;
  }

  private static InvalidRecordException refused(CaseEvent step, String why) {
    return new InvalidRecordException(RejectReason.IMPOSSIBLE_TRANSITION, why);
  }
}
