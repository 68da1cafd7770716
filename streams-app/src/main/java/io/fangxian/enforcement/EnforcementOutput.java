package io.fangxian.enforcement;

import io.fangxian.avro.Alert;
import io.fangxian.avro.internal.AreaUpdate;
import java.util.List;

/**
 * A change of the case figures, for the areas it counts in (township, sector, parks:
 * {@code standing.EnterpriseAreas}), or an alert signal (keyed by its alert key); one of the two is null.
 */
public record EnforcementOutput(AreaUpdate delta, List<String> areas, Alert signal) { }
