package io.fangxian.plan;

import java.time.Instant;

/**
 * What the draw knows of one open enterprise, gathered from every instance through the query layer.
 *
 * @param riskLevel RED, ORANGE, YELLOW, BLUE or UNKNOWN
 * @param keyArea whether its sector is one of the district's key areas (重点行业领域)
 * @param lastInspectedAt its latest inspection by others than itself (null: none held)
 * @param lastFlyingAt its latest flying inspection (FLYING), from the dossier (null: none held)
 * @param openMajorHazards its major hazards open now
 * @param publicReports public reports (举报) naming it received within the plan's report window,
 *     except those rejected or verified unsubstantiated
 * @param townshipMisses its township's missedHazards on the unit scorecards (漏检)
 */
public record PlanCandidate(String enterpriseId, String name, String townshipId, String sectorId, String riskLevel,
    boolean keyArea, Instant lastInspectedAt, Instant lastFlyingAt, int openMajorHazards, int publicReports,
    long townshipMisses) {

  /** The same enterprise with the township's misses filled in. */
  public PlanCandidate withTownshipMisses(long misses) {
    return new PlanCandidate(enterpriseId, name, townshipId, sectorId, riskLevel, keyArea, lastInspectedAt, lastFlyingAt,
        openMajorHazards, publicReports, misses);
  }

  /** Two instances' parts of one enterprise: the record from whichever has it, the latest times, the sums of counts. */
  public PlanCandidate merge(PlanCandidate o) {
    return new PlanCandidate(enterpriseId, name != null ? name : o.name, townshipId != null ? townshipId : o.townshipId,
        sectorId != null ? sectorId : o.sectorId, riskLevel != null ? riskLevel : o.riskLevel, keyArea || o.keyArea,
        latest(lastInspectedAt, o.lastInspectedAt), latest(lastFlyingAt, o.lastFlyingAt),
        openMajorHazards + o.openMajorHazards, publicReports + o.publicReports,
        Math.max(townshipMisses, o.townshipMisses));
  }

  private static Instant latest(Instant a, Instant b) {
    return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
  }
}
