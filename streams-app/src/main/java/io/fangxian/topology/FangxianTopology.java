package io.fangxian.topology;

import io.fangxian.avro.AreaStats;
import io.fangxian.avro.AreaType;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardState;
import io.fangxian.avro.RecentCounts;
import io.fangxian.avro.WeatherWarning;
import io.fangxian.avro.internal.AreaUpdate;
import io.fangxian.config.PipelineConfig;
import io.fangxian.domain.ReferenceData;
import io.fangxian.domain.TopicRegistry;
import io.fangxian.domain.TopicRegistry.Topic;
import io.fangxian.stats.AreaKeys;
import io.fangxian.validate.EventValidator;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The processing graph of DESIGN §3 and nothing else:
 *
 * <pre>
 * reference.enterprises → validate → table ───────────────┐
 * hazards + violations + inspections → validate → enrich ─┴→ dedup + ledger ─┬→ safety.hazard-ledger
 *                                                                            └→ by area → figures → township/sector stats
 * weather-warnings → validate → table
 * invalid or unreadable records → safety.dead-letters (see DeadLetterHandler)
 * </pre>
 *
 * Every processor, store and internal topic is named, so their names survive changes to the code.
 */
public final class FangxianTopology {
  private FangxianTopology() { }

  public static Topology build(PipelineConfig config, TopicRegistry topics) {
    return build(config, topics, PipelineMetrics.NONE);
  }

  public static Topology build(PipelineConfig config, TopicRegistry topics, PipelineMetrics metrics) {
    StreamsBuilder builder = new StreamsBuilder();
    EventValidator validator = new EventValidator(config.maxFutureSkew(), config.earliestEventTime());
    addStores(builder, topics);

    source(builder, topics.enterprises, metrics)
        .processValues(() -> new ValidateProcessor<>(validator, true), Named.as("validate-enterprises"))
        .toTable(Named.as("enterprises-table"),
            Materialized.<String, Enterprise, KeyValueStore<Bytes, byte[]>>as(StoreNames.ENTERPRISES)
                .withKeySerde(Serdes.String()).withValueSerde(topics.enterprises.valueSerde()));

    KStream<String, SpecificRecord> events = widen(source(builder, topics.hazards, metrics))
        .merge(widen(source(builder, topics.violations, metrics)), Named.as("merge-violations"))
        .merge(widen(source(builder, topics.inspections, metrics)), Named.as("merge-inspections"));

    KStream<String, SpecificRecord> ledgerOutput = events
        .processValues(() -> new ValidateProcessor<>(validator, false), Named.as("validate-events"))
        .processValues(EnrichProcessor::new, Named.as("enrich-events"), StoreNames.ENTERPRISES)
        .process(() -> new LedgerProcessor(config, metrics), Named.as("dedup-and-ledger"),
            StoreNames.EVENT_IDS, StoreNames.HAZARD_LEDGER, StoreNames.HAZARD_DEADLINES);

    ledgerOutput.split(Named.as("ledger-output-"))
        .branch((key, value) -> value instanceof HazardState, Branched.withConsumer(states -> states
            .mapValues(value -> (HazardState) value, Named.as("as-hazard-state"))
            .to(topics.hazardLedger.name(), Produced.with(Serdes.String(), topics.hazardLedger.valueSerde())
                .withName("hazard-ledger-sink")), "states"))
        .defaultBranch(Branched.withConsumer(deltas -> deltas
            .mapValues(value -> (AreaUpdate) value, Named.as("as-area-delta"))
            .repartition(Repartitioned.<String, AreaUpdate>as(StoreNames.AREA_DELTAS_REPARTITION)
                .withKeySerde(Serdes.String()).withValueSerde(topics.serde(AreaUpdate.class)))
            .process(() -> new AreaAggregator(config, areaNames()), Named.as("area-figures"),
                StoreNames.AREA_TOTALS, StoreNames.AREA_DAILY, StoreNames.AREA_HOURLY)
            .to((key, stats, context) -> stats.getAreaType() == AreaType.TOWNSHIP
                    ? topics.townshipStats.name() : topics.sectorStats.name(),
                Produced.with(Serdes.String(), topics.townshipStats.valueSerde()).withName("area-stats-sink")),
            "deltas"));

    source(builder, topics.weatherWarnings, metrics)
        .processValues(() -> new ValidateProcessor<>(validator, false), Named.as("validate-weather"))
        .toTable(Named.as("weather-table"),
            Materialized.<String, WeatherWarning, KeyValueStore<Bytes, byte[]>>as(StoreNames.WEATHER_WARNINGS)
                .withKeySerde(Serdes.String()).withValueSerde(topics.weatherWarnings.valueSerde()));

    return builder.build();
  }

  private static void addStores(StreamsBuilder builder, TopicRegistry topics) {
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(StoreNames.EVENT_IDS), Serdes.String(), Serdes.Long()));
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(StoreNames.HAZARD_LEDGER), Serdes.String(), topics.hazardLedger.valueSerde())
        .withCachingEnabled());
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(StoreNames.HAZARD_DEADLINES), Serdes.String(), Serdes.String()));
    // Few keys updated by every event: the cache absorbs the writes between commits.
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(StoreNames.AREA_TOTALS), Serdes.String(), topics.townshipStats.valueSerde())
        .withCachingEnabled());
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(StoreNames.AREA_DAILY), Serdes.String(), topics.serde(RecentCounts.class))
        .withCachingEnabled());
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(StoreNames.AREA_HOURLY), Serdes.String(), topics.serde(RecentCounts.class))
        .withCachingEnabled());
  }

  private static <V extends SpecificRecord> KStream<String, V> source(
      StreamsBuilder builder, Topic<String, V> topic, PipelineMetrics metrics) {
    return builder.stream(topic.name(),
            Consumed.with(topic.keySerde(), topic.valueSerde()).withName(topic.name() + "-source"))
        .peek((key, value) -> metrics.recordIn(topic.name()), Named.as(topic.name() + "-received"));
  }

  /** Streams of different event records merge as one stream of records (KStream is invariant). */
  @SuppressWarnings("unchecked")
  private static KStream<String, SpecificRecord> widen(KStream<String, ? extends SpecificRecord> stream) {
    return (KStream<String, SpecificRecord>) stream;
  }

  /** Display names for area keys, from the shipped reference data. */
  static Function<String, String> areaNames() {
    ReferenceData reference = ReferenceData.load();
    return area -> switch (AreaKeys.type(area)) {
      case TOWNSHIP -> reference.township(AreaKeys.id(area)).map(t -> t.nameZh()).orElse(null);
      case SECTOR -> reference.sector(AreaKeys.id(area)).map(s -> s.nameZh()).orElse(null);
      default -> null;
    };
  }
}
