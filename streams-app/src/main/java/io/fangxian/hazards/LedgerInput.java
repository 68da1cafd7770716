package io.fangxian.hazards;

import io.fangxian.avro.HazardEvent;
import io.fangxian.intake.EnrichedEvent;
import io.fangxian.reports.HazardReportLink;

/**
 * What the ledger hears on an enterprise partition: a hazard event (validated, enriched, seen for
 * the first time), or a public report's VERIFIED step naming a hazard; one of the two is null.
 */
record LedgerInput(EnrichedEvent<HazardEvent> event, HazardReportLink link) {
  static LedgerInput event(EnrichedEvent<HazardEvent> e) {
    return new LedgerInput(e, null);
  }

  static LedgerInput link(HazardReportLink l) {
    return new LedgerInput(null, l);
  }
}
