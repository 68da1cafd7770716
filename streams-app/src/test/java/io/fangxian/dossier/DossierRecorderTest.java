package io.fangxian.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.avro.Enterprise;
import io.fangxian.avro.RiskLevel;
import io.fangxian.avro.ViolationAction;
import io.fangxian.avro.ViolationEvent;
import io.fangxian.domain.TopicRegistry;
import io.fangxian.intake.EnrichedEvent;
import io.fangxian.serde.MockSchemaRegistry;
import io.fangxian.store.EnterpriseItemKey;
import io.fangxian.store.StoreNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The dossier's retention sweep reads a slice at a time and, slice after slice, reaches every expired record. */
class DossierRecorderTest {
  static final Duration RETENTION = Duration.ofDays(30);
  static final Instant NOW = Instant.parse("2026-07-01T02:00:00Z");

  private final String scope = "dossier-recorder-" + UUID.randomUUID();
  private final MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
  private final KeyValueStore<EnterpriseItemKey, ViolationEvent> store = Stores.keyValueStoreBuilder(
          Stores.inMemoryKeyValueStore(StoreNames.DOSSIER_VIOLATIONS), EnterpriseItemKey.SERDE,
          new TopicRegistry("", Map.of("schema.registry.url", "mock://" + scope)).violations.valueSerde())
      .withLoggingDisabled().build();
  private final DossierRecorder<ViolationEvent> recorder = new DossierRecorder<>(StoreNames.DOSSIER_VIOLATIONS,
      ViolationEvent::getViolationId, ViolationEvent::getOccurredAt, RETENTION, 2);
  private final Enterprise enterprise = Enterprise.newBuilder().setEnterpriseId("91320413MA1MCGQ3X4").setName("e")
      .setTownshipId("jincheng").setSectorId("machinery").setRiskLevel(RiskLevel.BLUE).build();

  DossierRecorderTest() {
    context.setCurrentSystemTimeMs(NOW.toEpochMilli());
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    recorder.init(context);
  }

  @AfterEach
  void dropScope() {
    MockSchemaRegistry.dropScope(scope);
  }

  private void file(String enterpriseId, String violationId, Duration ago) {
    ViolationEvent v = ViolationEvent.newBuilder().setEventId("e-" + violationId).setViolationId(violationId)
        .setEnterpriseId(enterpriseId).setAction(ViolationAction.WARNING).setOccurredAt(NOW.minus(ago)).build();
    recorder.process(new Record<>(enterpriseId, new EnrichedEvent<>(v, enterprise), NOW.toEpochMilli()));
  }

  private List<String> held() {
    List<String> ids = new ArrayList<>();
    try (KeyValueIterator<EnterpriseItemKey, ViolationEvent> it = store.all()) {
      it.forEachRemaining(kv -> ids.add(kv.key.enterpriseId() + "/" + kv.key.id()));
    }
    return ids;
  }

  private void sweep(Duration later) {
    context.scheduledPunctuators().get(0).getPunctuator().punctuate(NOW.plus(later).toEpochMilli());
  }

  @Test
  void eachSweepReadsOneSliceAndTheNextGoesOnFromThere() {
    file("A", "1", Duration.ofDays(20));
    file("A", "2", Duration.ofDays(1));
    file("B", "3", Duration.ofDays(20));
    file("C", "4", Duration.ofDays(20));
    file("C", "5", Duration.ofDays(2));
    file("C", "6", Duration.ofDays(40)); // past the retention on arrival: not filed
    assertThat(context.scheduledPunctuators()).hasSize(1);
    assertThat(context.scheduledPunctuators().get(0).getInterval()).isEqualTo(DossierRecorder.SWEEP_EVERY);
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
