package io.fangxian.reports;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.internal.ReportState;
import io.fangxian.domain.Sector;
import io.fangxian.domain.Township;
import io.fangxian.reports.ReportViews.ReportPage;
import io.fangxian.reports.ReportViews.ReportView;
import io.fangxian.store.StoreNames;
import io.fangxian.web.ApiException;
import io.fangxian.web.LocalQuery;
import io.fangxian.web.Paging;
import io.fangxian.web.Params;
import io.fangxian.web.ReadContext;
import io.fangxian.web.Resource;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The public reports' REST resource ({@code GET /api/v1/reports}, {@code GET /api/v1/reports/{reportId}})
 * and the dossier's part of them (the reports naming an enterprise), read from the {@code reports} store.
 */
public final class ReportsApi implements Resource {
  /** The longest report id accepted. */
  private static final int MAX_ID_LENGTH = 128;

  /** A report search, the first {@code keep} listed. */
  public record ReportList(ReportFilter filter, int keep) {
    public ReportList {
      Paging.check(filter, keep);
    }
  }

  private final ReadContext read;
  private final ReportLimits limits;
  private final LocalQuery<ReportList, ReportPage> reports;
  private final LocalQuery<String, ReportView> report;

  public ReportsApi(ReadContext read) {
    this.read = read;
    this.limits = ReportLimits.of(read.rules().reports());
    reports = read.router().serve(LocalQuery.inParts("reports", ReportsStores.REPORTS, ReportList.class,
        new TypeReference<>() { }, r -> localPage(r.filter(), r.keep())));
    // The report's partition is not computed from its id: every instance looks.
    report = read.router().serve(LocalQuery.anywhere("report", String.class, new TypeReference<>() { }, this::localReport));
  }

  @Override
  public void routes(Javalin app) {
    app.get("/api/v1/reports", ctx -> {
      Params.allowOnly(ctx, Set.of("townshipId", "sectorId", "enterpriseId", "status", "overdue", "limit", "offset"));
      ctx.json(page(filter(ctx), Paging.limit(ctx), Paging.offset(ctx)));
    });
    app.get("/api/v1/reports/{reportId}", ctx -> {
      Params.allowOnly(ctx, Set.of());
      ctx.json(one(ctx.pathParam("reportId")));
    });
  }

  private ReportFilter filter(Context ctx) {
    String enterprise = Params.optional(ctx, "enterpriseId");
    if (enterprise != null && enterprise.length() > 128) {
      throw ApiException.badRequest("enterpriseId must be at most 128 characters");
    }
    String overdue = Params.oneOf(ctx, "overdue", List.of("true", "false"));
    return new ReportFilter(Params.oneOf(ctx, "townshipId", read.reference().townships().stream().map(Township::id).toList()),
        Params.oneOf(ctx, "sectorId", read.reference().sectors().stream().map(Sector::id).toList()), enterprise,
        Params.oneOf(ctx, "status", ReportFilter.STATUSES), overdue == null ? null : Boolean.valueOf(overdue));
  }

  /** The report list gathered from every instance, in {@link ReportView#ORDER}. */
  ReportPage page(ReportFilter filter, int limit, int offset) {
    int keep = offset + limit;
    long total = 0;
    long overdue = 0;
    long substantiated = 0;
    double reward = 0;
    Map<String, Long> byStatus = new TreeMap<>();
    List<ReportView> merged = new ArrayList<>();
    for (ReportPage part : read.router().gather(reports, new ReportList(filter, keep))) {
      total += part.total();
      overdue += part.verificationOverdue();
      substantiated += part.substantiated();
      reward += part.rewardYuan();
      part.byStatus().forEach((k, v) -> byStatus.merge(k, v, Long::sum));
      merged.addAll(part.items());
    }
    merged.sort(ReportView.ORDER);
    return new ReportPage(total, offset, limit, byStatus, overdue, substantiated, reward, Paging.slice(merged, offset, keep));
  }

  /** One report, from whichever instance holds it. */
  ReportView one(String reportId) {
    Params.id(reportId, "reportId", MAX_ID_LENGTH);
    return read.router().find(report, reportId).orElseThrow(() -> ApiException.notFound("no public report with id '"
        + Params.shorten(reportId) + "'; GET /api/v1/reports lists them"));
  }

  /** The reports naming an enterprise held on this instance (its dossier's part), in {@link ReportView#ORDER}. */
  public List<ReportView> localOf(String enterpriseId, String enterpriseName) {
    Optional<ReadOnlyKeyValueStore<String, ReportState>> store = read.state().store(ReportsStores.REPORTS);
    List<ReportView> found = new ArrayList<>();
    long now = read.nowMs();
    read.state().<String>eachOfEnterprise(ReportsStores.DOSSIER, enterpriseId, reportId -> store.map(s -> s.get(reportId))
        .ifPresent(r -> found.add(ReportView.from(r, enterpriseName, limits, now))));
    found.sort(ReportView.ORDER);
    return found;
  }

  /**
   * The reports held here that the filter's areas keep, counted by status, verification overdue,
   * substantiated and reward; of those, the ones its status and overdue also keep, the first
   * {@code keep} in report order.
   */
  private ReportPage localPage(ReportFilter filter, int keep) {
    Predicate<ReportState> where = filter.where();
    Predicate<ReportState> listed = filter.listed();
    List<ReportView> matching = new ArrayList<>();
    Map<String, Long> byStatus = new TreeMap<>();
    long total = 0;
    long overdue = 0;
    long substantiated = 0;
    double reward = 0;
    long now = read.nowMs();
    Optional<ReadOnlyKeyValueStore<String, ReportState>> store = read.state().store(ReportsStores.REPORTS);
    if (store.isPresent()) {
      try (KeyValueIterator<String, ReportState> it = store.get().all()) {
        while (it.hasNext()) {
          ReportState r = it.next().value;
          if (r == null || !where.test(r)) {
            continue;
          }
          ReportView view = view(r, now);
          byStatus.merge(view.status(), 1L, Long::sum);
          overdue += view.verificationOverdue() ? 1 : 0;
          substantiated += Boolean.TRUE.equals(view.substantiated()) ? 1 : 0;
          reward += view.rewardYuan();
          if (listed.test(r)) {
            total++;
            matching.add(view);
          }
        }
      }
    }
    matching.sort(ReportView.ORDER);
    return new ReportPage(total, 0, keep, byStatus, overdue, substantiated, reward, Paging.slice(matching, 0, keep));
  }

  private Optional<ReportView> localReport(String reportId) {
    return read.state().<ReportState>store(ReportsStores.REPORTS).map(s -> s.get(reportId)).map(r -> view(r, read.nowMs()));
  }

  private ReportView view(ReportState r, long now) {
    String name = r.getEnterpriseId() == null ? null : read.state().<Enterprise>store(StoreNames.ENTERPRISES)
        .map(e -> e.get(r.getEnterpriseId())).map(Enterprise::getName).orElse(null);
    return ReportView.from(r, name, limits, now);
  }
}
