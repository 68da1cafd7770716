package io.fangxian.bulletin;

import static io.fangxian.bulletin.BulletinBuilder.ZERO;
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

  /** Found, of them rectified and waiting to be closed, and closed. */
  static Figures found(long reported, long rectified, long closed, long violations, long accidents) {
    return BulletinBuilder.figures(MonthlyCounts.newBuilder().setHazardsReported(reported).setRectifiedHazards(rectified)
        .setClosedHazards(closed).setOpenHazards(reported - closed).setViolations(violations).setAccidents(accidents).build());
  }

  static final Bulletin.ExposureCriteria CRITERIA = new Bulletin.ExposureCriteria(2, true, "CHOICE", "the bureau's own");

  static Bulletin.Current now(long enterprises, long inspected) {
    return new Bulletin.Current(1, 0, 0, enterprises, inspected, enterprises == 0 ? 0 : (double) inspected / enterprises, 0, 0, 0, 0);
  }

  @Test
  void ranksChangesAndTheDistrictAddUp() {
    List<AreaInput> townships = List.of(
        new AreaInput("a", "甲镇", found(10, 5, 2, 1000.0), found(4, 4, 0, 0), ZERO, ZERO, now(10, 5)),
        new AreaInput("b", "乙镇", found(10, 9, 0, 0), found(12, 6, 1, 500.5), ZERO, ZERO, now(20, 5)),
        new AreaInput("c", "丙镇", found(0, 0, 1, 0), found(0, 0, 0, 0), ZERO, ZERO, now(0, 0)),
        new AreaInput("d", "丁镇", found(3, 3, 0, 0), found(0, 0, 0, 0), ZERO, ZERO, now(5, 5)));
    Bulletin b = BulletinBuilder.build(YearMonth.of(2026, 11), "Asia/Shanghai", Instant.EPOCH, townships, List.of(),
        CRITERIA, List.of());

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
    Bulletin b = BulletinBuilder.build(YearMonth.of(2026, 11), "Asia/Shanghai", Instant.EPOCH, List.of(), List.of(),
        CRITERIA, exposure);
    assertThat(b.exposure()).extracting(Bulletin.Exposure::enterpriseId).containsExactly("E3", "E2", "E1");
  }

  @Test
  void rectificationAndClosureRatesAreNamedApart() {
    Figures f = found(20, 6, 9, 0, 0);
    assertThat(f.rectifiedHazards()).isEqualTo(6);
    assertThat(f.rectificationRate()).as("整改率 = (6 + 9) / 20").isEqualTo(0.75);
    assertThat(f.closureRate()).as("销号率 = 9 / 20").isEqualTo(0.45);
    assertThat(BulletinBuilder.figures(MonthlyCounts.newBuilder().setHazardsReported(4).setRectifiedHazards(-1)
        .setClosedHazards(2).build()).rectifiedHazards()).as("an old bucket below 0 reads 0").isZero();
  }

  @Test
  void yearOnYearAndYearToDateColumns() {
    // 2026-03: Jan, Feb and Mar make the year to date; 2025-03 is the year-ago month.
    Figures jan = found(5, 1, 2, 1, 0);
    Figures feb = found(3, 0, 3, 0, 1);
    Figures mar = found(8, 2, 4, 3, 0);
    Figures yearAgoA = found(10, 0, 5, 1, 2);
    Figures ytdA = BulletinBuilder.total(List.of(jan, feb, mar));
    Figures ytdB = BulletinBuilder.total(List.of(found(2, 0, 2, 0, 0)));
    List<AreaInput> townships = List.of(
        new AreaInput("a", "甲镇", mar, feb, yearAgoA, ytdA, now(10, 5)),
        new AreaInput("b", "乙镇", ZERO, ZERO, found(1, 0, 1, 0, 0), ytdB, now(4, 4)));
    Bulletin b = BulletinBuilder.build(YearMonth.of(2026, 3), "Asia/Shanghai", Instant.EPOCH, townships, townships,
        CRITERIA, List.of());

    assertThat(b.yearAgoMonth()).isEqualTo("2025-03");
    Bulletin.Row a = b.townships().get(0);
    assertThat(a.yearAgo().hazardsReported()).isEqualTo(10);
    assertThat(a.yearOnYear().hazardsReported()).isEqualTo(-2);
    assertThat(a.yearOnYear().violations()).isEqualTo(2);
    assertThat(a.yearOnYear().accidents()).isEqualTo(-2);
    assertThat(a.yearOnYear().rectificationRate()).as("60% − 50%").isEqualTo(0.25);
    assertThat(a.yearOnYear().closureRate()).as("50% − 50%").isEqualTo(0.0);
    Figures ytd = a.yearToDate();
    assertThat(List.of(ytd.hazardsReported(), ytd.rectifiedHazards(), ytd.closedHazards(), ytd.violations(), ytd.accidents()))
        .containsExactly(16L, 3L, 9L, 4L, 1L);
    assertThat(ytd.rectificationRate()).as("(3 + 9) / 16").isEqualTo(0.75);
    assertThat(ytd.closureRate()).as("9 / 16").isEqualTo(0.5625);
    assertThat(b.sectors().get(0).yearToDate()).isEqualTo(ytd);

    Bulletin.Row d = b.district();
    assertThat(d.yearAgo().hazardsReported()).isEqualTo(11);
    assertThat(d.yearOnYear().hazardsReported()).isEqualTo(-3);
    assertThat(d.yearToDate().hazardsReported()).isEqualTo(18);
    assertThat(d.yearToDate().closedHazards()).isEqualTo(11);
    assertThat(d.yearToDate().rectificationRate()).as("(3 + 11) / 18").isEqualTo(0.7778);
    assertThat(d.yearToDate().closureRate()).as("11 / 18").isEqualTo(0.6111);

    String page = BulletinPage.render(b);
    assertThat(page).contains("<th>同比</th><th>年累计</th>", "<th>整改率</th><th>销号率</th>",
        "<td>甲镇</td><td>8</td><td>增加 5</td><td>减少 2</td><td>16</td>",
        "<td>75.0%</td><td>56.3%</td>", "与上年同月(2025-03)", "年累计发现隐患 <b>18</b> 项");
  }

  @Test
  void theExposureNoteShowsTheConfiguredCriteriaAndTheirLabel() {
    String choice = BulletinPage.exposureNote(new Bulletin.ExposureCriteria(3, false, "CHOICE", "本局自定"));
    assertThat(choice).contains("本月违法行为 3 次及以上的企业。", "此标准为本局自定", "data-basis=\"CHOICE\"")
        .doesNotContain("重大事故隐患逾期");
    assertThat(BulletinPage.exposureNote(new Bulletin.ExposureCriteria(2, true, "RULE", "第七十八条")))
        .contains("2 次及以上的企业,以及重大事故隐患逾期未整改的企业。依据:第七十八条");
  }
}
