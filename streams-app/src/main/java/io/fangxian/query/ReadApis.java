package io.fangxian.query;

import io.fangxian.alerts.AlertsApi;
import io.fangxian.areas.AreasApi;
import io.fangxian.enforcement.CasesApi;
import io.fangxian.enterprises.CoverageApi;
import io.fangxian.hazards.HazardsApi;
import io.fangxian.reports.ReportsApi;
import io.fangxian.web.ReadContext;
import io.fangxian.web.Resource;
import java.util.List;

/** The slices' REST resources for reads, each built on the same {@link ReadContext}; the composite reads use them. */
record ReadApis(AreasApi areas, AlertsApi alerts, CasesApi cases, CoverageApi coverage, ReportsApi reports,
    HazardsApi hazards) {
  static ReadApis of(ReadContext read) {
    return new ReadApis(new AreasApi(read), new AlertsApi(read), new CasesApi(read), new CoverageApi(read),
        new ReportsApi(read), new HazardsApi(read));
  }

  List<Resource> all() {
    return List.of(areas, alerts, cases, coverage, reports, hazards);
  }
}
