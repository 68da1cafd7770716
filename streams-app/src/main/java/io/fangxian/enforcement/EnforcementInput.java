package io.fangxian.enforcement;

import io.fangxian.avro.CaseEvent;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardState;

/**
 * What the enforcement slice hears on an enterprise partition: a step of a case (validated,
 * enriched and seen for the first time), or a hazard's new state from the ledger.
 *
 * @param refuse called before a step is refused, so that the dedup step upstream does not remember
 *     its eventId (the topology's {@code EnrichedEvent#refuse}); null for a hazard
 */
public record EnforcementInput(CaseEvent step, Enterprise enterprise, Runnable refuse, HazardState hazard) {
  public static EnforcementInput step(CaseEvent step, Enterprise enterprise, Runnable refuse) {
    return new EnforcementInput(step, enterprise, refuse, null);
  }

  public static EnforcementInput hazard(HazardState after) {
    return new EnforcementInput(null, null, null, after);
  }
}
