package io.fangxian.bulletin;

import static io.fangxian.bulletin.BulletinBuilder.ZERO;
import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.avro.internal.MonthlyCounts;
import io.fangxian.bulletin.Bulletin.Figures;
import io.fangxian.bulletin.BulletinBuilder.AreaInput;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
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
    return new Bulletin.Current(1, 0, 0, enterprises, inspected, enterprises == 0 ? 0 : (double) inspected / enterprises, 0, 0, 0, 0, 0, 0, 0, 0.0);
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

  static Figures majors(long major) {
    return BulletinBuilder.figures(MonthlyCounts.newBuilder().setHazardsReported(major).setMajorHazardsReported(major).build());
  }

  @Test
  void townshipsAndDepartmentsAreRankedByCasesPerMajorHazardAndByTimeliness() {
    List<AreaInput> townships = List.of(
        new AreaInput("a", "甲镇", majors(4), ZERO, ZERO, ZERO, now(1, 1)),
        new AreaInput("b", "乙镇", majors(2), ZERO, ZERO, ZERO, now(1, 1)),
        new AreaInput("c", "丙镇", majors(0), ZERO, ZERO, ZERO, now(1, 1)),
        new AreaInput("d", "丁镇", majors(1), ZERO, ZERO, ZERO, now(1, 1)));
    List<AreaInput> sectors = List.of(
        new AreaInput("hazardous-chemicals", "危化品", majors(3), ZERO, ZERO, ZERO, now(1, 1)),
        new AreaInput("metallurgy", "冶金", majors(2), ZERO, ZERO, ZERO, now(1, 1)),
        new AreaInput("construction", "建筑施工", majors(2), ZERO, ZERO, ZERO, now(1, 1)));
    Map<String, String> departmentOfSector = Map.of("hazardous-chemicals", "区应急管理局", "metallurgy", "区应急管理局",
        "construction", "区住房和城乡建设局");
    List<BulletinBuilder.CaseInput> cases = List.of(
        new BulletinBuilder.CaseInput("TOWNSHIP", "a", 2, 4, 3),
        new BulletinBuilder.CaseInput("TOWNSHIP", "b", 1, 2, 1),
        new BulletinBuilder.CaseInput("TOWNSHIP", "b", 1, 0, 0), // a second instance's part adds up
        new BulletinBuilder.CaseInput("TOWNSHIP", "c", 3, 0, 0),
        new BulletinBuilder.CaseInput("DEPARTMENT", "区应急管理局", 5, 5, 5),
        new BulletinBuilder.CaseInput("DEPARTMENT", "区住房和城乡建设局", 1, 2, 1),
        new BulletinBuilder.CaseInput("DEPARTMENT", "区消防救援大队", 1, 0, 0));
    Bulletin b = BulletinBuilder.build(YearMonth.of(2026, 11), "Asia/Shanghai", Instant.EPOCH, townships, sectors,
        CRITERIA, List.of(), cases, departmentOfSector);

    List<Bulletin.EnforcementRank> t = b.enforcementTownships();
    assertThat(t).extracting(Bulletin.EnforcementRank::areaId).containsExactly("a", "b", "c", "d");
    assertThat(t).extracting(Bulletin.EnforcementRank::casesOpened).containsExactly(2L, 2L, 3L, 0L);
    assertThat(t).extracting(Bulletin.EnforcementRank::casesPerMajorHazard)
        .as("2÷4, 2÷2, none without major hazards, 0÷1").containsExactly(0.5, 1.0, null, 0.0);
    assertThat(t).extracting(Bulletin.EnforcementRank::casesPerMajorHazardRank).containsExactly(2, 1, null, 3);
    assertThat(t).extracting(Bulletin.EnforcementRank::timeliness).containsExactly(0.75, 0.5, null, null);
    assertThat(t).extracting(Bulletin.EnforcementRank::timelinessRank).containsExactly(1, 2, null, null);

    List<Bulletin.EnforcementRank> d = b.enforcementDepartments();
    assertThat(d).extracting(Bulletin.EnforcementRank::areaId)
        .containsExactlyInAnyOrder("区应急管理局", "区住房和城乡建设局", "区消防救援大队");
    Bulletin.EnforcementRank emergency = d.stream().filter(r -> r.areaId().equals("区应急管理局")).findFirst().orElseThrow();
    assertThat(emergency.majorHazardsReported()).as("its two sectors' major hazards").isEqualTo(5);
    assertThat(emergency.casesPerMajorHazard()).isEqualTo(1.0);
    assertThat(emergency.casesPerMajorHazardRank()).isEqualTo(1);
    assertThat(emergency.timeliness()).isEqualTo(1.0);
    assertThat(emergency.timelinessRank()).isEqualTo(1);
    Bulletin.EnforcementRank housing = d.stream().filter(r -> r.areaId().equals("区住房和城乡建设局")).findFirst().orElseThrow();
    assertThat(List.of(housing.casesPerMajorHazard(), housing.timeliness())).containsExactly(0.5, 0.5);
    assertThat(List.of(housing.casesPerMajorHazardRank(), housing.timelinessRank())).containsExactly(2, 2);
    Bulletin.EnforcementRank fire = d.stream().filter(r -> r.areaId().equals("区消防救援大队")).findFirst().orElseThrow();
    assertThat(fire.casesPerMajorHazard()).as("no sector of its own: no ratio, no rank").isNull();
    assertThat(fire.casesPerMajorHazardRank()).isNull();

    String page = BulletinPage.render(b);
    assertThat(page).contains("六、执法情况排名", "id=\"enforcement-township-table\"", "id=\"enforcement-department-table\"",
        "<td>甲镇</td><td>2</td><td>4</td><td>0.50</td><td>2</td><td>4</td><td>3</td><td>75.0%</td><td>1</td>");
  }

  @Test
  void unitsAreScoredByDeductionsAndRankedWithTiesSharingARank() {
    List<Bulletin.UnitRank> ranked = BulletinBuilder.unitRanks(List.of(
        new Bulletin.UnitRank("TOWNSHIP", "a", "甲镇", 2, 1, 3, 2, 1, 0, 1, 4, 0.5, null, 1, 0, null),
        new Bulletin.UnitRank("TOWNSHIP", "b", "乙镇", 0, 0, 0, 0, 0, 0, 0, 0, null, null, 0, 0, null),
        new Bulletin.UnitRank("TOWNSHIP", "c", "丙镇", 0, 0, 0, 0, 0, 0, 0, 2, 1.0, 1.0, 0, 0, null),
        new Bulletin.UnitRank("TOWNSHIP", "d", "丁镇", 40, 20, 0, 0, 0, 0, 0, 0, null, null, 0, 0, null)));
    // a: 100 - 2*2 - 3*1 - 3*1 (overdue revisit) - 3*1 (late review) - 10*0.5 = 82
    assertThat(ranked).extracting(Bulletin.UnitRank::unitId).containsExactly("b", "c", "a", "d");
    assertThat(ranked).extracting(Bulletin.UnitRank::rank).containsExactly(1, 1, 3, 4);
    assertThat(ranked).extracting(Bulletin.UnitRank::score).containsExactly(100.0, 100.0, 82.0, 0.0);
  }
}
