package io.fangxian.flying;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.HazardState;
import io.fangxian.avro.HazardStatus;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.InspectionKind;
import io.fangxian.avro.RiskLevel;
import io.fangxian.avro.internal.Revisit;
import io.fangxian.config.RulesConfig;
import io.fangxian.domain.CreditCode;
import io.fangxian.hazards.LedgerChange;
import io.fangxian.store.EnterpriseItemKey;
import io.fangxian.store.StoreNames;
import io.fangxian.topology.SliceFixture;
import io.fangxian.topology.TopologyFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The flying-inspection slice on its own (交办, 回头看): the intake's inspections and {@link Flying},
 * with the ledger's new hazards fed from a test topic. Its figures are its {@code flying-revisits}
 * store. The whole topology's wiring of it is {@code topology.RevisitsTest}.
 */
class FlyingSliceTest {
  private static final Duration WITHIN = RulesConfig.defaults().flying().revisitWithin();
  private final SliceFixture f = new SliceFixture();
  /** hazardId → the inspection that found it, as the ledger's change carries it. */
  private final Map<String, String> foundBy = new HashMap<>();
  private final TopologyTestDriver driver;
  private final TestInputTopic<String, InspectionEvent> inspections;
  private final TestInputTopic<String, HazardState> ledger;
  private final Enterprise enterprise = Enterprise.newBuilder()
      .setEnterpriseId(CreditCode.generate(new SplittableRandom(17), "320413")).setName("常州测试建材有限公司")
      .setTownshipId("jincheng").setSectorId("construction").setRiskLevel(RiskLevel.ORANGE).build();
  private final Instant flyingAt = TopologyFixture.START.minus(WITHIN).plus(Duration.ofDays(3));

  FlyingSliceTest() {
    RevisitStores.add(f.builder, f.topics);
    KStream<String, LedgerChange> changes =
        f.ledgerChanges(h -> new LedgerChange(null, h, enterprise, true, foundBy.get(h.getHazardId())));
    Flying.add(f.intake.enriched(f.topics.inspections, "inspections", e -> true), changes, f.config,
        RulesConfig.defaults());
    driver = f.start();
    f.listed(enterprise);
    inspections = f.input(f.topics.inspections);
    ledger = f.ledger();
  }

  @AfterEach
  void close() {
    f.close();
  }

  private void inspected(String inspectionId, InspectionKind kind, Instant at) {
    InspectionEvent i = InspectionEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setInspectionId(inspectionId)
        .setEnterpriseId(enterprise.getEnterpriseId()).setKind(kind).setFindings(1).setOccurredAt(at).setUnitId("unit-a")
        .build();
    inspections.pipeInput(i.getEnterpriseId(), i);
  }

  private void found(String hazardId, String inspectionId, HazardSeverity severity, Instant at) {
    foundBy.put(hazardId, inspectionId);
    ledger.pipeInput(enterprise.getEnterpriseId(), HazardState.newBuilder().setHazardId(hazardId)
        .setEnterpriseId(enterprise.getEnterpriseId()).setTownshipId("jincheng").setSectorId("construction")
        .setStatus(HazardStatus.REPORTED).setSeverity(severity).setSource(HazardSource.FLYING_INSPECTION)
        .setReportedAt(at).setUpdatedAt(at).build());
  }

  private Revisit revisit(String anchorId) {
    KeyValueStore<EnterpriseItemKey, Revisit> store = driver.getKeyValueStore(RevisitStores.REVISITS);
    return store.get(new EnterpriseItemKey(enterprise.getEnterpriseId(), anchorId));
  }

  @Test
  void theSliceRunsAloneWithItsOwnStoresOnly() {
    assertThat(f.topology().describe().subtopologies()).hasSize(1);
    assertThat(driver.getAllStateStores().keySet()).containsExactlyInAnyOrder(StoreNames.EVENT_IDS,
        StoreNames.ENTERPRISES, RevisitStores.INSPECTIONS, RevisitStores.REVISITS, RevisitStores.DUE);
  }

  @Test
  void aFlyingInspectionsFindingsOweOneRevisitThatTheNextSupervisoryInspectionMakes() {
    inspected("F1", InspectionKind.FLYING, flyingAt);
    found("H1", "F1", HazardSeverity.MAJOR, flyingAt);
    found("H2", "F1", HazardSeverity.GENERAL, flyingAt);
    found("H2", "F1", HazardSeverity.GENERAL, flyingAt); // sent again: joins once
    inspected("S1", InspectionKind.SELF_INSPECTION, flyingAt.plus(Duration.ofDays(1))); // the enterprise's own: no revisit

    assertThat(revisit("F1")).satisfies(r -> {
      assertThat(r.getHazardIds()).containsExactly("H1", "H2");
      assertThat(r.getMajorHazards()).isEqualTo(1);
      assertThat(r.getDueAt()).isEqualTo(flyingAt.plus(WITHIN));
      assertThat(r.getRevisitedAt()).isNull();
    });

    inspected("R2", InspectionKind.ROUTINE, flyingAt.plus(Duration.ofDays(9)));
    inspected("R1", InspectionKind.ROUTINE, flyingAt.plus(Duration.ofDays(5))); // earlier, though it arrives later
    assertThat(revisit("F1").getRevisitInspectionId()).isEqualTo("R1");
    assertThat(revisit("F1").getRevisitedAt()).isEqualTo(flyingAt.plus(Duration.ofDays(5)));
  }

  @Test
  void aRevisitIsOverdueOnlyOnceTheWallClockPassesItsDueTime() {
    inspected("F1", InspectionKind.FLYING, flyingAt);
    found("H1", "F1", HazardSeverity.GENERAL, flyingAt);
    driver.advanceWallClockTime(Duration.ofDays(2));
    assertThat(revisit("F1").getOverdue()).isFalse();

    driver.advanceWallClockTime(Duration.ofDays(1).plusMinutes(1));
    assertThat(revisit("F1").getOverdue()).isTrue();
    assertThat(revisit("F1").getRevisitedAt()).isNull();
  }

  @Test
  void aFlyingInspectionArrivingAfterItsFindingsDatesTheRevisitFromItself() {
    found("H1", "F1", HazardSeverity.GENERAL, flyingAt.plus(Duration.ofDays(1)));
    inspected("R1", InspectionKind.ROUTINE, flyingAt.plus(Duration.ofHours(12)));
    inspected("F1", InspectionKind.FLYING, flyingAt);

    assertThat(revisit("F1")).satisfies(r -> {
      assertThat(r.getFoundAt()).isEqualTo(flyingAt);
      assertThat(r.getDueAt()).isEqualTo(flyingAt.plus(WITHIN));
      assertThat(r.getRevisitInspectionId()).isEqualTo("R1");
      assertThat(r.getHazardIds()).isEqualTo(List.of("H1"));
    });
  }
}
