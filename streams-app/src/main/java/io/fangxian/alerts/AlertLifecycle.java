package io.fangxian.alerts;

import io.fangxian.avro.Alert;
import io.fangxian.avro.AlertAction;
import io.fangxian.avro.AlertHandling;
import io.fangxian.avro.AlertStatus;
import io.fangxian.config.RulesConfig;
import io.fangxian.domain.ReferenceData;
import io.fangxian.metrics.PipelineMetrics;
import io.fangxian.rules.AlertSignals;
import io.fangxian.store.DueIndex;
import io.fangxian.store.DueKey;
import io.fangxian.store.StoreNames;
import io.fangxian.validate.InvalidRecordException;
import io.fangxian.validate.RejectReason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The alerts of a partition, the one writer of their stores. It turns rule signals into published
 * alerts, keyed by alert key: at most one live alert per key,
 * and a record only when an alert fires, changes level or resolves. Count-based rules (surge,
 * self-report gap) keep a level for at least the hold time before it is lowered or resolved, so a
 * figure moving back and forth across a threshold does not flood the duty officer.
 *
 * <p>Accident alerts ({@link #EXPIRING_RULES}) have no event that ends them: each resolves the
 * accident hold time after it last fired or rose (a resolution waits in the pending store). A
 * correction that lowers an accident's grade lowers its alert at once; a later, lesser accident in
 * the same sector leaves the sector warning as it is.
 *
 * <p>Flapping: an alert that resolved and fires again within the hold time is the same alert: it
 * keeps its first firing time and the handling it had (what was signed for stays signed for).
 * Alerts that gather an enterprise's hazards ({@link #CONVERGED_RULES}) are published again when a
 * hazard joins or leaves them at the same level, so the alerts topic names every hazard.
 *
 * <p>Handling: it applies the actions (签收, 反馈, 核查, 消警) and, by the wall clock, escalates the
 * alerts whose time limits passed. Every change is published as the alert's new record; an
 * escalation as status ESCALATED with {@code handling.escalatedTo}. An action that is not allowed
 * now, or for an alert that does not exist, is a dead letter; a resent action (same actionId)
 * changes nothing.
 */
final class AlertLifecycle implements Processor<String, AlertInput, String, Alert> {
  static final Set<String> HELD_RULES = Set.of(AlertSignals.SURGE, AlertSignals.SELF_REPORT_GAP);
  /** Rules whose alert gathers several hazards of an enterprise: a change in the hazards it names is published. */
  static final Set<String> CONVERGED_RULES = Set.of(AlertSignals.OVERDUE_RECTIFICATION, AlertSignals.KEY_ENTERPRISE);
  static final Duration PENDING_CHECK = Duration.ofSeconds(30);
  static final Duration HANDLING_CHECK = Duration.ofSeconds(30);
  static final Duration RESOLVED_KEPT = Duration.ofDays(7);
  static final Set<String> EXPIRING_RULES =
      Set.of(AlertSignals.ACCIDENT, AlertSignals.ACCIDENT_LATE_REPORT, AlertSignals.ACCIDENT_SUSPECTED_LATE_REPORT,
          AlertSignals.ACCIDENT_SECTOR_WARNING);
  static final Duration DEFAULT_ACCIDENT_HOLD = Duration.ofDays(7);

  private final Duration holdTime;
  private final Duration accidentHoldTime;
  private final RulesConfig rules;
  private final ReferenceData reference;
  private final PipelineMetrics metrics;
  private ProcessorContext<String, Alert> context;
  private KeyValueStore<String, Alert> alerts;
  private KeyValueStore<String, Alert> pending;
  private DueIndex handlingDue;
  private AlertHandlingRules handling;

  AlertLifecycle(RulesConfig rules, ReferenceData reference, PipelineMetrics metrics) {
    this.holdTime = rules.holdTime();
    this.accidentHoldTime = rules.accidents().holdTime();
    this.rules = rules;
    this.reference = reference;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, Alert> context) {
    this.context = context;
    alerts = context.getStateStore(StoreNames.ALERTS);
    pending = context.getStateStore(StoreNames.ALERTS_PENDING);
    handlingDue = new DueIndex(context.getStateStore(StoreNames.ALERT_HANDLING_DUE));
    handling = HandlingContext.rules(context, rules, reference);
    context.schedule(PENDING_CHECK, PunctuationType.WALL_CLOCK_TIME, this::applyPending);
    context.schedule(Duration.ofHours(1), PunctuationType.WALL_CLOCK_TIME, this::forgetOldResolved);
    context.schedule(HANDLING_CHECK, PunctuationType.WALL_CLOCK_TIME, this::escalateDue);
  }

  @Override
  public void process(Record<String, AlertInput> record) {
    long now = context.currentSystemTimeMs();
    if (record.value().action() != null) {
      act(record.value().action(), now);
    } else {
      signal(record.value().signal(), now);
    }
  }

  private void signal(Alert signal, long now) {
    Alert current = alerts.get(signal.getAlertKey());
    boolean live = current != null && current.getStatus() != AlertStatus.RESOLVED;
    if (signal.getStatus() == AlertStatus.RESOLVED) {
      if (!live) {
        forgetPending(signal.getAlertKey());
      } else if (held(current, now)) {
        publish(resolved(current, signal, now), now);
      } else {
        pending.put(signal.getAlertKey(), signal);
      }
      return;
    }
    if (!live) {
      boolean flapping = flapping(current, now);
      Alert fired = copy(signal, AlertStatus.FIRING, null,
          flapping ? current.getFirstFiredAt() : Instant.ofEpochMilli(now), now);
      AlertHandling unfinished = current == null ? null : current.getHandling();
      fired.setHandling(AlertHandlingRules.isOpen(unfinished) ? AlertHandlingRules.carry(unfinished, fired, false)
          : flapping && AlertHandlingRules.resumable(unfinished) ? AlertHandlingRules.resume(unfinished, fired)
          : handling.start(fired, now));
      Long due = AlertHandlingRules.nextDue(fired.getHandling(), now);
      if (due != null) {
        handlingDue.put(due, fired.getAlertKey());
      }
      publish(fired, now);
    } else if (signal.getLevel().ordinal() > current.getLevel().ordinal()) {
      publish(carried(current, copy(signal, AlertStatus.ESCALATED, current.getLevel(), current.getFirstFiredAt(), now)), now);
    } else if (signal.getLevel() == current.getLevel()) {
      if (!EXPIRING_RULES.contains(signal.getRule())) {
        forgetPending(signal.getAlertKey());
      }
      if (CONVERGED_RULES.contains(signal.getRule())
          && !signal.getEvidence().getHazardIds().equals(current.getEvidence().getHazardIds())) {
        // Same level, but a hazard joined or left the enterprise's alert: publish what it is made of now.
        publish(carried(current, copy(signal, current.getStatus(), current.getPreviousLevel(), current.getFirstFiredAt(), now)), now);
        return;
      }
      // Same level: keep the latest evidence for queries, publish nothing; the same evidence is not written again.
      Alert latest = carried(current, copy(signal, current.getStatus(), current.getPreviousLevel(),
          current.getFirstFiredAt(), current.getEmittedAt().toEpochMilli()));
      if (!latest.equals(current)) {
        alerts.put(signal.getAlertKey(), latest);
      }
    } else if (AlertSignals.ACCIDENT_SECTOR_WARNING.equals(signal.getRule())) {
      return; // a lesser accident in the sector: the warning for the worse one stands
    } else if (held(current, now)) {
      publish(carried(current, copy(signal, AlertStatus.DE_ESCALATED, current.getLevel(), current.getFirstFiredAt(), now)), now);
    } else {
      pending.put(signal.getAlertKey(), signal);
    }
  }

  /**
   * Whether a signal firing for an alert that resolved is the same alert coming back (flapping):
   * within the hold time since it resolved. It keeps its first firing time and its handling.
   * Accident alerts end by the clock and are left out.
   */
  private boolean flapping(Alert current, long now) {
    return current != null && current.getStatus() == AlertStatus.RESOLVED && !EXPIRING_RULES.contains(current.getRule())
        && now - current.getEmittedAt().toEpochMilli() < holdTime.toMillis();
  }

  /** The next record of an alert with the handling it had. */
  private static Alert carried(Alert current, Alert next) {
    next.setHandling(AlertHandlingRules.carry(current.getHandling(), next, next.getStatus() == AlertStatus.RESOLVED));
    return next;
  }

  /** Most signals have nothing pending: a read is cheaper than a tombstone in the changelog. */
  private void forgetPending(String alertKey) {
    if (pending.get(alertKey) != null) {
      pending.delete(alertKey);
    }
  }

  private boolean held(Alert current, long now) {
    return !HELD_RULES.contains(current.getRule()) || now - current.getEmittedAt().toEpochMilli() >= holdTime.toMillis();
  }

  private void applyPending(long now) {
    List<KeyValue<String, Alert>> waiting = new ArrayList<>();
    try (KeyValueIterator<String, Alert> it = pending.all()) {
      it.forEachRemaining(waiting::add);
    }
    for (KeyValue<String, Alert> entry : waiting) {
      Alert current = alerts.get(entry.key);
      if (current == null || current.getStatus() == AlertStatus.RESOLVED) {
        pending.delete(entry.key);
      } else if (EXPIRING_RULES.contains(current.getRule())) {
        if (now - current.getEmittedAt().toEpochMilli() >= accidentHoldTime.toMillis()) {
          publish(resolved(current, entry.value, now), now);
        }
      } else if (held(current, now)) {
        pending.delete(entry.key);
        Alert signal = entry.value;
        publish(signal.getStatus() == AlertStatus.RESOLVED
            ? resolved(current, signal, now)
            : carried(current, copy(signal, AlertStatus.DE_ESCALATED, current.getLevel(), current.getFirstFiredAt(), now)), now);
      }
    }
  }

  private void forgetOldResolved(long now) {
    List<String> old = new ArrayList<>();
    try (KeyValueIterator<String, Alert> it = alerts.all()) {
      it.forEachRemaining(kv -> {
        if (kv.value.getStatus() == AlertStatus.RESOLVED && !AlertHandlingRules.isOpen(kv.value.getHandling())
            && now - kv.value.getEmittedAt().toEpochMilli() > RESOLVED_KEPT.toMillis()) {
          old.add(kv.key);
        }
      });
    }
    old.forEach(alerts::delete);
  }

  /** The resolution that ends an accident alert once the hold time has passed since it was published. */
  private static Alert expiry(Alert alert, Duration hold) {
    return Alert.newBuilder(alert).setStatus(AlertStatus.RESOLVED)
        .setHandling(AlertHandlingRules.carry(alert.getHandling(), alert, true))
        .setTitleZh(alert.getTitleZh() + "解除")
        .setMessageZh(alert.getMessageZh() + "(发布或升级后满 " + hold.toDays() + " 天,预警解除)")
        .setTitleEn(alert.getTitleEn() == null ? null : alert.getTitleEn() + ": over")
        .setMessageEn(alert.getMessageEn() == null ? null : alert.getMessageEn() + " (resolved " + hold.toDays()
            + " days after it was published)")
        .build();
  }

  private static Alert resolved(Alert current, Alert signal, long now) {
    Alert r = copy(signal, AlertStatus.RESOLVED, current.getLevel(), current.getFirstFiredAt(), now);
    r.setLevel(current.getLevel());
    r.setSupervisor(current.getSupervisor());
    return carried(current, r);
  }

  private static Alert copy(Alert signal, AlertStatus status, io.fangxian.avro.WarningLevel previous,
      Instant firstFiredAt, long emittedAt) {
    return Alert.newBuilder(signal).setStatus(status).setPreviousLevel(previous)
        .setFirstFiredAt(firstFiredAt).setEmittedAt(Instant.ofEpochMilli(emittedAt)).build();
  }

  private void act(AlertAction action, long now) {
    Alert current = alerts.get(action.getAlertKey());
    if (current == null) {
      throw new InvalidRecordException(RejectReason.IMPOSSIBLE_TRANSITION, "no alert " + action.getAlertKey()
          + " (it never fired, or was resolved and forgotten)");
    }
    AlertHandling h = current.getHandling();
    if (AlertHandlingRules.seen(h, action.getActionId())) {
      return;
    }
    Optional<String> refusal = AlertHandlingRules.refusal(h, action.getAction());
    if (refusal.isPresent()) {
      throw new InvalidRecordException(RejectReason.IMPOSSIBLE_TRANSITION, "alert " + action.getAlertKey() + ": "
          + refusal.get());
    }
    // emittedAt stays: it times the rule's own hold (a level is kept, an accident alert expires);
    // the handling history says when each step was taken.
    Alert next = Alert.newBuilder(current).setHandling(AlertHandlingRules.apply(h, action)).build();
    alerts.put(next.getAlertKey(), next);
    context.forward(new Record<>(next.getAlertKey(), next, now));
  }

  private void escalateDue(long now) {
    for (KeyValue<DueKey, String> entry : handlingDue.due(now)) {
      handlingDue.delete(entry.key.dueMs(), entry.value);
      Alert current = alerts.get(entry.value);
      if (current == null) {
        continue;
      }
      Optional<AlertHandling> escalated = handling.escalate(current, now);
      AlertHandling h = escalated.orElse(current.getHandling());
      Long next = AlertHandlingRules.nextDue(h, now);
      if (next != null) {
        handlingDue.put(next, current.getAlertKey());
      }
      if (escalated.isPresent()) {
        // A resolved alert that must still be closed stays RESOLVED: only who answers for it changes.
        AlertStatus status = current.getStatus() == AlertStatus.RESOLVED ? AlertStatus.RESOLVED : AlertStatus.ESCALATED;
        Alert alert = Alert.newBuilder(current).setHandling(h).setStatus(status)
            .setPreviousLevel(current.getLevel()).build();
        alerts.put(alert.getAlertKey(), alert);
        context.forward(new Record<>(alert.getAlertKey(), alert, now));
      }
    }
  }

  private void publish(Alert alert, long now) {
    if (EXPIRING_RULES.contains(alert.getRule())) {
      if (alert.getStatus() == AlertStatus.RESOLVED) {
        forgetPending(alert.getAlertKey());
      } else {
        pending.put(alert.getAlertKey(), expiry(alert, accidentHoldTime));
      }
    }
    alerts.put(alert.getAlertKey(), alert);
    context.forward(new Record<>(alert.getAlertKey(), alert, now));
    metrics.alertPublished(alert, now - alert.getTriggeredAt().toEpochMilli());
  }
}
