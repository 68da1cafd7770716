package io.fangxian.query;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fangxian.accountability.AccountabilityStores;
import io.fangxian.accountability.UnitTally;
import io.fangxian.avro.AreaType;
import io.fangxian.bulletin.Bulletin;
import io.fangxian.config.RulesConfig;
import io.fangxian.domain.ReferenceData;
import io.fangxian.plan.PlanCandidate;
import io.fangxian.stats.AreaKeys;
import io.fangxian.store.StoreNames;
import io.fangxian.web.LocalQuery;
import io.fangxian.web.ReadContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Every question an instance answers from its own stores, each declared with the store it reads and
 * how it is keyed ({@link LocalQuery}): the {@link Router} asks them of the instances holding the
 * answer, and serves them to the other instances by name.
 */
final class LocalQueries {
  /** An area by type and id (its key in the area stores: {@link AreaKeys#area}). */
  record Area(AreaType type, String id) {
    String key() {
      return AreaKeys.area(type, id);
    }
  }

  /** An area's local days {@code from..to}. */
  record AreaDays(Area area, LocalDate from, LocalDate to) { }

  /** An area's local month. */
  record AreaInMonth(Area area, YearMonth month) { }

  /** Every area of a type in a local month. */
  record TypeInMonth(AreaType type, YearMonth month) { }

  /** The open enterprises of an area not visited within {@code days}. */
  record Unvisited(int days, VisitingFilter filter) { }

  final LocalQuery<Area, Views.AreaFigures> area;
  final LocalQuery<AreaType, List<Views.AreaFigures>> areas;
  final LocalQuery<AreaDays, List<Views.Day>> daily;
  final LocalQuery<AreaInMonth, Bulletin.Figures> areaMonth;
  final LocalQuery<TypeInMonth, Map<String, Bulletin.Figures>> months;
  final LocalQuery<YearMonth, List<Bulletin.Exposure>> exposure;
  final LocalQuery<Unvisited, List<Views.Unvisited>> unvisited;
  final LocalQuery<String, Views.EnterpriseProfile> enterprise;
  final LocalQuery<String, List<UnitTally>> units;
  final LocalQuery<Instant, List<PlanCandidate>> planCandidates;
  final LocalQuery<Void, List<Views.AlertView>> alerts;
  final LocalQuery<String, Views.AlertView> alert;
  final LocalQuery<Void, List<Views.WeatherWarningView>> weatherWarnings;

  LocalQueries(LocalStores local, ReadContext read) {
    ReferenceData reference = read.reference();
    ZoneId zone = read.zone();
    LongSupplier clock = read.clock();
    RulesConfig rules = read.rules();
    area = LocalQuery.byKey("area", StoreNames.AREA_TOTALS, Area.class, Area::key, new TypeReference<>() { },
        a -> local.area(a.key(), clock.getAsLong()));
    areas = LocalQuery.inParts("areas", StoreNames.AREA_TOTALS, AreaType.class, new TypeReference<>() { },
        type -> local.areas(type, clock.getAsLong()));
    daily = LocalQuery.byKey("area-daily", StoreNames.AREA_DAILY, AreaDays.class, d -> d.area().key(),
        new TypeReference<>() { }, d -> Optional.of(local.daily(d.area().key(), d.from(), d.to())));
    areaMonth = LocalQuery.byKey("area-month", StoreNames.AREA_MONTHLY, AreaInMonth.class, m -> m.area().key(),
        new TypeReference<>() { }, m -> local.month(m.area().key(), m.month()));
    months = LocalQuery.inParts("area-months", StoreNames.AREA_MONTHLY, TypeInMonth.class, new TypeReference<>() { },
        m -> local.months(m.type(), m.month()));
    exposure = LocalQuery.inParts("exposure", StoreNames.HAZARD_LEDGER, YearMonth.class, new TypeReference<>() { },
        month -> local.exposure(month, zone, rules.exposure()));
    unvisited = LocalQuery.inParts("unvisited", StoreNames.ENTERPRISE_STANDING, Unvisited.class, new TypeReference<>() { },
        u -> local.unvisited(u.days(), u.filter().matches(reference), clock.getAsLong()));
    enterprise = LocalQuery.byKey("enterprise", StoreNames.ENTERPRISES, String.class, id -> id, new TypeReference<>() { },
        id -> local.enterprise(id, clock.getAsLong(), zone));
    // unitId null: every unit
    units = LocalQuery.inParts("units", AccountabilityStores.UNIT_INSPECTIONS, String.class, new TypeReference<>() { },
        unitId -> local.units(unitId, clock.getAsLong(), zone));
    planCandidates = LocalQuery.inParts("plan-candidates", StoreNames.ENTERPRISE_STANDING, Instant.class,
        new TypeReference<>() { }, since -> local.planCandidates(since));
    alerts = LocalQuery.inParts("alerts", StoreNames.ALERTS, Void.class, new TypeReference<>() { },
        none -> local.alerts(clock.getAsLong()));
    alert = LocalQuery.byKey("alert", StoreNames.ALERTS, String.class, key -> key, new TypeReference<>() { },
        key -> local.alert(key, clock.getAsLong()));
    weatherWarnings = LocalQuery.inParts("weather-warnings", StoreNames.WEATHER_WARNINGS, Void.class,
        new TypeReference<>() { }, none -> local.weatherWarnings(clock.getAsLong()));
    all().forEach(read.router()::serve);
  }

  /** Every query, for the router to serve by name. */
  List<LocalQuery<?, ?>> all() {
    return List.of(area, areas, daily, areaMonth, months, exposure,
        unvisited, enterprise, units, planCandidates, alerts, alert, weatherWarnings);
  }
}
