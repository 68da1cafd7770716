package io.fangxian.alerts;

import io.fangxian.avro.Alert;
import io.fangxian.avro.AlertAction;
import io.fangxian.avro.AlertActionType;
import io.fangxian.avro.AlertHandling;
import io.fangxian.avro.HandlingEntry;
import io.fangxian.avro.HandlingState;
import io.fangxian.avro.WarningLevel;
import io.fangxian.config.RulesConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The closed loop of an alert (推送 → 签收 → 反馈 → 核查 → 消警): ACKNOWLEDGE, then FEEDBACK (may
 * repeat), then VERIFY, then CLOSE, each only in its turn. Each level has time limits to acknowledge
 * and to feed back, counted from when the alert fired; each limit missed moves the alert one step
 * up the {@link ResponsibilityChain}. A RED or ORANGE alert must be closed even when its cause is
 * gone; a lower one that resolves needs nothing more. Pure functions.
 */
public final class AlertHandlingRules {
  private static final Map<AlertActionType, HandlingState> AFTER = Map.of(
      AlertActionType.ACKNOWLEDGE, HandlingState.ACKNOWLEDGED,
      AlertActionType.FEEDBACK, HandlingState.FEEDBACK_GIVEN,
      AlertActionType.VERIFY, HandlingState.VERIFIED,
      AlertActionType.CLOSE, HandlingState.CLOSED);

  private final Map<WarningLevel, RulesConfig.HandlingLimits> limits;
  private final ResponsibilityChain chain;

  public AlertHandlingRules(Map<WarningLevel, RulesConfig.HandlingLimits> limits, ResponsibilityChain chain) {
    this.limits = limits;
    this.chain = chain;
  }

  /** The handling of an alert that has just fired: waiting to be acknowledged by the first in the chain. */
  public AlertHandling start(Alert fired, long nowMs) {
    RulesConfig.HandlingLimits l = limits.get(fired.getLevel());
    Person first = chain.first(fired.getRule(), fired.getSubject());
    Instant now = Instant.ofEpochMilli(nowMs);
    return AlertHandling.newBuilder()
        .setState(HandlingState.UNACKNOWLEDGED)
        .setResponsible(first.name()).setResponsibleRole(first.role())
        .setEscalationStep(ResponsibilityChain.firstStep(fired.getRule()))
        .setAcknowledgeBy(now.plus(l.acknowledgeWithin())).setFeedbackBy(now.plus(l.feedbackWithin()))
        .setCloseRequired(mustClose(fired.getLevel())).setEscalatedTo(null).setHistory(new ArrayList<>())
        .build();
  }

  /** RED and ORANGE alerts are closed by someone, even when their cause is gone. */
  public static boolean mustClose(WarningLevel level) {
    return level == WarningLevel.RED || level == WarningLevel.ORANGE;
  }

  /** The handling carried to a new record of the same alert (a level change or a resolution). */
  public static AlertHandling carry(AlertHandling h, Alert next, boolean resolved) {
    if (h == null) {
      return null;
    }
    AlertHandling c = AlertHandling.newBuilder(h).setEscalatedTo(null)
        .setCloseRequired(h.getCloseRequired() || mustClose(next.getLevel())).build();
    if (resolved && !c.getCloseRequired() && isOpen(c)) {
      c.setState(HandlingState.NOT_REQUIRED);
    }
    return c;
  }

  /**
   * Whether the handling of a resolved alert can be taken up again when the alert flaps back: it
   * ended because the alert resolved (NOT_REQUIRED), not because someone closed it (消警).
   */
  public static boolean resumable(AlertHandling h) {
    return h != null && h.getState() == HandlingState.NOT_REQUIRED;
  }

  /**
   * The handling of an alert that flapped back: in the state its last action left it (UNACKNOWLEDGED
   * if none was taken), with the same person, limits and history.
   */
  public static AlertHandling resume(AlertHandling h, Alert next) {
    HandlingState state = HandlingState.UNACKNOWLEDGED;
    for (var entry : h.getHistory()) {
      for (Map.Entry<AlertActionType, HandlingState> step : AFTER.entrySet()) {
        if (step.getKey().name().equals(String.valueOf(entry.getAction()))) {
          state = step.getValue();
        }
      }
    }
    return AlertHandling.newBuilder(h).setState(state).setEscalatedTo(null)
        .setCloseRequired(h.getCloseRequired() || mustClose(next.getLevel())).build();
  }

  public static boolean isOpen(AlertHandling h) {
    return h != null && h.getState() != HandlingState.CLOSED && h.getState() != HandlingState.NOT_REQUIRED;
  }

  /** Why {@code action} may not be taken in {@code state}; empty when it may. */
  public static Optional<String> refusal(AlertHandling h, AlertActionType action) {
    return refusal(h == null ? HandlingState.NOT_REQUIRED : h.getState(), action);
  }

  /** Why {@code action} may not be taken in {@code state}; empty when it may. */
  public static Optional<String> refusal(HandlingState state, AlertActionType action) {
    boolean ok = switch (action) {
      case ACKNOWLEDGE -> state == HandlingState.UNACKNOWLEDGED;
      case FEEDBACK -> state == HandlingState.ACKNOWLEDGED || state == HandlingState.FEEDBACK_GIVEN;
      case VERIFY -> state == HandlingState.FEEDBACK_GIVEN;
      case CLOSE -> state == HandlingState.VERIFIED;
      default -> false;
    };
    return ok ? Optional.empty() : Optional.of(action + " is not allowed while the alert is " + state
        + "; the order is ACKNOWLEDGE, FEEDBACK (may repeat), VERIFY, CLOSE" + next(state));
  }

  private static String next(HandlingState state) {
    return switch (state) {
      case UNACKNOWLEDGED -> "; next: ACKNOWLEDGE";
      case ACKNOWLEDGED -> "; next: FEEDBACK";
      case FEEDBACK_GIVEN -> "; next: FEEDBACK or VERIFY";
      case VERIFIED -> "; next: CLOSE";
      default -> "; nothing more is needed";
    };
  }

  /** Whether the action was already applied (a resend). */
  public static boolean seen(AlertHandling h, String actionId) {
    return h != null && h.getHistory().stream().anyMatch(e -> e.getActionId().equals(actionId));
  }

  /** The handling after an allowed action. */
  public static AlertHandling apply(AlertHandling h, AlertAction a) {
    List<HandlingEntry> history = new ArrayList<>(h.getHistory());
    history.add(new HandlingEntry(a.getActionId(), a.getAction().name(), a.getBy(), a.getAt(), a.getNote()));
    return AlertHandling.newBuilder(h).setState(AFTER.get(a.getAction())).setEscalatedTo(null).setHistory(history).build();
  }

  /**
   * The handling after the wall clock reached {@code nowMs}: one step up the chain for each limit
   * missed (acknowledge, feed back), or empty when that changes nothing.
   */
  public Optional<AlertHandling> escalate(Alert alert, long nowMs) {
    AlertHandling h = alert.getHandling();
    if (!isOpen(h) || h.getEscalationStep() >= ResponsibilityChain.LAST_STEP) {
      return Optional.empty();
    }
    // A limit counts as missed when it passed before its step was taken (a late step still missed it).
    int missed = (missed(h, "ACKNOWLEDGE", h.getAcknowledgeBy(), nowMs) ? 1 : 0)
        + (missed(h, "FEEDBACK", h.getFeedbackBy(), nowMs) ? 1 : 0);
    int step = Math.min(ResponsibilityChain.LAST_STEP, ResponsibilityChain.firstStep(alert.getRule()) + missed);
    if (step <= h.getEscalationStep()) {
      return Optional.empty();
    }
    Person p = chain.at(step, alert.getSubject());
    List<HandlingEntry> history = new ArrayList<>(h.getHistory());
    history.add(new HandlingEntry("escalation-" + step, "ESCALATED", p.name(), Instant.ofEpochMilli(nowMs),
        (missed == 1 ? "未按时签收" : "未按时反馈") + ",升级至" + p.role() + " " + p.name()));
    return Optional.of(AlertHandling.newBuilder(h).setEscalationStep(step).setResponsible(p.name())
        .setResponsibleRole(p.role()).setEscalatedTo(p.name()).setHistory(history).build());
  }

  private static boolean missed(AlertHandling h, String step, Instant limit, long nowMs) {
    if (limit.toEpochMilli() > nowMs) {
      return false;
    }
    return h.getHistory().stream().filter(e -> e.getAction().equals(step)).findFirst()
        .map(e -> e.getAt().isAfter(limit)).orElse(true);
  }

  /** When the handling must be looked at again: the next limit still ahead, or null. */
  public static Long nextDue(AlertHandling h, long afterMs) {
    if (!isOpen(h)) {
      return null;
    }
    for (Instant t : List.of(h.getAcknowledgeBy(), h.getFeedbackBy())) {
      if (t.toEpochMilli() > afterMs) {
        return t.toEpochMilli();
      }
    }
    return null;
  }

}
