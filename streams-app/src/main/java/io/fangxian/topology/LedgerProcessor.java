package io.fangxian.topology;

import io.fangxian.avro.Alert;
import io.fangxian.avro.AlertStatus;
import io.fangxian.avro.AreaType;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardEvent;
import io.fangxian.avro.HazardEventType;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.HazardState;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.InspectionKind;
import io.fangxian.avro.ViolationEvent;
import io.fangxian.avro.WarningLevel;
import io.fangxian.config.PipelineConfig;
import io.fangxian.ledger.HazardLifecycle;
import io.fangxian.rules.AreaRules;
import io.fangxian.rules.EnterpriseRules;
import io.fangxian.rules.HazardRules;
import io.fangxian.config.RulesConfig;
import io.fangxian.stats.AreaKeys;
import io.fangxian.stats.AreaUpdates;
import io.fangxian.store.CheckKey;
import io.fangxian.store.DueKey;
import io.fangxian.store.ViolationEntry;
import io.fangxian.store.ViolationKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Per enterprise partition: drops resent events, moves each hazard through its closed loop in the
 * ledger, sums every event's count changes for its township and sector ({@link AreaDeltas}), and
 * evaluates the rules about one enterprise and about a hazard that is not major. Emits
 * HazardState (keyed by hazardId), AreaUpdate (keyed by area: the sums, and the states of hazards
 * the area rules must see) and Alert signals (keyed by alert key).
 *
 * <p>All checks run before any store is written, so a rejected event leaves no trace but its dead
 * letter. Time-driven work (a deadline passing, an overdue step, a lapse in self-inspection, old
 * violations ageing out) is found through indexes sorted by due time, so a punctuation reads only
 * what is due, however many hazards are open.
 */
final class LedgerProcessor implements Processor<String, EnrichedEvent, String, SpecificRecord> {
  /** Bounds one punctuation, so a backlog (after a history load or downtime) is worked off in slices. */
  static final int MAX_DUE_PER_CHECK = 2_000;
  static final int MAX_PRUNED_PER_RUN = 5_000;

  private final PipelineConfig config;
  private final RulesConfig rules;
  private final EnterpriseRules enterpriseRules;
  private final HazardRules hazardRules;
  private final AreaRules areaRules;
  private final PipelineMetrics metrics;
  private final List<Duration> overdueSteps;
  private ProcessorContext<String, SpecificRecord> context;
  private KeyValueStore<String, Long> eventIds;
  private KeyValueStore<String, HazardState> ledger;
  private KeyValueStore<DueKey, String> deadlines;
  private KeyValueStore<ViolationKey, ViolationEntry> violations;
  private KeyValueStore<String, Long> selfInspections;
  private KeyValueStore<CheckKey, String> enterpriseChecks;
  private TimestampedKeyValueStore<String, Enterprise> enterprises;
  private AreaDeltas areaDeltas;
  private String pruneCursor;

  LedgerProcessor(PipelineConfig config, RulesConfig rules, EnterpriseRules enterpriseRules, HazardRules hazardRules,
      AreaRules areaRules, PipelineMetrics metrics) {
    this.config = config;
    this.rules = rules;
    this.enterpriseRules = enterpriseRules;
    this.hazardRules = hazardRules;
    this.areaRules = areaRules;
    this.metrics = metrics;
    this.overdueSteps = rules.overdueRectification().steps().stream().map(RulesConfig.Step::after).toList();
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    eventIds = context.getStateStore(StoreNames.EVENT_IDS);
    ledger = context.getStateStore(StoreNames.HAZARD_LEDGER);
    deadlines = context.getStateStore(StoreNames.HAZARD_DEADLINES);
    violations = context.getStateStore(StoreNames.ENTERPRISE_VIOLATIONS);
    selfInspections = context.getStateStore(StoreNames.SELF_INSPECTIONS);
    enterpriseChecks = context.getStateStore(StoreNames.ENTERPRISE_CHECKS);
    enterprises = context.getStateStore(StoreNames.ENTERPRISES);
    areaDeltas = new AreaDeltas(context, context.getStateStore(StoreNames.AREA_DELTAS), config.zone());
    // Twice per publish interval, so published figures trail the events by less than one interval.
    context.schedule(config.statsPublishInterval().dividedBy(2), PunctuationType.WALL_CLOCK_TIME,
        areaDeltas::flush);
    context.schedule(config.deadlineCheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::deadlinesDue);
    context.schedule(config.deadlineCheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::enterpriseChecksDue);
    context.schedule(Duration.ofSeconds(15), PunctuationType.WALL_CLOCK_TIME, this::pruneEventIds);
  }

  @Override
  public void process(Record<String, EnrichedEvent> record) {
    SpecificRecord event = record.value().event();
    Enterprise enterprise = record.value().enterprise();
    String eventId = eventId(event);
    if (eventIds.get(eventId) != null) {
      metrics.duplicateDropped(context.recordMetadata().map(m -> m.topic()).orElse("?"));
      return;
    }
    long now = context.currentSystemTimeMs();
    if (event instanceof HazardEvent hazard) {
      HazardState before = ledger.get(hazard.getHazardId());
      HazardState after = HazardLifecycle.apply(before, hazard, enterprise, now);
      store(before, after, now);
      context.forward(record.withKey(after.getHazardId()).withValue(after));
      hazardChanged(before, after, now);
      if (hazard.getType() == HazardEventType.REPORTED && hazard.getSource() == HazardSource.SELF_INSPECTION) {
        selfInspected(enterprise, hazard.getOccurredAt(), now);
      }
    } else if (event instanceof ViolationEvent violation) {
      areaDeltas.add(AreaUpdates.violation(violation), enterprise.getTownshipId(), enterprise.getSectorId());
      violated(enterprise, violation, now);
    } else if (event instanceof InspectionEvent inspection) {
      areaDeltas.add(AreaUpdates.inspection(inspection), enterprise.getTownshipId(), enterprise.getSectorId());
      if (inspection.getKind() == InspectionKind.SELF_INSPECTION) {
        selfInspected(enterprise, inspection.getOccurredAt(), now);
      }
    } else {
      throw new IllegalArgumentException("not an event: " + event.getClass().getName());
    }
    eventIds.put(eventId, now);
  }

  /**
   * A hazard changed: its counts, and its rules. A major hazard's level depends on the weather in
   * its township, so its rules are evaluated by area, where warnings arrive; the others here. The
   * area rules also keep the open hazards of weather-sensitive sectors, which change only when a
   * hazard opens or closes.
   */
  private void hazardChanged(HazardState before, HazardState after, long now) {
    areaDeltas.add(AreaUpdates.hazard(before, after), after.getTownshipId(), after.getSectorId());
    boolean openedOrClosed = HazardLifecycle.isOpen(before) != HazardLifecycle.isOpen(after);
    if (HazardLifecycle.isMajor(after)
        || (openedOrClosed && areaRules.isWeatherSensitive(after.getSectorId()))) {
      context.forward(new Record<>(AreaKeys.area(AreaType.TOWNSHIP, after.getTownshipId()), AreaUpdates.hazardState(after), now));
    }
    if (!HazardLifecycle.isMajor(after)) {
      for (Alert signal : hazardRules.evaluate(before, after, WarningLevel.UNKNOWN, now)) {
        context.forward(new Record<>(signal.getAlertKey(), signal, now));
      }
    }
  }

  // --- hazards: the ledger and its deadline index ---

  /**
   * The ledger, and the deadline index: one entry per open hazard, at the next time it is due.
   * Most steps change neither, and then the index is not written at all. An entry already due but
   * not yet reached by the punctuation may stay behind after a closure or an extension; the
   * punctuation finds the hazard closed or not yet overdue and only drops it.
   */
  private void store(HazardState before, HazardState after, long now) {
    ledger.put(after.getHazardId(), after);
    Long was = before == null ? null : nextDue(before, now);
    Long next = nextDue(after, now);
    if (!Objects.equals(was, next)) {
      if (was != null) {
        deadlines.delete(new DueKey(was, after.getHazardId()));
      }
      if (next != null) {
        deadlines.put(new DueKey(next, after.getHazardId()), after.getHazardId());
      }
    }
  }

  /**
   * When an open hazard must be looked at again, after {@code after}: its deadline (to mark it
   * overdue) or the next overdue step after it (the overdue alert's level rises); null if never.
   */
  Long nextDue(HazardState s, long after) {
    if (!HazardLifecycle.isOpen(s) || s.getDeadline() == null) {
      return null;
    }
    long deadline = s.getDeadline().toEpochMilli();
    Long next = deadline > after ? deadline : null;
    for (Duration step : overdueSteps) {
      long due = deadline + step.toMillis();
      if (due > after && (next == null || due < next)) {
        next = due;
      }
    }
    return next;
  }

  private void deadlinesDue(long now) {
    for (KeyValue<DueKey, String> entry : due(deadlines, DueKey.throughMs(now))) {
      deadlines.delete(entry.key);
      HazardState before = ledger.get(entry.value);
      if (before == null || !HazardLifecycle.isOpen(before)) {
        continue;
      }
      HazardState after = HazardLifecycle.withOverdue(HazardState.newBuilder(before).build(), now);
      if (after.getOverdue() != before.getOverdue()) { // an overdue step falling due changes no state
        ledger.put(after.getHazardId(), after);
        context.forward(new Record<>(after.getHazardId(), after, now));
      }
      Long next = nextDue(after, now);
      if (next != null) {
        deadlines.put(new DueKey(next, after.getHazardId()), after.getHazardId());
      }
      // Even when nothing changed: an overdue step is due, and the rules raise the level.
      hazardChanged(before, after, now);
    }
  }

  // --- enterprises: repeat violations and self-inspection ---

  private void violated(Enterprise enterprise, ViolationEvent v, long now) {
    violations.put(new ViolationKey(enterprise.getEnterpriseId(), v.getOccurredAt().toEpochMilli(), v.getViolationId()),
        new ViolationEntry(v.getEventId(), v.getAction()));
    repeatViolator(enterprise, v.getOccurredAt(), now, false);
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
    context.forward(new Record<>(signal.getAlertKey(), signal, now));
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
      context.forward(new Record<>(resumed.getAlertKey(), resumed, now));
    }
  }

  private void enterpriseChecksDue(long now) {
    for (KeyValue<CheckKey, String> entry : due(enterpriseChecks, CheckKey.throughMs(now))) {
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
        Long mark = selfInspections.get(enterprise.getEnterpriseId());
        if (mark == null) {
          continue;
        }
        long due = SelfInspectionMark.since(mark) + rules.selfInspectionLapse().after().toMillis();
        if (now >= due) {
          Alert lapse = enterpriseRules.selfInspectionLapse(enterprise, Instant.ofEpochMilli(SelfInspectionMark.since(mark)),
              SelfInspectionMark.inspected(mark), now);
          context.forward(new Record<>(lapse.getAlertKey(), lapse, now));
        } else {
          enterpriseChecks.put(new CheckKey(due, CheckKey.Kind.LAPSE, enterprise.getEnterpriseId()), enterprise.getEnterpriseId());
        }
      }
    }
  }

  private static <K> List<KeyValue<K, String>> due(KeyValueStore<K, String> index, K through) {
    List<KeyValue<K, String>> due = new ArrayList<>();
    try (KeyValueIterator<K, String> it = index.range(null, through)) {
      while (it.hasNext() && due.size() < MAX_DUE_PER_CHECK) {
        due.add(it.next());
      }
    }
    return due;
  }

  /** Forgets eventIds older than the retention, a slice at a time so no punctuation runs long. */
  private void pruneEventIds(long now) {
    long cutoff = now - config.dedupRetention().toMillis();
    List<String> expired = new ArrayList<>();
    String last = null;
    int seen = 0;
    try (KeyValueIterator<String, Long> it = eventIds.range(pruneCursor, null)) {
      while (it.hasNext() && seen < MAX_PRUNED_PER_RUN) {
        KeyValue<String, Long> entry = it.next();
        seen++;
        last = entry.key;
        if (entry.value < cutoff) {
          expired.add(entry.key);
        }
      }
      pruneCursor = it.hasNext() ? last : null;
    }
    expired.forEach(eventIds::delete);
  }

  /** The dedup key: eventIds are unique within a kind of event (upstream systems differ). */
  static String eventId(SpecificRecord event) {
    if (event instanceof HazardEvent e) {
      return "hazard:" + e.getEventId();
    } else if (event instanceof ViolationEvent e) {
      return "violation:" + e.getEventId();
    } else if (event instanceof InspectionEvent e) {
      return "inspection:" + e.getEventId();
    }
    throw new IllegalArgumentException("not an event: " + event.getClass().getName());
  }
}
