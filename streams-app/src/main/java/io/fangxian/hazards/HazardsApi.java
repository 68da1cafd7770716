package io.fangxian.hazards;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fangxian.avro.AreaType;
import io.fangxian.avro.HazardState;
import io.fangxian.avro.HazardStatus;
import io.fangxian.domain.Clause;
import io.fangxian.domain.ReferenceData;
import io.fangxian.domain.Sector;
import io.fangxian.domain.Township;
import io.fangxian.hazards.HazardViews.ClauseView;
import io.fangxian.hazards.HazardViews.Clearance;
import io.fangxian.hazards.HazardViews.Hazard;
import io.fangxian.hazards.HazardViews.HazardPage;
import io.fangxian.ledger.HazardLifecycle;
import io.fangxian.store.StoreNames;
import io.fangxian.web.ApiException;
import io.fangxian.web.LocalQuery;
import io.fangxian.web.Paging;
import io.fangxian.web.Params;
import io.fangxian.web.ReadContext;
import io.fangxian.web.Resource;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The hazard ledger's REST resource (整改一本账: {@code GET /api/v1/hazards} and one hazard), 动态清零
 * ({@code GET /api/v1/major-hazards/clearance}) and the criteria catalogue ({@code GET /api/v1/hazard-criteria}),
 * read from the {@code hazard-ledger} store and the reference data.
 */
public final class HazardsApi implements Resource {
  /** The longest hazard id accepted. */
  private static final int MAX_ID_LENGTH = 128;
  static final List<String> STATUSES = List.of("open", "overdue", "awaiting-verification", "closed");
  static final List<String> SUPERVISIONS = List.of("any", "none", "TOWNSHIP", "DISTRICT", "CITY", "PROVINCE");
  static final List<String> SEVERITIES = List.of("GENERAL", "MAJOR");
  static final List<String> CATEGORIES = List.of("UNSAFE_ACT", "UNSAFE_CONDITION", "MANAGEMENT_DEFECT", "ENVIRONMENT",
      HazardFilter.UNCLASSIFIED);

  /** A ledger search, the first {@code keep} of the matching hazards listed. */
  public record HazardList(HazardFilter filter, int keep) {
    public HazardList {
      Paging.check(filter, keep);
    }
  }

  /** The 动态清零 figures of the townships or sectors in a local year. */
  public record ClearanceYear(AreaType type, int year) { }

  private final ReadContext read;
  private final LocalQuery<HazardList, HazardPage> hazards;
  private final LocalQuery<String, Hazard> hazard;
  private final LocalQuery<ClearanceYear, List<Clearance>> clearance;

  public HazardsApi(ReadContext read) {
    this.read = read;
    hazards = read.router().serve(LocalQuery.inParts("hazards", StoreNames.HAZARD_LEDGER, HazardList.class,
        new TypeReference<>() { }, h -> localPage(h.filter(), h.keep())));
    // The ledger is keyed by hazardId but partitioned by enterpriseId: the key's partition cannot be computed.
    hazard = read.router().serve(LocalQuery.anywhere("hazard", String.class, new TypeReference<>() { }, this::localHazard));
    clearance = read.router().serve(LocalQuery.inParts("clearance", StoreNames.HAZARD_LEDGER, ClearanceYear.class,
        new TypeReference<>() { }, this::localClearance));
  }

  @Override
  public void routes(Javalin app) {
    app.get("/api/v1/hazards", ctx -> {
      Params.allowOnly(ctx, Set.of("townshipId", "sectorId", "status", "severity", "category", "clauseId", "supervision",
          "limit", "offset"));
      ctx.json(page(filter(ctx), Paging.limit(ctx), Paging.offset(ctx)));
    });
    app.get("/api/v1/hazards/{hazardId}", ctx -> {
      Params.allowOnly(ctx, Set.of());
      ctx.json(one(ctx.pathParam("hazardId")));
    });
    app.get("/api/v1/major-hazards/clearance", ctx -> {
      Params.allowOnly(ctx, Set.of("areaType", "year"));
      String type = Params.oneOf(ctx, "areaType", List.of("township", "sector"));
      int thisYear = read.now().atZone(read.zone()).getYear();
      ctx.json(clearance("sector".equals(type) ? AreaType.SECTOR : AreaType.TOWNSHIP,
          Params.intInRange(ctx, "year", thisYear, 2000, thisYear)));
    });
    app.get("/api/v1/hazard-criteria", ctx -> {
      Params.allowOnly(ctx, Set.of("sectorId", "standard"));
      ReferenceData reference = read.reference();
      String sector = Params.oneOf(ctx, "sectorId", reference.sectors().stream().map(Sector::id).toList());
      String standard = Params.oneOf(ctx, "standard",
          reference.criteria().all().stream().map(Clause::standardShort).distinct().toList());
      ctx.json(reference.criteria().all().stream()
          .filter(c -> sector == null || c.appliesTo(sector))
          .filter(c -> standard == null || c.standardShort().equals(standard))
          .map(ClauseView::from).toList());
    });
    app.get("/api/v1/hazard-criteria/{clauseId}", ctx -> {
      Params.allowOnly(ctx, Set.of());
      String id = ctx.pathParam("clauseId");
      ctx.json(read.reference().criteria().clause(id).map(ClauseView::from)
          .orElseThrow(() -> ApiException.notFound("no clause " + id + " in the criteria catalogue")));
    });
  }

  private HazardFilter filter(Context ctx) {
    ReferenceData reference = read.reference();
    String township = Params.oneOf(ctx, "townshipId", reference.townships().stream().map(Township::id).toList());
    String sector = Params.oneOf(ctx, "sectorId", reference.sectors().stream().map(Sector::id).toList());
    String clause = ctx.queryParam("clauseId");
    if (clause != null && !clause.equals(HazardFilter.UNCLASSIFIED) && reference.criteria().clause(clause).isEmpty()) {
      throw ApiException.badRequest("clauseId '" + clause + "' is not in the criteria catalogue; accepted: a clauseId of "
          + "/api/v1/hazard-criteria, or UNCLASSIFIED for major hazards without one");
    }
    return new HazardFilter(township, sector, Params.oneOf(ctx, "status", STATUSES), Params.oneOf(ctx, "severity", SEVERITIES),
        Params.oneOf(ctx, "category", CATEGORIES), clause, Params.oneOf(ctx, "supervision", SUPERVISIONS));
  }

  /** A page of the ledger gathered from every instance, in {@link Hazard#LEDGER_ORDER}. */
  HazardPage page(HazardFilter filter, int limit, int offset) {
    int keep = offset + limit;
    long total = 0;
    List<Hazard> merged = new ArrayList<>();
    for (HazardPage part : read.router().gather(hazards, new HazardList(filter, keep))) {
      total += part.total();
      merged.addAll(part.items());
    }
    merged.sort(Hazard.LEDGER_ORDER);
    return new HazardPage(total, offset, limit, Paging.slice(merged, offset, keep));
  }

  /** One hazard, from whichever instance holds it (every instance looks locally). */
  Hazard one(String hazardId) {
    Params.id(hazardId, "hazardId", MAX_ID_LENGTH);
    return read.router().find(hazard, hazardId).orElseThrow(() -> ApiException.notFound("no hazard with id '"
        + Params.shorten(hazardId) + "' in the ledger; GET /api/v1/hazards lists them"));
  }

  /** Every township (or sector) of the reference data with its clearance figures for {@code year}, from every instance. */
  List<Clearance> clearance(AreaType type, int year) {
    Map<String, Clearance> byArea = new LinkedHashMap<>();
    List<String> ids = type == AreaType.TOWNSHIP ? read.reference().townships().stream().map(Township::id).toList()
        : read.reference().sectors().stream().map(Sector::id).toList();
    ids.forEach(id -> byArea.put(id, new Clearance(type.name(), id, null, year, 0, 0, 0, 0, null)));
    for (List<Clearance> part : read.router().gather(clearance, new ClearanceYear(type, year))) {
      part.forEach(c -> byArea.merge(c.areaId(), c, Clearance::plus));
    }
    return byArea.values().stream().map(c -> c.named(read.reference())).toList();
  }

  /** The matching hazards held here: the count, and the first {@code keep} in ledger order. */
  private HazardPage localPage(HazardFilter filter, int keep) {
    List<Hazard> matching = new ArrayList<>();
    long total = 0;
    long now = read.nowMs();
    Optional<ReadOnlyKeyValueStore<String, HazardState>> ledger = read.state().store(StoreNames.HAZARD_LEDGER);
    if (ledger.isPresent()) {
      try (KeyValueIterator<String, HazardState> it = ledger.get().all()) {
        while (it.hasNext()) {
          Hazard h = Hazard.from(it.next().value, now, read.reference());
          if (filter.test(h)) {
            total++;
            matching.add(h);
          }
        }
      }
    }
    matching.sort(Hazard.LEDGER_ORDER);
    return new HazardPage(total, 0, keep, Paging.slice(matching, 0, keep));
  }

  private Optional<Hazard> localHazard(String hazardId) {
    return read.state().<HazardState>store(StoreNames.HAZARD_LEDGER).map(s -> s.get(hazardId))
        .map(h -> Hazard.from(h, read.nowMs(), read.reference()));
  }

  /**
   * This instance's part of the 动态清零 figures: for each township or sector holding a major hazard
   * here, the counts of {@link Clearance}, from a scan of the local ledger (local years).
   */
  private List<Clearance> localClearance(ClearanceYear asked) {
    AreaType type = asked.type();
    Instant yearStart = LocalDate.of(asked.year(), 1, 1).atStartOfDay(read.zone()).toInstant();
    Instant yearEnd = LocalDate.of(asked.year() + 1, 1, 1).atStartOfDay(read.zone()).toInstant();
    Map<String, long[]> counts = new TreeMap<>();
    Optional<ReadOnlyKeyValueStore<String, HazardState>> ledger = read.state().store(StoreNames.HAZARD_LEDGER);
    if (ledger.isPresent()) {
      try (KeyValueIterator<String, HazardState> it = ledger.get().all()) {
        while (it.hasNext()) {
          HazardState h = it.next().value;
          if (!HazardLifecycle.isMajor(h)) {
            continue;
          }
          long[] c = counts.computeIfAbsent(type == AreaType.TOWNSHIP ? h.getTownshipId() : h.getSectorId(), k -> new long[4]);
          Instant closed = h.getClosedAt();
          if (h.getReportedAt().isBefore(yearStart) && (closed == null || !closed.isBefore(yearStart))) {
            c[0]++;
            c[1] += h.getStatus() == HazardStatus.VERIFIED_CLOSED ? 1 : 0; // 动态清零: write-offs only
          }
          c[2] += !h.getReportedAt().isBefore(yearStart) && h.getReportedAt().isBefore(yearEnd) ? 1 : 0;
          c[3] += HazardLifecycle.isOpen(h) ? 1 : 0;
        }
      }
    }
    List<Clearance> parts = new ArrayList<>();
    counts.forEach((area, c) -> parts.add(new Clearance(type.name(), area, null, asked.year(), c[0], c[1], c[2], c[3], null)));
    return parts;
  }
}
