package io.fangxian.enforcement;

import io.fangxian.avro.internal.AreaUpdate;
import java.util.List;

/** A change of the case figures, for the areas it counts in (township, sector, parks: {@code standing.EnterpriseAreas}). */
public record EnforcementOutput(AreaUpdate delta, List<String> areas) { }
