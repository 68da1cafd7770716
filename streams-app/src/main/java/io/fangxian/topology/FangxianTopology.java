package io.fangxian.topology;

import io.fangxian.avro.Alert;
import io.fangxian.avro.AreaStats;
import io.fangxian.avro.AreaType;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardState;
import io.fangxian.avro.RecentCounts;
import io.fangxian.avro.WeatherWarning;
import io.fangxian.avro.internal.AreaUpdate;
import io.fangxian.rules.AreaRules;
import io.fangxian.rules.EnterpriseRules;
import io.fangxian.rules.HazardRules;
import io.fangxian.config.RulesConfig;
import io.fangxian.stats.AreaUpdates;
import io.fangxian.config.PipelineConfig;
import io.fangxian.domain.ReferenceData;
import io.fangxian.domain.TopicRegistry;
import io.fangxian.domain.TopicRegistry.Topic;
import io.fangxian.stats.AreaKeys;
import io.fangxian.store.AreaDayKey;
import io.fangxian.store.AreaHourKey;
import io.fangxian.store.AreaMemberKey;
import io.fangxian.store.CheckKey;
import io.fangxian.store.DueKey;
import io.fangxian.store.ViolationEntry;
import io.fangxian.store.ViolationKey;
import io.fangxian.validate.EventValidator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
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
 * reference.enterprises → validate → watch → table ──────┐
 * hazards + violations + inspections → validate → enrich ─┴→ dedup + ledger + enterprise and hazard rules
 *     ├→ safety.hazard-ledger
 *     ├→ summed count changes, hazard states, by area
 *     │   (+ weather-warnings by township) ─────────┬→ figures → township/sector stats
 *     │                                            └→ area rules ─┐
 *     └→ enterprise rule signals ─────────────────────────────────┴→ by alert key → lifecycle → safety.alerts
 * invalid or unreadable records → safety.dead-letters (see DeadLetterHandler)
 * </pre>
 *
 * Every processor, store and internal topic is named, so their names survive changes to the code.
 */
public final class FangxianTopology {
  private FangxianTopology() { }

  /** The topology with the default rules and no metrics. */
  public static Topology build(PipelineConfig config, TopicRegistry topics, ReferenceData reference) {
    return build(config, RulesConfig.defaults(), topics, reference, PipelineMetrics.NONE);
  }

  /**
   * @param reference the district's townships and sectors ({@link ReferenceData#load()}), given by
   *     the caller so that the topology depends on nothing but its arguments
   */
  public static Topology build(PipelineConfig config, RulesConfig rules, TopicRegistry topics, ReferenceData reference,
      PipelineMetrics metrics) {
    StreamsBuilder builder = new StreamsBuilder();
    EventValidator validator = new EventValidator(config.maxFutureSkew(), config.earliestEventTime());
    EnterpriseRules enterpriseRules = new EnterpriseRules(rules, reference, config.zone());
    HazardRules hazardRules = new HazardRules(rules, reference, config.zone());
    AreaRules areaRules = new AreaRules(rules, reference, config.zone());
    addStores(builder, topics);

    source(builder, topics.enterprises, metrics)
        .processValues(() -> new ValidateProcessor<>(validator, true), Named.as("validate-enterprises"))
        .processValues(() -> new EnterpriseWatch(rules, enterpriseRules), Named.as("watch-enterprises"),
            StoreNames.SELF_INSPECTIONS, StoreNames.ENTERPRISE_CHECKS)
        .toTable(Named.as("enterprises-table"),
            Materialized.<String, Enterprise, KeyValueStore<Bytes, byte[]>>as(StoreNames.ENTERPRISES)
                .withKeySerde(Serdes.String()).withValueSerde(topics.enterprises.valueSerde())
                .withCachingDisabled()); // read once per event, by key: see addStores

    KStream<String, SpecificRecord> events = widen(source(builder, topics.hazards, metrics))
        .merge(widen(source(builder, topics.violations, metrics)), Named.as("merge-violations"))
        .merge(widen(source(builder, topics.inspections, metrics)), Named.as("merge-inspections"));

    Map<String, KStream<String, SpecificRecord>> ledgerOutput = events
        .processValues(() -> new ValidateProcessor<>(validator, false), Named.as("validate-events"))
        .processValues(EnrichProcessor::new, Named.as("enrich-events"), StoreNames.ENTERPRISES)
        .process(() -> new LedgerProcessor(config, rules, enterpriseRules, hazardRules, areaRules, metrics),
            Named.as("dedup-and-ledger"),
            StoreNames.EVENT_IDS, StoreNames.HAZARD_LEDGER, StoreNames.HAZARD_DEADLINES, StoreNames.AREA_DELTAS, StoreNames.ENTERPRISES,
            StoreNames.ENTERPRISE_VIOLATIONS, StoreNames.SELF_INSPECTIONS, StoreNames.ENTERPRISE_CHECKS)
        .split(Named.as("ledger-"))
        .branch((key, value) -> value instanceof HazardState, Branched.as("states"))
        .branch((key, value) -> value instanceof AreaUpdate, Branched.as("area-updates"))
        .defaultBranch(Branched.as("signals"));

    ledgerOutput.get("ledger-states")
        .mapValues(value -> (HazardState) value, Named.as("as-hazard-state"))
        .to(topics.hazardLedger.name(), Produced.with(Serdes.String(), topics.hazardLedger.valueSerde())
            .withName("hazard-ledger-sink"));

    KStream<String, WeatherWarning> warnings = source(builder, topics.weatherWarnings, metrics)
        .processValues(() -> new ValidateProcessor<>(validator, false), Named.as("validate-weather"));
    warnings.toTable(Named.as("weather-table"),
        Materialized.<String, WeatherWarning, KeyValueStore<Bytes, byte[]>>as(StoreNames.WEATHER_WARNINGS)
            .withKeySerde(Serdes.String()).withValueSerde(topics.weatherWarnings.valueSerde()));
    KStream<String, AreaUpdate> weatherByTownship = warnings
        .flatMap((key, warning) -> AreaUpdates.weather(warning, townshipIds(reference)).stream()
            .map(u -> KeyValue.pair(AreaKeys.area(u.getAreaType(), u.getAreaId()), u)).toList(), Named.as("weather-by-township"));

    KStream<String, AreaUpdate> areaUpdates = ledgerOutput.get("ledger-area-updates")
        .mapValues(value -> (AreaUpdate) value, Named.as("as-area-update"))
        .merge(weatherByTownship, Named.as("merge-weather"))
        .repartition(Repartitioned.<String, AreaUpdate>as(StoreNames.AREA_UPDATES_REPARTITION)
            .withKeySerde(Serdes.String()).withValueSerde(topics.serde(AreaUpdate.class)));

    areaUpdates
        .process(() -> new AreaAggregator(config, areaNames(reference)), Named.as("area-figures"),
            StoreNames.AREA_TOTALS, StoreNames.AREA_DAILY, StoreNames.AREA_HOURLY)
        .to((key, stats, context) -> stats.getAreaType() == AreaType.TOWNSHIP
                ? topics.townshipStats.name() : topics.sectorStats.name(),
            Produced.with(Serdes.String(), topics.townshipStats.valueSerde()).withName("area-stats-sink"));

    KStream<String, Alert> areaSignals = areaUpdates.process(
        () -> new AreaRulesProcessor(config, rules, hazardRules, areaRules), Named.as("area-rules"),
        StoreNames.AREA_OPEN_HAZARDS, StoreNames.AREA_WEATHER, StoreNames.AREA_HOURLY, StoreNames.AREA_TOTALS);

    ledgerOutput.get("ledger-signals")
        .mapValues(value -> (Alert) value, Named.as("as-enterprise-signal"))
        .merge(areaSignals, Named.as("merge-signals"))
        .repartition(Repartitioned.<String, Alert>as(StoreNames.ALERT_SIGNALS_REPARTITION)
            .withKeySerde(Serdes.String()).withValueSerde(topics.alerts.valueSerde()))
        .process(() -> new AlertLifecycle(rules.holdTime(), metrics), Named.as("alert-lifecycle"),
            StoreNames.ALERTS, StoreNames.ALERTS_PENDING)
        .to(topics.alerts.name(), Produced.with(Serdes.String(), topics.alerts.valueSerde()).withName("alerts-sink"));

    return builder.build();
  }

  /**
   * Only the stores whose few keys are written over and over (the sums and figures of each area)
   * are cached: the cache turns their many writes per commit into one. The others are keyed by
   * event, hazard, enterprise or alert, are rarely written twice before a commit, and would only
   * fill the thread's cache. When that cache is full, each new entry evicts an entry *of the same
   * store*, so a hot store sharing it with a large one ends up writing every change through.
   */
  private static void addStores(StreamsBuilder builder, TopicRegistry topics) {
    store(builder, StoreNames.EVENT_IDS, Serdes.Long(), false);
    store(builder, StoreNames.HAZARD_LEDGER, topics.hazardLedger.valueSerde(), false);
    store(builder, StoreNames.HAZARD_DEADLINES, DueKey.SERDE, Serdes.String(), false);
    // A sum per area, emptied twice a second: memory, not RocksDB.
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.AREA_DELTAS),
        Serdes.String(), topics.serde(AreaUpdate.class)).withCachingEnabled());
    store(builder, StoreNames.AREA_TOTALS, topics.townshipStats.valueSerde(), true);
    store(builder, StoreNames.AREA_DAILY, AreaDayKey.SERDE, topics.serde(RecentCounts.class), true);
    store(builder, StoreNames.AREA_HOURLY, AreaHourKey.SERDE, topics.serde(RecentCounts.class), true);
    store(builder, StoreNames.AREA_OPEN_HAZARDS, AreaMemberKey.SERDE, topics.hazardLedger.valueSerde(), false);
    store(builder, StoreNames.AREA_WEATHER, AreaMemberKey.SERDE, topics.weatherWarnings.valueSerde(), false);
    store(builder, StoreNames.ENTERPRISE_VIOLATIONS, ViolationKey.SERDE, ViolationEntry.SERDE, false);
    store(builder, StoreNames.SELF_INSPECTIONS, Serdes.Long(), false);
    store(builder, StoreNames.ENTERPRISE_CHECKS, CheckKey.SERDE, Serdes.String(), false);
    store(builder, StoreNames.ALERTS, topics.alerts.valueSerde(), false);
    store(builder, StoreNames.ALERTS_PENDING, topics.alerts.valueSerde(), false);
  }

  private static <V> void store(StreamsBuilder builder, String name, Serde<V> values, boolean cached) {
    store(builder, name, Serdes.String(), values, cached);
  }

  private static <K, V> void store(StreamsBuilder builder, String name, Serde<K> keys, Serde<V> values, boolean cached) {
    var store = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keys, values);
    builder.addStateStore(cached ? store.withCachingEnabled() : store.withCachingDisabled());
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

  /** The townships a warning for "the whole district" (no township listed) covers. */
  static List<String> townshipIds(ReferenceData reference) {
    return reference.townships().stream().map(t -> t.id()).toList();
  }

  /** Display names for area keys, from the shipped reference data. */
  static Function<String, String> areaNames(ReferenceData reference) {
    return area -> switch (AreaKeys.type(area)) {
      case TOWNSHIP -> reference.township(AreaKeys.id(area)).map(t -> t.nameZh()).orElse(null);
      case SECTOR -> reference.sector(AreaKeys.id(area)).map(s -> s.nameZh()).orElse(null);
      default -> null;
    };
  }
}
