package io.fangxian.dossier;

import io.fangxian.intake.EnrichedEvent;
import io.fangxian.intake.EventIds;
import io.fangxian.metrics.PipelineMetrics;
import io.fangxian.store.EnterpriseItemKey;
import io.fangxian.store.SlicedSweep;
import io.fangxian.store.StoreNames;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each violation or inspection in the enterprise's dossier (一企一档), under its own id, and
 * passes each event on the first time only: the dossier is what deduplicates these kinds. An event
 * whose record the dossier holds with the same eventId was sent again and is dropped; so the
 * dossier's own write remembers the event, and the {@code event-ids} store is written only for
 * what the dossier cannot tell: a record sent again with a new eventId (a correction, which replaces
 * the one of the same id and counts, as before), whose older eventIds then go there, and an event
 * too old to be filed. One put per event.
 *
 * <p>Records are kept for the dossier retention after they occurred ({@code dossier.retention}, five
 * years by default, never less than three). One that arrives already older is not filed; the others
 * are dropped by a wall-clock sweep that reads the store a slice at a time, so it never holds up
 * processing and costs nothing per event.
 *
 * <p>An event refused downstream (a dead letter, see {@link EnrichedEvent#refuse()}) is neither
 * filed nor remembered, so it counts when it is replayed.
 */
final class DossierRecorder<E extends SpecificRecord>
    extends ContextualProcessor<String, EnrichedEvent<E>, String, EnrichedEvent<E>> {
  /** Bounds one sweep, so a large store is worked through in slices. */
  static final int MAX_SWEPT_PER_RUN = 5_000;
  static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

  private final String storeName;
  private final String kind;
  private final Function<E, String> id;
  private final Function<E, String> eventId;
  private final Function<E, Instant> occurredAt;
  private final Duration retention;
  private final Duration idRetention;
  private final PipelineMetrics metrics;
  private final int slice;
  private KeyValueStore<EnterpriseItemKey, E> store;
  private EventIds eventIds;
  private SlicedSweep<EnterpriseItemKey, E> sweep;

  /**
   * @param kind the kind of event, the prefix of its ids in {@code event-ids} ({@code inspection})
   * @param retention how long after they occurred records are kept ({@code dossier.retention})
   * @param idRetention how long an id in {@code event-ids} is kept ({@code dedup.retention})
   */
  DossierRecorder(String storeName, String kind, Function<E, String> id, Function<E, String> eventId,
      Function<E, Instant> occurredAt, Duration retention, Duration idRetention, PipelineMetrics metrics) {
    this(storeName, kind, id, eventId, occurredAt, retention, idRetention, metrics, MAX_SWEPT_PER_RUN);
  }

  /** @param slice how many entries one sweep reads at most */
  DossierRecorder(String storeName, String kind, Function<E, String> id, Function<E, String> eventId,
      Function<E, Instant> occurredAt, Duration retention, Duration idRetention, PipelineMetrics metrics, int slice) {
    this.storeName = storeName;
    this.kind = kind;
    this.id = id;
    this.eventId = eventId;
    this.occurredAt = occurredAt;
    this.retention = retention;
    this.idRetention = idRetention;
    this.metrics = metrics;
    this.slice = slice;
  }

  @Override
  public void init(ProcessorContext<String, EnrichedEvent<E>> context) {
    super.init(context);
    store = context.getStateStore(storeName);
    sweep = new SlicedSweep<>(store, null, null, slice);
    eventIds = new EventIds(context.getStateStore(StoreNames.EVENT_IDS), kind, idRetention);
    context.schedule(SWEEP_EVERY, PunctuationType.WALL_CLOCK_TIME, this::dropExpired);
    context.schedule(EventIds.PRUNE_EVERY, PunctuationType.WALL_CLOCK_TIME, eventIds::prune);
  }

  @Override
  public void process(Record<String, EnrichedEvent<E>> record) {
    E event = record.value().event();
    String thisEvent = eventId.apply(event);
    long now = context().currentSystemTimeMs();
    boolean filed = !expired(event, cutoff(now));
    EnterpriseItemKey key = new EnterpriseItemKey(record.key(), id.apply(event));
    E held = filed ? store.get(key) : null;
    String heldEvent = held == null ? null : eventId.apply(held);
    boolean byIds = !filed || held != null; // what the dossier alone cannot tell
    if (thisEvent.equals(heldEvent) || (byIds && eventIds.contains(thisEvent))) {
      metrics.duplicateDropped(context().recordMetadata());
      return;
    }
    context().forward(record);
    if (record.value().refused()) {
      return;
    }
    if (filed) {
      store.put(key, event);
    }
    if (byIds) {
      eventIds.remember(thisEvent, now);
      if (heldEvent != null) {
        eventIds.remember(heldEvent, now);
      }
    }
  }

  private long cutoff(long now) {
    return now - retention.toMillis();
  }

  private boolean expired(E event, long cutoffMs) {
    return occurredAt.apply(event).toEpochMilli() < cutoffMs;
  }

  /** Drops the records past the retention among the next slice of the store, then moves the cursor on. */
  private void dropExpired(long now) {
    long cutoff = cutoff(now);
    sweep.step(record -> expired(record, cutoff));
  }
}
