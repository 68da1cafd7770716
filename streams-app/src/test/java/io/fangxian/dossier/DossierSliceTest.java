package io.fangxian.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.areas.CountChange;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.InspectionKind;
import io.fangxian.avro.RiskLevel;
import io.fangxian.avro.ViolationAction;
import io.fangxian.avro.ViolationEvent;
import io.fangxian.domain.CreditCode;
import io.fangxian.metrics.PipelineMetrics;
import io.fangxian.store.EnterpriseItemKey;
import io.fangxian.store.StoreNames;
import io.fangxian.topology.SliceFixture;
import io.fangxian.topology.TopologyFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The dossier slice on its own: the intake and {@link Dossier}, none of the other slices. It files
 * each violation and inspection once in its enterprise's dossier and sends on what each adds to its
 * areas' counts; what it sends is read where it leaves the slice. {@link DossierRecorderTest} has the
 * recorder's own rules (retention, the sweep).
 */
class DossierSliceTest {
  private final SliceFixture f = new SliceFixture();
  private final List<CountChange> counts = new ArrayList<>();
  private final List<String> filedIds = new ArrayList<>();
  private final TopologyTestDriver driver;
  private final TestInputTopic<String, ViolationEvent> violations;
  private final TestInputTopic<String, InspectionEvent> inspections;
  private final Enterprise enterprise = Enterprise.newBuilder()
      .setEnterpriseId(CreditCode.generate(new SplittableRandom(11), "320413")).setName("常州测试机械有限公司")
      .setTownshipId("jincheng").setSectorId("machinery").setRiskLevel(RiskLevel.YELLOW).build();
  private final Instant at = TopologyFixture.START.minus(Duration.ofDays(2));

  DossierSliceTest() {
    DossierStores.add(f.builder, f.topics);
    Dossier.Filed<ViolationEvent> v = Dossier.violations(f.intake.enriched(f.topics.violations, "violations", e -> true),
        f.config, PipelineMetrics.NONE);
    Dossier.Filed<InspectionEvent> i = Dossier.inspections(
        f.intake.enriched(f.topics.inspections, "inspections", e -> true), f.config,
        PipelineMetrics.NONE);
    v.records().foreach((key, e) -> filedIds.add(e.event().getViolationId()), Named.as("test-filed-violations"));
    i.records().foreach((key, e) -> filedIds.add(e.event().getInspectionId()), Named.as("test-filed-inspections"));
    v.counts().merge(i.counts(), Named.as("test-merge-counts")).foreach((key, c) -> counts.add(c), Named.as("test-counts"));
    driver = f.start();
    f.listed(enterprise);
    violations = f.input(f.topics.violations);
    inspections = f.input(f.topics.inspections);
  }

  @AfterEach
  void close() {
    f.close();
  }

  private ViolationEvent violation(String violationId, ViolationAction action, double fine) {
    return ViolationEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setViolationId(violationId)
        .setEnterpriseId(enterprise.getEnterpriseId()).setAction(action).setFineYuan(fine).setOccurredAt(at).build();
  }

  private InspectionEvent inspection(String inspectionId, InspectionKind kind) {
    return InspectionEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setInspectionId(inspectionId)
        .setEnterpriseId(enterprise.getEnterpriseId()).setKind(kind).setFindings(2).setOccurredAt(at).build();
  }

  private long violationsCounted() {
    return counts.stream().mapToLong(c -> c.delta().getViolations()).sum();
  }

  @Test
  void theSliceRunsAloneWithItsOwnStoresOnly() {
    assertThat(f.topology().describe().subtopologies()).hasSize(1);
    assertThat(driver.getAllStateStores().keySet()).containsExactlyInAnyOrder(StoreNames.EVENT_IDS,
        StoreNames.ENTERPRISES, StoreNames.DOSSIER_VIOLATIONS, StoreNames.DOSSIER_INSPECTIONS);
  }

  @Test
  void aViolationIsFiledAndCountedOnceThoughSentAgain() {
    ViolationEvent v = violation("V1", ViolationAction.FINE, 20_000.0);
    violations.pipeInput(v.getEnterpriseId(), v);
    violations.pipeInput(v.getEnterpriseId(), v);

    assertThat(filedIds).containsExactly("V1");
    assertThat(counts).singleElement().satisfies(c -> {
      assertThat(c.areas()).containsExactly("township/jincheng", "sector/machinery");
      assertThat(c.delta().getViolations()).isEqualTo(1);
      assertThat(c.delta().getFineYuan()).isEqualTo(20_000.0);
    });
    KeyValueStore<EnterpriseItemKey, ViolationEvent> dossier = driver.getKeyValueStore(StoreNames.DOSSIER_VIOLATIONS);
    assertThat(dossier.get(new EnterpriseItemKey(enterprise.getEnterpriseId(), "V1"))).isEqualTo(v);
  }

  /** Violations are counted per event, as the figures have always counted them (and the oracle does). */
  @Test
  void aRecordSentWithANewEventIdReplacesTheFiledOneAndCountsWhileResendsOfEitherAreDropped() {
    ViolationEvent first = violation("V1", ViolationAction.WARNING, 0.0);
    ViolationEvent correction = violation("V1", ViolationAction.FINE, 5_000.0);
    violations.pipeInput(first.getEnterpriseId(), first);
    violations.pipeInput(correction.getEnterpriseId(), correction);
    // Both versions sent again: the dossier holds the correction, event-ids the first version's id.
    violations.pipeInput(first.getEnterpriseId(), first);
    violations.pipeInput(correction.getEnterpriseId(), correction);

    assertThat(filedIds).containsExactly("V1", "V1");
    assertThat(violationsCounted()).isEqualTo(2);
    KeyValueStore<EnterpriseItemKey, ViolationEvent> dossier = driver.getKeyValueStore(StoreNames.DOSSIER_VIOLATIONS);
    assertThat(dossier.get(new EnterpriseItemKey(enterprise.getEnterpriseId(), "V1"))).isEqualTo(correction);
  }

  @Test
  void anInspectionCountsByItsKind() {
    InspectionEvent i = inspection("I1", InspectionKind.ROUTINE);
    inspections.pipeInput(i.getEnterpriseId(), i);
    inspections.pipeInput(i.getEnterpriseId(), i);

    assertThat(filedIds).containsExactly("I1");
    assertThat(counts).singleElement().satisfies(c -> {
      assertThat(c.delta().getInspections()).isEqualTo(1);
      assertThat(c.delta().getInspectionsByKind()).containsEntry("ROUTINE", 1L);
      assertThat(c.delta().getViolations()).isZero();
    });
  }

  @Test
  void aRecordOfAnEnterpriseNotListedIsNeitherFiledNorCounted() {
    ViolationEvent v = ViolationEvent.newBuilder(violation("V9", ViolationAction.FINE, 1_000.0))
        .setEnterpriseId(CreditCode.generate(new SplittableRandom(12), "320413")).build();
    violations.pipeInput(v.getEnterpriseId(), v);

    assertThat(filedIds).isEmpty();
    assertThat(counts).isEmpty();
    assertThat(f.deadLetters().readRecordsToList()).hasSize(1);
  }
}
