package io.fangxian.areas;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fangxian.areas.AreaViews.AreaFigures;
import io.fangxian.areas.AreaViews.Counts;
import io.fangxian.areas.AreaViews.Daily;
import io.fangxian.areas.AreaViews.Day;
import io.fangxian.areas.AreaViews.WeatherWarningView;
import io.fangxian.avro.AreaStats;
import io.fangxian.avro.AreaType;
import io.fangxian.avro.Grid;
import io.fangxian.avro.RecentCounts;
import io.fangxian.avro.WeatherWarning;
import io.fangxian.avro.internal.MonthlyCounts;
import io.fangxian.bulletin.Bulletin;
import io.fangxian.bulletin.BulletinBuilder;
import io.fangxian.domain.Park;
import io.fangxian.domain.Sector;
import io.fangxian.domain.Township;
import io.fangxian.stats.AreaKeys;
import io.fangxian.store.AreaDayKey;
import io.fangxian.store.AreaHourKey;
import io.fangxian.store.AreaMonthKey;
import io.fangxian.store.StoreNames;
import io.fangxian.web.ApiException;
import io.fangxian.web.LocalQuery;
import io.fangxian.web.Params;
import io.fangxian.web.ReadContext;
import io.fangxian.web.Resource;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The area figures' REST resource (隐患一口清 of each township, sector, grid and park: the list, one
 * area, its days and its months) and the weather warnings in force, read from the area stores; the
 * bulletin takes its months and current figures from here.
 */
public final class AreasApi implements Resource {
  private static final Pattern AREA_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  /** The longest range of days one request may ask for. */
  private static final int MAX_DAYS = 400;

  /** An area by type and id (its key in the area stores: {@link AreaKeys#area}). */
  public record Area(AreaType type, String id) {
    String key() {
      return AreaKeys.area(type, id);
    }
  }

  /** An area's local days {@code from..to}. */
  public record AreaDays(Area area, LocalDate from, LocalDate to) { }

  /** An area's local month. */
  public record AreaInMonth(Area area, YearMonth month) { }

  /** Every area of a type in a local month. */
  public record TypeInMonth(AreaType type, YearMonth month) { }

  /** The figures of one area in one month: {@code GET /api/v1/townships/{id}/months/{yyyy-MM}}. */
  record AreaMonth(String areaType, String areaId, String areaName, String month, Bulletin.Figures figures) { }

  private final ReadContext read;
  private final LocalQuery<Area, AreaFigures> area;
  private final LocalQuery<AreaType, List<AreaFigures>> areas;
  private final LocalQuery<AreaDays, List<Day>> daily;
  private final LocalQuery<AreaInMonth, Bulletin.Figures> areaMonth;
  private final LocalQuery<TypeInMonth, Map<String, Bulletin.Figures>> months;
  private final LocalQuery<Void, List<WeatherWarningView>> weatherWarnings;

  public AreasApi(ReadContext read) {
    this.read = read;
    area = read.router().serve(LocalQuery.byKey("area", StoreNames.AREA_TOTALS, Area.class, Area::key,
        new TypeReference<>() { }, a -> localArea(a.key())));
    areas = read.router().serve(LocalQuery.inParts("areas", StoreNames.AREA_TOTALS, AreaType.class,
        new TypeReference<>() { }, this::localAreas));
    daily = read.router().serve(LocalQuery.byKey("area-daily", StoreNames.AREA_DAILY, AreaDays.class, d -> d.area().key(),
        new TypeReference<>() { }, d -> Optional.of(localDays(d.area().key(), d.from(), d.to()))));
    areaMonth = read.router().serve(LocalQuery.byKey("area-month", StoreNames.AREA_MONTHLY, AreaInMonth.class,
        m -> m.area().key(), new TypeReference<>() { }, m -> localMonth(m.area().key(), m.month())));
    months = read.router().serve(LocalQuery.inParts("area-months", StoreNames.AREA_MONTHLY, TypeInMonth.class,
        new TypeReference<>() { }, m -> localMonths(m.type(), m.month())));
    weatherWarnings = read.router().serve(LocalQuery.inParts("weather-warnings", StoreNames.WEATHER_WARNINGS, Void.class,
        new TypeReference<>() { }, none -> localWeatherWarnings()));
  }

  /** The path segment of an area type: townships, sectors, grids, parks. */
  public static String segment(AreaType type) {
    return switch (type) {
      case TOWNSHIP -> "townships";
      case GRID -> "grids";
      case PARK -> "parks";
      default -> "sectors";
    };
  }

  @Override
  public void routes(Javalin app) {
    for (AreaType type : List.of(AreaType.TOWNSHIP, AreaType.SECTOR, AreaType.GRID, AreaType.PARK)) {
      String seg = segment(type);
      String param = type.name().toLowerCase() + "Id";
      app.get("/api/v1/" + seg, ctx -> {
        Params.allowOnly(ctx, Set.of());
        ctx.json(figures(type));
      });
      app.get("/api/v1/" + seg + "/{" + param + "}", ctx -> {
        Params.allowOnly(ctx, Set.of());
        ctx.json(figures(type, ctx.pathParam(param)));
      });
      app.get("/api/v1/" + seg + "/{" + param + "}/daily", ctx -> {
        Params.allowOnly(ctx, Set.of("from", "to"));
        LocalDate[] range = dayRange(ctx);
        ctx.json(days(type, ctx.pathParam(param), range[0], range[1]));
      });
      app.get("/api/v1/" + seg + "/{" + param + "}/months/{month}", ctx -> {
        Params.allowOnly(ctx, Set.of());
        ctx.json(month(type, ctx.pathParam(param), Params.month(ctx.pathParam("month"), read.now(), read.zone())));
      });
    }
    app.get("/api/v1/weather-warnings", ctx -> {
      Params.allowOnly(ctx, Set.of());
      ctx.json(activeWeatherWarnings());
    });
  }

  /** The days {@code from..to} (both required), at most {@link #MAX_DAYS}. */
  private static LocalDate[] dayRange(Context ctx) {
    LocalDate from = Params.date(ctx, "from");
    LocalDate to = Params.date(ctx, "to");
    if (from.isAfter(to)) {
      throw ApiException.badRequest("from (" + from + ") is after to (" + to + "); give from <= to");
    }
    long days = ChronoUnit.DAYS.between(from, to) + 1;
    if (days > MAX_DAYS) {
      throw ApiException.badRequest("the range has " + days + " days; at most " + MAX_DAYS + " are accepted");
    }
    return new LocalDate[] {from, to};
  }

  /** One area's figures, from the instance holding it; zeros for an area of the reference data with nothing yet. */
  public AreaFigures figures(AreaType type, String id) {
    if (id == null || !AREA_ID.matcher(id).matches()) {
      throw unknownArea(type, id);
    }
    AreaFigures figures = read.router().find(area, new Area(type, id)).orElseGet(() -> {
      if (referenceIds(type).contains(id)) {
        return AreaFigures.zero(type, id, read.reference());
      }
      throw unknownArea(type, id);
    });
    return type == AreaType.GRID ? figures.named(read.state().<Grid>store(StoreNames.GRIDS).map(st -> st.get(id))
        .map(Grid::getName).orElse(null)) : figures;
  }

  /** Every area of a type: those of the reference data first (zeros where nothing is recorded), then the others. */
  public List<AreaFigures> figures(AreaType type) {
    Map<String, AreaFigures> byId = new TreeMap<>();
    for (List<AreaFigures> part : read.router().gather(areas, type)) {
      part.forEach(a -> byId.put(a.areaId(), a));
    }
    List<AreaFigures> result = new ArrayList<>();
    for (String id : referenceIds(type)) {
      AreaFigures a = byId.remove(id);
      result.add(a != null ? a : AreaFigures.zero(type, id, read.reference()));
    }
    result.addAll(byId.values());
    if (type == AreaType.GRID) {
      Map<String, Grid> grids = grids();
      return result.stream().map(a -> a.named(grids.containsKey(a.areaId()) ? grids.get(a.areaId()).getName() : null)).toList();
    }
    return result;
  }

  Daily days(AreaType type, String id, LocalDate from, LocalDate to) {
    AreaFigures figures = figures(type, id); // 404 for an unknown area
    List<Day> days = read.router().find(daily, new AreaDays(new Area(type, id), from, to))
        .orElseThrow(() -> unknownArea(type, id));
    Counts total = days.stream().map(d -> new Counts(d.hazardsReported(), d.majorHazardsReported(),
        d.violations(), d.inspections(), d.selfReportedHazards(), d.inspectionFoundHazards(), d.accidents()))
        .reduce(Counts.ZERO, Counts::plus);
    return new Daily(type.name(), id, figures.areaName(), read.zone().getId(), from, to, total, days);
  }

  /** One area's figures for a local month (its reference name, zeros for a month without events). */
  AreaMonth month(AreaType type, String id, YearMonth month) {
    AreaFigures figures = figures(type, id); // 404 for an unknown area
    Bulletin.Figures counts = read.router().find(areaMonth, new AreaInMonth(new Area(type, id), month))
        .orElse(BulletinBuilder.ZERO);
    return new AreaMonth(type.name(), id, figures.areaName(), month.toString(), counts);
  }

  /** areaId → the month's figures of every area of a type that had any, from every instance. */
  public Map<String, Bulletin.Figures> months(AreaType type, YearMonth month) {
    Map<String, Bulletin.Figures> all = new TreeMap<>();
    read.router().gather(months, new TypeInMonth(type, month)).forEach(all::putAll);
    return all;
  }

  /** The weather warnings in force now, from every instance, the first to end first. */
  List<WeatherWarningView> activeWeatherWarnings() {
    Map<String, WeatherWarningView> byId = new LinkedHashMap<>();
    read.router().gather(weatherWarnings, null).forEach(part -> part.forEach(w -> byId.put(w.warningId(), w)));
    return byId.values().stream().filter(WeatherWarningView::active)
        .sorted(Comparator.comparing(WeatherWarningView::validTo)).toList();
  }

  /** The grids (a global table: every instance holds them all), by id. */
  public Map<String, Grid> grids() {
    Map<String, Grid> byId = new TreeMap<>();
    read.state().<Grid>store(StoreNames.GRIDS).ifPresent(st -> {
      try (KeyValueIterator<String, Grid> it = st.all()) {
        it.forEachRemaining(kv -> byId.put(kv.key, kv.value));
      }
    });
    return byId;
  }

  /** The areas listed even before anything counts in them: townships, sectors and parks shipped, grids loaded. */
  private List<String> referenceIds(AreaType type) {
    return switch (type) {
      case TOWNSHIP -> read.reference().townships().stream().map(Township::id).toList();
      case GRID -> List.copyOf(grids().keySet());
      case PARK -> read.reference().parks().stream().map(Park::id).toList();
      default -> read.reference().sectors().stream().map(Sector::id).toList();
    };
  }

  private ApiException unknownArea(AreaType type, String id) {
    return ApiException.notFound("unknown " + type.name().toLowerCase() + " id '" + Params.shorten(id) + "'; accepted: "
        + String.join(", ", referenceIds(type)) + " (or another id present in the data; GET /api/v1/"
        + segment(type) + " lists them)");
  }

  private Optional<AreaFigures> localArea(String areaKey) {
    return read.state().<AreaStats>store(StoreNames.AREA_TOTALS).map(totals -> totals.get(areaKey))
        .map(stats -> withWindows(stats, areaKey));
  }

  private List<AreaFigures> localAreas(AreaType type) {
    List<AreaFigures> found = new ArrayList<>();
    read.state().<AreaStats>store(StoreNames.AREA_TOTALS).ifPresent(totals -> {
      try (KeyValueIterator<String, AreaStats> it = totals.prefixScan(AreaKeys.area(type, ""), Serdes.String().serializer())) {
        it.forEachRemaining(kv -> found.add(withWindows(kv.value, kv.key)));
      }
    });
    return found;
  }

  private AreaFigures withWindows(AreaStats totals, String areaKey) {
    long now = read.nowMs();
    Optional<ReadOnlyKeyValueStore<AreaHourKey, RecentCounts>> hourly = read.state().keyedStore(StoreNames.AREA_HOURLY);
    AreaStats s = hourly.isEmpty() ? totals
        : io.fangxian.stats.AreaFigures.withWindows(totals, HourlyBuckets.window(hourly.get(), areaKey, now), now);
    return AreaFigures.from(s, read.reference());
  }

  /** Per day counts {@code from..to}; days without records are zeros. */
  private List<Day> localDays(String areaKey, LocalDate from, LocalDate to) {
    Map<LocalDate, Counts> byDay = new HashMap<>();
    read.state().<AreaDayKey, RecentCounts>keyedStore(StoreNames.AREA_DAILY).ifPresent(days -> {
      try (KeyValueIterator<AreaDayKey, RecentCounts> it = days.range(new AreaDayKey(areaKey, from), new AreaDayKey(areaKey, to))) {
        it.forEachRemaining(kv -> byDay.put(kv.key.day(), Counts.from(kv.value)));
      }
    });
    List<Day> days = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      days.add(Day.of(d, byDay.getOrDefault(d, Counts.ZERO)));
    }
    return days;
  }

  /** One area's figures for a local month, if its partition is here (zeros when nothing happened in it). */
  private Optional<Bulletin.Figures> localMonth(String areaKey, YearMonth month) {
    return read.state().<AreaMonthKey, MonthlyCounts>keyedStore(StoreNames.AREA_MONTHLY)
        .map(st -> BulletinBuilder.figures(st.get(new AreaMonthKey(areaKey, month))));
  }

  /** areaId → the month's figures of the areas of one type held here that had any. */
  private Map<String, Bulletin.Figures> localMonths(AreaType type, YearMonth month) {
    Map<String, Bulletin.Figures> found = new TreeMap<>();
    read.state().<AreaMonthKey, MonthlyCounts>keyedStore(StoreNames.AREA_MONTHLY).ifPresent(st -> {
      try (KeyValueIterator<AreaMonthKey, MonthlyCounts> it =
               st.prefixScan(AreaKeys.area(type, ""), Serdes.String().serializer())) {
        it.forEachRemaining(kv -> {
          if (kv.key.month().equals(month)) {
            found.put(AreaKeys.id(kv.key.area()), BulletinBuilder.figures(kv.value));
          }
        });
      }
    });
    return found;
  }

  private List<WeatherWarningView> localWeatherWarnings() {
    List<WeatherWarningView> found = new ArrayList<>();
    long now = read.nowMs();
    read.state().<WeatherWarning>store(StoreNames.WEATHER_WARNINGS).ifPresent(s -> {
      try (KeyValueIterator<String, WeatherWarning> it = s.all()) {
        it.forEachRemaining(kv -> {
          if (kv.value != null) {
            found.add(WeatherWarningView.from(kv.value, now));
          }
        });
      }
    });
    return found;
  }
}
