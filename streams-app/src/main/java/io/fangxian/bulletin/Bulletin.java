package io.fangxian.bulletin;

import java.time.Instant;
import java.util.List;

/**
 * The monthly bulletin (安全生产通报) and its exposure list (曝光台), as the API returns it and the
 * printable page shows it. Every figure is read from the stores the API reads: the month's and
 * the previous month's figures from {@code area-monthly}, the current ones from {@code area-totals}.
 *
 * @param district the townships' rows added up
 */
public record Bulletin(String month, String previousMonth, String zone, Instant generatedAt, Row district,
                       List<Row> townships, List<Row> sectors, List<Exposure> exposure) {

  /**
   * One area's row.
   *
   * @param month figures of the month: hazards by the month they were reported in (closed,
   *     open, overdue as they stand now), enforcement, inspections and accidents by the month
   *     they happened in
   * @param previous the same for the month before
   * @param change {@code month − previous} for each count
   * @param hazardsRank 1 for the most hazards found in the month (ties share a rank)
   * @param rectificationRank 1 for the highest rectification rate among areas that found any
   * @param now the area's current figures (stock, coverage, certificates), as of the bulletin
   */
  public record Row(String areaType, String areaId, String areaName, Figures month, Figures previous, Figures change,
                    Integer hazardsRank, Integer rectificationRank, Current now) { }

  public record Figures(long hazardsReported, long majorHazardsReported, long closedHazards, long openHazards,
                        long overdueHazards, long openMajorHazards, double rectificationRate, long violations,
                        double fineYuan, long warnings, long fines, long suspensions, long closures, long inspections,
                        long accidents, long accidentDeaths, long accidentSeriousInjuries) { }

  /** What stands now (not by month): open hazards, coverage and certificates. */
  public record Current(long openHazards, long overdueHazards, long openMajorHazards, long enterprises,
                        long inspectedLast90d, double coverageLast90d, long neverInspected, long nonCompliantEnterprises,
                        long certificatesExpiringWithin30d, long certificatesExpired) { }

  /**
   * An enterprise on the exposure list: two or more violations that happened in the month, or a
   * major hazard open past its deadline now (or both).
   */
  public record Exposure(String enterpriseId, String enterpriseName, String townshipId, String townshipName,
                         int violationsInMonth, List<String> violationIds, List<String> overdueMajorHazardIds) { }
}
