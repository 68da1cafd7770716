package io.fangxian.bulletin;

import java.time.Instant;
import java.util.List;

/**
 * The monthly bulletin (安全生产通报) and its exposure list (曝光台), as the API returns it and the
 * printable page shows it. Every figure is read from the stores the API reads: the month's, the
 * previous month's, the same month a year earlier and the months of the year so far from
 * {@code area-monthly}, the current ones from {@code area-totals}.
 *
 * @param yearAgoMonth the month a year before {@code month} (同比)
 * @param district the townships' rows added up
 * @param exposureCriteria what puts an enterprise on the exposure list, from the rules file, with its basis
 * @param enforcementTownships each township's enforcement in the month, ranked ({@link EnforcementRank})
 * @param enforcementDepartments each handling department's enforcement in the month, ranked
 * @param unitTownships the townships' scorecards (考核) as they stand when generated, ranked ({@link UnitRank})
 * @param unitDepartments the departments' scorecards, ranked
 */
public record Bulletin(String month, String previousMonth, String yearAgoMonth, String zone, Instant generatedAt,
                       Row district, List<Row> townships, List<Row> sectors, ExposureCriteria exposureCriteria,
                       List<Exposure> exposure, List<EnforcementRank> enforcementTownships,
                       List<EnforcementRank> enforcementDepartments, List<UnitRank> unitTownships,
                       List<UnitRank> unitDepartments) {

  /** The same bulletin with the units' scorecards ranked in. */
  public Bulletin withUnits(List<UnitRank> townships, List<UnitRank> departments) {
    return new Bulletin(month, previousMonth, yearAgoMonth, zone, generatedAt, district, this.townships, sectors,
        exposureCriteria, exposure, enforcementTownships, enforcementDepartments, List.copyOf(townships), List.copyOf(departments));
  }

  /**
   * A township's or department's scorecard (安委会 考核) and its rank: 100 points less deductions, the
   * product's choice of weights ({@link BulletinBuilder#unitRanks}); ties share a rank.
   *
   * @param acknowledgedInTimeShare alerts acknowledged in time ÷ those due (null: none due)
   * @param fedBackInTimeShare alerts fed back in time ÷ those due (null: none due)
   */
  public record UnitRank(String unitType, String unitId, String unitName, long missedHazards, long missedMajorHazards,
                         long assignedHazards, long revisitsDue, long revisitsDone, long revisitsDoneLate,
                         long revisitsOverdue, long alerts, Double acknowledgedInTimeShare, Double fedBackInTimeShare,
                         long supervisionReviewsLate, double score, Integer rank) { }

  /**
   * An area's (township's or handling department's) enforcement in the month, and its two ranks.
   *
   * @param casesOpened cases opened in the month (a department's: the cases it handles)
   * @param majorHazardsReported major hazards reported in the month (a department's: in the sectors
   *     the responsibility list gives it)
   * @param casesPerMajorHazard {@code casesOpened ÷ majorHazardsReported} to four places, null
   *     without major hazards
   * @param decisionsDue cases reckoned for timeliness in the month: their wait for a decision ended
   *     (DECIDED, TRANSFERRED or WITHDRAWN) or their decision limit passed, whichever came first
   * @param decisionsInTime of those, the ones whose wait ended before the limit (行政处罚法 第六十条)
   * @param timeliness {@code decisionsInTime ÷ decisionsDue} (办案及时率), null when none was due
   * @param casesPerMajorHazardRank 1 for the most cases per major hazard (ties share a rank); null
   *     without major hazards
   * @param timelinessRank 1 for the highest timeliness; null when none was due
   */
  public record EnforcementRank(String areaType, String areaId, String areaName, long casesOpened,
                                long majorHazardsReported, Double casesPerMajorHazard, long decisionsDue,
                                long decisionsInTime, Double timeliness, Integer casesPerMajorHazardRank,
                                Integer timelinessRank) { }

  /**
   * One area's row.
   *
   * @param month figures of the month: hazards by the month they were reported in (closed,
   *     open, overdue as they stand now), enforcement, inspections and accidents by the month
   *     they happened in
   * @param previous the same for the month before
   * @param change {@code month − previous} for each count (环比)
   * @param yearAgo the same month a year earlier
   * @param yearOnYear {@code month − yearAgo} for each count (同比)
   * @param yearToDate January to the month of the same year, added up (年累计)
   * @param hazardsRank 1 for the most hazards found in the month (ties share a rank)
   * @param rectificationRank 1 for the highest 整改率 among areas that found any
   * @param now the area's current figures (stock, coverage, certificates), as of the bulletin
   */
  public record Row(String areaType, String areaId, String areaName, Figures month, Figures previous, Figures change,
                    Figures yearAgo, Figures yearOnYear, Figures yearToDate,
                    Integer hazardsRank, Integer rectificationRank, Current now) { }

  /**
   * A period's figures.
   *
   * @param rectifiedHazards of the hazards found, rectified (整改完成) and not yet closed now
   * @param rectificationRate 整改率 = (rectifiedHazards + closedHazards) ÷ hazardsReported
   * @param closureRate 销号率 = closedHazards ÷ hazardsReported
   */
  public record Figures(long hazardsReported, long majorHazardsReported, long rectifiedHazards, long closedHazards,
                        long openHazards, long overdueHazards, long openMajorHazards, double rectificationRate,
                        double closureRate, long violations, double fineYuan, long warnings, long fines,
                        long suspensions, long closures, long inspections, long accidents, long accidentDeaths,
                        long accidentSeriousInjuries, long casesOpened, long casesOpen, long casesDecisionOverdue,
                        double penaltyYuanDecided, long dailyFineCases, long criminalTransfers,
                        long openMajorHazardsWithoutCase) { }

  /** What stands now (not by month): open hazards, coverage and certificates. */
  public record Current(long openHazards, long overdueHazards, long openMajorHazards, long enterprises,
                        long inspectedLast90d, double coverageLast90d, long neverInspected, long nonCompliantEnterprises,
                        long certificatesExpiringWithin30d, long certificatesExpired, long reportsReceived,
                        long reportsSubstantiated, long reportsVerificationOverdue, double rewardYuan) { }

  /**
   * An enterprise on the exposure list: at least {@link ExposureCriteria#minViolationsInMonth}
   * violations that happened in the month, or (when the criteria say so) a major hazard open past
   * its deadline now, or both.
   */
  public record Exposure(String enterpriseId, String enterpriseName, String townshipId, String townshipName,
                         int violationsInMonth, List<String> violationIds, List<String> overdueMajorHazardIds) { }

  /**
   * The exposure list's criteria as configured (rules file, {@code exposure:}).
   *
   * @param basis {@code RULE} when the criteria are the law's, {@code CHOICE} when they are the bureau's own
   * @param source the law the criteria rest on, or why they are a choice
   */
  public record ExposureCriteria(int minViolationsInMonth, boolean overdueMajorHazard, String basis, String source) { }
}
