package io.fangxian.intake;

import io.fangxian.metrics.PipelineMetrics;
import io.fangxian.store.StoreNames;
import java.time.Duration;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Drops an event whose eventId was already processed, and forgets ids older than the retention.
 * One instance per kind of event: eventIds are unique within a kind (upstream systems differ), so
 * each kind keeps its ids under its own prefix of the {@code event-ids} store ({@link EventIds}).
 * Kinds whose state already records each event's id (the hazard ledger) do not pass here.
 *
 * <p>An id is remembered once the rest of the chain has taken the event, so a dead letter (an
 * event refused downstream, see {@link EnrichedEvent#refuse()}) is not remembered and counts when
 * replayed.
 */
final class DedupProcessor<E extends SpecificRecord>
    extends ContextualFixedKeyProcessor<String, EnrichedEvent<E>, EnrichedEvent<E>> {
  private final String kind;
  private final Function<E, String> eventId;
  private final Duration retention;
  private final PipelineMetrics metrics;
  private EventIds eventIds;

  /** @param kind the kind of event, the prefix of its ids in the store ({@code hazard}) */
  DedupProcessor(String kind, Function<E, String> eventId, Duration retention, PipelineMetrics metrics) {
    this.kind = kind;
    this.eventId = eventId;
    this.retention = retention;
    this.metrics = metrics;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, EnrichedEvent<E>> context) {
    super.init(context);
    eventIds = new EventIds(context.getStateStore(StoreNames.EVENT_IDS), kind, retention);
    context.schedule(EventIds.PRUNE_EVERY, PunctuationType.WALL_CLOCK_TIME, eventIds::prune);
  }

  @Override
  public void process(FixedKeyRecord<String, EnrichedEvent<E>> record) {
    String id = eventId.apply(record.value().event());
    if (eventIds.contains(id)) {
      metrics.duplicateDropped(context().recordMetadata());
      return;
    }
    long now = context().currentSystemTimeMs();
    context().forward(record);
    if (!record.value().refused()) {
      eventIds.remember(id, now);
    }
  }
}
