package io.fangxian.bulletin;

import io.fangxian.avro.internal.MonthlyCounts;
import io.fangxian.bulletin.Bulletin.Current;
import io.fangxian.bulletin.Bulletin.Figures;
import io.fangxian.bulletin.Bulletin.Row;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/** Puts a bulletin together from figures already read: arithmetic and ranking only. */
public final class BulletinBuilder {
  private BulletinBuilder() { }

  /**
   * One area as read from the stores: its name, its month, the month before, the same month a
   * year earlier, January to the month added up, and what stands now.
   */
  public record AreaInput(String areaId, String areaName, Figures month, Figures previous, Figures yearAgo,
                          Figures yearToDate, Current now) { }

  public static Figures figures(MonthlyCounts c) {
    if (c == null) {
      return ZERO;
    }
    // A bucket written before rectifiedHazards existed, whose hazards are closed since, can go below 0.
    long rectified = Math.max(0, c.getRectifiedHazards());
    return new Figures(c.getHazardsReported(), c.getMajorHazardsReported(), rectified, c.getClosedHazards(),
        c.getOpenHazards(), c.getOverdueHazards(), c.getOpenMajorHazards(),
        rate(rectified + c.getClosedHazards(), c.getHazardsReported()), rate(c.getClosedHazards(), c.getHazardsReported()),
        c.getViolations(), round(c.getFineYuan()), c.getWarnings(), c.getFines(), c.getSuspensions(), c.getClosures(),
        c.getInspections(), c.getAccidents(), c.getAccidentDeaths(), c.getAccidentSeriousInjuries(),
        c.getCasesOpened(), c.getCasesOpen(), c.getCasesDecisionOverdue(), round(c.getPenaltyYuanDecided()),
        c.getDailyFineCases(), c.getCriminalTransfers(), c.getOpenMajorHazardsWithoutCase());
  }

  public static final Figures ZERO = new Figures(0, 0, 0, 0, 0, 0, 0, 0.0, 0.0, 0, 0.0, 0, 0, 0, 0, 0, 0, 0, 0,
      0, 0, 0, 0.0, 0, 0, 0);
  public static final Current NO_CURRENT = new Current(0, 0, 0, 0, 0, 0.0, 0, 0, 0, 0, 0, 0, 0, 0.0);

  /** Adds up the figures of several months (the year to date), rates recomputed from the sums. */
  public static Figures total(List<Figures> months) {
    Figures sum = ZERO;
    for (Figures f : months) {
      sum = plus(sum, f);
    }
    return sum;
  }

  /**
   * One area's cases in the month, as counted from the cases (a township's, or a handling
   * department's: {@code areaType} TOWNSHIP or DEPARTMENT).
   */
  public record CaseInput(String areaType, String areaId, long casesOpened, long decisionsDue, long decisionsInTime) { }

  public static Bulletin build(YearMonth month, String zone, Instant now, List<AreaInput> townships,
      List<AreaInput> sectors, Bulletin.ExposureCriteria criteria, List<Bulletin.Exposure> exposure) {
    return build(month, zone, now, townships, sectors, criteria, exposure, List.of(), Map.of());
  }

  /**
   * @param cases each township's and handling department's cases in the month
   * @param departmentOfSector the responsibility list: a department's major hazards are those of its sectors
   */
  public static Bulletin build(YearMonth month, String zone, Instant now, List<AreaInput> townships,
      List<AreaInput> sectors, Bulletin.ExposureCriteria criteria, List<Bulletin.Exposure> exposure,
      List<CaseInput> cases, Map<String, String> departmentOfSector) {
    List<Row> townshipRows = rows("TOWNSHIP", townships);
    List<Row> sectorRows = rows("SECTOR", sectors);
    Figures m = ZERO;
    Figures p = ZERO;
    Figures y = ZERO;
    Figures ytd = ZERO;
    Current c = NO_CURRENT;
    for (AreaInput t : townships) {
      m = plus(m, t.month());
      p = plus(p, t.previous());
      y = plus(y, t.yearAgo());
      ytd = plus(ytd, t.yearToDate());
      c = plus(c, t.now());
    }
    Row district = new Row("DISTRICT", "district", "全区", m, p, minus(m, p), y, minus(m, y), ytd, null, null, c);
    List<Bulletin.Exposure> listed = exposure.stream()
        .sorted(Comparator.comparing((Bulletin.Exposure x) -> -x.overdueMajorHazardIds().size())
            .thenComparing(x -> -x.violationsInMonth()).thenComparing(Bulletin.Exposure::enterpriseId))
        .toList();
    Map<String, CaseInput> townshipCases = new TreeMap<>();
    Map<String, CaseInput> departmentCases = new TreeMap<>();
    for (CaseInput ci : cases) {
      ("DEPARTMENT".equals(ci.areaType()) ? departmentCases : townshipCases).merge(ci.areaId(), ci, (a, b) ->
          new CaseInput(a.areaType(), a.areaId(), a.casesOpened() + b.casesOpened(), a.decisionsDue() + b.decisionsDue(),
              a.decisionsInTime() + b.decisionsInTime()));
    }
    List<Bulletin.EnforcementRank> byTownship = new ArrayList<>();
    for (AreaInput t : townships) {
      byTownship.add(enforcement("TOWNSHIP", t.areaId(), t.areaName(), townshipCases.get(t.areaId()),
          t.month().majorHazardsReported()));
    }
    Map<String, Long> departmentMajors = new TreeMap<>();
    for (AreaInput s : sectors) {
      String department = departmentOfSector.get(s.areaId());
      if (department != null) {
        departmentMajors.merge(department, s.month().majorHazardsReported(), Long::sum);
      }
    }
    Set<String> departments = new TreeSet<>(departmentMajors.keySet());
    departments.addAll(departmentCases.keySet());
    List<Bulletin.EnforcementRank> byDepartment = new ArrayList<>();
    for (String d : departments) {
      byDepartment.add(enforcement("DEPARTMENT", d, d, departmentCases.get(d), departmentMajors.getOrDefault(d, 0L)));
    }
    return new Bulletin(month.toString(), month.minusMonths(1).toString(), month.minusYears(1).toString(), zone, now,
        district, townshipRows, sectorRows, criteria, listed, ranked(byTownship), ranked(byDepartment), List.of(), List.of());
  }

  /**
   * 考核 of townships or departments: 100 points less 2 a missed hazard (漏检) and 3 more if it was
   * major, 3 an overdue 回头看 and 1 one done late, 3 a late 挂牌督办 write-off review, and up to 10 each
   * for the share of alerts not acknowledged and not fed back in time; at least 0. The weights are
   * the product's choice until the 安委会 sets its own. Ranked by score, highest first; ties share a
   * rank and keep the order given.
   */
  public static List<Bulletin.UnitRank> unitRanks(List<Bulletin.UnitRank> units) {
    List<Bulletin.UnitRank> scored = new ArrayList<>();
    for (Bulletin.UnitRank u : units) {
      double deductions = 2.0 * u.missedHazards() + 3.0 * u.missedMajorHazards() + 3.0 * u.revisitsOverdue()
          + u.revisitsDoneLate() + 3.0 * u.supervisionReviewsLate()
          + (u.acknowledgedInTimeShare() == null ? 0 : 10 * (1 - u.acknowledgedInTimeShare()))
          + (u.fedBackInTimeShare() == null ? 0 : 10 * (1 - u.fedBackInTimeShare()));
      scored.add(new Bulletin.UnitRank(u.unitType(), u.unitId(), u.unitName(), u.missedHazards(), u.missedMajorHazards(),
          u.assignedHazards(), u.revisitsDue(), u.revisitsDone(), u.revisitsDoneLate(), u.revisitsOverdue(), u.alerts(),
          u.acknowledgedInTimeShare(), u.fedBackInTimeShare(), u.supervisionReviewsLate(),
          Math.round(Math.max(0, 100 - deductions) * 10) / 10.0, null));
    }
    List<Bulletin.UnitRank> ranked = new ArrayList<>();
    for (Bulletin.UnitRank u : scored) {
      int above = (int) scored.stream().filter(o -> o.score() > u.score()).count();
      ranked.add(new Bulletin.UnitRank(u.unitType(), u.unitId(), u.unitName(), u.missedHazards(), u.missedMajorHazards(),
          u.assignedHazards(), u.revisitsDue(), u.revisitsDone(), u.revisitsDoneLate(), u.revisitsOverdue(), u.alerts(),
          u.acknowledgedInTimeShare(), u.fedBackInTimeShare(), u.supervisionReviewsLate(), u.score(), above + 1));
    }
    ranked.sort(java.util.Comparator.comparing(Bulletin.UnitRank::rank));
    return ranked;
  }

  private static Bulletin.EnforcementRank enforcement(String type, String id, String name, CaseInput c, long majors) {
    long opened = c == null ? 0 : c.casesOpened();
    long due = c == null ? 0 : c.decisionsDue();
    long inTime = c == null ? 0 : c.decisionsInTime();
    return new Bulletin.EnforcementRank(type, id, name, opened, majors, majors == 0 ? null : round4((double) opened / majors),
        due, inTime, due == 0 ? null : rate(inTime, due), null, null);
  }

  /** Ranks by cases per major hazard and by timeliness, each among the areas that have the ratio (1, 2, 2, 4). */
  private static List<Bulletin.EnforcementRank> ranked(List<Bulletin.EnforcementRank> areas) {
    List<Bulletin.EnforcementRank> out = new ArrayList<>();
    for (Bulletin.EnforcementRank a : areas) {
      out.add(new Bulletin.EnforcementRank(a.areaType(), a.areaId(), a.areaName(), a.casesOpened(), a.majorHazardsReported(),
          a.casesPerMajorHazard(), a.decisionsDue(), a.decisionsInTime(), a.timeliness(),
          rankOf(areas, a, Bulletin.EnforcementRank::casesPerMajorHazard),
          rankOf(areas, a, Bulletin.EnforcementRank::timeliness)));
    }
    return out;
  }

  private static Integer rankOf(List<Bulletin.EnforcementRank> areas, Bulletin.EnforcementRank a,
      java.util.function.Function<Bulletin.EnforcementRank, Double> value) {
    Double mine = value.apply(a);
    if (mine == null) {
      return null;
    }
    int above = 0;
    for (Bulletin.EnforcementRank other : areas) {
      Double theirs = value.apply(other);
      if (theirs != null && theirs > mine) {
        above++;
      }
    }
    return above + 1;
  }

  private static List<Row> rows(String type, List<AreaInput> areas) {
    List<Row> rows = new ArrayList<>();
    for (AreaInput a : areas) {
      rows.add(new Row(type, a.areaId(), a.areaName(), a.month(), a.previous(), minus(a.month(), a.previous()),
          a.yearAgo(), minus(a.month(), a.yearAgo()), a.yearToDate(),
          rank(areas, a, x -> x.month().hazardsReported(), false),
          a.month().hazardsReported() == 0 ? null : rank(areas, a, x -> x.month().rectificationRate(), true),
          a.now()));
    }
    return rows;
  }

  /** Standard competition ranking (1, 2, 2, 4), highest value first; for rates only areas with hazards take part. */
  private static Integer rank(List<AreaInput> areas, AreaInput a, ToDoubleFunction<AreaInput> value, boolean onlyWithHazards) {
    double mine = value.applyAsDouble(a);
    int above = 0;
    for (AreaInput other : areas) {
      if ((!onlyWithHazards || other.month().hazardsReported() > 0) && value.applyAsDouble(other) > mine) {
        above++;
      }
    }
    return above + 1;
  }

  static Figures plus(Figures a, Figures b) {
    return combine(a, b, 1);
  }

  static Figures minus(Figures a, Figures b) {
    Figures d = combine(a, b, -1);
    // A change of rate is the difference of the two rates, not a rate of the differences.
    return new Figures(d.hazardsReported(), d.majorHazardsReported(), d.rectifiedHazards(), d.closedHazards(),
        d.openHazards(), d.overdueHazards(), d.openMajorHazards(), round4(a.rectificationRate() - b.rectificationRate()),
        round4(a.closureRate() - b.closureRate()), d.violations(),
        d.fineYuan(), d.warnings(), d.fines(), d.suspensions(), d.closures(), d.inspections(), d.accidents(),
        d.accidentDeaths(), d.accidentSeriousInjuries(), d.casesOpened(), d.casesOpen(), d.casesDecisionOverdue(),
        d.penaltyYuanDecided(), d.dailyFineCases(), d.criminalTransfers(), d.openMajorHazardsWithoutCase());
  }

  private static Figures combine(Figures a, Figures b, int sign) {
    long reported = a.hazardsReported() + sign * b.hazardsReported();
    long closed = a.closedHazards() + sign * b.closedHazards();
    long rectified = a.rectifiedHazards() + sign * b.rectifiedHazards();
    return new Figures(reported, a.majorHazardsReported() + sign * b.majorHazardsReported(), rectified, closed,
        a.openHazards() + sign * b.openHazards(), a.overdueHazards() + sign * b.overdueHazards(),
        a.openMajorHazards() + sign * b.openMajorHazards(), rate(rectified + closed, reported), rate(closed, reported),
        a.violations() + sign * b.violations(), round(a.fineYuan() + sign * b.fineYuan()), a.warnings() + sign * b.warnings(),
        a.fines() + sign * b.fines(), a.suspensions() + sign * b.suspensions(), a.closures() + sign * b.closures(),
        a.inspections() + sign * b.inspections(), a.accidents() + sign * b.accidents(),
        a.accidentDeaths() + sign * b.accidentDeaths(), a.accidentSeriousInjuries() + sign * b.accidentSeriousInjuries(),
        a.casesOpened() + sign * b.casesOpened(), a.casesOpen() + sign * b.casesOpen(),
        a.casesDecisionOverdue() + sign * b.casesDecisionOverdue(), round(a.penaltyYuanDecided() + sign * b.penaltyYuanDecided()),
        a.dailyFineCases() + sign * b.dailyFineCases(), a.criminalTransfers() + sign * b.criminalTransfers(),
        a.openMajorHazardsWithoutCase() + sign * b.openMajorHazardsWithoutCase());
  }

  private static Current plus(Current a, Current b) {
    long enterprises = a.enterprises() + b.enterprises();
    long inspected = a.inspectedLast90d() + b.inspectedLast90d();
    return new Current(a.openHazards() + b.openHazards(), a.overdueHazards() + b.overdueHazards(),
        a.openMajorHazards() + b.openMajorHazards(), enterprises, inspected, rate(inspected, enterprises),
        a.neverInspected() + b.neverInspected(), a.nonCompliantEnterprises() + b.nonCompliantEnterprises(),
        a.certificatesExpiringWithin30d() + b.certificatesExpiringWithin30d(),
        a.certificatesExpired() + b.certificatesExpired(), a.reportsReceived() + b.reportsReceived(),
        a.reportsSubstantiated() + b.reportsSubstantiated(), a.reportsVerificationOverdue() + b.reportsVerificationOverdue(),
        round(a.rewardYuan() + b.rewardYuan()));
  }

  /** {@code part / whole} to four places, 0 when the whole is 0. */
  static double rate(long part, long whole) {
    return whole <= 0 ? 0.0 : round4((double) part / whole);
  }

  private static double round4(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }

  private static double round(double yuan) {
    return Math.round(yuan * 100) / 100.0;
  }
}
