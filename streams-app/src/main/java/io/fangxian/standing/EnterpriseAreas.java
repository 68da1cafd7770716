package io.fangxian.standing;

import io.fangxian.avro.AreaType;
import io.fangxian.avro.Enterprise;
import io.fangxian.domain.Park;
import io.fangxian.stats.AreaKeys;
import java.util.ArrayList;
import java.util.List;

/**
 * The areas an enterprise's figures count in: its township and sector, and the overlays its record
 * names (its grid, its park, the chemical zone). An enterprise is in one township and may at the
 * same time be in a park: the two views each add up to their own totals.
 */
public final class EnterpriseAreas {
  private EnterpriseAreas() { }

  /** Area keys of the township, the sector and the given parks: where an event's counts go. */
  public static List<String> forEvent(String townshipId, String sectorId, List<String> parkIds) {
    List<String> areas = new ArrayList<>(2 + parkIds.size());
    areas.add(AreaKeys.area(AreaType.TOWNSHIP, townshipId));
    areas.add(AreaKeys.area(AreaType.SECTOR, sectorId));
    parkIds.forEach(p -> areas.add(AreaKeys.area(AreaType.PARK, p)));
    return areas;
  }

  /** Area keys of everything the enterprise is in now, its grid included: where its standing counts. */
  public static List<String> of(Enterprise e) {
    List<String> areas = forEvent(e.getTownshipId(), e.getSectorId(), Park.idsOf(e));
    if (e.getGridId() != null && !e.getGridId().isBlank()) {
      areas.add(AreaKeys.area(AreaType.GRID, e.getGridId()));
    }
    return areas;
  }
}
