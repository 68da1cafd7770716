package io.fangxian.hazards;

import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.HazardState;
import io.fangxian.ledger.HazardLifecycle;

/**
 * What the ledger did to one hazard, for the steps after it (the published ledger, the counts, the
 * hazard rules, the enterprise rules). Keyed by hazardId.
 *
 * @param before the hazard before the change, null when it was just reported
 * @param after the hazard now; equal to {@code before} when an overdue step fell due, which changes
 *     no state but raises the overdue alert
 * @param enterprise the enterprise as the event found it; null when the wall clock made the change
 * @param stored whether the ledger row was written (and so must be published)
 * @param inspectionId the inspection the event named ({@code HazardEvent.inspectionId}), which the
 *     ledger does not keep; null when the event named none or the wall clock made the change
 */
public record LedgerChange(HazardState before, HazardState after, Enterprise enterprise, boolean stored, String inspectionId) {
  boolean openedOrClosed() {
    return HazardLifecycle.isOpen(before) != HazardLifecycle.isOpen(after);
  }

  /** A new hazard the enterprise found itself: a self-inspection, for the enterprise rules. */
  boolean selfReported() {
    return before == null && after.getSource() == HazardSource.SELF_INSPECTION;
  }
}
