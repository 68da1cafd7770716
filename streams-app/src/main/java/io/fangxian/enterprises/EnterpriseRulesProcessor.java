package io.fangxian.enterprises;

import io.fangxian.avro.Alert;
import io.fangxian.avro.AlertStatus;
import io.fangxian.avro.Enterprise;
import io.fangxian.config.RulesConfig;
import io.fangxian.store.CheckKey;
import io.fangxian.store.StoreNames;
import io.fangxian.store.ViolationEntry;
import io.fangxian.store.ViolationKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The rules about one enterprise (see {@link EnterpriseRules}), per enterprise partition: repeat
 * violator, from the violations it remembers per enterprise, and self-inspection lapse, from the
 * time each key-area enterprise last self-inspected, or was first named by the reference data. What
 * falls due by the wall clock (a lapse, a violation leaving the window) is found through an index
 * sorted by due time. Emits signals keyed by alert key.
 */
final class EnterpriseRulesProcessor extends ContextualProcessor<String, EnterpriseActivity, String, Alert> {
  private final Duration checkInterval;
  private final RulesConfig rules;
  private final EnterpriseRules enterpriseRules;
  private KeyValueStore<ViolationKey, ViolationEntry> violations;
  private KeyValueStore<String, Long> selfInspections;
  private KeyValueStore<CheckKey, String> enterpriseChecks;
  private TimestampedKeyValueStore<String, Enterprise> enterprises;

  /** @param checkInterval how often the index of what falls due is read */
  EnterpriseRulesProcessor(RulesConfig rules, EnterpriseRules enterpriseRules, Duration checkInterval) {
    this.rules = rules;
    this.enterpriseRules = enterpriseRules;
    this.checkInterval = checkInterval;
  }

  @Override
  public void init(ProcessorContext<String, Alert> context) {
    super.init(context);
    violations = context.getStateStore(StoreNames.ENTERPRISE_VIOLATIONS);
    selfInspections = context.getStateStore(StoreNames.SELF_INSPECTIONS);
    enterpriseChecks = context.getStateStore(StoreNames.ENTERPRISE_CHECKS);
    enterprises = context.getStateStore(StoreNames.ENTERPRISES);
    context.schedule(checkInterval, PunctuationType.WALL_CLOCK_TIME, this::checksDue);
  }

  @Override
  public void process(Record<String, EnterpriseActivity> record) {
    EnterpriseActivity activity = record.value();
    long now = context().currentSystemTimeMs();
    switch (activity.kind()) {
      case LISTED -> watch(activity.enterprise(), now);
      case VIOLATED -> violated(activity.enterprise(), activity.violation(), now);
      case SELF_INSPECTED -> selfInspected(activity.enterprise(), activity.at(), now);
    }
  }

  // --- repeat violator ---

  private void violated(Enterprise enterprise, EnterpriseRules.Violation v, long now) {
    violations.put(new ViolationKey(enterprise.getEnterpriseId(), v.occurredAt().toEpochMilli(), v.violationId()),
        new ViolationEntry(v.eventId(), v.action()));
    repeatViolator(enterprise, v.occurredAt(), now, false);
  }

  /**
   * Judges the violations in the window ending at {@code end}; while it fires, looks again when the
   * oldest leaves. Only that look resolves: a violation adds to its window, and one arriving late
   * judges an older window than the one that fired.
   */
  private void repeatViolator(Enterprise enterprise, Instant end, long now, boolean mayResolve) {
    Duration window = rules.repeatViolator().window();
    List<EnterpriseRules.Violation> inWindow = violationsBetween(enterprise.getEnterpriseId(), end.minus(window), end);
    Alert signal = enterpriseRules.repeatViolator(enterprise, inWindow, end).orElse(null);
    if (signal == null || (signal.getStatus() == AlertStatus.RESOLVED && !mayResolve)) {
      return;
    }
    context().forward(new Record<>(signal.getAlertKey(), signal, now));
    if (signal.getStatus() != AlertStatus.RESOLVED) {
      long recheck = Math.max(now, inWindow.get(0).occurredAt().plus(window).toEpochMilli()) + 1;
      enterpriseChecks.put(new CheckKey(recheck, CheckKey.Kind.REPEAT, enterprise.getEnterpriseId()), enterprise.getEnterpriseId());
    }
  }

  private List<EnterpriseRules.Violation> violationsBetween(String enterpriseId, Instant from, Instant to) {
    List<EnterpriseRules.Violation> found = new ArrayList<>();
    try (KeyValueIterator<ViolationKey, ViolationEntry> it = violations.range(
        ViolationKey.firstAt(enterpriseId, Math.max(0, from.toEpochMilli() + 1)),
        ViolationKey.firstAt(enterpriseId, to.toEpochMilli() + 1))) {
      it.forEachRemaining(kv -> found.add(new EnterpriseRules.Violation(kv.value.eventId(), kv.key.violationId(),
          kv.value.action(), Instant.ofEpochMilli(kv.key.occurredAtMs()))));
    }
    return found;
  }

  /** Violations older than the window, by the wall clock, can no longer count: drop them. */
  private void forgetViolationsBefore(String enterpriseId, long cutoffMs) {
    List<ViolationKey> old = new ArrayList<>();
    try (KeyValueIterator<ViolationKey, ViolationEntry> it = violations.range(
        ViolationKey.firstAt(enterpriseId, 0), ViolationKey.firstAt(enterpriseId, cutoffMs))) {
      it.forEachRemaining(kv -> old.add(kv.key));
    }
    old.forEach(violations::delete);
  }

  // --- self-inspection lapse ---

  /**
   * Starts watching a key-area enterprise as soon as the reference data names it: one that never
   * self-inspects is flagged once the lapse has passed since then.
   */
  private void watch(Enterprise e, long now) {
    if (rules.selfInspectionLapse().enabled() && enterpriseRules.inKeyArea(e)
        && selfInspections.get(e.getEnterpriseId()) == null) {
      selfInspections.put(e.getEnterpriseId(), SelfInspectionMark.watchedSince(now));
      long due = now + rules.selfInspectionLapse().after().toMillis();
      enterpriseChecks.put(new CheckKey(due, CheckKey.Kind.LAPSE, e.getEnterpriseId()), e.getEnterpriseId());
    }
  }

  /**
   * Records a self-inspection. The lapse index is not moved for each one: its entry stays where it
   * is and, when reached, moves on to the latest self-inspection's due time. A new entry is needed
   * only when the new due time is earlier than any entry can be (a history older than the watch)
   * or when none is left (the lapse has been flagged); only then can an alert be resolved.
   */
  private void selfInspected(Enterprise enterprise, Instant at, long now) {
    if (!rules.selfInspectionLapse().enabled() || !enterpriseRules.inKeyArea(enterprise)) {
      return;
    }
    String id = enterprise.getEnterpriseId();
    Long mark = selfInspections.get(id);
    if (mark != null && SelfInspectionMark.inspected(mark) && SelfInspectionMark.since(mark) >= at.toEpochMilli()) {
      return; // an older self-inspection arriving late changes nothing
    }
    long lapse = rules.selfInspectionLapse().after().toMillis();
    boolean mayBeFlagged = mark == null || now - SelfInspectionMark.since(mark) >= lapse;
    boolean earlier = mark != null && at.toEpochMilli() < SelfInspectionMark.since(mark);
    selfInspections.put(id, SelfInspectionMark.inspectedAt(at.toEpochMilli()));
    if (mayBeFlagged || earlier) {
      enterpriseChecks.put(new CheckKey(at.toEpochMilli() + lapse, CheckKey.Kind.LAPSE, id), id);
    }
    if (mayBeFlagged) {
      Alert resumed = enterpriseRules.selfInspectionResumed(enterprise, at);
      context().forward(new Record<>(resumed.getAlertKey(), resumed, now));
    }
  }

  // --- what the wall clock brings due ---

  private void checksDue(long now) {
    for (KeyValue<CheckKey, String> entry : DueEntries.upTo(enterpriseChecks, CheckKey.FIRST, CheckKey.throughMs(now))) {
      enterpriseChecks.delete(entry.key);
      ValueAndTimestamp<Enterprise> found = enterprises.get(entry.value);
      if (found == null || found.value() == null) {
        continue;
      }
      Enterprise enterprise = found.value();
      if (entry.key.kind() == CheckKey.Kind.REPEAT) {
        forgetViolationsBefore(enterprise.getEnterpriseId(), now - rules.repeatViolator().window().toMillis());
        repeatViolator(enterprise, Instant.ofEpochMilli(now), now, true);
      } else if (rules.selfInspectionLapse().enabled() && enterpriseRules.inKeyArea(enterprise)) {
        lapseDue(enterprise, now);
      }
    }
  }

  private void lapseDue(Enterprise enterprise, long now) {
    Long mark = selfInspections.get(enterprise.getEnterpriseId());
    if (mark == null) {
      return;
    }
    long due = SelfInspectionMark.since(mark) + rules.selfInspectionLapse().after().toMillis();
    if (now >= due) {
      Alert lapse = enterpriseRules.selfInspectionLapse(enterprise, Instant.ofEpochMilli(SelfInspectionMark.since(mark)),
          SelfInspectionMark.inspected(mark), now);
      context().forward(new Record<>(lapse.getAlertKey(), lapse, now));
    } else {
      enterpriseChecks.put(new CheckKey(due, CheckKey.Kind.LAPSE, enterprise.getEnterpriseId()), enterprise.getEnterpriseId());
    }
  }
}
