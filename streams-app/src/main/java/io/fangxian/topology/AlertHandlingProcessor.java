package io.fangxian.topology;

import io.fangxian.avro.Alert;
import io.fangxian.avro.AlertAction;
import io.fangxian.avro.AlertHandling;
import io.fangxian.avro.AlertStatus;
import io.fangxian.config.RulesConfig;
import io.fangxian.domain.ReferenceData;
import io.fangxian.handling.AlertHandlingRules;
import io.fangxian.store.DueKey;
import io.fangxian.validate.InvalidRecordException;
import io.fangxian.validate.RejectReason;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies handling actions (签收, 反馈, 核查, 消警) to the alerts of its partition and, by the wall
 * clock, escalates those whose time limits passed. Every change is published as the alert's new
 * record; an escalation as status ESCALATED with {@code handling.escalatedTo}. An action that is not
 * allowed now, or for an alert that does not exist, is a dead letter; a resent action (same
 * actionId) changes nothing.
 */
final class AlertHandlingProcessor implements Processor<String, AlertAction, String, Alert> {
  static final Duration CHECK = Duration.ofSeconds(30);

  private final RulesConfig rules;
  private final ReferenceData reference;
  private ProcessorContext<String, Alert> context;
  private KeyValueStore<String, Alert> alerts;
  private KeyValueStore<DueKey, String> due;
  private AlertHandlingRules handling;

  AlertHandlingProcessor(RulesConfig rules, ReferenceData reference) {
    this.rules = rules;
    this.reference = reference;
  }

  @Override
  public void init(ProcessorContext<String, Alert> context) {
    this.context = context;
    alerts = context.getStateStore(StoreNames.ALERTS);
    due = context.getStateStore(StoreNames.ALERT_HANDLING_DUE);
    handling = HandlingContext.rules(context, rules, reference);
    context.schedule(CHECK, PunctuationType.WALL_CLOCK_TIME, this::escalateDue);
  }

  @Override
  public void process(Record<String, AlertAction> record) {
    AlertAction action = record.value();
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
    long now = context.currentSystemTimeMs();
    // emittedAt stays: it times the rule's own hold (a level is kept, an accident alert expires);
    // the handling history says when each step was taken.
    Alert next = Alert.newBuilder(current).setHandling(AlertHandlingRules.apply(h, action)).build();
    alerts.put(next.getAlertKey(), next);
    context.forward(new Record<>(next.getAlertKey(), next, now));
  }

  private void escalateDue(long now) {
    for (KeyValue<DueKey, String> entry : DueEntries.upTo(due, DueKey.FIRST, DueKey.throughMs(now))) {
      due.delete(entry.key);
      Alert current = alerts.get(entry.value);
      if (current == null) {
        continue;
      }
      Optional<AlertHandling> escalated = handling.escalate(current, now);
      AlertHandling h = escalated.orElse(current.getHandling());
      Long next = AlertHandlingRules.nextDue(h, now);
      if (next != null) {
        due.put(new DueKey(next, current.getAlertKey()), current.getAlertKey());
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
}
