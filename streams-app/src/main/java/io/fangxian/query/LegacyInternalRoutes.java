package io.fangxian.query;

import io.fangxian.avro.AreaType;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.function.Function;

/**
 * The per-question internal paths instances asked each other before the {@link Router}, still
 * answered for one release so that an instance of the previous release, asking this one during a
 * rolling upgrade, gets the answers it expects (404: not held here). Each is one of the
 * {@link LocalQueries}, read locally; none is asked by this release. Remove in the next release.
 */
final class LegacyInternalRoutes {
  private LegacyInternalRoutes() { }

  static void register(Javalin app, LocalQueries q, RequestFilters filters) {
    for (AreaType type : List.of(AreaType.TOWNSHIP, AreaType.SECTOR, AreaType.GRID, AreaType.PARK)) {
      String seg = "/internal/v1/" + QueryService.segment(type);
      String id = type.name().toLowerCase() + "Id";
      Function<Context, LocalQueries.Area> area = ctx -> new LocalQueries.Area(type, ctx.pathParam(id));
      get(app, seg, q.areas, ctx -> type);
      get(app, seg + "/{" + id + "}", q.area, area);
      get(app, seg + "/{" + id + "}/daily", q.daily, ctx -> {
        LocalDate[] range = RequestFilters.dayRange(ctx);
        return new LocalQueries.AreaDays(area.apply(ctx), range[0], range[1]);
      });
      get(app, seg + "/{" + id + "}/months/{month}", q.areaMonth,
          ctx -> new LocalQueries.AreaInMonth(area.apply(ctx), month(ctx)));
      get(app, seg + "/months/{month}", q.months, ctx -> new LocalQueries.TypeInMonth(type, month(ctx)));
    }
    get(app, "/internal/v1/hazards", q.hazards, ctx -> new LocalQueries.HazardList(filters.hazardFilter(ctx), keep(ctx)));
    get(app, "/internal/v1/hazards/{hazardId}", q.hazard, ctx -> ctx.pathParam("hazardId"));
    get(app, "/internal/v1/cases", q.cases, ctx -> new LocalQueries.CaseList(filters.caseFilter(ctx), keep(ctx)));
    get(app, "/internal/v1/bulletins/{month}/cases", q.caseTallies, LegacyInternalRoutes::month);
    get(app, "/internal/v1/bulletins/{month}/exposure", q.exposure, LegacyInternalRoutes::month);
    get(app, "/internal/v1/reports", q.reports, ctx -> new LocalQueries.ReportList(filters.reportFilter(ctx), keep(ctx)));
    get(app, "/internal/v1/reports/{reportId}", q.report, ctx -> ctx.pathParam("reportId"));
    get(app, "/internal/v1/coverage/unvisited", q.unvisited, ctx -> new LocalQueries.Unvisited(
        RequestFilters.unvisitedDays(ctx), RequestFilters.visitingFilter(ctx)));
    get(app, "/internal/v1/major-hazards/clearance", q.clearance, ctx -> new LocalQueries.Clearance(
        RequestFilters.clearanceAreaType(ctx), filters.clearanceYear(ctx)));
    get(app, "/internal/v1/units", q.units, ctx -> Params.optional(ctx, "unitId"));
    get(app, "/internal/v1/plans/candidates", q.planCandidates, ctx -> {
      String since = Params.optional(ctx, "reportsSince");
      try {
        return Instant.ofEpochMilli(since == null ? 0 : Long.parseLong(since));
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("reportsSince must be epoch milliseconds");
      }
    });
    get(app, "/internal/v1/enterprises/{enterpriseId}", q.enterprise, ctx -> ctx.pathParam("enterpriseId"));
    get(app, "/internal/v1/alerts", q.alerts, ctx -> null);
    get(app, "/internal/v1/alerts/{alertKey}", q.alert, ctx -> ctx.pathParam("alertKey"));
    get(app, "/internal/v1/weather-warnings", q.weatherWarnings, ctx -> null);
  }

  private static <A> void get(Javalin app, String path, LocalQuery<A, ?> query, Function<Context, A> args) {
    app.get(path, ctx -> ctx.json(query.read().apply(args.apply(ctx))
        .orElseThrow(() -> ApiException.notFound("not held by this instance"))));
  }

  private static int keep(Context ctx) {
    return Params.intInRange(ctx, "keep", 50, 0, LocalQueries.MAX_KEEP);
  }

  private static YearMonth month(Context ctx) {
    return YearMonth.parse(ctx.pathParam("month"));
  }
}
