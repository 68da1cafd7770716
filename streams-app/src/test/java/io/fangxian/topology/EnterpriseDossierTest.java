package io.fangxian.topology;

import static io.fangxian.avro.AccidentType.FALL_FROM_HEIGHT;
import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.avro.AccidentEvent;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardEvent;
import io.fangxian.avro.HazardEventType;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.InspectionKind;
import io.fangxian.avro.ViolationAction;
import io.fangxian.avro.ViolationEvent;
import io.fangxian.avro.internal.AccidentState;
import io.fangxian.config.PipelineConfig;
import io.fangxian.store.EnterpriseItemKey;
import io.fangxian.store.StoreNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The dossier stores hold exactly an enterprise's own records, once each, under its id, for their retention. */
class EnterpriseDossierTest {
  static final Duration RETENTION = Duration.ofDays(30);
  final TopologyFixture f = new TopologyFixture(PipelineConfig.defaults().withDossierRetention(RETENTION));
  final Instant at = TopologyFixture.START.minus(Duration.ofHours(3));

  @AfterEach
  void close() {
    f.close();
  }

  private <V> Map<String, V> file(String store, Enterprise e) {
    KeyValueStore<EnterpriseItemKey, V> s = f.driver.getKeyValueStore(store);
    Map<String, V> found = new LinkedHashMap<>();
    try (KeyValueIterator<EnterpriseItemKey, V> it = s.prefixScan(e.getEnterpriseId(), EnterpriseItemKey.ENTERPRISE_PREFIX)) {
      it.forEachRemaining(kv -> found.put(kv.key.id(), kv.value));
    }
    return found;
  }

  @Test
  void eachRecordIsFiledOnceUnderItsEnterprise() {
    Enterprise a = f.enterprise("jincheng", "machinery");
    Enterprise b = f.enterprise("xicheng", "machinery");
    f.report(a, "H1", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, at, at.plus(Duration.ofDays(5)));
    f.step(a, "H1", HazardEventType.RECTIFIED, at.plus(Duration.ofHours(1)));
    f.report(b, "H2", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, at, at.plus(Duration.ofDays(5)));
    ViolationEvent v = f.violation(a, ViolationAction.FINE, 20_000.0, at);
    f.violations.pipeInput(a.getEnterpriseId(), v); // resent: dropped before the dossier
    InspectionEvent i = f.inspection(a, InspectionKind.FLYING, at);
    f.inspection(b, InspectionKind.ROUTINE, at);
    f.accident(a, "A1", 1, 0, 0, FALL_FROM_HEIGHT, at, at.plus(Duration.ofMinutes(30)));
    f.accident(a, "A1", 3, 0, 0, FALL_FROM_HEIGHT, at, at.plus(Duration.ofMinutes(30))); // a correction

    assertThat(file(StoreNames.DOSSIER_HAZARDS, a)).containsExactly(Map.entry("H1", "H1"));
    Map<String, ViolationEvent> violations = file(StoreNames.DOSSIER_VIOLATIONS, a);
    assertThat(violations).containsOnlyKeys(v.getViolationId());
    assertThat(violations.get(v.getViolationId()).getFineYuan()).isEqualTo(20_000.0);
    assertThat(file(StoreNames.DOSSIER_INSPECTIONS, a)).containsOnlyKeys(i.getInspectionId());
    assertThat(file(StoreNames.DOSSIER_ACCIDENTS, a)).containsExactly(Map.entry("A1", "A1"));
    assertThat(file(StoreNames.DOSSIER_HAZARDS, b)).containsOnlyKeys("H2");
    assertThat(file(StoreNames.DOSSIER_ACCIDENTS, b)).isEmpty();
  }

  /** Every write to a dossier store, in order: its changelog, as Kafka Streams sends it. */
  private List<TestRecord<String, String>> writes(String store) {
    String changelog = f.driver.producedTopicNames().stream().filter(t -> t.endsWith("-" + store + "-changelog"))
        .findFirst().orElseThrow(() -> new AssertionError("no changelog written for " + store));
    return f.driver.createOutputTopic(changelog, new StringDeserializer(), new StringDeserializer()).readRecordsToList();
  }

  @Test
  void aHazardIsIndexedOnceWhateverFollowsItsReport() {
    Enterprise a = f.enterprise("jincheng", "machinery");
    HazardEvent report = f.report(a, "H1", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, at,
        at.plus(Duration.ofDays(5)));
    f.hazards.pipeInput(a.getEnterpriseId(), report); // resent
    f.step(a, "H1", HazardEventType.RECTIFICATION_STARTED, at.plus(Duration.ofMinutes(10)));
    f.extend(a, "H1", at.plus(Duration.ofDays(9)), at.plus(Duration.ofMinutes(20)));
    f.step(a, "H1", HazardEventType.RECTIFIED, at.plus(Duration.ofMinutes(30)));
    f.step(a, "H1", HazardEventType.VERIFIED_CLOSED, at.plus(Duration.ofMinutes(40)));
    f.report(a, "H2", HazardSeverity.MAJOR, HazardSource.FLYING_INSPECTION, at, at.plus(Duration.ofDays(5)));

    assertThat(file(StoreNames.DOSSIER_HAZARDS, a)).containsOnlyKeys("H1", "H2");
    assertThat(writes(StoreNames.DOSSIER_HAZARDS)).extracting(TestRecord::key)
        .containsExactly(a.getEnterpriseId() + "|H1", a.getEnterpriseId() + "|H2");
  }

  @Test
  void resentViolationsInspectionsAndAccidentsAreFiledOnce() {
    Enterprise a = f.enterprise("jincheng", "machinery");
    ViolationEvent v = f.violation(a, ViolationAction.FINE, 3_000.0, at);
    InspectionEvent i = f.inspection(a, InspectionKind.ROUTINE, at);
    AccidentEvent accident = f.accident(a, "A1", 0, 1, 20_000, FALL_FROM_HEIGHT, at, at.plus(Duration.ofMinutes(20)));
    for (int n = 0; n < 2; n++) {
      f.violations.pipeInput(a.getEnterpriseId(), v);
      f.inspections.pipeInput(a.getEnterpriseId(), i);
      f.accidents.pipeInput(a.getEnterpriseId(), accident);
    }
    assertThat(file(StoreNames.DOSSIER_VIOLATIONS, a)).containsOnlyKeys(v.getViolationId());
    assertThat(file(StoreNames.DOSSIER_INSPECTIONS, a)).containsOnlyKeys(i.getInspectionId());
    assertThat(file(StoreNames.DOSSIER_ACCIDENTS, a)).containsOnlyKeys("A1");
    assertThat(writes(StoreNames.DOSSIER_VIOLATIONS)).hasSize(1);
    assertThat(writes(StoreNames.DOSSIER_INSPECTIONS)).hasSize(1);
    assertThat(writes(StoreNames.DOSSIER_ACCIDENTS)).hasSize(1);
  }

  @Test
  void aCorrectedAccidentReplacesItsRecordUnderItsOneEntry() {
    Enterprise a = f.enterprise("jincheng", "machinery");
    f.accident(a, "A1", 1, 0, 50_000, FALL_FROM_HEIGHT, at, at.plus(Duration.ofMinutes(30)));
    f.accident(a, "A2", 0, 2, 10_000, FALL_FROM_HEIGHT, at.plus(Duration.ofHours(1)), at.plus(Duration.ofHours(2)));
    AccidentEvent corrected = f.accident(a, "A1", 3, 0, 80_000, FALL_FROM_HEIGHT, at, at.plus(Duration.ofMinutes(30)));

    assertThat(file(StoreNames.DOSSIER_ACCIDENTS, a)).containsOnlyKeys("A1", "A2");
    assertThat(writes(StoreNames.DOSSIER_ACCIDENTS)).hasSize(2);
    KeyValueStore<String, AccidentState> accidents = f.driver.getKeyValueStore(StoreNames.ACCIDENTS);
    AccidentEvent held = accidents.get("A1").getAccident();
    assertThat(held.getEventId()).isEqualTo(corrected.getEventId());
    assertThat(held.getDeaths()).isEqualTo(3);
    assertThat(held.getDirectLossYuan()).isEqualTo(80_000);
  }

  @Test
  void violationsAndInspectionsStayForTheRetentionAfterTheyOccurred() {
    Enterprise a = f.enterprise("jincheng", "machinery");
    Enterprise b = f.enterprise("xicheng", "machinery");
    Instant now = TopologyFixture.START;
    ViolationEvent recent = f.violation(a, ViolationAction.FINE, 1_000.0, now.minus(Duration.ofDays(10)));
    ViolationEvent older = f.violation(a, ViolationAction.WARNING, null, now.minus(Duration.ofDays(25)));
    InspectionEvent inspected = f.inspection(a, InspectionKind.FLYING, now.minus(Duration.ofDays(25)));
    InspectionEvent other = f.inspection(b, InspectionKind.ROUTINE, now.minus(Duration.ofDays(1)));
    f.violation(a, ViolationAction.FINE, 9_000.0, now.minus(RETENTION).minus(Duration.ofHours(1))); // too old to file
    f.inspection(b, InspectionKind.ROUTINE, now.minus(RETENTION).minus(Duration.ofDays(3))); // too old to file
    f.report(a, "H1", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, now.minus(Duration.ofDays(25)),
        now.plus(Duration.ofDays(5)));
    f.accident(a, "A1", 0, 1, 0, FALL_FROM_HEIGHT, now.minus(Duration.ofDays(25)), now.minus(Duration.ofDays(25)));

    assertThat(file(StoreNames.DOSSIER_VIOLATIONS, a)).containsOnlyKeys(recent.getViolationId(), older.getViolationId());
    assertThat(file(StoreNames.DOSSIER_INSPECTIONS, a)).containsOnlyKeys(inspected.getInspectionId());
    assertThat(file(StoreNames.DOSSIER_INSPECTIONS, b)).containsOnlyKeys(other.getInspectionId());

    f.advance(Duration.ofDays(4)); // 29 days after the older ones: still kept
    assertThat(file(StoreNames.DOSSIER_VIOLATIONS, a)).containsOnlyKeys(recent.getViolationId(), older.getViolationId());
    assertThat(file(StoreNames.DOSSIER_INSPECTIONS, a)).containsOnlyKeys(inspected.getInspectionId());

    f.advance(Duration.ofDays(2)); // 31 days: past the retention
    assertThat(file(StoreNames.DOSSIER_VIOLATIONS, a)).containsOnlyKeys(recent.getViolationId());
    assertThat(file(StoreNames.DOSSIER_INSPECTIONS, a)).isEmpty();
    assertThat(file(StoreNames.DOSSIER_INSPECTIONS, b)).containsOnlyKeys(other.getInspectionId());
    // hazards and accidents stay as long as the ledger and the accidents store hold them
    assertThat(file(StoreNames.DOSSIER_HAZARDS, a)).containsOnlyKeys("H1");
    assertThat(file(StoreNames.DOSSIER_ACCIDENTS, a)).containsOnlyKeys("A1");
  }

  @Test
  void aRefusedReportLeavesNoEntry() {
    Enterprise a = f.enterprise("jincheng", "machinery");
    f.step(a, "H9", HazardEventType.RECTIFIED, at); // never reported: a dead letter
    assertThat(file(StoreNames.DOSSIER_HAZARDS, a)).isEmpty();
    List<Object> dead = new ArrayList<>();
    f.deadLetters.readRecordsToList().forEach(dead::add);
    assertThat(dead).hasSize(1);
  }
}
