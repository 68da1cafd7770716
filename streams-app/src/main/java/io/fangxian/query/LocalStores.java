package io.fangxian.query;

import io.fangxian.accountability.AccountabilityStores;
import io.fangxian.accountability.UnitScorecards;
import io.fangxian.accountability.UnitTally;
import io.fangxian.avro.CertificateEvent;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardState;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.ViolationEvent;
import io.fangxian.avro.internal.AccidentState;
import io.fangxian.avro.internal.EnterpriseStanding;
import io.fangxian.avro.internal.UnitHazard;
import io.fangxian.bulletin.Bulletin;
import io.fangxian.config.RulesConfig;
import io.fangxian.domain.Park;
import io.fangxian.domain.ReferenceData;
import io.fangxian.enforcement.CasesApi;
import io.fangxian.hazards.HazardViews.Hazard;
import io.fangxian.ledger.HazardLifecycle;
import io.fangxian.reports.ReportsApi;
import io.fangxian.rules.StandingRules;
import io.fangxian.standing.CertificateCheck;
import io.fangxian.standing.Coverage;
import io.fangxian.standing.StandingCounters;
import io.fangxian.store.EnterpriseItemKey;
import io.fangxian.store.StoreNames;
import io.fangxian.store.UnitItemKey;
import io.fangxian.web.ApiException;
import io.fangxian.web.LocalState;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads this instance's own state stores (active partitions only) and nothing else: what the
 * {@link LocalQueries} answer, here or for another instance.
 */
final class LocalStores {
  private final LocalState state;
  private final CasesApi cases;
  private final ReportsApi reports;

  private final ReferenceData reference;
  private final CertificateCheck certificates;

  LocalStores(LocalState state, ReferenceData reference, CasesApi cases, ReportsApi reports) {
    this.state = state;
    this.cases = cases;
    this.reports = reports;
    this.reference = reference;
    this.certificates = new CertificateCheck(reference);
  }

  <V> Optional<ReadOnlyKeyValueStore<String, V>> store(String name) {
    return state.store(name);
  }

  /**
   * True when a local store answers (or none is meant to be here). One value is read, so a store
   * whose values cannot be decoded (its schemas gone from the registry) does not pass for ready.
   */
  boolean answers() {
    try {
      store(StoreNames.AREA_TOTALS).ifPresent(s -> {
        try (KeyValueIterator<String, ?> all = s.all()) {
          if (all.hasNext()) {
            all.next();
          }
        }
      });
      return true;
    } catch (ApiException | InvalidStateStoreException e) {
      return false;
    }
  }

  // --- 考核: the units' scorecards ---

  /** This instance's part of every unit's figures ({@code unitId} null), or of one unit's; empty when none is held here. */
  List<UnitTally> units(String unitId, long nowMs, java.time.ZoneId zone) {
    Optional<ReadOnlyKeyValueStore<UnitItemKey, Long>> inspections = keyedStore(AccountabilityStores.UNIT_INSPECTIONS);
    Optional<ReadOnlyKeyValueStore<UnitItemKey, Long>> found = keyedStore(AccountabilityStores.UNIT_FOUND);
    Optional<ReadOnlyKeyValueStore<UnitItemKey, UnitHazard>> missed = keyedStore(AccountabilityStores.UNIT_MISSED);
    Optional<ReadOnlyKeyValueStore<UnitItemKey, Long>> accidents = keyedStore(AccountabilityStores.UNIT_ACCIDENTS);
    if (inspections.isEmpty() || found.isEmpty() || missed.isEmpty() || accidents.isEmpty()) {
      return List.of();
    }
    UnitScorecards cards = new UnitScorecards(inspections.get(), found.get(), missed.get(), accidents.get());
    Instant now = Instant.ofEpochMilli(nowMs);
    Map<String, UnitTally> byUnit = new TreeMap<>(unitId == null ? cards.all(now) : Map.of(unitId, cards.unit(unitId, now)));
    Map<String, String> departments = new TreeMap<>();
    java.util.function.Function<String, String> departmentOf = sector -> departments.computeIfAbsent(sector,
        k -> departmentOfSector(List.of(k)).getOrDefault(k, ""));
    this.<EnterpriseItemKey, io.fangxian.avro.internal.Revisit>keyedStore(io.fangxian.flying.RevisitStores.REVISITS)
        .ifPresent(st -> io.fangxian.flying.RevisitFigures.byUnit(st, d -> {
          String department = departmentOf.apply(d);
          return department.isEmpty() ? null : department;
        }, unitId).forEach((unit, t) -> byUnit.put(unit, byUnit.getOrDefault(unit, UnitTally.zero(unit))
            .withRevisits(t.assignedHazards(), t.revisitsDue(), t.revisitsDone(), t.revisitsDoneLate(), t.revisitsOverdue()))));
    lateSupervisionReviews(nowMs).forEach((unit, n) -> {
      if (unitId == null || unitId.equals(unit)) {
        byUnit.put(unit, byUnit.getOrDefault(unit, UnitTally.zero(unit)).withDuties(n, 0));
      }
    });
    linkedVisits(nowMs, zone).forEach((unit, n) -> {
      if (unitId == null || unitId.equals(unit)) {
        byUnit.put(unit, byUnit.getOrDefault(unit, UnitTally.zero(unit)).withDuties(0, n));
      }
    });
    return byUnit.values().stream().filter(t -> unitId == null || !t.equals(UnitTally.zero(unitId))).toList();
  }

  private Map<String, Long> lateSupervisionReviews(long nowMs) {
    return this.<HazardState>store(StoreNames.HAZARD_LEDGER)
        .map(st -> io.fangxian.accountability.UnitDuties.lateSupervisionReviews(st, nowMs)).orElse(Map.of());
  }

  private Map<String, Long> linkedVisits(long nowMs, java.time.ZoneId zone) {
    Optional<ReadOnlyKeyValueStore<String, io.fangxian.avro.Leader>> roster = store(StoreNames.ROSTER);
    Optional<ReadOnlyKeyValueStore<EnterpriseItemKey, InspectionEvent>> inspections = keyedStore(StoreNames.DOSSIER_INSPECTIONS);
    return roster.isEmpty() || inspections.isEmpty() ? Map.of()
        : io.fangxian.accountability.UnitDuties.linkedVisits(roster.get(), inspections.get(), Instant.ofEpochMilli(nowMs), zone);
  }


  // --- flying-inspection plans (四不两直) ---

  /**
   * This instance's part of the plan's inputs, one entry per enterprise it holds anything of: an open
   * enterprise's record and last inspection (enterprise-standing), its last flying inspection (the
   * dossier), its open major hazards (the ledger) and the public reports naming it received since
   * {@code reportsSince}, except those rejected or verified unsubstantiated (reports). The caller merges the parts of all instances by enterpriseId ({@link
   * io.fangxian.plan.PlanCandidate#merge}); an entry without a record (riskLevel null) is no candidate.
   */
  List<io.fangxian.plan.PlanCandidate> planCandidates(Instant reportsSince) {
    Map<String, io.fangxian.plan.PlanCandidate> byId = new TreeMap<>();
    this.<EnterpriseStanding>store(StoreNames.ENTERPRISE_STANDING).ifPresent(st -> {
      try (KeyValueIterator<String, EnterpriseStanding> it = st.all()) {
        it.forEachRemaining(kv -> {
          Enterprise e = kv.value.getEnterprise();
          if (StandingCounters.counts(e)) {
            byId.merge(e.getEnterpriseId(), new io.fangxian.plan.PlanCandidate(e.getEnterpriseId(), e.getName(),
                e.getTownshipId(), e.getSectorId(), e.getRiskLevel().name(), reference.inKeyArea(e),
                kv.value.getLastInspectedAt(), null, 0, 0, 0), io.fangxian.plan.PlanCandidate::merge);
          }
        });
      }
    });
    this.<EnterpriseItemKey, InspectionEvent>keyedStore(StoreNames.DOSSIER_INSPECTIONS).ifPresent(st -> {
      try (KeyValueIterator<EnterpriseItemKey, InspectionEvent> it = st.all()) {
        it.forEachRemaining(kv -> {
          if (kv.value.getKind() == io.fangxian.avro.InspectionKind.FLYING) {
            byId.merge(kv.value.getEnterpriseId(), planPart(kv.value.getEnterpriseId(), kv.value.getOccurredAt(), 0, 0),
                io.fangxian.plan.PlanCandidate::merge);
          }
        });
      }
    });
    this.<HazardState>store(StoreNames.HAZARD_LEDGER).ifPresent(st -> {
      try (KeyValueIterator<String, HazardState> it = st.all()) {
        it.forEachRemaining(kv -> {
          HazardState h = kv.value;
          if (HazardLifecycle.isOpen(h) && h.getSeverity() == io.fangxian.avro.HazardSeverity.MAJOR) {
            byId.merge(h.getEnterpriseId(), planPart(h.getEnterpriseId(), null, 1, 0),
                io.fangxian.plan.PlanCandidate::merge);
          }
        });
      }
    });
    this.<io.fangxian.avro.internal.ReportState>store(io.fangxian.reports.ReportsStores.REPORTS).ifPresent(st -> {
      try (KeyValueIterator<String, io.fangxian.avro.internal.ReportState> it = st.all()) {
        it.forEachRemaining(kv -> {
          io.fangxian.avro.internal.ReportState r = kv.value;
          if (r != null && weighsInAPlan(r, reportsSince)) {
            byId.merge(r.getEnterpriseId(), planPart(r.getEnterpriseId(), null, 0, 1), io.fangxian.plan.PlanCandidate::merge);
          }
        });
      }
    });
    return List.copyOf(byId.values());
  }

  /** A report naming an enterprise, received since {@code since}, and neither rejected nor found unsubstantiated. */
  static boolean weighsInAPlan(io.fangxian.avro.internal.ReportState r, Instant since) {
    return r.getEnterpriseId() != null && r.getReceivedAt() != null && !r.getReceivedAt().isBefore(since)
        && r.getRejectedAt() == null && !(r.getVerifiedAt() != null && !Boolean.TRUE.equals(r.getSubstantiated()));
  }

  private static io.fangxian.plan.PlanCandidate planPart(String enterpriseId, Instant flyingAt, int major, int reported) {
    return new io.fangxian.plan.PlanCandidate(enterpriseId, null, null, null, null, false, null, flyingAt, major, reported, 0);
  }

  // --- enforcement cases ---

  /** The responsibility list (监管责任清单): each sector's supervising department, loaded or built in. */
  Map<String, String> departmentOfSector(List<String> sectorIds) {
    Map<String, String> departments = new TreeMap<>();
    Optional<ReadOnlyKeyValueStore<String, io.fangxian.avro.Responsibility>> loaded = store(StoreNames.RESPONSIBILITIES);
    for (String sector : sectorIds) {
      String department = loaded.map(l -> l.get(sector)).map(io.fangxian.avro.Responsibility::getDepartment)
          .orElseGet(() -> io.fangxian.alerts.Responsibilities.builtIn(sector).orElse(null));
      if (department != null) {
        departments.put(sector, department);
      }
    }
    return departments;
  }

  /**
   * The dossier of an enterprise whose partition is here: its records are read by a prefix scan of
   * the dossier stores, so a dossier costs reads in proportion to the enterprise's own file.
   */
  Optional<Views.EnterpriseProfile> enterprise(String enterpriseId, long nowMs, ZoneId zone) {
    Optional<ReadOnlyKeyValueStore<String, Enterprise>> enterprises = store(StoreNames.ENTERPRISES);
    Enterprise e = enterprises.map(s -> s.get(enterpriseId)).orElse(null);
    if (e == null) {
      return Optional.empty();
    }
    Optional<ReadOnlyKeyValueStore<String, HazardState>> ledger = store(StoreNames.HAZARD_LEDGER);
    List<Hazard> hazards = new ArrayList<>();
    state.<String>eachOfEnterprise(StoreNames.DOSSIER_HAZARDS, enterpriseId, id ->
        ledger.map(l -> l.get(id)).ifPresent(h -> hazards.add(Hazard.from(h, nowMs, reference))));
    List<Views.Violation> violations = new ArrayList<>();
    state.<ViolationEvent>eachOfEnterprise(StoreNames.DOSSIER_VIOLATIONS, enterpriseId,
        v -> violations.add(Views.Violation.from(v)));
    List<Views.Inspection> inspections = new ArrayList<>();
    state.<InspectionEvent>eachOfEnterprise(StoreNames.DOSSIER_INSPECTIONS, enterpriseId,
        i -> inspections.add(Views.Inspection.from(i)));
    Optional<ReadOnlyKeyValueStore<String, AccidentState>> accidentStore = store(StoreNames.ACCIDENTS);
    List<Views.AccidentView> accidents = new ArrayList<>();
    state.<String>eachOfEnterprise(StoreNames.DOSSIER_ACCIDENTS, enterpriseId, id ->
        accidentStore.map(a -> a.get(id)).ifPresent(a -> accidents.add(Views.AccidentView.from(a,
            this.<io.fangxian.avro.internal.AccidentDuties>store(StoreNames.ACCIDENT_DUTIES).map(d -> d.get(id)).orElse(null),
            nowMs))));
    return Optional.of(Views.EnterpriseProfile.from(e, hazards, violations, inspections, accidents, zone,
        Instant.ofEpochMilli(nowMs).atZone(zone).toLocalDate(), reference).withStanding(standing(e, nowMs))
        .withCases(cases.localOf(enterpriseId)).withReports(reports.localOf(enterpriseId, e.getName())));
  }

  /** The enterprise's coverage and certificates, from its standing (empty when nothing is known yet). */
  private Views.Standing standing(Enterprise e, long nowMs) {
    EnterpriseStanding s = this.<EnterpriseStanding>store(StoreNames.ENTERPRISE_STANDING)
        .map(st -> st.get(e.getEnterpriseId())).orElse(null);
    Instant now = Instant.ofEpochMilli(nowMs);
    Instant last = s == null ? null : s.getLastInspectedAt();
    List<CertificateEvent> held = s == null ? List.of() : s.getCertificates();
    CertificateCheck.Result result = certificates.check(e, held, now);
    List<Views.CertificateView> views = held.stream()
        .sorted(Comparator.comparing(CertificateEvent::getPost).thenComparing(CertificateEvent::getExpiresAt,
            Comparator.reverseOrder()))
        .map(c -> new Views.CertificateView(c.getCertificateId(), c.getHolderId(), c.getHolderName(), c.getPost().name(),
            StandingRules.postZh(c), c.getOperationType(), c.getIssuedAt(), c.getExpiresAt(), c.getRevoked(),
            CertificateCheck.reviewDue(c), c.getReviewedAt(), certificateState(c, result, now)))
        .toList();
    return new Views.Standing(e.getStatus().name(), e.getGridId(), Park.idsOf(e), last,
        Coverage.daysSince(last, now), s == null ? null : s.getLastPatrolledAt(), certificates.requiresKeyPosts(e),
        result.compliant(), result.missing(), views);
  }

  private static String certificateState(CertificateEvent c, CertificateCheck.Result result, Instant now) {
    if (c.getRevoked()) {
      return "REVOKED";
    }
    if (c.getIssuedAt().isAfter(now)) {
      return "NOT_YET_VALID";
    }
    if (!c.getExpiresAt().isAfter(now)) {
      return "EXPIRED";
    }
    if (result.reviewOverdue().contains(c)) {
      return "REVIEW_OVERDUE";
    }
    if (result.expiring().contains(c)) {
      return "EXPIRING";
    }
    return result.reviewDueSoon().contains(c) ? "REVIEW_DUE" : "VALID";
  }

  // --- the monthly bulletin ---

  /**
   * The exposure list (曝光台) of the enterprises held here, by the configured criteria: at least
   * {@code minViolationsInMonth} violations that happened in the month (the dossier), or, if the
   * criteria say so, a major hazard open past its deadline now (the ledger).
   */
  List<Bulletin.Exposure> exposure(YearMonth month, ZoneId zone, RulesConfig.ExposureCriteria criteria) {
    int min = criteria.minViolationsInMonth();
    Map<String, List<String>> violations = new TreeMap<>();
    this.<EnterpriseItemKey, ViolationEvent>keyedStore(StoreNames.DOSSIER_VIOLATIONS).ifPresent(st -> {
      try (KeyValueIterator<EnterpriseItemKey, ViolationEvent> it = st.all()) {
        it.forEachRemaining(kv -> {
          if (YearMonth.from(kv.value.getOccurredAt().atZone(zone)).equals(month)) {
            violations.computeIfAbsent(kv.value.getEnterpriseId(), k -> new ArrayList<>()).add(kv.value.getViolationId());
          }
        });
      }
    });
    Map<String, List<String>> overdueMajors = new TreeMap<>();
    Map<String, HazardState> anyHazard = new TreeMap<>();
    this.<HazardState>store(StoreNames.HAZARD_LEDGER).ifPresent(st -> {
      try (KeyValueIterator<String, HazardState> it = st.all()) {
        it.forEachRemaining(kv -> {
          HazardState h = kv.value;
          if (criteria.overdueMajorHazard() && HazardLifecycle.isOpen(h) && HazardLifecycle.isMajor(h) && h.getOverdue()) {
            overdueMajors.computeIfAbsent(h.getEnterpriseId(), k -> new ArrayList<>()).add(h.getHazardId());
            anyHazard.put(h.getEnterpriseId(), h);
          }
        });
      }
    });
    java.util.Set<String> listed = new java.util.TreeSet<>(overdueMajors.keySet());
    violations.forEach((id, ids) -> {
      if (ids.size() >= min) {
        listed.add(id);
      }
    });
    Optional<ReadOnlyKeyValueStore<String, Enterprise>> enterprises = store(StoreNames.ENTERPRISES);
    List<Bulletin.Exposure> found = new ArrayList<>();
    for (String id : listed) {
      Enterprise e = enterprises.map(st -> st.get(id)).orElse(null);
      HazardState h = anyHazard.get(id);
      String name = e != null ? e.getName() : h != null ? h.getEnterpriseName() : null;
      String township = e != null ? e.getTownshipId() : h != null ? h.getTownshipId() : null;
      List<String> inMonth = violations.getOrDefault(id, List.of());
      found.add(new Bulletin.Exposure(id, name, township, reference.townshipName(township),
          inMonth.size() >= min ? inMonth.size() : 0, inMonth.size() >= min ? List.copyOf(inMonth) : List.of(),
          overdueMajors.getOrDefault(id, List.of())));
    }
    return found;
  }

  /** One leader of the roster (global: every instance holds them all). */
  Optional<io.fangxian.avro.Leader> leader(String leaderId) {
    return this.<io.fangxian.avro.Leader>store(StoreNames.ROSTER).map(st -> st.get(leaderId));
  }

  /** The roster's leaders linked to a township or an enterprise (挂钩督导), by leaderId. */
  Map<String, io.fangxian.avro.Leader> linkedLeaders() {
    Map<String, io.fangxian.avro.Leader> byId = new TreeMap<>();
    this.<io.fangxian.avro.Leader>store(StoreNames.ROSTER).ifPresent(st -> {
      try (KeyValueIterator<String, io.fangxian.avro.Leader> it = st.all()) {
        it.forEachRemaining(kv -> {
          if (kv.value != null && !(kv.value.getTownshipIds().isEmpty() && kv.value.getEnterpriseIds().isEmpty())) {
            byId.put(kv.key, kv.value);
          }
        });
      }
    });
    return byId;
  }

  // --- alerts and weather ---

  private <K, V> Optional<ReadOnlyKeyValueStore<K, V>> keyedStore(String name) {
    return state.keyedStore(name);
  }

}
