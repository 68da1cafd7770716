package io.fangxian.enterprises;

import io.fangxian.avro.Enterprise;
import io.fangxian.domain.Park;
import io.fangxian.domain.ReferenceData;
import java.util.function.Predicate;

/**
 * The area of the visiting list ({@code GET /api/v1/coverage/unvisited}): any of township, grid,
 * sector and park given (null = any), and key areas only when asked.
 */
public record VisitingFilter(String townshipId, String gridId, String sectorId, String parkId, boolean keyAreaOnly) {

  Predicate<Enterprise> matches(ReferenceData reference) {
    return e -> (townshipId == null || townshipId.equals(e.getTownshipId()))
        && (gridId == null || gridId.equals(e.getGridId()))
        && (sectorId == null || sectorId.equals(e.getSectorId()))
        && (parkId == null || Park.idsOf(e).contains(parkId))
        && (!keyAreaOnly || reference.inKeyArea(e));
  }
}
