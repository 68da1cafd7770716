package io.fangxian.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.avro.AccidentType;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardEventType;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.InspectionKind;
import io.fangxian.avro.ViolationAction;
import io.fangxian.avro.internal.MonthlyCounts;
import io.fangxian.store.AreaMonthKey;
import io.fangxian.store.StoreNames;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bulletin's monthly figures, by the local month (Asia/Shanghai) of each event's time: a
 * hazard in the month it was reported (its closure moves that month's cohort), enforcement,
 * inspections and accidents in the month they happened, a correction moving an accident across
 * the month's end.
 */
class MonthlyBucketsTest {
  static final YearMonth JUNE = YearMonth.of(2026, 6);
  static final YearMonth JULY = YearMonth.of(2026, 7);
  final TopologyFixture f = new TopologyFixture(); // START is 2026-07-01 10:00 in Shanghai

  @AfterEach
  void close() {
    f.close();
  }

  private MonthlyCounts month(String area, YearMonth m) {
    KeyValueStore<AreaMonthKey, MonthlyCounts> store = f.driver.getKeyValueStore(StoreNames.AREA_MONTHLY);
    MonthlyCounts c = store.get(new AreaMonthKey(area, m));
    return c == null ? MonthlyCounts.newBuilder().build() : c;
  }

  @Test
  void eachFigureFallsInTheLocalMonthOfItsEvent() {
    Enterprise e = f.enterprise("jincheng", "construction");
    Instant june20 = Instant.parse("2026-06-20T02:00:00Z");
    f.report(e, "H1", HazardSeverity.MAJOR, HazardSource.FLYING_INSPECTION, june20, june20.plus(Duration.ofDays(5)));
    f.report(e, "H2", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, june20, f.now().plus(Duration.ofDays(5)));
    f.report(e, "H3", HazardSeverity.GENERAL, HazardSource.GRID_PATROL, f.now().minus(Duration.ofHours(1)),
        f.now().plus(Duration.ofDays(5)));
    f.step(e, "H2", HazardEventType.VERIFIED_CLOSED, f.now().minus(Duration.ofMinutes(30))); // closed in July
    // 2026-06-30 23:30 in Shanghai, then 2026-07-01 00:30: both before 16:00 UTC on 30 June / after it.
    f.violation(e, ViolationAction.FINE, 5000.0, Instant.parse("2026-06-30T15:30:00Z"));
    f.violation(e, ViolationAction.SUSPENSION, null, Instant.parse("2026-06-30T16:30:00Z"));
    f.violation(e, ViolationAction.CLOSURE, null, Instant.parse("2026-06-10T02:00:00Z"));
    f.violation(e, ViolationAction.WARNING, null, f.now().minus(Duration.ofHours(2)));
    f.inspection(e, InspectionKind.ROUTINE, Instant.parse("2026-06-30T15:59:00Z"));
    f.accident(e, "A1", 1, 2, 10_000, AccidentType.FALL_FROM_HEIGHT, Instant.parse("2026-06-30T15:30:00Z"),
        Instant.parse("2026-06-30T16:00:00Z"));
    f.publish();

    MonthlyCounts june = month("township/jincheng", JUNE);
    assertThat(List.of(june.getHazardsReported(), june.getMajorHazardsReported(), june.getClosedHazards(),
        june.getOpenHazards(), june.getOverdueHazards(), june.getOpenMajorHazards()))
        .as("June's cohort: H1 open, major and overdue; H2 closed in July counts as closed in its report month")
        .containsExactly(2L, 1L, 1L, 1L, 1L, 1L);
    assertThat(List.of(june.getViolations(), june.getFines(), june.getClosures(), june.getSuspensions(), june.getWarnings()))
        .containsExactly(2L, 1L, 1L, 0L, 0L);
    assertThat(june.getFineYuan()).isEqualTo(5000.0);
    assertThat(List.of(june.getInspections(), june.getAccidents(), june.getAccidentDeaths(), june.getAccidentSeriousInjuries()))
        .containsExactly(1L, 1L, 1L, 2L);
    MonthlyCounts july = month("township/jincheng", JULY);
    assertThat(List.of(july.getHazardsReported(), july.getOpenHazards(), july.getViolations(), july.getSuspensions(),
        july.getWarnings(), july.getAccidents())).containsExactly(1L, 1L, 2L, 1L, 1L, 0L);
    assertThat(month("sector/construction", JUNE)).isEqualTo(june);

    // A correction: the accident happened at 00:30 on 1 July, with two deaths.
    f.accident(e, "A1", 2, 0, 10_000, AccidentType.FALL_FROM_HEIGHT, Instant.parse("2026-06-30T16:30:00Z"),
        Instant.parse("2026-06-30T17:00:00Z"));
    f.step(e, "H1", HazardEventType.RECTIFIED, f.now());
    f.step(e, "H1", HazardEventType.VERIFIED_CLOSED, f.now());
    f.publish();
    june = month("township/jincheng", JUNE);
    assertThat(List.of(june.getAccidents(), june.getAccidentDeaths(), june.getAccidentSeriousInjuries()))
        .containsExactly(0L, 0L, 0L);
    july = month("township/jincheng", JULY);
    assertThat(List.of(july.getAccidents(), july.getAccidentDeaths())).containsExactly(1L, 2L);
    assertThat(List.of(june.getHazardsReported(), june.getClosedHazards(), june.getOpenHazards(), june.getOverdueHazards(),
        june.getOpenMajorHazards())).as("the cohort closed").containsExactly(2L, 2L, 0L, 0L, 0L);
  }
}
