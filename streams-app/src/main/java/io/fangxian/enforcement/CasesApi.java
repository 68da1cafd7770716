package io.fangxian.enforcement;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.internal.CaseState;
import io.fangxian.domain.Sector;
import io.fangxian.domain.Township;
import io.fangxian.enforcement.CaseViews.CasePage;
import io.fangxian.enforcement.CaseViews.CaseSummary;
import io.fangxian.enforcement.CaseViews.CaseTally;
import io.fangxian.enforcement.CaseViews.CaseView;
import io.fangxian.store.StoreNames;
import io.fangxian.web.ApiException;
import io.fangxian.web.LocalQuery;
import io.fangxian.web.Paging;
import io.fangxian.web.Params;
import io.fangxian.web.ReadContext;
import io.fangxian.web.Resource;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The enforcement cases' REST resource ({@code GET /api/v1/cases}), the bulletin's part of them (the
 * tallies of a month) and the dossier's (an enterprise's cases), read from the {@code cases} store.
 */
public final class CasesApi implements Resource {
  /** A case search, the first {@code keep} listed. */
  public record CaseList(CaseFilter filter, int keep) {
    public CaseList {
      Paging.check(filter, keep);
    }
  }

  private final ReadContext read;
  private final LocalQuery<CaseList, CasePage> cases;
  private final LocalQuery<YearMonth, List<CaseTally>> tallies;

  public CasesApi(ReadContext read) {
    this.read = read;
    cases = read.router().serve(LocalQuery.inParts("cases", EnforcementStores.CASES, CaseList.class,
        new TypeReference<>() { }, c -> localPage(c.filter(), c.keep())));
    tallies = read.router().serve(LocalQuery.inParts("case-tallies", EnforcementStores.CASES, YearMonth.class,
        new TypeReference<>() { }, this::localTallies));
  }

  @Override
  public void routes(Javalin app) {
    app.get("/api/v1/cases", ctx -> {
      Params.allowOnly(ctx, Set.of("townshipId", "sectorId", "departmentId", "status", "limit", "offset"));
      ctx.json(page(filter(ctx), Paging.limit(ctx), Paging.offset(ctx)));
    });
  }

  private CaseFilter filter(Context ctx) {
    String department = Params.optional(ctx, "departmentId");
    if (department != null && department.length() > 200) {
      throw ApiException.badRequest("departmentId must be at most 200 characters");
    }
    return new CaseFilter(Params.oneOf(ctx, "townshipId", read.reference().townships().stream().map(Township::id).toList()),
        Params.oneOf(ctx, "sectorId", read.reference().sectors().stream().map(Sector::id).toList()), department,
        Params.oneOf(ctx, "status", CaseFilter.STATUSES));
  }

  /**
   * The case list, gathered from every instance: the cases the filter's areas keep, counted by status,
   * overdue, daily fine and transfer; a page of those its {@code status} also keeps, overdue first.
   */
  CasePage page(CaseFilter filter, int limit, int offset) {
    int keep = offset + limit;
    long total = 0;
    long overdue = 0;
    long dailyFine = 0;
    long transferred = 0;
    Map<String, Long> byStatus = new TreeMap<>();
    List<CaseSummary> merged = new ArrayList<>();
    for (CasePage part : read.router().gather(cases, new CaseList(filter, keep))) {
      total += part.total();
      overdue += part.decisionOverdue();
      dailyFine += part.dailyFine();
      transferred += part.transferred();
      part.byStatus().forEach((k, v) -> byStatus.merge(k, v, Long::sum));
      merged.addAll(part.items());
    }
    merged.sort(CaseSummary.ORDER);
    return new CasePage(total, offset, limit, byStatus, overdue, dailyFine, transferred, Paging.slice(merged, offset, keep));
  }

  /** The bulletin's enforcement ranking for {@code month}: every instance's tallies. */
  public List<CaseTally> tallies(YearMonth month) {
    List<CaseTally> all = new ArrayList<>();
    read.router().gather(tallies, month).forEach(all::addAll);
    return all;
  }

  /** The cases of an enterprise held on this instance (its dossier's part), in {@link CaseView#ORDER}. */
  public List<CaseView> localOf(String enterpriseId) {
    Optional<ReadOnlyKeyValueStore<String, CaseState>> store = read.state().store(EnforcementStores.CASES);
    List<CaseView> found = new ArrayList<>();
    read.state().<String>eachOfEnterprise(EnforcementStores.DOSSIER, enterpriseId,
        caseId -> store.map(s -> s.get(caseId)).ifPresent(c -> found.add(CaseView.from(c))));
    found.sort(CaseView.ORDER);
    return found;
  }

  /**
   * The cases held here that the filter's areas keep, counted by status, overdue, daily fine and
   * transfer; of those, the ones its status also keeps, the first {@code keep} in case order.
   */
  private CasePage localPage(CaseFilter filter, int keep) {
    Predicate<CaseState> where = filter.where();
    Predicate<CaseState> listed = filter.listed();
    List<CaseSummary> matching = new ArrayList<>();
    Map<String, Long> byStatus = new TreeMap<>();
    long total = 0;
    long overdue = 0;
    long dailyFine = 0;
    long transferred = 0;
    Optional<ReadOnlyKeyValueStore<String, CaseState>> store = read.state().store(EnforcementStores.CASES);
    Optional<ReadOnlyKeyValueStore<String, Enterprise>> enterprises = read.state().store(StoreNames.ENTERPRISES);
    if (store.isPresent()) {
      try (KeyValueIterator<String, CaseState> it = store.get().all()) {
        while (it.hasNext()) {
          CaseState c = it.next().value;
          if (c == null || !where.test(c)) {
            continue;
          }
          CaseSummary summary = CaseSummary.from(c, enterprises.map(e -> e.get(c.getEnterpriseId()))
              .map(Enterprise::getName).orElse(null));
          byStatus.merge(summary.status(), 1L, Long::sum);
          overdue += summary.decisionOverdue() ? 1 : 0;
          dailyFine += summary.dailyFine() ? 1 : 0;
          transferred += summary.transferredAt() != null ? 1 : 0;
          if (listed.test(c)) {
            total++;
            matching.add(summary);
          }
        }
      }
    }
    matching.sort(CaseSummary.ORDER);
    return new CasePage(total, 0, keep, byStatus, overdue, dailyFine, transferred, Paging.slice(matching, 0, keep));
  }

  /**
   * This instance's part of the bulletin's enforcement ranking: for each township and each handling
   * department, the cases opened in {@code month} and those reckoned for timeliness in it
   * ({@link CaseTimeliness}), in local months. A case naming no department counts for its township only.
   */
  private List<CaseTally> localTallies(YearMonth month) {
    Map<List<String>, CaseTally> found = new HashMap<>();
    read.state().<CaseState>store(EnforcementStores.CASES).ifPresent(s -> {
      try (KeyValueIterator<String, CaseState> it = s.all()) {
        while (it.hasNext()) {
          CaseState c = it.next().value;
          if (c == null) {
            continue;
          }
          long opened = YearMonth.from(c.getOpenedAt().atZone(read.zone())).equals(month) ? 1 : 0;
          var reckoned = CaseTimeliness.reckon(c, read.rules().enforcement().decisionLimit(), read.now())
              .filter(r -> YearMonth.from(r.at().atZone(read.zone())).equals(month));
          if (opened == 0 && reckoned.isEmpty()) {
            continue;
          }
          long due = reckoned.isPresent() ? 1 : 0;
          long inTime = reckoned.map(r -> r.inTime() ? 1L : 0L).orElse(0L);
          List<List<String>> areas = new ArrayList<>();
          areas.add(List.of("TOWNSHIP", c.getTownshipId()));
          if (c.getDepartmentId() != null && !c.getDepartmentId().isBlank()) {
            areas.add(List.of("DEPARTMENT", c.getDepartmentId()));
          }
          for (List<String> a : areas) {
            found.merge(a, new CaseTally(a.get(0), a.get(1), opened, due, inTime), CaseTally::plus);
          }
        }
      }
    });
    return found.values().stream().sorted(Comparator.comparing(CaseTally::areaType).thenComparing(CaseTally::areaId)).toList();
  }
}
