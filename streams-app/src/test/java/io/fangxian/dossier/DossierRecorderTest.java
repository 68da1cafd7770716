package io.fangxian.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.avro.Enterprise;
import io.fangxian.avro.RiskLevel;
import io.fangxian.avro.ViolationAction;
import io.fangxian.avro.ViolationEvent;
import io.fangxian.domain.TopicRegistry;
import io.fangxian.intake.EnrichedEvent;
import io.fangxian.intake.EventIds;
import io.fangxian.metrics.PipelineMetrics;
import io.fangxian.serde.MockSchemaRegistry;
import io.fangxian.store.EnterpriseItemKey;
import io.fangxian.store.StoreNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The dossier files each violation once and drops an event it already holds; its retention sweep
 * reads a slice at a time and, slice after slice, reaches every expired record.
 */
class DossierRecorderTest {
  static final Duration RETENTION = Duration.ofDays(30);
  static final Instant NOW = Instant.parse("2026-07-01T02:00:00Z");

  private final String scope = "dossier-recorder-" + UUID.randomUUID();
  private final MockProcessorContext<String, EnrichedEvent<ViolationEvent>> context = new MockProcessorContext<>();
  private final KeyValueStore<EnterpriseItemKey, ViolationEvent> store = Stores.keyValueStoreBuilder(
          Stores.inMemoryKeyValueStore(StoreNames.DOSSIER_VIOLATIONS), EnterpriseItemKey.SERDE,
          new TopicRegistry("", Map.of("schema.registry.url", "mock://" + scope)).violations.valueSerde())
      .withLoggingDisabled().build();
  private final KeyValueStore<String, Long> eventIds = Stores.keyValueStoreBuilder(
      Stores.inMemoryKeyValueStore(StoreNames.EVENT_IDS), Serdes.String(), Serdes.Long()).withLoggingDisabled().build();
  private final List<String> duplicates = new ArrayList<>();
  private final DossierRecorder<ViolationEvent> recorder = new DossierRecorder<>(StoreNames.DOSSIER_VIOLATIONS,
      "violation", ViolationEvent::getViolationId, ViolationEvent::getEventId, ViolationEvent::getOccurredAt, RETENTION,
      Duration.ofDays(35), new PipelineMetrics() {
        @Override
        public void duplicateDropped(String topic) {
          duplicates.add(topic);
        }
      }, 2);
  private final Enterprise enterprise = Enterprise.newBuilder().setEnterpriseId("91320413MA1MCGQ3X4").setName("e")
      .setTownshipId("jincheng").setSectorId("machinery").setRiskLevel(RiskLevel.BLUE).build();

  DossierRecorderTest() {
    context.setCurrentSystemTimeMs(NOW.toEpochMilli());
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    eventIds.init(context.getStateStoreContext(), eventIds);
    context.addStateStore(eventIds);
    recorder.init(context);
  }

  @AfterEach
  void dropScope() {
    MockSchemaRegistry.dropScope(scope);
  }

  private void file(String enterpriseId, String violationId, Duration ago) {
    send(violation(enterpriseId, violationId, "e-" + violationId, ago));
  }

  private static ViolationEvent violation(String enterpriseId, String violationId, String eventId, Duration ago) {
    return ViolationEvent.newBuilder().setEventId(eventId).setViolationId(violationId)
        .setEnterpriseId(enterpriseId).setAction(ViolationAction.WARNING).setOccurredAt(NOW.minus(ago)).build();
  }

  private void send(ViolationEvent v) {
    recorder.process(new Record<>(v.getEnterpriseId(), new EnrichedEvent<>(v, enterprise), NOW.toEpochMilli()));
  }

  /** The eventIds passed on, in order, since the last call. */
  private List<String> passed() {
    List<String> ids = context.forwarded().stream().map(f -> f.record().value().event().getEventId()).toList();
    context.resetForwards();
    return ids;
  }

  private List<String> held() {
    List<String> ids = new ArrayList<>();
    try (KeyValueIterator<EnterpriseItemKey, ViolationEvent> it = store.all()) {
      it.forEachRemaining(kv -> ids.add(kv.key.enterpriseId() + "/" + kv.key.id()));
    }
    return ids;
  }

  private void sweep(Duration later) {
    context.scheduledPunctuators().stream().filter(p -> p.getInterval().equals(DossierRecorder.SWEEP_EVERY))
        .findFirst().orElseThrow().getPunctuator().punctuate(NOW.plus(later).toEpochMilli());
  }

  @Test
  void anEventSentAgainIsDroppedByWhatTheDossierHoldsWithoutAStoreOfIds() {
    ViolationEvent v = violation("A", "1", "e-1", Duration.ofDays(1));
    send(v);
    send(v);
    assertThat(passed()).containsExactly("e-1");
    assertThat(duplicates).hasSize(1);
    assertThat(held()).containsExactly("A/1");
    assertThat(idsRemembered()).as("the dossier's own write remembered it").isEmpty();
  }

  @Test
  void aCorrectionCountsAndNeitherVersionSentAgainCountsAgain() {
    ViolationEvent first = violation("A", "1", "e-1", Duration.ofDays(1));
    ViolationEvent corrected = ViolationEvent.newBuilder(violation("A", "1", "e-2", Duration.ofDays(1)))
        .setAction(ViolationAction.FINE).setFineYuan(500.0).build();
    send(first);
    send(corrected);
    assertThat(passed()).containsExactly("e-1", "e-2");
    assertThat(store.get(new EnterpriseItemKey("A", "1"))).isEqualTo(corrected);
    send(first);
    send(corrected);
    assertThat(passed()).isEmpty();
    assertThat(store.get(new EnterpriseItemKey("A", "1"))).as("the older version does not come back").isEqualTo(corrected);
    assertThat(idsRemembered()).containsExactlyInAnyOrder("violation:e-1", "violation:e-2");
  }

  @Test
  void anEventTooOldToFileIsRememberedByItsIdAndForgottenAfterTheIdRetention() {
    ViolationEvent old = violation("A", "1", "e-1", Duration.ofDays(40));
    send(old);
    send(old);
    assertThat(passed()).containsExactly("e-1");
    assertThat(held()).isEmpty();
    assertThat(idsRemembered()).containsExactly("violation:e-1");
    context.scheduledPunctuators().stream().filter(p -> p.getInterval().equals(EventIds.PRUNE_EVERY))
        .findFirst().orElseThrow().getPunctuator().punctuate(NOW.plus(Duration.ofDays(36)).toEpochMilli());
    assertThat(idsRemembered()).isEmpty();
  }

  private List<String> idsRemembered() {
    List<String> ids = new ArrayList<>();
    try (KeyValueIterator<String, Long> it = eventIds.all()) {
      it.forEachRemaining(kv -> ids.add(kv.key));
    }
    return ids;
  }

  @Test
  void eachSweepReadsOneSliceAndTheNextGoesOnFromThere() {
    file("A", "1", Duration.ofDays(20));
    file("A", "2", Duration.ofDays(1));
    file("B", "3", Duration.ofDays(20));
    file("C", "4", Duration.ofDays(20));
    file("C", "5", Duration.ofDays(2));
    file("C", "6", Duration.ofDays(40)); // past the retention on arrival: not filed
    assertThat(held()).containsExactly("A/1", "A/2", "B/3", "C/4", "C/5");

    Duration ten = Duration.ofDays(10).plusHours(1); // the ones 20 days old are now past 30
    sweep(ten); // reads A/1, A/2
    assertThat(held()).containsExactly("A/2", "B/3", "C/4", "C/5");
    sweep(ten); // reads A/2 again (the cursor), then B/3
    assertThat(held()).containsExactly("A/2", "C/4", "C/5");
    sweep(ten); // C/4, C/5
    sweep(ten); // the end was reached: back to the start
    assertThat(held()).containsExactly("A/2", "C/5");
    sweep(Duration.ofDays(40));
    sweep(Duration.ofDays(40));
    assertThat(held()).isEmpty();
  }
}
