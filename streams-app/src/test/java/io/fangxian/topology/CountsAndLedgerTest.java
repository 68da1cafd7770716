package io.fangxian.topology;

import static io.fangxian.topology.TopologyFixture.START;
import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.avro.AreaStats;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardEvent;
import io.fangxian.avro.HazardEventType;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.HazardState;
import io.fangxian.avro.HazardStatus;
import io.fangxian.avro.InspectionKind;
import io.fangxian.avro.RecentCounts;
import io.fangxian.avro.ViolationAction;
import io.fangxian.intake.EventIds;
import io.fangxian.stats.AreaKeys;
import io.fangxian.store.AreaDayKey;
import io.fangxian.store.StoreNames;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CountsAndLedgerTest {
  final TopologyFixture f = new TopologyFixture();
  final Instant earlier = START.minus(Duration.ofHours(2));
  final Instant later = START.plus(Duration.ofDays(10));

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void countsHazardsViolationsAndInspectionsPerTownshipAndSector() {
    Enterprise a = f.enterprise("jincheng", "construction");
    Enterprise b = f.enterprise("jincheng", "fire-safety");
    Enterprise c = f.enterprise("xuebu", "construction");
    f.report(a, "H1", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, earlier, later);
    f.report(a, "H2", HazardSeverity.MAJOR, HazardSource.FLYING_INSPECTION, earlier, later);
    f.report(b, "H3", HazardSeverity.GENERAL, HazardSource.DEPARTMENT_INSPECTION, earlier, later);
    f.report(c, "H4", HazardSeverity.MAJOR, HazardSource.SELF_INSPECTION, earlier, later);
    f.violation(a, ViolationAction.FINE, 20_000.0, earlier);
    f.violation(b, ViolationAction.WARNING, null, earlier);
    f.violation(c, ViolationAction.FINE, 5_000.5, earlier);
    f.inspection(a, InspectionKind.FLYING, earlier);
    f.inspection(b, InspectionKind.ROUTINE, earlier);
    f.inspection(b, InspectionKind.ROUTINE, earlier);
    f.publish();

    Map<String, AreaStats> townships = TopologyFixture.latest(f.townshipStats);
    AreaStats jincheng = townships.get("jincheng");
    assertThat(jincheng.getAreaName()).isEqualTo("金城镇");
    assertThat(jincheng.getHazardsReported()).isEqualTo(3);
    assertThat(jincheng.getOpenHazards()).isEqualTo(3);
    assertThat(jincheng.getOpenMajorHazards()).isEqualTo(1);
    assertThat(jincheng.getMajorHazardsReported()).isEqualTo(1);
    assertThat(jincheng.getClosedHazards()).isZero();
    assertThat(jincheng.getOverdueHazards()).isZero();
    assertThat(jincheng.getViolations()).isEqualTo(2);
    assertThat(jincheng.getFineYuanTotal()).isEqualTo(20_000.0);
    assertThat(jincheng.getInspections()).isEqualTo(3);
    assertThat(jincheng.getInspectionsByKind()).containsExactlyInAnyOrderEntriesOf(Map.of("FLYING", 1L, "ROUTINE", 2L));
    assertThat(jincheng.getHazardsBySource()).containsExactlyInAnyOrderEntriesOf(
        Map.of("SELF_INSPECTION", 1L, "FLYING_INSPECTION", 1L, "DEPARTMENT_INSPECTION", 1L));
    assertThat(jincheng.getLast24h().getHazardsReported()).isEqualTo(3);
    assertThat(jincheng.getLast7d().getViolations()).isEqualTo(2);
    assertThat(jincheng.getLast30d().getInspections()).isEqualTo(3);

    AreaStats xuebu = townships.get("xuebu");
    assertThat(xuebu.getHazardsReported()).isEqualTo(1);
    assertThat(xuebu.getOpenMajorHazards()).isEqualTo(1);
    assertThat(xuebu.getFineYuanTotal()).isEqualTo(5_000.5);

    Map<String, AreaStats> sectors = TopologyFixture.latest(f.sectorStats);
    assertThat(sectors.get("construction").getHazardsReported()).isEqualTo(3);
    assertThat(sectors.get("construction").getOpenMajorHazards()).isEqualTo(2);
    assertThat(sectors.get("construction").getViolations()).isEqualTo(2);
    assertThat(sectors.get("fire-safety").getHazardsReported()).isEqualTo(1);
    assertThat(sectors.get("fire-safety").getInspections()).isEqualTo(2);
  }

  @Test
  void closingAHazardMovesItFromOpenToClosed() {
    Enterprise a = f.enterprise("jincheng", "construction");
    f.report(a, "H1", HazardSeverity.MAJOR, HazardSource.SELF_INSPECTION, earlier, later);
    f.report(a, "H2", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, earlier, later);
    f.step(a, "H1", HazardEventType.RECTIFICATION_STARTED, earlier.plusSeconds(60));
    f.step(a, "H1", HazardEventType.RECTIFIED, earlier.plusSeconds(120));
    f.publish();
    AreaStats before = TopologyFixture.latest(f.townshipStats).get("jincheng");
    assertThat(before.getOpenHazards()).isEqualTo(2);
    assertThat(before.getOpenMajorHazards()).isEqualTo(1);
    assertThat(before.getRectifiedHazards()).as("H1 rectified, not yet closed").isEqualTo(1);
    assertThat(before.getRectificationRate()).as("整改率 = (1 + 0) / 2").isEqualTo(0.5);
    assertThat(before.getClosureRate()).as("销号率 = 0 / 2").isZero();

    f.step(a, "H1", HazardEventType.VERIFIED_CLOSED, earlier.plusSeconds(180));
    f.publish();
    AreaStats after = TopologyFixture.latest(f.townshipStats).get("jincheng");
    assertThat(after.getHazardsReported()).isEqualTo(2);
    assertThat(after.getOpenHazards()).isEqualTo(1);
    assertThat(after.getOpenMajorHazards()).isZero();
    assertThat(after.getClosedHazards()).isEqualTo(1);
    assertThat(after.getRectifiedHazards()).as("closed now, no longer waiting").isZero();
    assertThat(after.getRectificationRate()).as("整改率 = (0 + 1) / 2").isEqualTo(0.5);
    assertThat(after.getClosureRate()).as("销号率 = 1 / 2").isEqualTo(0.5);

    List<HazardState> states = f.ledger.readValuesToList();
    HazardState closed = states.get(states.size() - 1);
    assertThat(closed.getHazardId()).isEqualTo("H1");
    assertThat(closed.getStatus()).isEqualTo(HazardStatus.VERIFIED_CLOSED);
    assertThat(closed.getTownshipId()).isEqualTo("jincheng");
    assertThat(closed.getSectorId()).isEqualTo("construction");
    assertThat(closed.getRectificationStartedAt()).isEqualTo(earlier.plusSeconds(60));
    assertThat(closed.getRectifiedAt()).isEqualTo(earlier.plusSeconds(120));
    assertThat(closed.getClosedAt()).isEqualTo(earlier.plusSeconds(180));
    assertThat(closed.getSeverity()).isEqualTo(HazardSeverity.MAJOR);
  }

  @Test
  void aResentEventCountsOnce() {
    Enterprise a = f.enterprise("jincheng", "construction");
    var reported = f.report(a, "H1", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, earlier, later);
    f.hazards.pipeInput(a.getEnterpriseId(), reported);
    var violation = f.violation(a, ViolationAction.FINE, 1000.0, earlier);
    f.violations.pipeInput(a.getEnterpriseId(), violation);
    f.violations.pipeInput(a.getEnterpriseId(), violation);
    var inspection = f.inspection(a, InspectionKind.ROUTINE, earlier);
    f.inspections.pipeInput(a.getEnterpriseId(), inspection);
    // A correction of the inspection (same inspectionId, new eventId) counts as its own event, as
    // before; the first version sent again after it does not.
    var corrected = io.fangxian.avro.InspectionEvent.newBuilder(inspection).setEventId("corrected").setFindings(3).build();
    f.inspections.pipeInput(a.getEnterpriseId(), corrected);
    f.inspections.pipeInput(a.getEnterpriseId(), inspection);
    f.inspections.pipeInput(a.getEnterpriseId(), corrected);
    f.publish();
    AreaStats jincheng = TopologyFixture.latest(f.townshipStats).get("jincheng");
    assertThat(jincheng.getHazardsReported()).isEqualTo(1);
    assertThat(jincheng.getViolations()).isEqualTo(1);
    assertThat(jincheng.getFineYuanTotal()).isEqualTo(1000.0);
    assertThat(jincheng.getInspections()).isEqualTo(2);
    assertThat(f.ledger.readValuesToList()).hasSize(1);
    assertThat(f.deadLetters.isEmpty()).as("a duplicate is dropped, not a dead letter").isTrue();
  }

  @Test
  void aHazardsWholeHistorySentAgainAfterItsLaterStepsChangesNothing() {
    Enterprise a = f.enterprise("jincheng", "construction");
    List<HazardEvent> history = List.of(
        f.report(a, "H1", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, earlier, later),
        f.extend(a, "H1", later.plus(Duration.ofDays(5)), earlier.plusSeconds(60)),
        f.extend(a, "H1", later.plus(Duration.ofDays(9)), earlier.plusSeconds(120)),
        f.step(a, "H1", HazardEventType.RECTIFICATION_STARTED, earlier.plusSeconds(180)));
    HazardState stored = f.driver.<String, HazardState>getKeyValueStore(StoreNames.HAZARD_LEDGER).get("H1");
    assertThat(stored.getEventIds()).as("the ledger keeps the ids of the events it was built from, in order")
        .containsExactlyElementsOf(history.stream().map(HazardEvent::getEventId).toList());
    int published = f.ledger.readValuesToList().size();

    // As an operator resends a whole import: every event again, the oldest first.
    history.forEach(h -> f.hazards.pipeInput(a.getEnterpriseId(), h));
    f.publish();

    assertThat(f.deadLetters.isEmpty()).as("a resent step is dropped, not refused as impossible").isTrue();
    assertThat(f.ledger.readValuesToList()).as("nothing new is published").isEmpty();
    assertThat(published).isEqualTo(4);
    HazardState after = f.driver.<String, HazardState>getKeyValueStore(StoreNames.HAZARD_LEDGER).get("H1");
    assertThat(after).isEqualTo(stored);
    assertThat(after.getDeadlineExtensions()).isEqualTo(2);
    AreaStats jincheng = TopologyFixture.latest(f.townshipStats).get("jincheng");
    assertThat(jincheng.getHazardsReported()).isEqualTo(1);
    assertThat(jincheng.getOpenHazards()).isEqualTo(1);
  }

  @Test
  void aHazardStoredBeforeItKeptItsEventIdsStillDropsTheEventsTheOldDedupTook() {
    // The ledger and event-ids as the release before this one left them: the hazard's state knows
    // only its last eventId; the ids of its events are in event-ids under "hazard:".
    Enterprise a = f.enterprise("jincheng", "construction");
    HazardEvent reported = f.report(a, "H1", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, earlier, later);
    HazardEvent extended = f.extend(a, "H1", later.plus(Duration.ofDays(5)), earlier.plusSeconds(60));
    KeyValueStore<String, HazardState> ledger = f.driver.getKeyValueStore(StoreNames.HAZARD_LEDGER);
    HazardState old = HazardState.newBuilder(ledger.get("H1")).setEventIds(List.of()).build();
    ledger.put("H1", old);
    KeyValueStore<String, Long> eventIds = f.driver.getKeyValueStore(StoreNames.EVENT_IDS);
    long takenAt = START.toEpochMilli();
    eventIds.put("hazard:" + reported.getEventId(), takenAt);
    eventIds.put("hazard:" + extended.getEventId(), takenAt);
    f.ledger.readValuesToList();

    f.hazards.pipeInput(a.getEnterpriseId(), reported);
    f.hazards.pipeInput(a.getEnterpriseId(), extended);
    assertThat(f.deadLetters.isEmpty()).isTrue();
    assertThat(f.ledger.readValuesToList()).isEmpty();

    // A new step is taken and remembered in the state; the old ids are forgotten after the retention.
    HazardEvent started = f.step(a, "H1", HazardEventType.RECTIFICATION_STARTED, earlier.plusSeconds(120));
    assertThat(ledger.get("H1").getEventIds()).containsExactly(started.getEventId());
    f.hazards.pipeInput(a.getEnterpriseId(), started);
    f.hazards.pipeInput(a.getEnterpriseId(), reported);
    assertThat(f.deadLetters.isEmpty()).as("its older ids are still found after it took a new step").isTrue();
    assertThat(f.ledger.readValuesToList()).hasSize(1);
    f.driver.advanceWallClockTime(f.config.dedupRetention().plus(EventIds.PRUNE_EVERY));
    assertThat(eventIds.get("hazard:" + reported.getEventId())).isNull();
    assertThat(eventIds.get("hazard:" + extended.getEventId())).isNull();
    assertThat(ledger.get("H1").getDeadlineExtensions()).isEqualTo(1);
  }

  @Test
  void anEnterpriseMovingTownshipAffectsLaterEventsOnly() {
    Enterprise a = f.enterprise("jincheng", "construction");
    f.report(a, "H1", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, earlier, later);
    Enterprise moved = Enterprise.newBuilder(a).setTownshipId("xuebu").build();
    f.enterprises.pipeInput(moved.getEnterpriseId(), moved);
    f.report(a, "H2", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, earlier, later);
    f.violation(a, ViolationAction.WARNING, null, earlier);
    // Closing H1 decrements where H1 was counted, not where the enterprise is now.
    f.step(a, "H1", HazardEventType.VERIFIED_CLOSED, earlier.plusSeconds(60));
    f.publish();
    Map<String, AreaStats> townships = TopologyFixture.latest(f.townshipStats);
    assertThat(townships.get("jincheng").getHazardsReported()).isEqualTo(1);
    assertThat(townships.get("jincheng").getOpenHazards()).isZero();
    assertThat(townships.get("jincheng").getClosedHazards()).isEqualTo(1);
    assertThat(townships.get("jincheng").getViolations()).isZero();
    assertThat(townships.get("xuebu").getHazardsReported()).isEqualTo(1);
    assertThat(townships.get("xuebu").getOpenHazards()).isEqualTo(1);
    assertThat(townships.get("xuebu").getViolations()).isEqualTo(1);
  }

  @Test
  void dailyCountsUseTheLocalDayInShanghai() {
    Enterprise a = f.enterprise("jincheng", "construction");
    // 15:59:59Z is 23:59:59 on 30 June in Shanghai; 16:00:00Z is already 1 July.
    f.report(a, "H1", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, Instant.parse("2026-06-30T15:30:00Z"), later);
    f.report(a, "H2", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, Instant.parse("2026-06-30T15:59:59Z"), later);
    f.report(a, "H3", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, Instant.parse("2026-06-30T16:00:00Z"), later);
    f.violation(a, ViolationAction.WARNING, null, Instant.parse("2026-06-30T16:00:00Z"));
    f.flushAreaCounts();
    KeyValueStore<AreaDayKey, RecentCounts> daily = f.driver.getKeyValueStore(StoreNames.AREA_DAILY);
    String area = AreaKeys.area(io.fangxian.avro.AreaType.TOWNSHIP, "jincheng");
    Map<LocalDate, RecentCounts> days = new HashMap<>();
    try (KeyValueIterator<AreaDayKey, RecentCounts> it = daily.range(
        new AreaDayKey(area, LocalDate.parse("2026-06-01")), new AreaDayKey(area, LocalDate.parse("2026-07-31")))) {
      it.forEachRemaining((KeyValue<AreaDayKey, RecentCounts> kv) -> days.put(kv.key.day(), kv.value));
    }
    assertThat(days).containsOnlyKeys(LocalDate.parse("2026-06-30"), LocalDate.parse("2026-07-01"));
    assertThat(days.get(LocalDate.parse("2026-06-30")).getHazardsReported()).isEqualTo(2);
    assertThat(days.get(LocalDate.parse("2026-06-30")).getViolations()).isZero();
    assertThat(days.get(LocalDate.parse("2026-07-01")).getHazardsReported()).isEqualTo(1);
    assertThat(days.get(LocalDate.parse("2026-07-01")).getViolations()).isEqualTo(1);
  }

  @Test
  void aHazardBecomesOverdueByTheWallClockWithoutNewEvents() {
    Enterprise a = f.enterprise("jincheng", "construction");
    f.report(a, "H1", HazardSeverity.MAJOR, HazardSource.SELF_INSPECTION, earlier, START.plus(Duration.ofHours(1)));
    f.report(a, "H2", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, earlier, START.plus(Duration.ofDays(3)));
    f.publish();
    assertThat(TopologyFixture.latest(f.townshipStats).get("jincheng").getOverdueHazards()).isZero();

    f.advance(Duration.ofMinutes(61));
    f.publish();
    Map<String, AreaStats> afterDeadline = TopologyFixture.latest(f.townshipStats);
    assertThat(afterDeadline.get("jincheng").getOverdueHazards()).isEqualTo(1);
    assertThat(afterDeadline.get("jincheng").getOpenHazards()).isEqualTo(2);
    HazardState h1 = f.ledger.readKeyValuesToMap().get("H1");
    assertThat(h1.getOverdue()).isTrue();

    // Closing an overdue hazard takes it out of the overdue count.
    f.step(a, "H1", HazardEventType.VERIFIED_CLOSED, START.plus(Duration.ofMinutes(30)));
    f.publish();
    assertThat(TopologyFixture.latest(f.townshipStats).get("jincheng").getOverdueHazards()).isZero();
  }

  @Test
  void aDeadlineExtensionMovesTheDeadlineAndLiftsOverdue() {
    Enterprise a = f.enterprise("jincheng", "construction");
    Instant firstDeadline = START.plus(Duration.ofHours(1));
    f.report(a, "H1", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, earlier, firstDeadline);
    f.advance(Duration.ofHours(2));
    f.publish();
    assertThat(TopologyFixture.latest(f.townshipStats).get("jincheng").getOverdueHazards()).isEqualTo(1);

    Instant extended = START.plus(Duration.ofDays(5));
    f.extend(a, "H1", extended, START.plus(Duration.ofMinutes(90)));
    f.publish();
    assertThat(TopologyFixture.latest(f.townshipStats).get("jincheng").getOverdueHazards()).isZero();
    HazardState h1 = f.ledger.readKeyValuesToMap().get("H1");
    assertThat(h1.getDeadline()).isEqualTo(extended);
    assertThat(h1.getOriginalDeadline()).isEqualTo(firstDeadline);
    assertThat(h1.getDeadlineExtensions()).isEqualTo(1);
    assertThat(h1.getOverdue()).isFalse();

    // The extended deadline is watched too.
    f.advance(Duration.ofDays(5));
    f.publish();
    assertThat(TopologyFixture.latest(f.townshipStats).get("jincheng").getOverdueHazards()).isEqualTo(1);
    assertThat(f.ledger.readKeyValuesToMap().get("H1").getOverdue()).isTrue();
  }

  @Test
  void aHazardReportedAlreadyPastItsDeadlineIsOverdueAtOnce() {
    Enterprise a = f.enterprise("jincheng", "construction");
    f.report(a, "H1", HazardSeverity.GENERAL, HazardSource.GRID_PATROL, START.minus(Duration.ofDays(20)), START.minus(Duration.ofDays(5)));
    f.publish();
    assertThat(TopologyFixture.latest(f.townshipStats).get("jincheng").getOverdueHazards()).isEqualTo(1);
    assertThat(f.ledger.readKeyValuesToMap().get("H1").getOverdue()).isTrue();
  }

  @Test
  void rollingWindowsMoveWithTheClock() {
    Enterprise a = f.enterprise("jincheng", "construction");
    f.report(a, "H1", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, START.minus(Duration.ofHours(1)), later);
    f.report(a, "H2", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, START.minus(Duration.ofDays(3)), later);
    f.report(a, "H3", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, START.minus(Duration.ofDays(20)), later);
    f.report(a, "H4", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, START.minus(Duration.ofDays(40)), later);
    f.publish();
    AreaStats now = TopologyFixture.latest(f.townshipStats).get("jincheng");
    assertThat(now.getLast24h().getHazardsReported()).isEqualTo(1);
    assertThat(now.getLast7d().getHazardsReported()).isEqualTo(2);
    assertThat(now.getLast30d().getHazardsReported()).isEqualTo(3);
    assertThat(now.getHazardsReported()).isEqualTo(4);

    f.advance(Duration.ofDays(1)); // nothing new arrives: the windows are refreshed by the clock
    AreaStats dayLater = TopologyFixture.latest(f.townshipStats).get("jincheng");
    assertThat(dayLater.getLast24h().getHazardsReported()).isZero();
    assertThat(dayLater.getLast7d().getHazardsReported()).isEqualTo(2);
  }
}
