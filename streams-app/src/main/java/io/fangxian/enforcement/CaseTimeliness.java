package io.fangxian.enforcement;

import io.fangxian.avro.CaseEvent;
import io.fangxian.avro.CaseEventType;
import io.fangxian.avro.internal.CaseState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Was a case's decision in time (行政处罚法 第六十条: within {@code enforcement.decisionLimit} of 立案)?
 * Pure: the bulletin's timeliness ranking (办案及时率) reads it from the cases as they stand.
 *
 * <p>A case is reckoned once, at the earlier of the end of its wait (its first DECIDED, TRANSFERRED
 * or WITHDRAWN step, the steps that end {@code casesDecisionOverdue}) and its due time: in time when
 * the wait ended before it was due, late when the due time came first. A later, corrected decision
 * does not move it. A case still waiting before its due time is not reckoned yet.
 */
public final class CaseTimeliness {
  private CaseTimeliness() { }

  /** @param at when the case was reckoned; {@code inTime} whether its wait ended before it was due */
  public record Reckoning(Instant at, boolean inTime) { }

  /** The first step that ended the case's wait for a decision, or null while it waits. */
  public static Instant waitEndedAt(CaseState c) {
    for (CaseEvent step : c.getSteps()) {
      CaseEventType t = step.getType();
      if (t == CaseEventType.DECIDED || t == CaseEventType.TRANSFERRED || t == CaseEventType.WITHDRAWN) {
        return step.getOccurredAt();
      }
    }
    return null;
  }

  public static Optional<Reckoning> reckon(CaseState c, Duration decisionLimit, Instant now) {
    Instant due = c.getOpenedAt().plus(decisionLimit);
    Instant ended = waitEndedAt(c);
    if (ended != null && ended.isBefore(due)) {
      return ended.isAfter(now) ? Optional.empty() : Optional.of(new Reckoning(ended, true));
    }
    return due.isAfter(now) ? Optional.empty() : Optional.of(new Reckoning(due, false));
  }
}
