package io.fangxian.areas;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.avro.Alert;
import io.fangxian.avro.AreaStats;
import io.fangxian.avro.AreaType;
import io.fangxian.avro.RecentCounts;
import io.fangxian.avro.ViolationAction;
import io.fangxian.avro.ViolationEvent;
import io.fangxian.avro.internal.AreaUpdate;
import io.fangxian.avro.internal.MonthlyCounts;
import io.fangxian.config.PipelineConfig;
import io.fangxian.config.RulesConfig;
import io.fangxian.domain.ReferenceData;
import io.fangxian.domain.TopicRegistry;
import io.fangxian.rules.AlertSignals;
import io.fangxian.rules.AreaRules;
import io.fangxian.rules.HazardRules;
import io.fangxian.rules.StandingRules;
import io.fangxian.serde.MockSchemaRegistry;
import io.fangxian.standing.EnterpriseAreas;
import io.fangxian.stats.AreaFigures;
import io.fangxian.stats.AreaUpdates;
import io.fangxian.store.AreaDayKey;
import io.fangxian.store.AreaHourKey;
import io.fangxian.store.AreaMemberKey;
import io.fangxian.store.AreaMonthKey;
import io.fangxian.store.StoreNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedPunctuator;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which areas changed since the last publish (and the last count rules) is held in memory. A crash
 * after a commit and before the next punctuation loses it while the stores keep the change: the
 * first punctuation after a start must still publish those areas and ask their rules, not leave them
 * to the minute's sweep. Each processor is started on stores that survive it, as after a restore.
 */
class AreaRestartTest {
  private static final long NOW = Instant.parse("2026-07-01T02:30:00Z").toEpochMilli();
  private final PipelineConfig config = PipelineConfig.defaults();
  /** A registry scope per store: a mock context names every store's changelog alike. */
  private final List<String> scopes = new ArrayList<>();
  private final List<KeyValueStore<?, ?>> stores = List.of(
      store(StoreNames.AREA_TOTALS, Serdes.String(), topics().townshipStats.valueSerde()),
      store(StoreNames.AREA_DAILY, AreaDayKey.SERDE, topics().serde(RecentCounts.class)),
      store(StoreNames.AREA_HOURLY, AreaHourKey.SERDE, topics().serde(RecentCounts.class)),
      store(StoreNames.AREA_MONTHLY, AreaMonthKey.SERDE, topics().serde(MonthlyCounts.class)),
      store(StoreNames.AREA_OPEN_HAZARDS, AreaMemberKey.SERDE, topics().hazardLedger.valueSerde()),
      store(StoreNames.AREA_WEATHER, AreaMemberKey.SERDE, topics().weatherWarnings.valueSerde()));

  @AfterEach
  void dropScopes() {
    scopes.forEach(MockSchemaRegistry::dropScope);
  }

  private TopicRegistry topics() {
    String scope = "area-restart-" + UUID.randomUUID();
    scopes.add(scope);
    return new TopicRegistry("", Map.of("schema.registry.url", "mock://" + scope));
  }

  @Test
  void aChangeCommittedButNotYetPublishedIsPublishedAtTheFirstPunctuationAfterARestart() {
    MockProcessorContext<String, AreaStats> before = context();
    AreaAggregator crashed = new AreaAggregator(config, area -> null);
    crashed.init(before);
    township(violation()).forEach(crashed::process);
    assertThat(before.forwarded()).as("figures wait for the punctuation").isEmpty();

    MockProcessorContext<String, AreaStats> after = context(); // the crash: the stores were committed
    new AreaAggregator(config, area -> null).init(after);
    publishInterval(after).getPunctuator().punctuate(NOW + 1_000);

    assertThat(after.forwarded()).extracting(f -> f.record().key(), f -> f.record().value().getViolations())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("jincheng", 1L));
  }

  @Test
  void figuresForwardedInATransactionThatWasAbortedAreForwardedAgainAfterInit() {
    MockProcessorContext<String, AreaStats> context = context();
    AreaAggregator aggregator = new AreaAggregator(config, area -> null);
    aggregator.init(context);
    township(violation()).forEach(aggregator::process);
    publishInterval(context).getPunctuator().punctuate(NOW + 1_000);
    assertThat(context.forwarded()).hasSize(1);

    // Streams initialises the same processor again after an aborted transaction took the record back.
    context.resetForwards();
    aggregator.init(context);
    publishInterval(context).getPunctuator().punctuate(NOW + 2_000);

    assertThat(context.forwarded()).as("published again, although the figures did not change").hasSize(1);
  }

  @Test
  void theRulesOfEveryAreaAreAskedAtTheFirstPassAfterARestart() {
    MockProcessorContext<String, Alert> context = context();
    AreaStats jincheng = AreaFigures.empty(AreaType.TOWNSHIP, "jincheng", "锦城街道");
    jincheng.setKeyAreaEnterprises(20L);
    jincheng.setKeyAreaInspectedLast90d(1L);
    jincheng.setKeyAreaCoverageLast90d(0.05);
    this.<String, AreaStats>store(StoreNames.AREA_TOTALS).put("township/jincheng", jincheng);
    RulesConfig rules = RulesConfig.defaults();
    ReferenceData reference = ReferenceData.builtIn();
    new AreaRulesProcessor(config, rules, new HazardRules(rules, reference, config.zone()),
        new AreaRules(rules, reference, config.zone()), new StandingRules(rules, reference, config.zone()), reference)
        .init(context);
    CapturedPunctuator countRules = context.scheduledPunctuators().stream()
        .filter(p -> p.getInterval().toSeconds() < 60).findFirst().orElseThrow();
    countRules.getPunctuator().punctuate(NOW + 5_000);

    assertThat(context.forwarded()).extracting(f -> f.record().value().getRule(), f -> f.record().value().getStatus().name())
        .contains(org.assertj.core.groups.Tuple.tuple(AlertSignals.COVERAGE_GAP, "FIRING"));
  }

  private <C extends SpecificRecord> MockProcessorContext<String, C> context() {
    MockProcessorContext<String, C> context = new MockProcessorContext<>();
    context.setCurrentSystemTimeMs(NOW);
    stores.forEach(s -> {
      if (!s.isOpen()) {
        s.init(context.getStateStoreContext(), s);
      }
      context.addStateStore(s);
    });
    return context;
  }

  @SuppressWarnings("unchecked")
  private <K, V> KeyValueStore<K, V> store(String name) {
    return (KeyValueStore<K, V>) stores.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  private static <K, V> KeyValueStore<K, V> store(String name, Serde<K> keys, Serde<V> values) {
    return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), keys, values).withLoggingDisabled().build();
  }

  private CapturedPunctuator publishInterval(MockProcessorContext<?, ?> context) {
    return context.scheduledPunctuators().stream().filter(p -> p.getInterval().equals(config.statsPublishInterval()))
        .reduce((first, last) -> last).orElseThrow();
  }

  /** The update the area sums send to the township for one violation. */
  private List<Record<String, AreaUpdate>> township(ViolationEvent v) {
    MockProcessorContext<String, SpecificRecord> sums = new MockProcessorContext<>();
    KeyValueStore<String, AreaUpdate> deltas = store(StoreNames.AREA_DELTAS, Serdes.String(), topics().serde(AreaUpdate.class));
    deltas.init(sums.getStateStoreContext(), deltas);
    AreaDeltas areaDeltas = new AreaDeltas(sums, deltas, config.zone());
    areaDeltas.add(AreaUpdates.violation(v), EnterpriseAreas.forEvent("jincheng", "construction", List.of()));
    areaDeltas.flush(NOW);
    return sums.forwarded().stream().map(f -> f.record()).filter(r -> r.key().startsWith("township/"))
        .map(r -> new Record<>(r.key(), (AreaUpdate) r.value(), r.timestamp())).toList();
  }

  private static ViolationEvent violation() {
    return ViolationEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setViolationId("V")
        .setEnterpriseId("E").setAction(ViolationAction.WARNING).setOccurredAt(Instant.ofEpochMilli(NOW - 60_000))
        .build();
  }
}
