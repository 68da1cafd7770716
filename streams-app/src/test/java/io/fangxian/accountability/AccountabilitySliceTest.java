package io.fangxian.accountability;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.accidents.AccidentChange;
import io.fangxian.avro.AccidentEvent;
import io.fangxian.avro.AccidentType;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.HazardState;
import io.fangxian.avro.HazardStatus;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.InspectionKind;
import io.fangxian.avro.RiskLevel;
import io.fangxian.avro.internal.AccidentState;
import io.fangxian.config.RulesConfig;
import io.fangxian.domain.CreditCode;
import io.fangxian.hazards.LedgerChange;
import io.fangxian.store.StoreNames;
import io.fangxian.store.UnitItemKey;
import io.fangxian.topology.SliceFixture;
import io.fangxian.topology.TopologyFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The accountability slice on its own (考核, 漏检): the intake's inspections and {@link Accountability},
 * with the ledger's new hazards and the new accidents (the messages it takes from the hazards and
 * accidents slices) fed from test topics. Its figures are its {@code unit-*} stores. The whole
 * topology's wiring of it is {@code topology.AccountabilityTest}.
 */
class AccountabilitySliceTest {
  private static final String ACCIDENTS = "test-accident-changes";
  private final SliceFixture f = new SliceFixture();
  /** hazardId → the inspection that found it, as the ledger's change carries it. */
  private final Map<String, String> foundBy = new HashMap<>();
  private final TopologyTestDriver driver;
  private final TestInputTopic<String, InspectionEvent> inspections;
  private final TestInputTopic<String, HazardState> ledger;
  private final TestInputTopic<String, AccidentEvent> accidents;
  private final Enterprise enterprise = Enterprise.newBuilder()
      .setEnterpriseId(CreditCode.generate(new SplittableRandom(13), "320413")).setName("常州测试化工有限公司")
      .setTownshipId("jincheng").setSectorId("construction").setRiskLevel(RiskLevel.ORANGE).build();
  private final Instant t = TopologyFixture.START.minus(Duration.ofDays(60));

  AccountabilitySliceTest() {
    AccountabilityStores.add(f.builder, f.topics);
    KStream<String, LedgerChange> changes =
        f.ledgerChanges(h -> new LedgerChange(null, h, enterprise, true, foundBy.get(h.getHazardId())));
    KStream<String, AccidentChange> accidentChanges = f.builder
        .stream(ACCIDENTS, Consumed.with(Serdes.String(), f.topics.accidents.valueSerde()).withName("test-accidents"))
        .mapValues(a -> new AccidentChange(null, new AccidentState(a, "jincheng", "construction", List.of(), null, false),
            enterprise), Named.as("test-accident-change"));
    Accountability.add(f.intake.enriched(f.topics.inspections, "inspections", e -> true), changes, accidentChanges,
        RulesConfig.defaults());
    driver = f.start();
    f.listed(enterprise);
    inspections = f.input(f.topics.inspections);
    ledger = f.ledger();
    accidents = driver.createInputTopic(ACCIDENTS, Serdes.String().serializer(), f.topics.accidents.valueSerde().serializer());
  }

  @AfterEach
  void close() {
    f.close();
  }

  private void inspected(String inspectionId, String unitId, InspectionKind kind, Instant at) {
    InspectionEvent i = InspectionEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setInspectionId(inspectionId)
        .setEnterpriseId(enterprise.getEnterpriseId()).setKind(kind).setFindings(1).setOccurredAt(at).setUnitId(unitId)
        .build();
    inspections.pipeInput(i.getEnterpriseId(), i);
  }

  private void reported(String hazardId, HazardSource source, Instant at, String inspectionId) {
    if (inspectionId != null) {
      foundBy.put(hazardId, inspectionId);
    }
    ledger.pipeInput(enterprise.getEnterpriseId(), HazardState.newBuilder().setHazardId(hazardId)
        .setEnterpriseId(enterprise.getEnterpriseId()).setTownshipId("jincheng").setSectorId("construction")
        .setStatus(HazardStatus.REPORTED).setSeverity(HazardSeverity.GENERAL).setSource(source)
        .setReportedAt(at).setUpdatedAt(at).build());
  }

  private void accident(String accidentId, Instant at) {
    accidents.pipeInput(enterprise.getEnterpriseId(), AccidentEvent.newBuilder().setEventId(UUID.randomUUID().toString())
        .setAccidentId(accidentId).setEnterpriseId(enterprise.getEnterpriseId()).setOccurredAt(at).setReportedAt(at)
        .setDeaths(0).setSeriousInjuries(1).setMinorInjuries(0).setDirectLossYuan(10_000.0)
        .setAccidentType(AccidentType.values()[0]).build());
  }

  /** The keys of a {@code unit-*} store, as {@code unit|item}. */
  private List<String> entries(String store) {
    KeyValueStore<UnitItemKey, Object> s = driver.getKeyValueStore(store);
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<UnitItemKey, Object> it = s.all()) {
      it.forEachRemaining((KeyValue<UnitItemKey, Object> kv) -> keys.add(kv.key.unitId() + "|" + kv.key.id()));
    }
    return keys;
  }

  @Test
  void theSliceRunsAloneWithItsOwnStoresOnly() {
    assertThat(f.topology().describe().subtopologies()).hasSize(1);
    assertThat(driver.getAllStateStores().keySet()).containsExactlyInAnyOrder(StoreNames.EVENT_IDS,
        StoreNames.ENTERPRISES, AccountabilityStores.INSPECTIONS, AccountabilityStores.HAZARDS,
        AccountabilityStores.ACCIDENTS, AccountabilityStores.UNIT_INSPECTIONS, AccountabilityStores.UNIT_FOUND,
        AccountabilityStores.UNIT_MISSED, AccountabilityStores.UNIT_ACCIDENTS);
  }

  @Test
  void aUnitIsCreditedWithWhatItsInspectionFoundWhicheverArrivesFirst() {
    inspected("I1", "unit-a", InspectionKind.ROUTINE, t);
    reported("H1", HazardSource.DEPARTMENT_INSPECTION, t, "I1");
    // The report before its inspection: credited when the inspection arrives.
    reported("H2", HazardSource.DEPARTMENT_INSPECTION, t.plus(Duration.ofDays(1)), "I2");
    assertThat(entries(AccountabilityStores.UNIT_FOUND)).containsExactly("unit-a|H1");
    inspected("I2", "unit-b", InspectionKind.GRID_PATROL, t.plus(Duration.ofDays(1)));

    assertThat(entries(AccountabilityStores.UNIT_FOUND)).containsExactlyInAnyOrder("unit-a|H1", "unit-b|H2");
    assertThat(entries(AccountabilityStores.UNIT_INSPECTIONS)).containsExactlyInAnyOrder("unit-a|I1", "unit-b|I2");
    assertThat(entries(AccountabilityStores.UNIT_MISSED)).isEmpty();
  }

  @Test
  void whatOthersFindWithinTheWindowAfterAUnitsOwnInspectionIsItsMiss() {
    Instant found = t.plus(Duration.ofDays(40));
    inspected("I1", "unit-a", InspectionKind.ROUTINE, found.minus(Duration.ofDays(10)));
    inspected("I2", "unit-b", InspectionKind.ROUTINE, found.minus(Duration.ofDays(31))); // before the 30-day window
    inspected("I3", "unit-c", InspectionKind.FLYING, found.minus(Duration.ofDays(5))); // the check on the others
    inspected("I4", "unit-d", InspectionKind.SELF_INSPECTION, found.minus(Duration.ofDays(5))); // the enterprise's own
    reported("H1", HazardSource.FLYING_INSPECTION, found, null);
    reported("H2", HazardSource.PUBLIC_REPORT, found.plus(Duration.ofDays(1)), null);
    reported("H3", HazardSource.DEPARTMENT_INSPECTION, found, null); // not found by others
    // An inspection that arrives late but happened within the window is charged the same.
    inspected("I5", "unit-e", InspectionKind.LINKED_SUPERVISION, found.minus(Duration.ofDays(2)));

    assertThat(entries(AccountabilityStores.UNIT_MISSED)).containsExactlyInAnyOrder(
        "unit-a|H1", "unit-a|H2", "unit-e|H1", "unit-e|H2");
  }

  @Test
  void anAccidentSoonAfterAUnitsInspectionCountsForThatUnit() {
    Instant at = t.plus(Duration.ofDays(20));
    inspected("I1", "unit-a", InspectionKind.ROUTINE, at.minus(Duration.ofDays(3)));
    inspected("I2", "unit-b", InspectionKind.ROUTINE, at.plus(Duration.ofDays(1))); // after the accident
    accident("A1", at);
    inspected("I3", "unit-c", InspectionKind.GRID_PATROL, at.minus(Duration.ofDays(29))); // arrives after it

    assertThat(entries(AccountabilityStores.UNIT_ACCIDENTS)).containsExactlyInAnyOrder("unit-a|A1", "unit-c|A1");
  }

  @Test
  void anInspectionCountsOnceForTheUnitOfItsFirstVersion() {
    inspected("I1", "unit-a", InspectionKind.ROUTINE, t);
    inspected("I1", "unit-b", InspectionKind.ROUTINE, t);
    inspected("I9", null, InspectionKind.ROUTINE, t); // no unit named: nothing to charge

    assertThat(entries(AccountabilityStores.UNIT_INSPECTIONS)).containsExactly("unit-a|I1");
  }
}
