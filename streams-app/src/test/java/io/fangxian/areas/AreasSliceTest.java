package io.fangxian.areas;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.avro.Alert;
import io.fangxian.avro.AlertStatus;
import io.fangxian.avro.AreaStats;
import io.fangxian.avro.AreaType;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.HazardState;
import io.fangxian.avro.HazardStatus;
import io.fangxian.avro.WarningLevel;
import io.fangxian.config.RulesConfig;
import io.fangxian.domain.ReferenceData;
import io.fangxian.rules.AlertSignals;
import io.fangxian.rules.AreaRules;
import io.fangxian.rules.HazardRules;
import io.fangxian.rules.StandingRules;
import io.fangxian.stats.AreaKeys;
import io.fangxian.stats.AreaUpdates;
import io.fangxian.store.StoreNames;
import io.fangxian.topology.SliceFixture;
import io.fangxian.topology.TopologyFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The areas slice on its own: {@link Areas#sums} and {@link Areas#figures} with the intake, none of
 * the slices that count. New hazards come from a test topic standing in for the ledger: each becomes
 * the count change the hazards slice sends for it, and what the area rules hear of it. What the
 * slice sends (the published figures and the area rules' signals) is read where it leaves the slice.
 * {@code CountsAndLedgerTest} and {@code AlertRulesTest} run the same through the whole topology.
 */
class AreasSliceTest {
  private static final String NEW_HAZARDS = "test-new-hazards";
  private final SliceFixture f = new SliceFixture();
  private final List<Alert> signals = new ArrayList<>();
  private final Map<String, AreaStats> townships = new HashMap<>();
  private final Map<String, AreaStats> sectors = new HashMap<>();
  private final TopologyTestDriver driver;
  private final TestInputTopic<String, HazardState> newHazards;
  private final TestOutputTopic<String, AreaStats> townshipStats;
  private final TestOutputTopic<String, AreaStats> sectorStats;
  private Instant now = TopologyFixture.START;
  private int sequence;

  AreasSliceTest() {
    AreaStores.add(f.builder, f.topics);
    f.gridsTable();
    ReferenceData reference = ReferenceData.builtIn();
    RulesConfig rules = RulesConfig.defaults();
    KStream<String, HazardState> hazards = f.builder.stream(NEW_HAZARDS,
        Consumed.with(Serdes.String(), f.topics.hazardLedger.valueSerde()).withName(NEW_HAZARDS));
    KStream<String, CountChange> counts = hazards.mapValues(h -> new CountChange(AreaUpdates.hazard(null, h),
        List.of(AreaKeys.area(AreaType.TOWNSHIP, h.getTownshipId()), AreaKeys.area(AreaType.SECTOR, h.getSectorId()))),
        Named.as("test-hazard-counts"));
    KStream<String, io.fangxian.avro.internal.AreaUpdate> toTownship = hazards.map((id, h) -> KeyValue.pair(
        AreaKeys.area(AreaType.TOWNSHIP, h.getTownshipId()), AreaUpdates.hazardState(h)), Named.as("test-to-township"));
    Areas.figures(Areas.sums(counts, f.config), toTownship, f.intake, f.topics, f.config, rules, reference,
            new HazardRules(rules, reference, f.config.zone()), new AreaRules(rules, reference, f.config.zone()),
            new StandingRules(rules, reference, f.config.zone()))
        .foreach((key, a) -> signals.add(a), Named.as("test-area-signals"));
    driver = f.start();
    newHazards = driver.createInputTopic(NEW_HAZARDS, Serdes.String().serializer(),
        f.topics.hazardLedger.valueSerde().serializer());
    townshipStats = driver.createOutputTopic(f.topics.townshipStats.name(), Serdes.String().deserializer(),
        f.topics.townshipStats.valueSerde().deserializer());
    sectorStats = driver.createOutputTopic(f.topics.sectorStats.name(), Serdes.String().deserializer(),
        f.topics.sectorStats.valueSerde().deserializer());
  }

  @AfterEach
  void close() {
    f.close();
  }

  /** A hazard reported an hour ago, open, as the ledger holds it. */
  private void reported(String enterpriseId, String sector) {
    reported(enterpriseId, sector, Duration.ofHours(1));
  }

  private void reported(String enterpriseId, String sector, Duration ago) {
    Instant at = now.minus(ago);
    HazardState h = HazardState.newBuilder().setHazardId("H" + (++sequence)).setEnterpriseId(enterpriseId)
        .setTownshipId("jincheng").setSectorId(sector).setStatus(HazardStatus.REPORTED)
        .setSeverity(HazardSeverity.GENERAL).setSource(HazardSource.DEPARTMENT_INSPECTION)
        .setReportedAt(at).setUpdatedAt(at).build();
    newHazards.pipeInput(enterpriseId, h);
  }

  /** Moves the wall clock on, a second at a time, as the punctuations would see it. */
  private void seconds(int n) {
    for (int i = 0; i < n; i++) {
      advance(Duration.ofSeconds(1));
    }
  }

  private void advance(Duration d) {
    driver.advanceWallClockTime(d);
    now = now.plus(d);
    townships.putAll(townshipStats.readKeyValuesToMap());
    sectors.putAll(sectorStats.readKeyValuesToMap());
  }

  private List<Long> windows() {
    AreaStats t = townships.get("jincheng");
    return List.of(t.getLast24h().getHazardsReported(), t.getLast7d().getHazardsReported(),
        t.getLast30d().getHazardsReported());
  }

  @Test
  void theSliceKeepsOnlyItsOwnStoresAndTheGridsTable() {
    assertThat(driver.getAllStateStores().keySet()).containsExactlyInAnyOrder(StoreNames.EVENT_IDS,
        StoreNames.ENTERPRISES, StoreNames.AREA_DELTAS, StoreNames.AREA_TOTALS, StoreNames.AREA_DAILY,
        StoreNames.AREA_HOURLY, StoreNames.AREA_MONTHLY, StoreNames.AREA_OPEN_HAZARDS, StoreNames.AREA_WEATHER,
        StoreNames.WEATHER_WARNINGS, StoreNames.GRIDS);
  }

  @Test
  void theChangesOfSeveralEnterprisesAreSummedAndPublishedPerAreaOncePerInterval() {
    reported("E1", "machinery");
    reported("E2", "machinery");
    reported("E3", "construction");
    assertThat(townshipStats.isEmpty()).as("nothing before the interval").isTrue();

    seconds(2);
    assertThat(townships.get("jincheng").getHazardsReported()).isEqualTo(3);
    assertThat(townships.get("jincheng").getOpenHazards()).isEqualTo(3);
    assertThat(townships.get("jincheng").getLast24h().getHazardsReported()).isEqualTo(3);
    assertThat(sectors.get("machinery").getHazardsReported()).isEqualTo(2);
    assertThat(sectors.get("construction").getHazardsReported()).isEqualTo(1);

    seconds(2);
    assertThat(townshipStats.isEmpty()).as("an area that did not change is not published again").isTrue();
    reported("E1", "machinery");
    seconds(2);
    assertThat(townships.get("jincheng").getHazardsReported()).isEqualTo(4);
  }

  /**
   * The windows count the hour they are published in and the 23, 167 and 719 before it: they follow
   * an event that arrives late for an hour already counted, and move on as the hours turn.
   */
  @Test
  void theRollingWindowsFollowLateEventsAndMoveWithTheClock() {
    reported("E1", "machinery", Duration.ofHours(1));
    reported("E2", "machinery", Duration.ofDays(3));
    seconds(2);
    assertThat(windows()).containsExactly(1L, 2L, 2L);

    reported("E3", "machinery", Duration.ofHours(30)); // late, into an hour of the 7-day window
    reported("E4", "machinery", Duration.ofDays(40)); // older than every window: the totals only
    seconds(2);
    assertThat(windows()).containsExactly(1L, 3L, 3L);
    assertThat(townships.get("jincheng").getHazardsReported()).isEqualTo(4);

    advance(Duration.ofHours(23)); // the first hazard is 24 hours old
    assertThat(windows()).containsExactly(0L, 3L, 3L);
    advance(Duration.ofDays(4)); // the late one is 6 days and 5 hours old, the one of 3 days ago 7 days and 23 hours
    assertThat(windows()).containsExactly(0L, 2L, 3L);
    reported("E5", "machinery", Duration.ofMinutes(5));
    seconds(2);
    assertThat(windows()).containsExactly(1L, 3L, 4L);
  }

  private List<Alert> firing() {
    return signals.stream().filter(a -> a.getStatus() == AlertStatus.FIRING).toList();
  }

  /**
   * 隐患激增: at least 5 in 24 h, and 3 times the daily mean of the 7 days before; with none in those
   * 7 days the ratio has no bound, so it fires at twice the factor (ORANGE). Below the thresholds
   * the rules say RESOLVED, which the lifecycle ignores for an alert that is not live.
   */
  @Test
  void aSurgeFiresForTheTownshipAndTheSectorFromTheFifthHazardInADay() {
    for (int i = 0; i < 4; i++) {
      reported("E" + i, "machinery");
    }
    seconds(6);
    assertThat(firing()).as("4 in 24 h: under the floor").isEmpty();
    assertThat(signals).filteredOn(a -> a.getRule().equals(AlertSignals.SURGE)).isNotEmpty()
        .allSatisfy(a -> assertThat(a.getStatus()).isEqualTo(AlertStatus.RESOLVED));

    reported("E9", "machinery");
    seconds(6);
    assertThat(firing()).extracting(Alert::getAlertKey).containsExactlyInAnyOrder(
        "surge:township:jincheng", "surge:sector:machinery");
    assertThat(firing()).allSatisfy(a -> {
      assertThat(a.getRule()).isEqualTo(AlertSignals.SURGE);
      assertThat(a.getLevel()).isEqualTo(WarningLevel.ORANGE);
      assertThat(a.getEvidence().getFigures()).containsEntry("hazardsLast24h", 5.0);
    });
  }
}
