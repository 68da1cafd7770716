package io.fangxian.reports;

import io.fangxian.avro.Enterprise;
import io.fangxian.avro.PublicReportEvent;

/**
 * A step of a public report, validated, with the enterprise it names (null when none) and seen for
 * the first time.
 *
 * @param refuse called before a step is refused, so that the dedup step upstream does not remember
 *     its eventId (the topology's {@code EnrichedEvent#refuse})
 */
public record ReportsInput(PublicReportEvent step, Enterprise enterprise, Runnable refuse) { }
