package io.fangxian.accountability;

import io.fangxian.avro.HazardSource;
import io.fangxian.avro.HazardState;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.internal.UnitHazard;
import java.time.Instant;

/**
 * What the accountability slice hears on an enterprise partition; exactly one of the three is set:
 * an inspection (validated and seen for the first time), a hazard just reported (from the ledger,
 * as it was graded then), or an accident just reported (its first version).
 */
public record AccountabilityInput(String enterpriseId, InspectionEvent inspection, UnitHazard hazard,
    Accident accident) {

  /** An accident at the enterprise: its id and when it happened. */
  public record Accident(String accidentId, Instant occurredAt) { }

  public static AccountabilityInput inspection(InspectionEvent inspection) {
    return new AccountabilityInput(inspection.getEnterpriseId(), inspection, null, null);
  }

  /**
   * @param reported the ledger's state of a hazard just reported
   * @param inspectionId the inspection the report named, or null
   */
  public static AccountabilityInput hazard(HazardState reported, String inspectionId) {
    boolean byOthers = reported.getSource() == HazardSource.FLYING_INSPECTION
        || reported.getSource() == HazardSource.PUBLIC_REPORT;
    return new AccountabilityInput(reported.getEnterpriseId(), null,
        new UnitHazard(reported.getHazardId(), reported.getReportedAt(), byOthers,
            reported.getSeverity() == io.fangxian.avro.HazardSeverity.MAJOR, inspectionId),
        null);
  }

  public static AccountabilityInput accident(String enterpriseId, String accidentId, Instant occurredAt) {
    return new AccountabilityInput(enterpriseId, null, null, new Accident(accidentId, occurredAt));
  }

  /** Whether the slice has anything to do with it: a hazard it neither charges nor credits is dropped early. */
  public boolean relevant() {
    if (inspection != null) {
      return inspection.getUnitId() != null;
    }
    if (hazard != null) {
      return hazard.getFoundByOthers() || hazard.getInspectionId() != null;
    }
    return accident != null;
  }
}
