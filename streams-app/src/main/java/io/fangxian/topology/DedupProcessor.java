package io.fangxian.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Drops an event whose eventId was already processed, and forgets ids older than the retention.
 * One instance per kind of event: eventIds are unique within a kind (upstream systems differ), so
 * each kind keeps its ids under its own prefix of the {@code event-ids} store ({@code hazard:<id>})
 * and prunes only that range.
 *
 * <p>An id is remembered once the rest of the chain has taken the event, so a dead letter (an
 * event refused downstream, see {@link EnrichedEvent#refuse()}) is not remembered and counts when
 * replayed.
 */
final class DedupProcessor<E extends SpecificRecord>
    extends ContextualFixedKeyProcessor<String, EnrichedEvent<E>, EnrichedEvent<E>> {
  /** Bounds one punctuation, so a backlog is worked off in slices. */
  static final int MAX_PRUNED_PER_RUN = 5_000;
  static final Duration PRUNE_EVERY = Duration.ofSeconds(15);

  private final String prefix;
  private final String prefixEnd;
  private final Function<E, String> eventId;
  private final Duration retention;
  private final PipelineMetrics metrics;
  private KeyValueStore<String, Long> eventIds;
  private String pruneCursor;

  /** @param kind the kind of event, the prefix of its ids in the store ({@code hazard}) */
  DedupProcessor(String kind, Function<E, String> eventId, Duration retention, PipelineMetrics metrics) {
    this.prefix = kind + ":";
    this.prefixEnd = kind + ";"; // ';' follows ':': the first key after the kind's range
    this.eventId = eventId;
    this.retention = retention;
    this.metrics = metrics;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, EnrichedEvent<E>> context) {
    super.init(context);
    eventIds = context.getStateStore(StoreNames.EVENT_IDS);
    context.schedule(PRUNE_EVERY, PunctuationType.WALL_CLOCK_TIME, this::prune);
  }

  @Override
  public void process(FixedKeyRecord<String, EnrichedEvent<E>> record) {
    String id = prefix + eventId.apply(record.value().event());
    if (eventIds.get(id) != null) {
      metrics.duplicateDropped(context().recordMetadata().map(m -> m.topic()).orElse("?"));
      return;
    }
    long now = context().currentSystemTimeMs();
    context().forward(record);
    if (!record.value().refused()) {
      eventIds.put(id, now);
    }
  }

  /** Forgets this kind's eventIds older than the retention, a slice at a time so no punctuation runs long. */
  private void prune(long now) {
    long cutoff = now - retention.toMillis();
    List<String> expired = new ArrayList<>();
    String last = null;
    int seen = 0;
    try (KeyValueIterator<String, Long> it = eventIds.range(pruneCursor == null ? prefix : pruneCursor, prefixEnd)) {
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
}
