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
 */
public record UnitTally(String unitId, long inspectionsLast30Days, long inspectionsLast90Days, long inspectionsLast365Days,
    long inspections, long hazardsFound, long missedHazards, long missedMajorHazards, long accidentsAfterInspection) {

  public static UnitTally zero(String unitId) {
    return new UnitTally(unitId, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  public UnitTally plus(UnitTally o) {
    return new UnitTally(unitId, inspectionsLast30Days + o.inspectionsLast30Days, inspectionsLast90Days + o.inspectionsLast90Days,
        inspectionsLast365Days + o.inspectionsLast365Days, inspections + o.inspections, hazardsFound + o.hazardsFound,
        missedHazards + o.missedHazards, missedMajorHazards + o.missedMajorHazards,
        accidentsAfterInspection + o.accidentsAfterInspection);
  }
}
