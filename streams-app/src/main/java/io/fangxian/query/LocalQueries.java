package io.fangxian.query;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fangxian.accountability.AccountabilityStores;
import io.fangxian.accountability.UnitTally;
import io.fangxian.bulletin.Bulletin;
import io.fangxian.config.RulesConfig;
import io.fangxian.domain.ReferenceData;
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
 * Every question an instance answers from its own stores, each declared with the store it reads and
 * how it is keyed ({@link LocalQuery}): the {@link Router} asks them of the instances holding the
 * answer, and serves them to the other instances by name.
 */
final class LocalQueries {
  /** The open enterprises of an area not visited within {@code days}. */

  final LocalQuery<YearMonth, List<Bulletin.Exposure>> exposure;
  final LocalQuery<String, Views.EnterpriseProfile> enterprise;
  final LocalQuery<String, List<UnitTally>> units;
  final LocalQuery<Instant, List<PlanCandidate>> planCandidates;

  LocalQueries(LocalStores local, ReadContext read) {
    ReferenceData reference = read.reference();
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
