package io.fangxian.areas;

import io.fangxian.avro.Enterprise;
import io.fangxian.avro.internal.AreaUpdate;
import io.fangxian.domain.Park;
import io.fangxian.standing.EnterpriseAreas;
import java.util.List;

/** The count changes one event makes (see {@code AreaUpdates}), for each of the areas it counts in ({@code standing.EnterpriseAreas}). */
public record CountChange(AreaUpdate delta, List<String> areas) {
  /** The changes of an event counted in the areas of its enterprise. */
  public static CountChange of(AreaUpdate delta, Enterprise enterprise) {
    return new CountChange(delta,
        EnterpriseAreas.forEvent(enterprise.getTownshipId(), enterprise.getSectorId(), Park.idsOf(enterprise)));
  }
}
