package io.fangxian.reports;

import io.fangxian.avro.internal.AreaUpdate;
import java.util.List;

/**
 * A change of the report figures for the areas it counts in ({@link ReportFigures#areas}), or a
 * hazard the report names ({@link HazardReportLink}); one of the two is null.
 */
public record ReportsOutput(AreaUpdate delta, List<String> areas, HazardReportLink link) { }
