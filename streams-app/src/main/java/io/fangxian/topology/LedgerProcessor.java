package io.fangxian.topology;

import io.fangxian.avro.HazardEvent;
import io.fangxian.avro.HazardState;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.ViolationEvent;
import io.fangxian.avro.internal.AreaUpdate;
import io.fangxian.config.PipelineConfig;
import io.fangxian.ledger.HazardLifecycle;
import io.fangxian.stats.AreaUpdates;
import io.fangxian.stats.AreaKeys;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Per enterprise partition: drops resent events, moves each hazard through its closed loop in the
 * ledger, and turns every event into count changes for its township and sector. Emits HazardState
 * (keyed by hazardId) and AreaUpdate (keyed by area) records.
 *
 * <p>All checks run before any store is written, so a rejected event leaves no trace but its dead
 * letter. Overdue is judged by the wall clock: a punctuation reads only the hazards whose deadline
 * has passed, from an index sorted by deadline, so the check costs nothing for hazards not yet due.
 */
final class LedgerProcessor implements Processor<String, EnrichedEvent, String, SpecificRecord> {
  static final int MAX_DUE_PER_CHECK = 10_000;
  static final int MAX_PRUNED_PER_RUN = 20_000;

  private final PipelineConfig config;
  private final PipelineMetrics metrics;
  private ProcessorContext<String, SpecificRecord> context;
  private KeyValueStore<String, Long> eventIds;
  private KeyValueStore<String, HazardState> ledger;
  private KeyValueStore<String, String> deadlines;
  private String pruneCursor;

  LedgerProcessor(PipelineConfig config, PipelineMetrics metrics) {
    this.config = config;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    eventIds = context.getStateStore(StoreNames.EVENT_IDS);
    ledger = context.getStateStore(StoreNames.HAZARD_LEDGER);
    deadlines = context.getStateStore(StoreNames.HAZARD_DEADLINES);
    context.schedule(config.deadlineCheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::markOverdue);
    context.schedule(java.time.Duration.ofMinutes(1), PunctuationType.WALL_CLOCK_TIME, this::pruneEventIds);
  }

  @Override
  public void process(Record<String, EnrichedEvent> record) {
    SpecificRecord event = record.value().event();
    String eventId = eventId(event);
    if (eventIds.get(eventId) != null) {
      metrics.duplicateDropped(context.recordMetadata().map(m -> m.topic()).orElse("?"));
      return;
    }
    long now = context.currentSystemTimeMs();
    List<AreaUpdate> deltas;
    if (event instanceof HazardEvent hazard) {
      HazardState before = ledger.get(hazard.getHazardId());
      HazardState after = HazardLifecycle.apply(before, hazard, record.value().enterprise(), now);
      store(before, after);
      context.forward(record.withKey(after.getHazardId()).withValue(after));
      deltas = AreaUpdates.hazard(before, after);
    } else if (event instanceof ViolationEvent violation) {
      deltas = AreaUpdates.violation(violation, record.value().enterprise());
    } else if (event instanceof InspectionEvent inspection) {
      deltas = AreaUpdates.inspection(inspection, record.value().enterprise());
    } else {
      throw new IllegalArgumentException("not an event: " + event.getClass().getName());
    }
    eventIds.put(eventId, now);
    for (AreaUpdate delta : deltas) {
      context.forward(record.withKey(AreaKeys.area(delta.getAreaType(), delta.getAreaId())).withValue(delta));
    }
  }

  private void store(HazardState before, HazardState after) {
    ledger.put(after.getHazardId(), after);
    String oldKey = deadlineKey(before);
    String newKey = deadlineKey(after);
    if (oldKey != null && !oldKey.equals(newKey)) {
      deadlines.delete(oldKey);
    }
    if (newKey != null && !newKey.equals(oldKey)) {
      deadlines.put(newKey, after.getHazardId());
    }
  }

  /** The hazard's place in the deadline index: open, with a deadline, not yet overdue. */
  static String deadlineKey(HazardState s) {
    if (!HazardLifecycle.isOpen(s) || s.getDeadline() == null || s.getOverdue()) {
      return null;
    }
    return String.format("%019d|%s", s.getDeadline().toEpochMilli(), s.getHazardId());
  }

  private void markOverdue(long now) {
    List<KeyValue<String, String>> due = new ArrayList<>();
    try (KeyValueIterator<String, String> it = deadlines.range(null, String.format("%019d|\uffff", now))) {
      while (it.hasNext() && due.size() < MAX_DUE_PER_CHECK) {
        due.add(it.next());
      }
    }
    for (KeyValue<String, String> entry : due) {
      HazardState before = ledger.get(entry.value);
      if (before != null) {
        HazardState after = HazardLifecycle.withOverdue(HazardState.newBuilder(before).build(), now);
        store(before, after);
        if (after.getOverdue() != before.getOverdue()) {
          context.forward(new Record<>(after.getHazardId(), after, now));
          for (AreaUpdate delta : AreaUpdates.hazard(before, after)) {
            context.forward(new Record<>(AreaKeys.area(delta.getAreaType(), delta.getAreaId()), delta, now));
          }
        }
      }
      deadlines.delete(entry.key);
    }
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
