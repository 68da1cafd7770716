package io.fangxian.query;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fangxian.accountability.AccountabilityStores;
import io.fangxian.accountability.UnitTally;
import io.fangxian.bulletin.Bulletin;
import io.fangxian.config.RulesConfig;
import io.fangxian.plan.PlanCandidate;
import io.fangxian.store.StoreNames;
import io.fangxian.web.LocalQuery;
import io.fangxian.web.ReadContext;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The questions of the composite reads each instance answers from its own stores (the bulletin's
 * exposure list, the dossier, the units' tallies, the plan's candidates), each declared with the
 * store it reads and how it is keyed ({@link LocalQuery}): the {@link io.fangxian.web.Router} asks them of the
 * instances holding the answer, and serves them to the other instances by name. The slices declare
 * their own in their resources.
 */
final class LocalQueries {
  final LocalQuery<YearMonth, List<Bulletin.Exposure>> exposure;
  final LocalQuery<String, Views.EnterpriseProfile> enterprise;
  final LocalQuery<String, List<UnitTally>> units;
  final LocalQuery<Instant, List<PlanCandidate>> planCandidates;

  LocalQueries(LocalStores local, ReadContext read) {
    ZoneId zone = read.zone();
    LongSupplier clock = read.clock();
    RulesConfig rules = read.rules();
    exposure = LocalQuery.inParts("exposure", StoreNames.HAZARD_LEDGER, YearMonth.class, new TypeReference<>() { },
        month -> local.exposure(month, zone, rules.exposure()));
    enterprise = LocalQuery.byKey("enterprise", StoreNames.ENTERPRISES, String.class, id -> id, new TypeReference<>() { },
        id -> local.enterprise(id, clock.getAsLong(), zone));
    // unitId null: every unit
    units = LocalQuery.inParts("units", AccountabilityStores.UNIT_INSPECTIONS, String.class, new TypeReference<>() { },
        unitId -> local.units(unitId, clock.getAsLong(), zone));
    planCandidates = LocalQuery.inParts("plan-candidates", StoreNames.ENTERPRISE_STANDING, Instant.class,
        new TypeReference<>() { }, since -> local.planCandidates(since));
    all().forEach(read.router()::serve);
  }

  /** Every query, for the router to serve by name. */
  List<LocalQuery<?, ?>> all() {
    return List.of(exposure, enterprise, units, planCandidates);
  }
}
