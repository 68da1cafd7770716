package io.fangxian.dossier;

import io.fangxian.intake.EnrichedEvent;
import io.fangxian.store.EnterpriseItemKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each violation or inspection in the enterprise's dossier (一企一档), under its own id: a
 * resent event never gets here (dedup), and a record sent again with a new eventId replaces the
 * one of the same id. One put per event.
 *
 * <p>Records are kept for the dossier retention after they occurred ({@code dossier.retention}, five
 * years by default, never less than three). One that arrives already older is not filed; the others
 * are dropped by a wall-clock sweep that reads the store a slice at a time, so it never holds up
 * processing and costs nothing per event.
 */
final class DossierRecorder<E extends SpecificRecord> extends ContextualProcessor<String, EnrichedEvent<E>, Void, Void> {
  /** Bounds one sweep, so a large store is worked through in slices. */
  static final int MAX_SWEPT_PER_RUN = 5_000;
  static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

  private final String storeName;
  private final Function<E, String> id;
  private final Function<E, Instant> occurredAt;
  private final Duration retention;
  private final int slice;
  private KeyValueStore<EnterpriseItemKey, E> store;
  private EnterpriseItemKey sweepCursor;

  DossierRecorder(String storeName, Function<E, String> id, Function<E, Instant> occurredAt, Duration retention) {
    this(storeName, id, occurredAt, retention, MAX_SWEPT_PER_RUN);
  }

  /** @param slice how many entries one sweep reads at most */
  DossierRecorder(String storeName, Function<E, String> id, Function<E, Instant> occurredAt, Duration retention, int slice) {
    this.storeName = storeName;
    this.id = id;
    this.occurredAt = occurredAt;
    this.retention = retention;
    this.slice = slice;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    super.init(context);
    store = context.getStateStore(storeName);
    context.schedule(SWEEP_EVERY, PunctuationType.WALL_CLOCK_TIME, this::sweep);
  }

  @Override
  public void process(Record<String, EnrichedEvent<E>> record) {
    E event = record.value().event();
    if (expired(event, cutoff(context().currentSystemTimeMs()))) {
      return;
    }
    store.put(new EnterpriseItemKey(record.key(), id.apply(event)), event);
  }

  private long cutoff(long now) {
    return now - retention.toMillis();
  }

  private boolean expired(E event, long cutoffMs) {
    return occurredAt.apply(event).toEpochMilli() < cutoffMs;
  }

  /** Drops the records past the retention among the next slice of the store, then moves the cursor on. */
  private void sweep(long now) {
    long cutoff = cutoff(now);
    List<EnterpriseItemKey> expired = new ArrayList<>();
    EnterpriseItemKey last = null;
    int seen = 0;
    try (KeyValueIterator<EnterpriseItemKey, E> it = sweepCursor == null ? store.all() : store.range(sweepCursor, null)) {
      while (it.hasNext() && seen < slice) {
        KeyValue<EnterpriseItemKey, E> entry = it.next();
        seen++;
        last = entry.key;
        if (expired(entry.value, cutoff)) {
          expired.add(entry.key);
        }
      }
      sweepCursor = it.hasNext() ? last : null;
    }
    expired.forEach(store::delete);
  }
}
