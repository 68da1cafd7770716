package io.fangxian.bulletin;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.avro.internal.MonthlyCounts;
import io.fangxian.bulletin.Bulletin.Figures;
import io.fangxian.bulletin.BulletinBuilder.AreaInput;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class BulletinBuilderTest {
  static Figures found(long reported, long closed, long violations, double fines) {
    return BulletinBuilder.figures(MonthlyCounts.newBuilder().setHazardsReported(reported).setClosedHazards(closed)
        .setOpenHazards(reported - closed).setViolations(violations).setFineYuan(fines).build());
  }

  static Bulletin.Current now(long enterprises, long inspected) {
    return new Bulletin.Current(1, 0, 0, enterprises, inspected, enterprises == 0 ? 0 : (double) inspected / enterprises, 0, 0, 0, 0);
  }

  @Test
  void ranksChangesAndTheDistrictAddUp() {
    List<AreaInput> townships = List.of(
        new AreaInput("a", "甲镇", found(10, 5, 2, 1000.0), found(4, 4, 0, 0), now(10, 5)),
        new AreaInput("b", "乙镇", found(10, 9, 0, 0), found(12, 6, 1, 500.5), now(20, 5)),
        new AreaInput("c", "丙镇", found(0, 0, 1, 0), found(0, 0, 0, 0), now(0, 0)),
        new AreaInput("d", "丁镇", found(3, 3, 0, 0), found(0, 0, 0, 0), now(5, 5)));
    Bulletin b = BulletinBuilder.build(YearMonth.of(2026, 11), "Asia/Shanghai", Instant.EPOCH, townships, List.of(), List.of());

    assertThat(b.month()).isEqualTo("2026-11");
    assertThat(b.previousMonth()).isEqualTo("2026-10");
    assertThat(b.townships()).extracting(Bulletin.Row::hazardsRank).containsExactly(1, 1, 4, 3);
    assertThat(b.townships()).extracting(Bulletin.Row::rectificationRank)
        .as("丁镇 100%, 乙镇 90%, 甲镇 50%; 丙镇 found nothing and takes no rank").containsExactly(3, 2, null, 1);
    assertThat(b.townships().get(0).month().rectificationRate()).isEqualTo(0.5);
    assertThat(b.townships().get(1).change().hazardsReported()).isEqualTo(-2);
    assertThat(b.townships().get(1).change().rectificationRate()).isEqualTo(0.4); // 90% − 50%
    Figures district = b.district().month();
    assertThat(List.of(district.hazardsReported(), district.closedHazards(), district.violations()))
        .containsExactly(23L, 17L, 3L);
    assertThat(district.rectificationRate()).isEqualTo(0.7391);
    assertThat(b.district().previous().fineYuan()).isEqualTo(500.5);
    assertThat(b.district().change().hazardsReported()).isEqualTo(7);
    assertThat(b.district().now().enterprises()).isEqualTo(35);
    assertThat(b.district().now().coverageLast90d()).isEqualTo(0.4286);
  }

  @Test
  void theExposureListShowsOverdueMajorsFirstThenTheMostViolations() {
    List<Bulletin.Exposure> exposure = List.of(
        new Bulletin.Exposure("E1", "一", "a", "甲镇", 2, List.of("V1", "V2"), List.of()),
        new Bulletin.Exposure("E2", "二", "a", "甲镇", 3, List.of("V3", "V4", "V5"), List.of()),
        new Bulletin.Exposure("E3", "三", "b", "乙镇", 0, List.of(), List.of("H9")));
    Bulletin b = BulletinBuilder.build(YearMonth.of(2026, 11), "Asia/Shanghai", Instant.EPOCH, List.of(), List.of(), exposure);
    assertThat(b.exposure()).extracting(Bulletin.Exposure::enterpriseId).containsExactly("E3", "E2", "E1");
  }
}
