package io.fangxian.topology;

import static io.fangxian.avro.AccidentType.FALL_FROM_HEIGHT;
import static io.fangxian.avro.AccidentType.POISONING_AND_SUFFOCATION;
import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.accident.AccidentDuties;
import io.fangxian.avro.AccidentDuty;
import io.fangxian.avro.AccidentDutyKind;
import io.fangxian.avro.AccidentEvent;
import io.fangxian.avro.Alert;
import io.fangxian.avro.AlertStatus;
import io.fangxian.avro.AreaStats;
import io.fangxian.avro.AreaType;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.RecentCounts;
import io.fangxian.avro.WarningLevel;
import io.fangxian.avro.internal.AccidentState;
import io.fangxian.deadletter.DeadLetterHandler;
import io.fangxian.stats.AreaKeys;
import io.fangxian.store.AreaDayKey;
import io.fangxian.store.StoreNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Accidents: figures per township and sector, corrections, duplicates, late reports and their alerts. */
class AccidentsTest {
  final TopologyFixture f = new TopologyFixture();
  final Instant at = TopologyFixture.START.minus(Duration.ofHours(3));
  final Instant inTime = at.plus(Duration.ofMinutes(40));

  @AfterEach
  void close() {
    f.close();
  }

  private AreaStats township(String id) {
    f.publish();
    return TopologyFixture.latest(f.townshipStats).get(id);
  }

  private final Map<String, AreaStats> published = new java.util.HashMap<>();

  /** The township's figures as last published, whether or not they changed since the last look. */
  private AreaStats lastPublished(String id) {
    f.publish();
    published.putAll(TopologyFixture.latest(f.townshipStats));
    return published.get(id);
  }

  private void duty(Enterprise e, String accidentId, AccidentDutyKind duty, Instant doneAt) {
    f.accidentDuties.pipeInput(e.getEnterpriseId(), AccidentDuty.newBuilder().setEventId(UUID.randomUUID().toString())
        .setAccidentId(accidentId).setEnterpriseId(e.getEnterpriseId()).setDuty(duty).setDoneAt(doneAt).build());
  }

  @Test
  void theBureausDutiesFallDueTwoHoursAfterTheReport() {
    Enterprise e = f.enterprise("jincheng", "construction");
    Instant received = f.now().minus(Duration.ofMinutes(30));
    f.accident(e, "A1", 0, 1, 0, FALL_FROM_HEIGHT, received.minus(Duration.ofMinutes(10)), received);
    f.accident(e, "A2", 0, 1, 0, FALL_FROM_HEIGHT, received.minus(Duration.ofMinutes(10)), received);
    for (AccidentDutyKind d : AccidentDuties.ALL) {
      duty(e, "A1", d, received.plus(Duration.ofMinutes(25)));
      if (d != AccidentDutyKind.NOTIFIED_PROCURATORATE) {
        duty(e, "A2", d, received.plus(Duration.ofMinutes(20)));
      }
    }
    assertThat(lastPublished("jincheng").getAccidentDutiesLate()).as("within the 2 hours").isZero();
    f.advance(Duration.ofMinutes(95));
    assertThat(lastPublished("jincheng").getAccidentDutiesLate()).as("A2's procuratorate was not told in time")
        .isEqualTo(1);
    duty(e, "A2", AccidentDutyKind.NOTIFIED_PROCURATORATE, received.plus(Duration.ofHours(2)).plusSeconds(60));
    assertThat(lastPublished("jincheng").getAccidentDutiesLate()).as("done, but late").isEqualTo(1);
    duty(e, "A2", AccidentDutyKind.NOTIFIED_PROCURATORATE, received.plus(Duration.ofMinutes(90)));
    assertThat(lastPublished("jincheng").getAccidentDutiesLate()).as("corrected: it was done in time").isZero();
    KeyValueStore<String, io.fangxian.avro.internal.AccidentDuties> duties =
        f.driver.getKeyValueStore(StoreNames.ACCIDENT_DUTIES);
    assertThat(duties.get("A2").getDone()).hasSize(6);
  }

  @Test
  void aDutyMayArriveBeforeItsAccidentButNotForAnotherEnterprise() {
    Enterprise e = f.enterprise("jincheng", "construction");
    Enterprise other = f.enterprise("jincheng", "construction");
    Instant received = f.now().minus(Duration.ofMinutes(30));
    for (AccidentDutyKind d : AccidentDuties.ALL) {
      duty(e, "A3", d, received.plus(Duration.ofMinutes(5)));
    }
    f.accident(e, "A3", 0, 1, 0, FALL_FROM_HEIGHT, received.minus(Duration.ofMinutes(10)), received);
    f.advance(Duration.ofHours(3));
    assertThat(lastPublished("jincheng").getAccidentDutiesLate()).isZero();
    duty(other, "A3", AccidentDutyKind.REPORTED_UP, received);
    assertThat(new String(f.deadLetters.readRecord().headers().lastHeader(DeadLetterHandler.REASON).value(),
        StandardCharsets.UTF_8)).isEqualTo("impossible-transition");

    f.accident(e, "A4", 0, 1, 0, FALL_FROM_HEIGHT, f.now().minus(Duration.ofMinutes(10)), f.now());
    f.advance(Duration.ofHours(2));
    f.advance(Duration.ofMinutes(1));
    assertThat(lastPublished("jincheng").getAccidentDutiesLate()).as("A4: nothing done in 2 hours").isEqualTo(1);
  }

  @Test
  void anAccidentCountsInItsTownshipAndSectorByGrade() {
    Enterprise e = f.enterprise("jincheng", "construction");
    f.accident(e, "A1", 1, 2, 150_000.5, FALL_FROM_HEIGHT, at, inTime);
    f.accident(e, "A2", 3, 0, 0, POISONING_AND_SUFFOCATION, at, inTime);
    f.publish();
    AreaStats t = TopologyFixture.latest(f.townshipStats).get("jincheng");
    AreaStats s = TopologyFixture.latest(f.sectorStats).get("construction");
    for (AreaStats stats : List.of(t, s)) {
      assertThat(stats.getAccidents()).isEqualTo(2);
      assertThat(stats.getAccidentDeaths()).isEqualTo(4);
      assertThat(stats.getAccidentSeriousInjuries()).isEqualTo(2);
      assertThat(stats.getAccidentDirectLossYuan()).isEqualTo(150_000.5);
      assertThat(stats.getAccidentsGeneral()).isEqualTo(1);
      assertThat(stats.getAccidentsLarger()).isEqualTo(1);
      assertThat(stats.getAccidentsMajor()).isZero();
      assertThat(stats.getAccidentsEspeciallyMajor()).isZero();
      assertThat(stats.getAccidentsReportedLate()).isZero();
      assertThat(stats.getLast24h().getAccidents()).isEqualTo(2);
    }
  }

  @Test
  void minorInjuriesAreSummedAndDoNotGrade() {
    Enterprise e = f.enterprise("jincheng", "construction");
    AccidentEvent a = AccidentEvent.newBuilder(f.accident(e, "A1", 0, 0, 0, FALL_FROM_HEIGHT, at, inTime))
        .setEventId("correction-1").setMinorInjuries(40).build();
    f.accidents.pipeInput(e.getEnterpriseId(), a);
    AreaStats t = township("jincheng");
    assertThat(t.getAccidentMinorInjuries()).isEqualTo(40);
    assertThat(t.getAccidentsGeneral()).isEqualTo(1);
  }

  @Test
  void aResentEventCountsOnce() {
    Enterprise e = f.enterprise("jincheng", "construction");
    AccidentEvent a = f.accident(e, "A1", 1, 0, 0, FALL_FROM_HEIGHT, at, inTime);
    f.accidents.pipeInput(e.getEnterpriseId(), a);
    AreaStats t = township("jincheng");
    assertThat(t.getAccidents()).isEqualTo(1);
    assertThat(t.getAccidentDeaths()).isEqualTo(1);
  }

  @Test
  void aCorrectionMovesEveryFigureExactly() {
    Enterprise e = f.enterprise("jincheng", "construction");
    f.accident(e, "A1", 2, 1, 1_000, FALL_FROM_HEIGHT, at, inTime);
    AreaStats first = township("jincheng");
    assertThat(first.getAccidentsGeneral()).isEqualTo(1);
    f.accident(e, "A1", 3, 0, 2_500, FALL_FROM_HEIGHT, at, inTime.plus(Duration.ofMinutes(30)));
    AreaStats t = township("jincheng");
    assertThat(t.getAccidents()).isEqualTo(1);
    assertThat(t.getAccidentDeaths()).isEqualTo(3);
    assertThat(t.getAccidentSeriousInjuries()).isZero();
    assertThat(t.getAccidentDirectLossYuan()).isEqualTo(2_500);
    assertThat(t.getAccidentsGeneral()).isZero();
    assertThat(t.getAccidentsLarger()).isEqualTo(1);
    assertThat(t.getAccidentsSuspectedLateReport()).as("late after the accident; when the head knew is not given")
        .isEqualTo(1);
    assertThat(t.getAccidentsReportedLate()).isZero();
    assertThat(t.getLast24h().getAccidents()).isEqualTo(1);
    assertThat(TopologyFixture.latest(f.sectorStats).get("construction").getAccidentsLarger()).isEqualTo(1);
  }

  @Test
  void aCorrectionOfTheDayMovesTheDailyCount() {
    Enterprise e = f.enterprise("jincheng", "construction");
    // 15:30Z is 23:30 on 30 June in Shanghai; 16:30Z is 1 July.
    Instant june30 = Instant.parse("2026-06-30T15:30:00Z");
    Instant july1 = Instant.parse("2026-06-30T16:30:00Z");
    f.accident(e, "A1", 0, 1, 0, FALL_FROM_HEIGHT, june30, july1);
    f.flushAreaCounts();
    assertThat(day("2026-06-30")).isEqualTo(1);
    f.accident(e, "A1", 0, 1, 0, FALL_FROM_HEIGHT, july1, july1);
    f.flushAreaCounts();
    assertThat(day("2026-06-30")).isZero();
    assertThat(day("2026-07-01")).isEqualTo(1);
  }

  private long day(String date) {
    KeyValueStore<AreaDayKey, RecentCounts> daily = f.driver.getKeyValueStore(StoreNames.AREA_DAILY);
    RecentCounts c = daily.get(new AreaDayKey(AreaKeys.area(AreaType.TOWNSHIP, "jincheng"), LocalDate.parse(date)));
    return c == null ? 0 : c.getAccidents();
  }

  @Test
  void aCorrectionStaysInTheTownshipOfTheFirstReport() {
    Enterprise e = f.enterprise("jincheng", "construction");
    f.accident(e, "A1", 1, 0, 0, FALL_FROM_HEIGHT, at, inTime);
    f.enterprise(Enterprise.newBuilder(e).setTownshipId("xuebu").build());
    f.accident(e, "A1", 4, 0, 0, FALL_FROM_HEIGHT, at, inTime);
    f.publish();
    Map<String, AreaStats> townships = TopologyFixture.latest(f.townshipStats);
    assertThat(townships.get("jincheng").getAccidentDeaths()).isEqualTo(4);
    assertThat(townships.get("xuebu").getAccidents()).as("the enterprise counts in xuebu now, its accident not").isZero();
  }

  @Test
  void aLateReportWithoutTheHeadsTimeIsOnlySuspected() {
    Enterprise e = f.enterprise("jincheng", "construction");
    f.accident(e, "A1", 0, 0, 0, FALL_FROM_HEIGHT, at, at.plus(Duration.ofHours(1)));   // exactly 1 h: in time
    f.accident(e, "A2", 0, 0, 0, FALL_FROM_HEIGHT, at, at.plus(Duration.ofMinutes(61)));
    f.flushAreaCounts();
    List<Alert> alerts = f.newAlerts();
    assertThat(alerts).filteredOn(a -> a.getRule().equals("accident-late-report")).isEmpty();
    List<Alert> late = alerts.stream().filter(a -> a.getRule().equals("accident-suspected-late-report")).toList();
    assertThat(late).extracting(a -> a.getSubject().getId()).containsExactly("A2");
    assertThat(late.get(0).getLevel()).isEqualTo(WarningLevel.YELLOW);
    assertThat(late.get(0).getTitleZh()).contains("疑似迟报");
    assertThat(late.get(0).getMessageZh()).contains("有待核实");
    AreaStats t = township("jincheng");
    assertThat(t.getAccidentsSuspectedLateReport()).isEqualTo(1);
    assertThat(t.getAccidentsReportedLate()).isZero();
  }

  @Test
  void theHourCountsFromWhenTheHeadWasInformed() {
    Enterprise e = f.enterprise("jincheng", "construction");
    // Reported 3 h after the accident but 50 min after the head heard of it: in time (493号令 第九条).
    f.accident(AccidentEvent.newBuilder(f.accident(e, "A1", 0, 1, 0, FALL_FROM_HEIGHT, at, at.plus(Duration.ofHours(3))))
        .setEventId(UUID.randomUUID().toString()).setHeadInformedAt(at.plus(Duration.ofMinutes(130))).build());
    // Reported 2 h after the head heard of it: 迟报.
    f.accident(AccidentEvent.newBuilder(f.accident(e, "A2", 0, 1, 0, FALL_FROM_HEIGHT, at, at.plus(Duration.ofHours(2))))
        .setEventId(UUID.randomUUID().toString()).setHeadInformedAt(at).build());
    f.flushAreaCounts();
    AreaStats t = township("jincheng");
    assertThat(t.getAccidentsReportedLate()).isEqualTo(1);
    assertThat(t.getAccidentsSuspectedLateReport()).isZero();
    List<Alert> alerts = f.newAlerts();
    assertThat(alerts).filteredOn(a -> a.getRule().equals("accident-suspected-late-report"))
        .filteredOn(a -> a.getSubject().getId().equals("A1")).extracting(Alert::getStatus)
        .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
    List<Alert> late = alerts.stream().filter(a -> a.getRule().equals("accident-late-report")).toList();
    assertThat(late).extracting(a -> a.getSubject().getId()).containsExactly("A2");
    assertThat(late).last().satisfies(a -> {
      assertThat(a.getStatus()).isEqualTo(AlertStatus.FIRING);
      assertThat(a.getTitleZh()).startsWith("事故迟报");
      assertThat(a.getMessageZh()).contains("单位负责人接到报告后");
    });
  }

  @Test
  void anAccidentAlertGoesToTheBureauAtOnce() {
    Enterprise e = f.enterprise("jincheng", "construction");
    f.accident(e, "A1", 1, 0, 0, FALL_FROM_HEIGHT, at, inTime);
    f.flushAreaCounts();
    assertThat(f.newAlerts()).filteredOn(a -> a.getRule().equals("accident")).singleElement()
        .satisfies(a -> {
          assertThat(a.getHandling().getResponsible()).startsWith("区应急管理局");
          assertThat(a.getHandling().getEscalationStep()).isEqualTo(1);
        });
  }

  @Test
  void aCasualtyCorrectionAfterTheSupplementWindowIsFlagged() {
    Enterprise road = f.enterprise("jincheng", "road-traffic");
    Enterprise plant = f.enterprise("jincheng", "machinery");
    AccidentEvent r = f.accident(road, "R1", 1, 0, 0, FALL_FROM_HEIGHT, at, inTime);
    AccidentEvent p = f.accident(plant, "P1", 1, 0, 0, FALL_FROM_HEIGHT, at, inTime);
    // Eight days on: late for a road-traffic accident (7 days), in time for the plant's (30 days).
    Instant later = at.plus(Duration.ofDays(8));
    f.accident(AccidentEvent.newBuilder(r).setEventId(UUID.randomUUID().toString()).setDeaths(2).setSupplementedAt(later).build());
    f.accident(AccidentEvent.newBuilder(p).setEventId(UUID.randomUUID().toString()).setDeaths(2).setSupplementedAt(later).build());
    KeyValueStore<String, AccidentState> states = f.driver.getKeyValueStore(StoreNames.ACCIDENTS);
    assertThat(states.get("R1").getSupplementLate()).isTrue();
    assertThat(states.get("P1").getSupplementLate()).isFalse();
    f.accident(AccidentEvent.newBuilder(p).setEventId(UUID.randomUUID().toString()).setDeaths(3)
        .setSupplementedAt(at.plus(Duration.ofDays(31))).build());
    assertThat(states.get("P1").getSupplementLate()).isTrue();
  }

  @Test
  void aCorrectedReportTimeResolvesTheLateAlert() {
    Enterprise e = f.enterprise("jincheng", "construction");
    f.accident(e, "A1", 0, 0, 0, FALL_FROM_HEIGHT, at, at.plus(Duration.ofHours(2)));
    f.flushAreaCounts();
    f.newAlerts();
    f.accident(e, "A1", 0, 0, 0, FALL_FROM_HEIGHT, at, inTime);
    f.flushAreaCounts();
    assertThat(f.newAlerts()).filteredOn(a -> a.getRule().equals("accident-suspected-late-report"))
        .extracting(Alert::getStatus).containsExactly(AlertStatus.RESOLVED);
    assertThat(township("jincheng").getAccidentsSuspectedLateReport()).isZero();
  }

  @Test
  void anAccidentAlertTakesItsGradesLevelAndEscalatesWhenACorrectionRaisesIt() {
    Enterprise e = f.enterprise("jincheng", "construction");
    f.accident(e, "A1", 2, 0, 0, FALL_FROM_HEIGHT, at, inTime);
    f.flushAreaCounts();
    Alert fired = only(f.newAlerts(), "accident");
    assertThat(fired.getStatus()).isEqualTo(AlertStatus.FIRING);
    assertThat(fired.getLevel()).isEqualTo(WarningLevel.BLUE);
    assertThat(fired.getAlertKey()).isEqualTo("accident:accident:A1");
    assertThat(fired.getSubject().getEnterpriseId()).isEqualTo(e.getEnterpriseId());
    f.accident(e, "A1", 10, 0, 0, FALL_FROM_HEIGHT, at, inTime);
    f.flushAreaCounts();
    Alert escalated = only(f.newAlerts(), "accident");
    assertThat(escalated.getStatus()).isEqualTo(AlertStatus.ESCALATED);
    assertThat(escalated.getLevel()).isEqualTo(WarningLevel.ORANGE);
    assertThat(escalated.getPreviousLevel()).isEqualTo(WarningLevel.BLUE);
  }

  @Test
  void gradesGiveTheirColoursAndTheirCounts() {
    Enterprise e = f.enterprise("jincheng", "construction");
    f.accident(e, "A1", 3, 0, 0, FALL_FROM_HEIGHT, at, inTime);
    f.accident(e, "A2", 0, 100, 0, FALL_FROM_HEIGHT, at, inTime);
    f.accident(e, "A3", 0, 0, 50_000_000, FALL_FROM_HEIGHT, at, inTime);
    f.accident(e, "A4", 0, 9, 9_999_999, FALL_FROM_HEIGHT, at, inTime);
    f.flushAreaCounts();
    assertThat(f.newAlerts()).filteredOn(a -> a.getRule().equals("accident"))
        .extracting(a -> a.getSubject().getId() + "=" + a.getLevel())
        .containsExactlyInAnyOrder("A1=YELLOW", "A2=RED", "A3=ORANGE", "A4=BLUE");
    AreaStats t = township("jincheng");
    assertThat(List.of(t.getAccidentsGeneral(), t.getAccidentsLarger(), t.getAccidentsMajor(),
        t.getAccidentsEspeciallyMajor())).containsExactly(1L, 1L, 1L, 1L);
    assertThat(t.getAccidentSeriousInjuries()).isEqualTo(109);
    assertThat(t.getAccidentDirectLossYuan()).isEqualTo(59_999_999.0);
  }

  @Test
  void aSectorWarningNamesTheAccidentType() {
    Enterprise e = f.enterprise("jincheng", "construction");
    f.accident(e, "A1", 0, 0, 0, POISONING_AND_SUFFOCATION, at, inTime);
    f.flushAreaCounts();
    Alert warning = only(f.newAlerts(), "accident-sector-warning");
    assertThat(warning.getSubject().getId()).isEqualTo("construction");
    assertThat(warning.getTitleZh()).contains("中毒和窒息").contains("举一反三");
    assertThat(warning.getLevel()).isEqualTo(WarningLevel.BLUE);
  }

  @Test
  void accidentAlertsResolveAfterTheirHoldTime() {
    Enterprise e = f.enterprise("jincheng", "construction");
    f.accident(e, "A1", 0, 0, 0, FALL_FROM_HEIGHT, at.minus(Duration.ofHours(3)), at.plus(Duration.ofHours(2)));
    f.flushAreaCounts();
    assertThat(f.newAlerts()).hasSize(3);
    f.advance(Duration.ofDays(6));
    assertThat(f.newAlerts()).isEmpty();
    f.advance(Duration.ofDays(1).plusMinutes(1));
    List<Alert> resolved = f.newAlerts();
    assertThat(resolved).extracting(Alert::getRule)
        .containsExactlyInAnyOrder("accident", "accident-suspected-late-report", "accident-sector-warning");
    assertThat(resolved).allMatch(a -> a.getStatus() == AlertStatus.RESOLVED);
  }

  @Test
  void aCorrectionAtTheSameGradeKeepsTheAlertAndItsExpiry() {
    Enterprise e = f.enterprise("jincheng", "construction");
    f.accident(e, "A1", 1, 0, 0, FALL_FROM_HEIGHT, at, inTime);
    f.flushAreaCounts();
    f.newAlerts();
    f.advance(Duration.ofDays(3));
    f.accident(e, "A1", 2, 0, 0, FALL_FROM_HEIGHT, at, inTime);
    f.flushAreaCounts();
    assertThat(f.newAlerts()).isEmpty();
    f.advance(Duration.ofDays(4).plusMinutes(1));
    assertThat(f.newAlerts()).filteredOn(a -> a.getRule().equals("accident"))
        .extracting(Alert::getStatus).containsExactly(AlertStatus.RESOLVED);
  }

  @Test
  void aLesserAccidentLeavesTheSectorWarningOfAWorseOne() {
    Enterprise e = f.enterprise("jincheng", "construction");
    Enterprise other = f.enterprise("xuebu", "construction");
    f.accident(e, "A1", 3, 0, 0, FALL_FROM_HEIGHT, at, inTime);
    f.flushAreaCounts();
    assertThat(only(f.newAlerts(), "accident-sector-warning").getLevel()).isEqualTo(WarningLevel.YELLOW);
    f.accident(other, "A2", 0, 1, 0, POISONING_AND_SUFFOCATION, at, inTime);
    f.flushAreaCounts();
    assertThat(f.newAlerts()).filteredOn(a -> a.getRule().equals("accident-sector-warning")).isEmpty();
  }

  @Test
  void theAccidentHoldTimeIsASetting() throws Exception {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("rules", ".yaml");
    file.toFile().deleteOnExit();
    String yaml = new String(getClass().getResourceAsStream("/rules/default-rules.yaml").readAllBytes(), StandardCharsets.UTF_8)
        .replace("holdTime: P7D", "holdTime: P2D");
    java.nio.file.Files.writeString(file, yaml);
    try (TopologyFixture g = new TopologyFixture(io.fangxian.config.PipelineConfig.defaults(),
        io.fangxian.config.RulesConfig.load(file))) {
      Enterprise e = g.enterprise("jincheng", "construction");
      g.accident(e, "A1", 0, 0, 0, FALL_FROM_HEIGHT, at, inTime);
      g.flushAreaCounts();
      assertThat(g.newAlerts()).hasSize(2);
      g.advance(Duration.ofDays(2).plusMinutes(1));
      assertThat(g.newAlerts()).hasSize(2).allMatch(a -> a.getStatus() == AlertStatus.RESOLVED);
    }
  }

  @Test
  void aRulesFileWrittenBeforeAccidentsStillLoads() throws Exception {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("rules", ".yaml");
    file.toFile().deleteOnExit();
    String yaml = new String(getClass().getResourceAsStream("/rules/default-rules.yaml").readAllBytes(), StandardCharsets.UTF_8);
    java.nio.file.Files.writeString(file, yaml.substring(0, yaml.indexOf("\naccidents:")));
    var rules = io.fangxian.config.RulesConfig.load(file);
    assertThat(rules.accidents().holdTime()).isEqualTo(Duration.ofDays(7));
    assertThat(rules.accidents().lateReportLevel()).isEqualTo(WarningLevel.YELLOW);
  }

  @Test
  void invalidAccidentsAreDeadLetters() {
    Enterprise e = f.enterprise("jincheng", "construction");
    f.accident(e, "A1", -1, 0, 0, FALL_FROM_HEIGHT, at, inTime);
    f.accident(e, "A2", 0, -2, 0, FALL_FROM_HEIGHT, at, inTime);
    f.accident(e, "A3", 0, 0, -5, FALL_FROM_HEIGHT, at, inTime);
    f.accident(e, "A4", 0, 0, 0, FALL_FROM_HEIGHT, at, at.minusSeconds(1));
    Enterprise other = f.enterprise("jincheng", "construction");
    f.accident(other, "A5", 0, 0, 0, FALL_FROM_HEIGHT, at, inTime);
    f.accident(e, "A5", 0, 0, 0, FALL_FROM_HEIGHT, at, inTime);    // a correction moving it to another enterprise
    var dead = f.deadLetters.readRecordsToList();
    assertThat(dead).extracting(r -> new String(r.headers().lastHeader(DeadLetterHandler.REASON).value(),
        StandardCharsets.UTF_8)).containsExactly("invalid-field", "invalid-field", "invalid-field", "invalid-field",
        "impossible-transition");
    assertThat(township("jincheng").getAccidents()).isEqualTo(1);
  }

  private static Alert only(List<Alert> alerts, String rule) {
    List<Alert> of = alerts.stream().filter(a -> a.getRule().equals(rule)).toList();
    assertThat(of).hasSize(1);
    return of.get(0);
  }
}
