package io.fangxian.accountability;

/**
 * One unit's scorecard figures (考核), as one partition or instance holds them or as their sum.
 *
 * @param inspectionsLast30Days the unit's inspections (any kind) from 30 days before now on; likewise 90 and 365
 * @param inspections all its inspections held
 * @param hazardsFound hazards whose report named one of the unit's inspections
 * @param missedHazards hazards a flying inspection or a public report found at an enterprise the unit
 *     inspected (ROUTINE, LINKED_SUPERVISION or GRID_PATROL) within the window before (漏检), each once
 * @param missedMajorHazards of those, the ones MAJOR when reported
 * @param accidentsAfterInspection accidents at an enterprise the unit inspected within the window before
 * @param assignedHazards flying inspections' findings assigned to it (交办: the township of the
 *     enterprise, the department of its sector)
 * @param revisitsDue the 回头看 revisits those findings owe (one per flying inspection and enterprise)
 * @param revisitsDone done within flying.revisitWithin
 * @param revisitsDoneLate done after it
 * @param revisitsOverdue past it with none
 * @param supervisionReviewsLate 挂牌督办 major hazards whose write-off review (核销) by this supervising
 *     department came after its due time, or is past it now
 * @param linkedVisitsThisQuarter for a linked leader (挂钩督导), its LINKED_SUPERVISION inspections in
 *     the current quarter
 */
public record UnitTally(String unitId, long inspectionsLast30Days, long inspectionsLast90Days, long inspectionsLast365Days,
    long inspections, long hazardsFound, long missedHazards, long missedMajorHazards, long accidentsAfterInspection,
    long assignedHazards, long revisitsDue, long revisitsDone, long revisitsDoneLate, long revisitsOverdue,
    long supervisionReviewsLate, long linkedVisitsThisQuarter) {

  public UnitTally(String unitId, long inspectionsLast30Days, long inspectionsLast90Days, long inspectionsLast365Days,
      long inspections, long hazardsFound, long missedHazards, long missedMajorHazards, long accidentsAfterInspection) {
    this(unitId, inspectionsLast30Days, inspectionsLast90Days, inspectionsLast365Days, inspections, hazardsFound,
        missedHazards, missedMajorHazards, accidentsAfterInspection, 0, 0, 0, 0, 0, 0, 0);
  }

  public static UnitTally zero(String unitId) {
    return new UnitTally(unitId, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  /** The same figures with the 交办 / 回头看 ones added. */
  public UnitTally withRevisits(long assigned, long due, long done, long doneLate, long overdue) {
    return new UnitTally(unitId, inspectionsLast30Days, inspectionsLast90Days, inspectionsLast365Days, inspections,
        hazardsFound, missedHazards, missedMajorHazards, accidentsAfterInspection, assignedHazards + assigned,
        revisitsDue + due, revisitsDone + done, revisitsDoneLate + doneLate, revisitsOverdue + overdue,
        supervisionReviewsLate, linkedVisitsThisQuarter);
  }

  /** The same figures with late supervision reviews and linked visits added. */
  public UnitTally withDuties(long lateReviews, long linkedVisits) {
    return new UnitTally(unitId, inspectionsLast30Days, inspectionsLast90Days, inspectionsLast365Days, inspections,
        hazardsFound, missedHazards, missedMajorHazards, accidentsAfterInspection, assignedHazards, revisitsDue,
        revisitsDone, revisitsDoneLate, revisitsOverdue, supervisionReviewsLate + lateReviews,
        linkedVisitsThisQuarter + linkedVisits);
  }

  public UnitTally plus(UnitTally o) {
    return new UnitTally(unitId, inspectionsLast30Days + o.inspectionsLast30Days, inspectionsLast90Days + o.inspectionsLast90Days,
        inspectionsLast365Days + o.inspectionsLast365Days, inspections + o.inspections, hazardsFound + o.hazardsFound,
        missedHazards + o.missedHazards, missedMajorHazards + o.missedMajorHazards,
        accidentsAfterInspection + o.accidentsAfterInspection, assignedHazards + o.assignedHazards,
        revisitsDue + o.revisitsDue, revisitsDone + o.revisitsDone, revisitsDoneLate + o.revisitsDoneLate,
        revisitsOverdue + o.revisitsOverdue, supervisionReviewsLate + o.supervisionReviewsLate,
        linkedVisitsThisQuarter + o.linkedVisitsThisQuarter);
  }
}
