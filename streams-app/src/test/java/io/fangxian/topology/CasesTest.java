package io.fangxian.topology;

import static io.fangxian.avro.CaseEventType.CLOSED;
import static io.fangxian.avro.CaseEventType.DECIDED;
import static io.fangxian.avro.CaseEventType.OPENED;
import static io.fangxian.avro.CaseEventType.TRANSFERRED;
import static io.fangxian.avro.CaseEventType.WITHDRAWN;
import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.avro.AreaStats;
import io.fangxian.avro.CaseEvent;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardEvent;
import io.fangxian.avro.HazardEventType;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.Penalty;
import io.fangxian.avro.PenaltyKind;
import io.fangxian.deadletter.DeadLetterHandler;
import io.fangxian.store.StoreNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Enforcement cases (io.fangxian.enforcement) through the whole topology: each step and each refused
 * step, resent steps, corrected decisions, the 90-day decision clock by the wall clock, and major
 * hazards gaining a case before and after their 15-day window.
 */
class CasesTest {
  static final Duration DAY = Duration.ofDays(1);
  final TopologyFixture f = new TopologyFixture();
  final Enterprise e = f.enterprise("jincheng", "construction");

  @AfterEach
  void close() {
    f.close();
  }

  private AreaStats lastTownship;
  private AreaStats lastSector;

  /** The township's figures as last published (figures are published only when they change). */
  private AreaStats township() {
    f.publish();
    AreaStats t = TopologyFixture.latest(f.townshipStats).get("jincheng");
    lastTownship = t == null ? lastTownship : t;
    AreaStats s = TopologyFixture.latest(f.sectorStats).get("construction");
    lastSector = s == null ? lastSector : s;
    return lastTownship;
  }

  private AreaStats sector() {
    return lastSector;
  }

  private CaseEvent step(String caseId, io.fangxian.avro.CaseEventType type, Instant at, Penalty... penalties) {
    return f.caseStep(e, caseId, type, at, List.of(), List.of(penalties));
  }

  private static Penalty penalty(PenaltyKind kind, Double yuan) {
    return new Penalty(kind, yuan);
  }

  private List<String> deadLetterReasons() {
    return f.deadLetters.readRecordsToList().stream()
        .map(r -> new String(r.headers().lastHeader(DeadLetterHandler.REASON).value(), StandardCharsets.UTF_8)).toList();
  }

  @Test
  void eachStepMovesTheFiguresInTownshipAndSector() {
    Instant opened = f.now().minus(Duration.ofDays(30));
    step("C1", OPENED, opened);
    AreaStats t = township();
    assertThat(t.getCasesOpened()).isEqualTo(1);
    assertThat(t.getCasesOpen()).isEqualTo(1);
    assertThat(t.getCasesDecisionOverdue()).isZero();

    step("C1", DECIDED, opened.plus(Duration.ofDays(20)),
        penalty(PenaltyKind.FINE, 50_000.0), penalty(PenaltyKind.DAILY_FINE, 10_000.0), penalty(PenaltyKind.WARNING, null));
    t = township();
    assertThat(t.getPenaltyYuanDecided()).isEqualTo(60_000.0);
    assertThat(t.getDailyFineCases()).isEqualTo(1);
    assertThat(t.getFineYuanTotal()).as("violations' fines are apart").isZero();
    assertThat(t.getViolations()).isZero();

    step("C1", TRANSFERRED, opened.plus(Duration.ofDays(21)));
    assertThat(township().getCriminalTransfers()).isEqualTo(1);

    step("C1", CLOSED, opened.plus(Duration.ofDays(25)));
    t = township();
    for (AreaStats s : List.of(t, sector())) {
      assertThat(s.getCasesOpened()).isEqualTo(1);
      assertThat(s.getCasesOpen()).isZero();
      assertThat(s.getPenaltyYuanDecided()).isEqualTo(60_000.0);
      assertThat(s.getDailyFineCases()).isEqualTo(1);
      assertThat(s.getCriminalTransfers()).isEqualTo(1);
    }
    assertThat(deadLetterReasons()).isEmpty();
  }

  @Test
  void aCaseCountsInTheGridItsEnterpriseWasInWhenItWasOpened() {
    Enterprise gridded = f.enterprise(Enterprise.newBuilder(f.enterprise("jincheng", "construction"))
        .setGridId("jincheng-01").build());
    Instant opened = f.now().minus(Duration.ofDays(10));
    f.caseStep(gridded, "G1", OPENED, opened, List.of(), List.of());
    f.caseStep(gridded, "G1", DECIDED, opened.plus(DAY), List.of(), List.of(penalty(PenaltyKind.FINE, 8_000.0)));
    f.publish();
    AreaStats grid = TopologyFixture.latest(f.gridStats).get("jincheng-01");
    assertThat(grid.getCasesOpened()).isEqualTo(1);
    assertThat(grid.getCasesOpen()).isEqualTo(1);
    assertThat(grid.getPenaltyYuanDecided()).isEqualTo(8_000.0);

    // moved to another grid, the case still counts where it was opened, and leaves it when it ends
    f.enterprise(Enterprise.newBuilder(gridded).setGridId("jincheng-02").build());
    f.caseStep(gridded, "G1", CLOSED, opened.plus(Duration.ofDays(3)), List.of(), List.of());
    f.publish();
    assertThat(TopologyFixture.latest(f.gridStats).get("jincheng-01").getCasesOpen()).isZero();
    AreaStats other = TopologyFixture.latest(f.gridStats).get("jincheng-02");
    assertThat(other == null ? 0 : other.getCasesOpened()).isZero();
  }

  @Test
  void aWithdrawnCaseIsNoLongerOpen() {
    Instant opened = f.now().minus(Duration.ofDays(5));
    step("C1", OPENED, opened);
    step("C1", WITHDRAWN, opened.plus(DAY));
    AreaStats t = township();
    assertThat(t.getCasesOpened()).isEqualTo(1);
    assertThat(t.getCasesOpen()).isZero();
    assertThat(t.getPenaltyYuanDecided()).isZero();
  }

  @Test
  void stepsOutOfOrderAreDeadLettersAndChangeNothing() {
    Instant opened = f.now().minus(Duration.ofDays(5));
    step("C0", DECIDED, opened, penalty(PenaltyKind.FINE, 1_000.0)); // never opened
    step("C1", OPENED, opened);
    step("C1", OPENED, opened.plusSeconds(1));                      // opened twice
    step("C1", CLOSED, opened.plus(DAY));                            // closed before a decision
    step("C2", OPENED, opened);
    step("C2", DECIDED, opened.plus(DAY), penalty(PenaltyKind.FINE, 2_000.0));
    step("C2", WITHDRAWN, opened.plus(Duration.ofDays(2)));          // withdrawn after the decision
    step("C2", CLOSED, opened.plus(Duration.ofDays(3)));
    step("C2", DECIDED, opened.plus(Duration.ofDays(4)), penalty(PenaltyKind.FINE, 9_000.0)); // after closing
    step("C2", TRANSFERRED, opened.plus(Duration.ofDays(4)));       // after closing
    assertThat(deadLetterReasons()).hasSize(6).containsOnly("impossible-transition");
    AreaStats t = township();
    assertThat(t.getCasesOpened()).isEqualTo(2);
    assertThat(t.getCasesOpen()).isEqualTo(1);
    assertThat(t.getPenaltyYuanDecided()).isEqualTo(2_000.0);
    assertThat(t.getCriminalTransfers()).isZero();
  }

  @Test
  void aRefusedStepIsAppliedWhenReplayedInOrder() {
    Instant opened = f.now().minus(Duration.ofDays(5));
    CaseEvent decided = step("C1", DECIDED, opened.plus(DAY), penalty(PenaltyKind.FINE, 3_000.0));
    assertThat(deadLetterReasons()).containsExactly("impossible-transition");
    step("C1", OPENED, opened);
    f.cases.pipeInput(e.getEnterpriseId(), decided); // replayed from the dead letters: not a duplicate
    assertThat(deadLetterReasons()).isEmpty();
    assertThat(township().getPenaltyYuanDecided()).isEqualTo(3_000.0);
  }

  @Test
  void aResentStepCountsOnce() {
    Instant opened = f.now().minus(Duration.ofDays(5));
    CaseEvent open = step("C1", OPENED, opened);
    CaseEvent decided = step("C1", DECIDED, opened.plus(DAY), penalty(PenaltyKind.FINE, 5_000.0));
    f.cases.pipeInput(e.getEnterpriseId(), open);
    f.cases.pipeInput(e.getEnterpriseId(), decided);
    assertThat(deadLetterReasons()).as("a resent step is a duplicate, not out of order").isEmpty();
    AreaStats t = township();
    assertThat(t.getCasesOpened()).isEqualTo(1);
    assertThat(t.getCasesOpen()).isEqualTo(1);
    assertThat(t.getPenaltyYuanDecided()).isEqualTo(5_000.0);
  }

  @Test
  void aLaterDecisionCorrectsTheEarlierOneExactly() {
    Instant opened = f.now().minus(Duration.ofDays(5));
    step("C1", OPENED, opened);
    step("C2", OPENED, opened);
    step("C2", DECIDED, opened.plus(DAY), penalty(PenaltyKind.FINE, 1_000.0));
    step("C1", DECIDED, opened.plus(DAY), penalty(PenaltyKind.FINE, 50_000.0), penalty(PenaltyKind.DAILY_FINE, 20_000.0));
    AreaStats t = township();
    assertThat(t.getPenaltyYuanDecided()).isEqualTo(71_000.0);
    assertThat(t.getDailyFineCases()).isEqualTo(1);

    step("C1", DECIDED, opened.plus(Duration.ofDays(2)), penalty(PenaltyKind.FINE, 30_000.0));
    t = township();
    assertThat(t.getPenaltyYuanDecided()).isEqualTo(31_000.0);
    assertThat(t.getDailyFineCases()).isZero();
    assertThat(t.getCasesOpened()).isEqualTo(2);
  }

  @Test
  void theDecisionClockCrossesNinetyDaysByTheWallClock() {
    Instant opened = f.now().minus(Duration.ofDays(89));
    step("C1", OPENED, opened);
    step("C2", OPENED, opened);
    step("C3", OPENED, f.now().minus(Duration.ofDays(100))); // already past: overdue at once
    step("C4", OPENED, opened);
    step("C4", TRANSFERRED, opened.plus(DAY));               // transferred: no longer waits for a decision
    assertThat(township().getCasesDecisionOverdue()).isEqualTo(1);

    f.advance(DAY.minus(Duration.ofMinutes(5)));
    assertThat(township().getCasesDecisionOverdue()).as("just before the 90 days").isEqualTo(1);
    f.advance(Duration.ofMinutes(10));
    assertThat(township().getCasesDecisionOverdue()).as("C1 and C2 past 90 days").isEqualTo(3);

    step("C1", DECIDED, f.now(), penalty(PenaltyKind.FINE, 10_000.0));
    step("C3", WITHDRAWN, f.now());
    AreaStats t = township();
    assertThat(t.getCasesDecisionOverdue()).isEqualTo(1);
    assertThat(t.getCasesOpen()).isEqualTo(3);
  }

  private HazardEvent major(String hazardId, Instant at) {
    return f.report(e, hazardId, HazardSeverity.MAJOR, HazardSource.DEPARTMENT_INSPECTION, at, at.plus(Duration.ofDays(60)));
  }

  @Test
  void aMajorHazardAnsweredJustBeforeItsWindowNeverCounts() {
    major("H1", f.now().minus(Duration.ofDays(14)));
    assertThat(township().getOpenMajorHazardsWithoutCase()).isZero();
    f.advance(DAY.minus(Duration.ofMinutes(10)));
    f.caseStep(e, "C1", OPENED, f.now(), List.of("H1"), List.of());
    f.advance(Duration.ofDays(2));
    AreaStats t = township();
    assertThat(t.getOpenMajorHazardsWithoutCase()).isZero();
    assertThat(t.getOpenMajorHazards()).isEqualTo(1);
  }

  @Test
  void aMajorHazardAnsweredJustAfterItsWindowCountsUntilThen() {
    major("H1", f.now().minus(Duration.ofDays(14)));
    major("H2", f.now().minus(Duration.ofDays(20)));                 // past its window at once
    f.report(e, "G1", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, f.now().minus(Duration.ofDays(20)), null);
    assertThat(township().getOpenMajorHazardsWithoutCase()).isEqualTo(1);
    f.advance(DAY.plus(Duration.ofMinutes(10)));
    assertThat(township().getOpenMajorHazardsWithoutCase()).isEqualTo(2);
    f.caseStep(e, "C1", OPENED, f.now(), List.of("H1"), List.of());
    AreaStats t = township();
    assertThat(t.getOpenMajorHazardsWithoutCase()).isEqualTo(1);
    assertThat(sector().getOpenMajorHazardsWithoutCase()).isEqualTo(1);
  }

  @Test
  void aHazardClosedOrRegradedLeavesTheCountAndACaseNamedFirstAnswersIt() {
    f.caseStep(e, "C1", OPENED, f.now().minus(Duration.ofDays(30)), List.of("H3"), List.of()); // named before reported
    major("H1", f.now().minus(Duration.ofDays(20)));
    major("H2", f.now().minus(Duration.ofDays(20)));
    major("H3", f.now().minus(Duration.ofDays(20)));
    assertThat(township().getOpenMajorHazardsWithoutCase()).isEqualTo(2);
    f.step(e, "H1", HazardEventType.RECTIFIED, f.now());
    f.step(e, "H1", HazardEventType.VERIFIED_CLOSED, f.now());
    assertThat(township().getOpenMajorHazardsWithoutCase()).isEqualTo(1);
    f.hazards.pipeInput(e.getEnterpriseId(), HazardEvent.newBuilder().setEventId(UUID.randomUUID().toString())
        .setHazardId("H2").setEnterpriseId(e.getEnterpriseId()).setType(HazardEventType.REGRADED)
        .setSeverity(HazardSeverity.GENERAL).setOccurredAt(f.now()).build());
    assertThat(township().getOpenMajorHazardsWithoutCase()).isZero();
    f.hazards.pipeInput(e.getEnterpriseId(), HazardEvent.newBuilder().setEventId(UUID.randomUUID().toString())
        .setHazardId("H2").setEnterpriseId(e.getEnterpriseId()).setType(HazardEventType.REGRADED)
        .setSeverity(HazardSeverity.MAJOR).setOccurredAt(f.now()).build());
    assertThat(township().getOpenMajorHazardsWithoutCase()).as("major again, still without a case").isEqualTo(1);
    assertThat(deadLetterReasons()).isEmpty();
  }

  @Test
  void aCaseAnswersOnlyTheHazardsOfItsOwnEnterprise() {
    Enterprise other = f.enterprise("jincheng", "construction");
    major("H1", f.now().minus(Duration.ofDays(20)));
    f.caseStep(other, "C9", OPENED, f.now(), List.of("H1"), List.of());
    assertThat(township().getOpenMajorHazardsWithoutCase()).isEqualTo(1);
    f.caseStep(e, "C1", OPENED, f.now(), List.of("H1"), List.of());
    assertThat(township().getOpenMajorHazardsWithoutCase()).isZero();
  }

  private List<io.fangxian.avro.Alert> caseAlerts() {
    return f.alerts.readValuesToList().stream()
        .filter(a -> a.getHandling() == null || a.getHandling().getEscalatedTo() == null)
        .filter(a -> a.getRule().equals("case-decision-overdue") || a.getRule().equals("major-hazard-without-case"))
        .toList();
  }

  @Test
  void anOverdueDecisionAlertsTheDepartmentAndResolvesWhenDecided() {
    step("C1", OPENED, f.now().minus(Duration.ofDays(89)));
    f.flushAreaCounts();
    assertThat(caseAlerts()).isEmpty();
    f.advance(DAY.plus(Duration.ofMinutes(5)));
    List<io.fangxian.avro.Alert> fired = caseAlerts();
    assertThat(fired).singleElement().satisfies(a -> {
      assertThat(a.getRule()).isEqualTo("case-decision-overdue");
      assertThat(a.getStatus()).isEqualTo(io.fangxian.avro.AlertStatus.FIRING);
      assertThat(a.getSubject().getType()).isEqualTo(io.fangxian.avro.SubjectType.CASE);
      assertThat(a.getSubject().getId()).isEqualTo("C1");
      assertThat(a.getMessageZh()).contains("第六十条");
      assertThat(a.getHandling().getEscalationStep()).as("to the sector's department").isEqualTo(1);
    });
    step("C1", DECIDED, f.now(), penalty(PenaltyKind.FINE, 1_000.0));
    f.advance(Duration.ofHours(1));
    assertThat(caseAlerts()).extracting(a -> a.getStatus()).contains(io.fangxian.avro.AlertStatus.RESOLVED);
  }

  @Test
  void aMajorHazardWithoutACaseAlertsAndResolvesWhenACaseNamesIt() {
    major("H1", f.now().minus(Duration.ofDays(20)));
    f.flushAreaCounts();
    assertThat(caseAlerts()).singleElement().satisfies(a -> {
      assertThat(a.getRule()).isEqualTo("major-hazard-without-case");
      assertThat(a.getSubject().getId()).isEqualTo("H1");
    });
    f.caseStep(e, "C1", OPENED, f.now(), List.of("H1"), List.of());
    f.advance(Duration.ofHours(1));
    assertThat(caseAlerts()).extracting(a -> a.getStatus()).contains(io.fangxian.avro.AlertStatus.RESOLVED);
  }

  @Test
  void theDossierListsEachCaseWithItsStepsAndClock() {
    Instant opened = f.now().minus(Duration.ofDays(95));
    step("C1", OPENED, opened);
    step("C2", OPENED, f.now().minus(Duration.ofDays(10)));
    step("C2", DECIDED, f.now().minus(Duration.ofDays(2)), penalty(PenaltyKind.FINE, 8_000.0));
    var store = f.driver.<String, io.fangxian.avro.internal.CaseState>getKeyValueStore(
        io.fangxian.enforcement.EnforcementStores.CASES);
    var dossier = f.driver.<io.fangxian.store.EnterpriseItemKey, String>getKeyValueStore(
        io.fangxian.enforcement.EnforcementStores.DOSSIER);
    assertThat(dossier.get(new io.fangxian.store.EnterpriseItemKey(e.getEnterpriseId(), "C1"))).isEqualTo("C1");
    io.fangxian.avro.internal.CaseState c1 = store.get("C1");
    assertThat(c1.getDecisionOverdue()).isTrue();
    assertThat(c1.getDecisionDueAt()).isEqualTo(opened.plus(Duration.ofDays(90)));
    io.fangxian.avro.internal.CaseState c2 = store.get("C2");
    assertThat(c2.getSteps()).extracting(s -> s.getType()).containsExactly(OPENED, DECIDED);
    assertThat(c2.getPenaltyYuan()).isEqualTo(8_000.0);
  }

  @Test
  void invalidStepsAreDeadLettersWithTheirReason() {
    step("C1", OPENED, f.now(), penalty(PenaltyKind.FINE, 1_000.0));            // penalties before a decision
    step("C2", OPENED, f.now().minus(DAY));
    step("C2", DECIDED, f.now(), penalty(PenaltyKind.FINE, -5.0));             // a negative amount
    Enterprise stranger = Enterprise.newBuilder(e).setEnterpriseId(f.newCode()).build(); // never listed
    f.caseStep(stranger, "C3", OPENED, f.now(), List.of(), List.of());
    assertThat(deadLetterReasons()).containsExactly("invalid-field", "invalid-field", "unknown-enterprise");
    AreaStats t = township();
    assertThat(t.getCasesOpened()).isEqualTo(1);
    assertThat(t.getPenaltyYuanDecided()).isZero();
  }

  @Test
  void theBulletinsMonthIsTheMonthTheCaseWasOpened() {
    Instant may = Instant.parse("2026-05-20T02:00:00Z");
    step("C1", OPENED, may);
    step("C1", DECIDED, may.plus(Duration.ofDays(31)), penalty(PenaltyKind.FINE, 4_000.0)); // decided in June
    step("C2", OPENED, f.now().minus(Duration.ofHours(1)));
    township();
    var monthly = f.driver.<io.fangxian.store.AreaMonthKey, io.fangxian.avro.internal.MonthlyCounts>getKeyValueStore(
        StoreNames.AREA_MONTHLY);
    var inMay = monthly.get(new io.fangxian.store.AreaMonthKey("township/jincheng", java.time.YearMonth.of(2026, 5)));
    assertThat(monthly.get(new io.fangxian.store.AreaMonthKey("township/jincheng", java.time.YearMonth.of(2026, 6))))
        .as("the decision's month has none of it").isNull();
    var inJuly = monthly.get(new io.fangxian.store.AreaMonthKey("township/jincheng", java.time.YearMonth.of(2026, 7)));
    assertThat(inMay.getCasesOpened()).isEqualTo(1);
    assertThat(inMay.getPenaltyYuanDecided()).isEqualTo(4_000.0);
    assertThat(inJuly.getCasesOpened()).isEqualTo(1);
    assertThat(inJuly.getCasesOpen()).isEqualTo(1);
    var figures = io.fangxian.bulletin.BulletinBuilder.figures(inMay);
    assertThat(figures.casesOpened()).isEqualTo(1);
    assertThat(figures.penaltyYuanDecided()).isEqualTo(4_000.0);
  }
}
