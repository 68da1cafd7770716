package io.fangxian.topology;

import static io.fangxian.topology.TopologyFixture.START;
import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.avro.Alert;
import io.fangxian.avro.AlertStatus;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardEvent;
import io.fangxian.avro.HazardEventType;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.InspectionKind;
import io.fangxian.avro.RiskLevel;
import io.fangxian.avro.SubjectType;
import io.fangxian.avro.ViolationAction;
import io.fangxian.avro.WarningLevel;
import io.fangxian.config.PipelineConfig;
import io.fangxian.config.RulesConfig;
import io.fangxian.store.StoreNames;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AlertRulesTest {
  final TopologyFixture f = new TopologyFixture();
  final Instant earlier = START.minus(Duration.ofHours(2));
  final Instant later = START.plus(Duration.ofDays(30));

  @AfterEach
  void close() {
    f.close();
  }

  private List<Alert> alerts(String rule) {
    return f.newAlerts().stream().filter(a -> a.getRule().equals(rule)).toList();
  }

  private static void assertAlert(Alert a, AlertStatus status, WarningLevel level) {
    assertThat(a.getStatus()).as(a.getAlertKey()).isEqualTo(status);
    assertThat(a.getLevel()).as(a.getAlertKey()).isEqualTo(level);
  }

  private Enterprise enterprise(String township, String sector, RiskLevel risk) {
    return f.enterprise(Enterprise.newBuilder(f.enterprise(township, sector)).setRiskLevel(risk).build());
  }

  @Test
  void aMajorHazardFiresOrangeAndResolvesWhenClosed() {
    Enterprise e = f.enterprise("jincheng", "machinery");
    HazardEvent reported = f.report(e, "H1", HazardSeverity.MAJOR, HazardSource.SELF_INSPECTION, earlier, later);
    List<Alert> fired = alerts("major-hazard");
    assertThat(fired).hasSize(1);
    Alert a = fired.get(0);
    assertAlert(a, AlertStatus.FIRING, WarningLevel.ORANGE);
    assertThat(a.getAlertKey()).isEqualTo("major-hazard:hazard:H1");
    assertThat(a.getSubject().getType()).isEqualTo(SubjectType.HAZARD);
    assertThat(a.getSubject().getTownshipName()).isEqualTo("金城镇");
    assertThat(a.getSubject().getEnterpriseId()).isEqualTo(e.getEnterpriseId());
    assertThat(a.getEvidence().getHazardIds()).containsExactly("H1");
    assertThat(a.getEvidence().getEventIds()).containsExactly(reported.getEventId());
    assertThat(a.getTitleZh()).contains("重大事故隐患");
    assertThat(a.getTriggeredAt()).isEqualTo(earlier);

    f.hazards.pipeInput(e.getEnterpriseId(), reported); // resent: quiet
    f.step(e, "H1", HazardEventType.RECTIFIED, earlier.plusSeconds(60)); // same level: quiet
    assertThat(alerts("major-hazard")).isEmpty();

    f.step(e, "H1", HazardEventType.VERIFIED_CLOSED, earlier.plusSeconds(120));
    List<Alert> resolved = alerts("major-hazard");
    assertThat(resolved).hasSize(1);
    assertAlert(resolved.get(0), AlertStatus.RESOLVED, WarningLevel.ORANGE);
    assertThat(resolved.get(0).getFirstFiredAt()).isEqualTo(a.getFirstFiredAt());
  }

  @Test
  void aGeneralHazardIsNotAMajorHazardAlert() {
    f.report(f.enterprise("jincheng", "machinery"), "H1", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, earlier, later);
    assertThat(alerts("major-hazard")).isEmpty();
  }

  @Test
  void aMajorHazardIsRedForARedEnterpriseHazardousChemicalsOrTheChemicalZone() {
    f.report(enterprise("jincheng", "machinery", RiskLevel.RED), "H1", HazardSeverity.MAJOR, HazardSource.SELF_INSPECTION, earlier, later);
    f.report(f.enterprise("xuebu", "hazardous-chemicals"), "H2", HazardSeverity.MAJOR, HazardSource.SELF_INSPECTION, earlier, later);
    Enterprise inZone = f.enterprise(Enterprise.newBuilder(f.enterprise("kaifaqu", "machinery")).setInChemicalZone(true).build());
    f.report(inZone, "H3", HazardSeverity.MAJOR, HazardSource.SELF_INSPECTION, earlier, later);
    assertThat(alerts("major-hazard")).extracting(Alert::getLevel)
        .containsExactly(WarningLevel.RED, WarningLevel.RED, WarningLevel.RED);
  }

  @Test
  void aWeatherWarningRaisesOpenMajorHazardsToRedUntilItExpires() {
    Enterprise e = f.enterprise("jincheng", "machinery");
    f.report(e, "H1", HazardSeverity.MAJOR, HazardSource.SELF_INSPECTION, earlier, later);
    assertAlert(alerts("major-hazard").get(0), AlertStatus.FIRING, WarningLevel.ORANGE);

    f.warning("W1", WarningLevel.YELLOW, List.of("jincheng"), START.minusSeconds(60), START.plus(Duration.ofHours(2)));
    List<Alert> escalated = alerts("major-hazard");
    assertThat(escalated).hasSize(1);
    assertAlert(escalated.get(0), AlertStatus.ESCALATED, WarningLevel.RED);
    assertThat(escalated.get(0).getPreviousLevel()).isEqualTo(WarningLevel.ORANGE);

    f.report(e, "H2", HazardSeverity.MAJOR, HazardSource.SELF_INSPECTION, START, later);
    assertAlert(alerts("major-hazard").get(0), AlertStatus.FIRING, WarningLevel.RED);

    f.advance(Duration.ofHours(3)); // the warning expires; the sweep notices
    assertThat(alerts("major-hazard")).extracting(Alert::getStatus, Alert::getLevel).containsOnly(
        org.assertj.core.groups.Tuple.tuple(AlertStatus.DE_ESCALATED, WarningLevel.ORANGE));
  }

  @Test
  void aBlueWarningDoesNotRaiseAMajorHazard() {
    f.warning("W1", WarningLevel.BLUE, List.of("jincheng"), START.minusSeconds(60), START.plus(Duration.ofHours(2)));
    f.report(f.enterprise("jincheng", "machinery"), "H1", HazardSeverity.MAJOR, HazardSource.SELF_INSPECTION, earlier, later);
    assertAlert(alerts("major-hazard").get(0), AlertStatus.FIRING, WarningLevel.ORANGE);
  }

  @Test
  void overdueRectificationClimbsWithTheWallClockAndResolvesOnClosing() {
    Enterprise e = f.enterprise("jincheng", "machinery");
    f.report(e, "H1", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, earlier, START.plus(Duration.ofHours(1)));
    f.advance(Duration.ofMinutes(30));
    assertThat(alerts("overdue-rectification")).isEmpty();

    f.advance(Duration.ofMinutes(31));
    List<Alert> blue = alerts("overdue-rectification");
    assertThat(blue).hasSize(1);
    assertAlert(blue.get(0), AlertStatus.FIRING, WarningLevel.BLUE);

    f.advance(Duration.ofDays(3));
    assertAlert(alerts("overdue-rectification").get(0), AlertStatus.ESCALATED, WarningLevel.YELLOW);
    f.advance(Duration.ofDays(4));
    assertAlert(alerts("overdue-rectification").get(0), AlertStatus.ESCALATED, WarningLevel.ORANGE);
    f.advance(Duration.ofDays(4));
    assertThat(alerts("overdue-rectification")).as("no step after +7d").isEmpty();

    f.step(e, "H1", HazardEventType.VERIFIED_CLOSED, f.now().minusSeconds(60));
    assertAlert(alerts("overdue-rectification").get(0), AlertStatus.RESOLVED, WarningLevel.ORANGE);
  }

  @Test
  void anOverdueMajorHazardStartsOneLevelHigherAndAnExtensionResolvesIt() {
    Enterprise e = f.enterprise("jincheng", "machinery");
    f.report(e, "H1", HazardSeverity.MAJOR, HazardSource.SELF_INSPECTION, START.minus(Duration.ofDays(10)), START.minus(Duration.ofDays(4)));
    assertAlert(alerts("overdue-rectification").get(0), AlertStatus.FIRING, WarningLevel.ORANGE); // +4 d: YELLOW, major: ORANGE

    f.extend(e, "H1", START.plus(Duration.ofDays(5)), START);
    assertAlert(alerts("overdue-rectification").get(0), AlertStatus.RESOLVED, WarningLevel.ORANGE);

    f.advance(Duration.ofDays(5).plusMinutes(1)); // the extended deadline passes too
    assertAlert(alerts("overdue-rectification").get(0), AlertStatus.FIRING, WarningLevel.YELLOW);
  }

  @Test
  void aSurgeFiresAtTheThresholdNotBelowAndResolvesAfterTheHoldTime() {
    Enterprise e = f.enterprise("zhixi", "machinery");
    for (int day = 2; day <= 8; day++) { // one a day over the 7 days before the last 24 h: mean 1
      f.report(e, "OLD" + day, HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, START.minus(Duration.ofDays(day)).plusSeconds(3600), later);
    }
    for (int i = 0; i < 4; i++) { // 4 in 24 h: below the floor of 5
      f.report(e, "NEW" + i, HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, START.minus(Duration.ofHours(i + 1)), later);
    }
    f.flushAreaCounts();
    f.advance(Duration.ofSeconds(5));
    assertThat(alerts("surge")).isEmpty();

    f.report(e, "NEW4", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, START.minus(Duration.ofMinutes(5)), later);
    f.flushAreaCounts();
    f.advance(Duration.ofSeconds(5));
    List<Alert> fired = alerts("surge");
    assertThat(fired).extracting(a -> a.getSubject().getType()).containsExactlyInAnyOrder(SubjectType.TOWNSHIP, SubjectType.SECTOR);
    Alert township = fired.stream().filter(a -> a.getSubject().getType() == SubjectType.TOWNSHIP).findFirst().orElseThrow();
    assertAlert(township, AlertStatus.FIRING, WarningLevel.YELLOW);
    assertThat(township.getAlertKey()).isEqualTo("surge:township:zhixi");
    assertThat(township.getEvidence().getFigures()).containsEntry("hazardsLast24h", 5.0).containsEntry("dailyMeanPrevious7d", 1.0);
    assertThat(township.getEvidence().getThresholds()).containsEntry("floor", 5.0).containsEntry("factor", 3.0);

    f.report(e, "NEW5", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, START.minus(Duration.ofMinutes(4)), later);
    f.flushAreaCounts();
    f.advance(Duration.ofSeconds(5));
    assertThat(alerts("surge")).extracting(Alert::getStatus, Alert::getLevel).containsOnly(
        org.assertj.core.groups.Tuple.tuple(AlertStatus.ESCALATED, WarningLevel.ORANGE)); // 6 = 2k × mean

    f.advance(Duration.ofHours(23)); // most of them leave the 24 h window, but the hold time
    f.advance(Duration.ofHours(2));  // is long past: resolved, once per area
    List<Alert> resolved = alerts("surge");
    assertThat(resolved).extracting(Alert::getStatus).containsOnly(AlertStatus.RESOLVED);
    assertThat(resolved).hasSize(2);
  }

  @Test
  void aRepeatViolatorFiresAtTheThirdViolationEscalatesOnSuspensionAndAgesOut() {
    Enterprise e = f.enterprise("rulin", "machinery");
    f.violation(e, ViolationAction.FINE, 10_000.0, START.minus(Duration.ofDays(20)));
    f.violation(e, ViolationAction.WARNING, null, START.minus(Duration.ofDays(10)));
    f.violation(e, ViolationAction.FINE, 5_000.0, START.minus(Duration.ofDays(40))); // outside 30 days
    assertThat(alerts("repeat-violator")).isEmpty();

    f.violation(e, ViolationAction.FINE, 20_000.0, START.minus(Duration.ofDays(1)));
    Alert fired = alerts("repeat-violator").get(0);
    assertAlert(fired, AlertStatus.FIRING, WarningLevel.YELLOW);
    assertThat(fired.getEvidence().getFigures()).containsEntry("violations", 3.0);
    assertThat(fired.getEvidence().getEventIds()).hasSize(3);
    assertThat(fired.getSubject().getType()).isEqualTo(SubjectType.ENTERPRISE);

    f.violation(e, ViolationAction.SUSPENSION, null, START.minus(Duration.ofHours(1)));
    assertAlert(alerts("repeat-violator").get(0), AlertStatus.ESCALATED, WarningLevel.ORANGE);

    f.violation(e, ViolationAction.WARNING, null, START.minus(Duration.ofDays(60))); // late, from an older window
    assertThat(alerts("repeat-violator")).as("an old window does not resolve the current one").isEmpty();

    f.advance(Duration.ofDays(11)); // the violation of 20 days ago leaves the window
    assertThat(alerts("repeat-violator")).as("still 3 in 30 days").isEmpty();
    f.advance(Duration.ofDays(20));
    assertAlert(alerts("repeat-violator").get(0), AlertStatus.RESOLVED, WarningLevel.ORANGE);
  }

  @Test
  void idsContainingTheOldKeySeparatorAreCountedAndListed() {
    Enterprise e = f.enterprise("rulin", "machinery");
    for (int i = 1; i <= 3; i++) {
      f.violations.pipeInput(e.getEnterpriseId(), io.fangxian.avro.ViolationEvent.newBuilder()
          .setEventId("case|2026|" + i).setViolationId("V|" + i + "|%7C").setEnterpriseId(e.getEnterpriseId())
          .setAction(ViolationAction.FINE).setFineYuan(1_000.0).setOccurredAt(START.minus(Duration.ofDays(4 - i))).build());
    }
    assertThat(f.deadLetters.isEmpty()).as("no violation was dead-lettered").isTrue();
    Alert fired = alerts("repeat-violator").get(0);
    assertAlert(fired, AlertStatus.FIRING, WarningLevel.YELLOW);
    assertThat(fired.getEvidence().getEventIds()).containsExactlyInAnyOrder("case|2026|1", "case|2026|2", "case|2026|3");
    assertThat(fired.getMessageZh()).contains("V|1|%7C", "V|3|%7C");
    f.publish();
    assertThat(TopologyFixture.latest(f.townshipStats).get("rulin").getViolations()).isEqualTo(3);
  }

  @Test
  void weatherEscalationListsOpenHazardsInSensitiveSectorsAndExpiresWithTheWarning() {
    Enterprise site = f.enterprise("jincheng", "construction");
    Enterprise office = f.enterprise("jincheng", "machinery");
    f.report(site, "H1", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, earlier, later);
    f.report(office, "H2", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, earlier, later);
    f.report(f.enterprise("xuebu", "construction"), "H3", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, earlier, later);
    f.newAlerts();

    f.warning("W1", WarningLevel.ORANGE, List.of("jincheng"), START.minusSeconds(60), START.plus(Duration.ofHours(6)));
    List<Alert> fired = alerts("weather-escalation");
    assertThat(fired).hasSize(1);
    assertAlert(fired.get(0), AlertStatus.FIRING, WarningLevel.ORANGE);
    assertThat(fired.get(0).getSubject().getId()).isEqualTo("jincheng");
    assertThat(fired.get(0).getEvidence().getHazardIds()).containsExactly("H1");
    assertThat(fired.get(0).getMessageZh()).contains("H1").contains("建筑施工");

    f.advance(Duration.ofHours(7));
    assertAlert(alerts("weather-escalation").get(0), AlertStatus.RESOLVED, WarningLevel.ORANGE);
  }

  @Test
  void weatherEscalationEndsWhenTheLastOpenSensitiveHazardIsClosed() {
    Enterprise site = f.enterprise("jincheng", "construction");
    f.report(site, "H1", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, earlier, later);
    f.report(site, "H2", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, earlier, later);
    f.warning("W1", WarningLevel.ORANGE, List.of("jincheng"), START.minusSeconds(60), START.plus(Duration.ofHours(6)));
    assertThat(alerts("weather-escalation").get(0).getEvidence().getHazardIds()).containsExactly("H1", "H2");

    f.report(site, "H3", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, START, later);
    f.advance(Duration.ofSeconds(5));
    KeyValueStore<String, Alert> current = f.driver.getKeyValueStore(StoreNames.ALERTS);
    assertThat(current.get("weather-escalation:township:jincheng").getEvidence().getHazardIds())
        .as("the evidence follows the open hazards").containsExactly("H1", "H2", "H3");

    f.step(site, "H1", HazardEventType.RECTIFICATION_STARTED, START);
    f.step(site, "H1", HazardEventType.VERIFIED_CLOSED, START);
    f.advance(Duration.ofMinutes(16));
    assertThat(alerts("weather-escalation")).as("H2 and H3 are still open").isEmpty();

    f.step(site, "H3", HazardEventType.VERIFIED_CLOSED, START.plus(Duration.ofMinutes(16)));
    f.step(site, "H2", HazardEventType.VERIFIED_CLOSED, START.plus(Duration.ofMinutes(16)));
    f.advance(Duration.ofMinutes(16));
    List<Alert> resolved = alerts("weather-escalation");
    assertAlert(resolved.get(0), AlertStatus.RESOLVED, WarningLevel.ORANGE);
    assertThat(resolved.get(0).getEvidence().getHazardIds()).isEmpty();
  }

  @Test
  void aDistrictWideWarningCoversEveryTownshipAndABlueOneIsIgnored() {
    f.report(f.enterprise("xuebu", "construction"), "H1", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, earlier, later);
    f.warning("W0", WarningLevel.BLUE, List.of(), START.minusSeconds(60), START.plus(Duration.ofHours(6)));
    assertThat(alerts("weather-escalation")).isEmpty();
    f.warning("W1", WarningLevel.YELLOW, List.of(), START.minusSeconds(60), START.plus(Duration.ofHours(6)));
    List<Alert> fired = alerts("weather-escalation");
    assertThat(fired).extracting(a -> a.getSubject().getId()).containsExactly("xuebu");
    assertAlert(fired.get(0), AlertStatus.FIRING, WarningLevel.YELLOW);
  }

  @Test
  void aNewHazardAtAKeySupervisedEnterpriseIsAddressedToItsSupervisor() {
    Enterprise key = f.enterprise(Enterprise.newBuilder(f.enterprise("maoshan", "tourism"))
        .setKeySupervised(true).setSupervisor("区应急局 王某").build());
    f.report(key, "OLD", HazardSeverity.GENERAL, HazardSource.GRID_PATROL, START.minus(Duration.ofDays(10)), later);
    assertThat(alerts("key-enterprise")).as("a hazard from ten days ago is not new").isEmpty();

    f.report(key, "H1", HazardSeverity.GENERAL, HazardSource.GRID_PATROL, earlier, later);
    Alert a = alerts("key-enterprise").get(0);
    assertAlert(a, AlertStatus.FIRING, WarningLevel.YELLOW);
    assertThat(a.getSupervisor()).isEqualTo("区应急局 王某");
    assertThat(a.getMessageZh()).contains("区应急局 王某");

    f.report(f.enterprise("maoshan", "tourism"), "H2", HazardSeverity.GENERAL, HazardSource.GRID_PATROL, earlier, later);
    assertThat(alerts("key-enterprise")).as("not key-supervised").isEmpty();
  }

  @Test
  void aKeyAreaEnterpriseWithoutSelfInspectionForThirtyDaysIsFlagged() {
    Enterprise site = f.enterprise("zhulin", "construction");
    Enterprise factory = f.enterprise("zhulin", "machinery"); // not a key area
    for (Enterprise e : List.of(site, factory)) {
      f.inspections.pipeInput(e.getEnterpriseId(), InspectionEvent.newBuilder().setEventId(UUID.randomUUID().toString())
          .setInspectionId("I-" + e.getEnterpriseId()).setEnterpriseId(e.getEnterpriseId())
          .setKind(InspectionKind.SELF_INSPECTION).setOccurredAt(START.minus(Duration.ofDays(29))).build());
    }
    f.advance(Duration.ofHours(12));
    assertThat(alerts("self-inspection-lapse")).isEmpty();

    f.advance(Duration.ofDays(1));
    List<Alert> lapsed = alerts("self-inspection-lapse");
    assertThat(lapsed).hasSize(1);
    assertAlert(lapsed.get(0), AlertStatus.FIRING, WarningLevel.BLUE);
    assertThat(lapsed.get(0).getSubject().getId()).isEqualTo(site.getEnterpriseId());

    f.inspection(site, InspectionKind.SELF_INSPECTION, f.now().minusSeconds(10));
    assertAlert(alerts("self-inspection-lapse").get(0), AlertStatus.RESOLVED, WarningLevel.BLUE);
  }

  @Test
  void selfInspectingEveryTwentyDaysKeepsTheLapseAwayAndTheLastOneStartsTheClock() {
    Enterprise site = f.enterprise("zhulin", "construction"); // watched from now: looked at again in 30 days
    f.advance(Duration.ofDays(20));
    f.inspection(site, InspectionKind.SELF_INSPECTION, f.now());
    f.advance(Duration.ofDays(11)); // the first look finds the self-inspection and moves on to day 50
    assertThat(alerts("self-inspection-lapse")).isEmpty();
    f.advance(Duration.ofDays(18));
    assertThat(alerts("self-inspection-lapse")).isEmpty();

    f.advance(Duration.ofDays(2));
    List<Alert> lapsed = alerts("self-inspection-lapse");
    assertThat(lapsed).hasSize(1);
    assertAlert(lapsed.get(0), AlertStatus.FIRING, WarningLevel.BLUE);
    assertThat(lapsed.get(0).getMessageZh()).contains("最近一次企业自查");
  }

  @Test
  void aTownshipWhereInspectorsFindMostHazardsHasASelfReportGap() {
    Enterprise e = f.enterprise("zhiqian", "machinery");
    for (int i = 0; i < 7; i++) {
      f.report(e, "F" + i, HazardSeverity.GENERAL, HazardSource.FLYING_INSPECTION, earlier, later);
    }
    for (int i = 0; i < 2; i++) {
      f.report(e, "S" + i, HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, earlier, later);
    }
    f.flushAreaCounts();
    f.advance(Duration.ofSeconds(5));
    assertThat(alerts("self-report-gap")).as("9 hazards: below the minimum of 10").isEmpty();

    f.report(e, "D1", HazardSeverity.GENERAL, HazardSource.DEPARTMENT_INSPECTION, earlier, later);
    f.flushAreaCounts();
    f.advance(Duration.ofSeconds(5));
    List<Alert> fired = alerts("self-report-gap");
    assertThat(fired).extracting(a -> a.getSubject().getId()).containsExactlyInAnyOrder("zhiqian", "machinery");
    Alert township = fired.stream().filter(a -> a.getSubject().getId().equals("zhiqian")).findFirst().orElseThrow();
    assertAlert(township, AlertStatus.FIRING, WarningLevel.YELLOW);
    assertThat(township.getEvidence().getFigures()).containsEntry("inspectionFound", 8.0).containsEntry("selfReported", 2.0);
  }

  @Test
  void aRuleSwitchedOffStaysQuiet() throws Exception {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("rules", ".yaml");
    file.toFile().deleteOnExit();
    String yaml = new String(getClass().getResourceAsStream("/rules/default-rules.yaml").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
        .replaceFirst("(majorHazard:[^\\n]*\\n  enabled: )true", "$1false");
    java.nio.file.Files.writeString(file, yaml);
    try (TopologyFixture g = new TopologyFixture(PipelineConfig.defaults(), RulesConfig.load(file))) {
      g.report(g.enterprise("jincheng", "machinery"), "H1", HazardSeverity.MAJOR, HazardSource.SELF_INSPECTION, earlier, later);
      assertThat(g.newAlerts()).noneMatch(a -> a.getRule().equals("major-hazard"));
    }
  }
}
