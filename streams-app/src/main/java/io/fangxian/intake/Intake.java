package io.fangxian.intake;

import io.fangxian.avro.Enterprise;
import io.fangxian.config.PipelineConfig;
import io.fangxian.domain.TopicRegistry.Topic;
import io.fangxian.metrics.PipelineMetrics;
import io.fangxian.store.StoreNames;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * How every input comes in: from its topic, counted, validated and, for the kinds of event,
 * enriched with its enterprise and deduplicated by eventId. Each call adds its nodes to the builder
 * at once, so the caller's order of calls is the order of the topology.
 */
public final class Intake {
  private final StreamsBuilder builder;
  private final EventValidator validator;
  private final PipelineConfig config;
  private final PipelineMetrics metrics;

  public Intake(StreamsBuilder builder, EventValidator validator, PipelineConfig config, PipelineMetrics metrics) {
    this.builder = builder;
    this.validator = validator;
    this.config = config;
    this.metrics = metrics;
  }

  /** The enterprises, validated, and the table the events are enriched from (and the enterprise rules read). */
  public KStream<String, Enterprise> enterprises(Topic<String, Enterprise> topic) {
    KStream<String, Enterprise> enterprises = source(topic)
        .processValues(() -> new ValidateProcessor<>(validator, true), Named.as("validate-enterprises"));
    enterprises.toTable(Named.as("enterprises-table"),
        Materialized.<String, Enterprise, KeyValueStore<Bytes, byte[]>>as(StoreNames.ENTERPRISES)
            .withKeySerde(Serdes.String()).withValueSerde(topic.valueSerde())
            .withCachingDisabled()); // read once per event, by key: see KeyValueStores
    return enterprises;
  }

  /** A topic's records, validated; {@code name} names the validating processor. */
  public <V extends SpecificRecord> KStream<String, V> validated(Topic<String, V> topic, String name) {
    return source(topic).processValues(() -> new ValidateProcessor<>(validator, false), Named.as(name));
  }

  /** One kind of event from its topic: validated, with its enterprise, and only the first time its eventId is seen. */
  public <E extends SpecificRecord> KStream<String, EnrichedEvent<E>> events(Topic<String, E> topic, String kind,
      Function<E, String> eventId) {
    return events(topic, kind, kind + "s", eventId);
  }

  /** @param plural how the processors' names call the kind's events */
  public <E extends SpecificRecord> KStream<String, EnrichedEvent<E>> events(Topic<String, E> topic, String kind,
      String plural, Function<E, String> eventId) {
    return events(topic, kind, plural, eventId, e -> true);
  }

  /** @param namesEnterprise whether an event names an enterprise; one that names none passes without */
  public <E extends SpecificRecord> KStream<String, EnrichedEvent<E>> events(Topic<String, E> topic, String kind,
      String plural, Function<E, String> eventId, Predicate<E> namesEnterprise) {
    return enriched(topic, plural, namesEnterprise)
        .processValues(() -> new DedupProcessor<>(kind, eventId, config.dedupRetention(), metrics),
            Named.as("dedup-" + plural), StoreNames.EVENT_IDS);
  }

  /** A kind's events validated and enriched with their enterprise, not yet deduplicated. */
  public <E extends SpecificRecord> KStream<String, EnrichedEvent<E>> enriched(Topic<String, E> topic, String plural,
      Predicate<E> namesEnterprise) {
    return validated(topic, "validate-" + plural)
        .processValues(() -> new EnrichProcessor<E>(namesEnterprise), Named.as("enrich-" + plural), StoreNames.ENTERPRISES);
  }

  private <V extends SpecificRecord> KStream<String, V> source(Topic<String, V> topic) {
    return builder.stream(topic.name(),
            Consumed.with(topic.keySerde(), topic.valueSerde()).withName(topic.name() + "-source"))
        .peek((key, value) -> metrics.recordIn(topic.name()), Named.as(topic.name() + "-received"));
  }
}
