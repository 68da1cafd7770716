package io.fangxian.flying;

import io.fangxian.avro.HazardState;
import io.fangxian.avro.InspectionEvent;

/**
 * What the 回头看 slice hears on an enterprise partition; exactly one is set: an inspection
 * (validated, seen for the first time), or a hazard just reported (the ledger's first state of it, with
 * the inspection its report named, if any).
 */
public record RevisitInput(String enterpriseId, InspectionEvent inspection, HazardState hazard, String inspectionId) {

  public static RevisitInput inspection(InspectionEvent inspection) {
    return new RevisitInput(inspection.getEnterpriseId(), inspection, null, null);
  }

  public static RevisitInput hazard(HazardState reported, String inspectionId) {
    return new RevisitInput(reported.getEnterpriseId(), null, reported, inspectionId);
  }
}
