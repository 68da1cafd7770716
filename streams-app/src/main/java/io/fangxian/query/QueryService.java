package io.fangxian.query;

import io.fangxian.accountability.UnitTally;
import io.fangxian.alerts.AlertViews.AlertView;
import io.fangxian.alerts.AlertsApi;
import io.fangxian.areas.AreaViews.AreaFigures;
import io.fangxian.areas.AreasApi;
import io.fangxian.avro.AreaType;
import io.fangxian.avro.Grid;
import io.fangxian.bulletin.Bulletin;
import io.fangxian.bulletin.BulletinBuilder;
import io.fangxian.bulletin.BulletinPage;
import io.fangxian.config.RuleCatalogue;
import io.fangxian.config.RulesConfig;
import io.fangxian.domain.CreditCode;
import io.fangxian.domain.ReferenceData;
import io.fangxian.domain.Sector;
import io.fangxian.domain.Township;
import io.fangxian.enforcement.CasesApi;
import io.fangxian.web.ApiException;
import io.fangxian.web.Params;
import io.fangxian.web.ReadContext;
import io.fangxian.web.Resource;
import io.fangxian.web.Router;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * The reads that compose several slices, on any instance: the monthly bulletin, the units'
 * scorecards (考核) and the enterprise dossier, and the flying-inspection plan's candidates. Each
 * slice's own reads are its resource's ({@link ReadApis}); a key's question goes to the instance
 * holding the key, a list question to every instance holding part of the store, and is merged.
 */
final class QueryService implements Resource {
  static final List<String> UNIT_TYPES = List.of("township", "department", "grid", "leader", "other");

  private final LocalStores local;
  private final LocalQueries queries;
  private final Router router;
  private final ZoneId zone;
  private final LongSupplier clock;
  private final RulesConfig rules;
  private final ReferenceData reference;
  private final CasesApi cases;
  private final AreasApi areas;
  private final AlertsApi alerts;

  QueryService(LocalStores local, LocalQueries queries, ReadContext read, ReadApis apis) {
    this.local = local;
    this.queries = queries;
    this.router = read.router();
    this.reference = read.reference();
    this.zone = read.zone();
    this.clock = read.clock();
    this.rules = read.rules();
    this.cases = apis.cases();
    this.areas = apis.areas();
    this.alerts = apis.alerts();
  }

  @Override
  public void routes(Javalin app) {
    app.get("/api/v1/bulletins/{month}", ctx -> {
      Params.allowOnly(ctx, Set.of());
      ctx.json(bulletin(month(ctx)));
    });
    app.get("/bulletins/{month}", ctx -> {
      Params.allowOnly(ctx, Set.of("token"));
      ctx.contentType("text/html; charset=utf-8").result(BulletinPage.render(bulletin(month(ctx))));
    });

    app.get("/api/v1/units", ctx -> {
      Params.allowOnly(ctx, Set.of("type"));
      ctx.json(units(Params.oneOf(ctx, "type", QueryService.UNIT_TYPES)));
    });
    app.get("/api/v1/units/{unitId}", ctx -> {
      Params.allowOnly(ctx, Set.of());
      ctx.json(unit(ctx.pathParam("unitId")));
    });

    app.get("/api/v1/enterprises/{enterpriseId}", ctx -> {
      Params.allowOnly(ctx, Set.of());
      ctx.json(enterprise(ctx.pathParam("enterpriseId")));
    });
  }

  private YearMonth month(Context ctx) {
    return Params.month(ctx.pathParam("month"), Instant.ofEpochMilli(clock.getAsLong()), zone);
  }

  ZoneId zone() {
    return zone;
  }

  RulesConfig rules() {
    return rules;
  }

  // --- the monthly bulletin ---

  /** The bulletin of a month, from every instance's monthly buckets, current figures and exposure list. */
  Bulletin bulletin(YearMonth month) {
    List<BulletinBuilder.AreaInput> townships = bulletinAreas(AreaType.TOWNSHIP, month);
    List<BulletinBuilder.AreaInput> sectors = bulletinAreas(AreaType.SECTOR, month);
    List<Bulletin.Exposure> exposure = new ArrayList<>();
    router.gather(queries.exposure, month).forEach(exposure::addAll);
    RuleCatalogue.Entry label = RuleCatalogue.of("exposure").orElseThrow();
    Bulletin.ExposureCriteria criteria = new Bulletin.ExposureCriteria(rules.exposure().minViolationsInMonth(),
        rules.exposure().overdueMajorHazard(), label.basis().name(), label.source());
    List<BulletinBuilder.CaseInput> cases = this.cases.tallies(month).stream()
        .map(t -> new BulletinBuilder.CaseInput(t.areaType(), t.areaId(), t.casesOpened(), t.decisionsDue(), t.decisionsInTime()))
        .toList();
    Map<String, String> departments = local.departmentOfSector(sectors.stream().map(BulletinBuilder.AreaInput::areaId).toList());
    List<Views.UnitScorecard> units = units(null);
    return BulletinBuilder.build(month, zone.getId(), Instant.ofEpochMilli(clock.getAsLong()), townships, sectors,
        criteria, exposure, cases, departments)
        .withUnits(BulletinBuilder.unitRanks(unitRows(units, "township")), BulletinBuilder.unitRanks(unitRows(units, "department")));
  }

  private static List<Bulletin.UnitRank> unitRows(List<Views.UnitScorecard> units, String type) {
    return units.stream().filter(u -> u.unitType().equals(type))
        .map(u -> new Bulletin.UnitRank(type.toUpperCase(java.util.Locale.ROOT), u.unitId(), u.unitName(), u.missedHazards(),
            u.missedMajorHazards(), u.assignedHazards(), u.revisitsDue(), u.revisitsDone(), u.revisitsDoneLate(),
            u.revisitsOverdue(), u.alerts(), u.acknowledgedInTimeShare(), u.fedBackInTimeShare(), u.supervisionReviewsLate(),
            0, null))
        .toList();
  }

  private List<BulletinBuilder.AreaInput> bulletinAreas(AreaType type, YearMonth month) {
    Map<YearMonth, Map<String, Bulletin.Figures>> read = new TreeMap<>();
    java.util.function.Function<YearMonth, Map<String, Bulletin.Figures>> figures =
        m -> read.computeIfAbsent(m, k -> areas.months(type, k));
    Map<String, Bulletin.Figures> now = figures.apply(month);
    Map<String, Bulletin.Figures> before = figures.apply(month.minusMonths(1));
    Map<String, Bulletin.Figures> yearAgo = figures.apply(month.minusYears(1));
    List<Map<String, Bulletin.Figures>> yearSoFar = new ArrayList<>();
    for (int m = 1; m <= month.getMonthValue(); m++) {
      yearSoFar.add(figures.apply(YearMonth.of(month.getYear(), m)));
    }
    List<BulletinBuilder.AreaInput> inputs = new ArrayList<>();
    for (AreaFigures a : areas.figures(type)) {
      String id = a.areaId();
      inputs.add(new BulletinBuilder.AreaInput(id, a.areaName() == null ? id : a.areaName(),
          now.getOrDefault(id, BulletinBuilder.ZERO), before.getOrDefault(id, BulletinBuilder.ZERO),
          yearAgo.getOrDefault(id, BulletinBuilder.ZERO),
          BulletinBuilder.total(yearSoFar.stream().map(f -> f.getOrDefault(id, BulletinBuilder.ZERO)).toList()),
          new Bulletin.Current(a.openHazards(), a.overdueHazards(), a.openMajorHazards(), a.enterprises(),
              a.inspectedLast90d(), a.coverageLast90d(), a.neverInspected(), a.nonCompliantEnterprises(),
              a.certificatesExpiringWithin30d(), a.certificatesExpired(), a.reportsReceived(), a.reportsSubstantiated(),
              a.reportsVerificationOverdue(), a.rewardYuan())));
    }
    return inputs;
  }

  // --- 考核: the units' scorecards ---

  /**
   * Every unit with a scorecard: each township of the reference data and each linked leader of the
   * roster (zeros until they inspect) and every unit any instance has charged, summed over all
   * instances (each holds its partitions' part), ordered by unitId; {@code type} (township,
   * department, grid, leader or other) keeps one kind, null all.
   */
  List<Views.UnitScorecard> units(String type) {
    Map<String, UnitTally> byUnit = new TreeMap<>();
    reference.townships().forEach(t -> byUnit.put(t.id(), UnitTally.zero(t.id())));
    UnitKinds kinds = new UnitKinds();
    kinds.leaders.keySet().forEach(l -> byUnit.put(l, UnitTally.zero(l)));
    for (List<UnitTally> part : router.gather(queries.units, null)) {
      part.forEach(u -> byUnit.merge(u.unitId(), u, UnitTally::plus));
    }
    Map<String, Views.AlertDuty> alerts = alertDuties();
    alerts.keySet().forEach(u -> byUnit.putIfAbsent(u, UnitTally.zero(u)));
    return byUnit.values().stream().map(t -> kinds.card(t, alerts)).filter(c -> type == null || c.unitType().equals(type))
        .toList();
  }

  /**
   * One unit's scorecard, summed over all instances: zeros for a township, grid, department or linked
   * leader that has not inspected, 404 for any other id no inspection named.
   */
  Views.UnitScorecard unit(String unitId) {
    if (unitId.isBlank() || unitId.length() > 128) {
      throw ApiException.badRequest("unitId must be 1-128 characters: a township id, a department of the responsibility "
          + "list, a grid id or a leaderId of the roster, as the inspections name them (GET /api/v1/units lists them)");
    }
    UnitTally sum = null;
    for (List<UnitTally> part : router.gather(queries.units, unitId)) {
      for (UnitTally u : part) {
        sum = sum == null ? u : sum.plus(u);
      }
    }
    UnitKinds kinds = new UnitKinds();
    Map<String, Views.AlertDuty> alerts = alertDuties();
    Views.UnitScorecard card = kinds.card(sum == null ? UnitTally.zero(unitId) : sum, alerts);
    if (sum == null && card.unitType().equals("other") && !alerts.containsKey(unitId)) {
      throw ApiException.notFound("no unit '" + Params.shorten(unitId) + "' has inspected, and it is no township, grid, "
          + "department of the responsibility list or linked leader; GET /api/v1/units lists them");
    }
    return card;
  }

  /**
   * The alerts each unit answered for, of those held now (open, or resolved within the last week or
   * until their handling closed), with how many were acknowledged and fed back within their limits:
   * each alert counts for the township of its subject and the department of its subject's sector.
   */
  private Map<String, Views.AlertDuty> alertDuties() {
    long now = clock.getAsLong();
    List<AlertView> held = alerts.list(a -> a.handling() != null, Integer.MAX_VALUE);
    List<String> sectors = held.stream().map(a -> a.subject() == null ? null : a.subject().sectorId())
        .filter(java.util.Objects::nonNull).distinct().toList();
    Map<String, String> departmentOf = local.departmentOfSector(sectors);
    Map<String, Views.AlertDuty> byUnit = new TreeMap<>();
    for (AlertView a : held) {
      Set<String> units = new java.util.TreeSet<>();
      if (a.subject() != null && a.subject().townshipId() != null) {
        units.add(a.subject().townshipId());
      }
      if (a.subject() != null && a.subject().sectorId() != null && departmentOf.containsKey(a.subject().sectorId())) {
        units.add(departmentOf.get(a.subject().sectorId()));
      }
      units.forEach(u -> byUnit.put(u, byUnit.getOrDefault(u, Views.AlertDuty.ZERO).plus(a.handling(), now)));
    }
    return byUnit;
  }

  /** What kind of unit an id is, and its name: the reference townships, the grids, the responsibility list's departments, the roster's linked leaders. */
  private final class UnitKinds {
    private final Map<String, Grid> grids = areas.grids();
    private final Set<String> departments = new java.util.TreeSet<>(local.departmentOfSector(
        reference.sectors().stream().map(Sector::id).toList()).values());
    private final Map<String, io.fangxian.avro.Leader> leaders = local.linkedLeaders();

    Views.UnitScorecard card(UnitTally t, Map<String, Views.AlertDuty> alerts) {
      String id = t.unitId();
      Optional<Township> township = reference.township(id);
      String type = township.isPresent() ? "township" : grids.containsKey(id) ? "grid"
          : departments.contains(id) ? "department" : leaders.containsKey(id) ? "leader" : "other";
      String name = township.map(Township::nameZh).orElseGet(() -> grids.containsKey(id) ? grids.get(id).getName()
          : departments.contains(id) ? id : leaders.containsKey(id) ? leaders.get(id).getName() : null);
      return Views.UnitScorecard.of(t, type, name, rules.accountability().window(), rules.flying().revisitWithin(),
          alerts.getOrDefault(id, Views.AlertDuty.ZERO),
          type.equals("leader") ? rules.linkedSupervision().visitsPerQuarter() : null);
    }
  }

  // --- flying-inspection plans (四不两直) ---

  /**
   * The month's plan, drawn from the inputs of every instance and the townships' misses, answered to
   * the caller only: nothing of it is stored or published (四不两直).
   */
  io.fangxian.plan.FlyingPlan.Plan plan(io.fangxian.plan.PlanRequest request) {
    Instant asOf = Instant.ofEpochMilli(clock.getAsLong());
    Instant reportsSince = asOf.minus(rules.flying().publicReportWindow());
    Map<String, io.fangxian.plan.PlanCandidate> byId = new TreeMap<>();
    for (List<io.fangxian.plan.PlanCandidate> part : router.gather(queries.planCandidates, reportsSince)) {
      part.forEach(c -> byId.merge(c.enterpriseId(), c, io.fangxian.plan.PlanCandidate::merge));
    }
    Map<String, Long> misses = new TreeMap<>();
    units("township").forEach(u -> misses.put(u.unitId(), u.missedHazards()));
    List<io.fangxian.plan.PlanCandidate> candidates = byId.values().stream()
        .filter(c -> c.riskLevel() != null)
        .map(c -> c.withTownshipMisses(misses.getOrDefault(c.townshipId(), 0L)))
        .toList();
    return io.fangxian.plan.FlyingPlan.draw(request, candidates, rules.flying().excludeMonths(), asOf, zone);
  }

  // --- enterprises ---

  Views.EnterpriseProfile enterprise(String enterpriseId) {
    Optional<String> problem = CreditCode.problem(enterpriseId);
    if (problem.isPresent()) {
      throw ApiException.badRequest("enterpriseId must be an 18-character unified social credit code (GB 32100-2015): "
          + problem.get());
    }
    Views.EnterpriseProfile profile = router.find(queries.enterprise, enterpriseId)
        .orElseThrow(() -> ApiException.notFound("no enterprise " + enterpriseId + " in the reference data"));
    // Alerts live on the partitions of their alert keys: gathered from every instance. The store keeps a
    // resolved alert for a week, or until its handling is closed: the active ones first, then those, newest first.
    List<AlertView> concerning = alerts.list(profile::concerns, Integer.MAX_VALUE).stream()
        .sorted(Comparator.comparing((AlertView a) -> "RESOLVED".equals(a.status())))
        .limit(ENTERPRISE_ALERTS)
        .toList();
    return profile.withAlerts(concerning);
  }

  /** The most alerts a dossier lists: the active ones first, then the recently resolved. */
  static final int ENTERPRISE_ALERTS = 100;

  /** Whether this instance's stores answer (the readiness probe). */
  boolean localStoresAnswer() {
    return local.answers();
  }

  long now() {
    return clock.getAsLong();
  }
}
