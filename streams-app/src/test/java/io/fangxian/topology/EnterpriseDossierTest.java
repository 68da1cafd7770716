package io.fangxian.topology;

import static io.fangxian.avro.AccidentType.FALL_FROM_HEIGHT;
import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardEventType;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.InspectionKind;
import io.fangxian.avro.ViolationAction;
import io.fangxian.avro.ViolationEvent;
import io.fangxian.store.EnterpriseItemKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The dossier stores hold exactly an enterprise's own records, once each, under its id. */
class EnterpriseDossierTest {
  final TopologyFixture f = new TopologyFixture();
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
