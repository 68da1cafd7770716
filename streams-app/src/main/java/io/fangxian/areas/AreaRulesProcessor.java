package io.fangxian.areas;

import io.fangxian.avro.Alert;
import io.fangxian.avro.AlertSubject;
import io.fangxian.avro.AreaStats;
import io.fangxian.avro.AreaType;
import io.fangxian.avro.Grid;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardState;
import io.fangxian.avro.RecentCounts;
import io.fangxian.avro.SubjectType;
import io.fangxian.avro.WarningLevel;
import io.fangxian.avro.WeatherWarning;
import io.fangxian.avro.internal.AreaUpdate;
import io.fangxian.config.PipelineConfig;
import io.fangxian.config.RulesConfig;
import io.fangxian.domain.ReferenceData;
import io.fangxian.ledger.HazardLifecycle;
import io.fangxian.rules.AlertSignals;
import io.fangxian.rules.AreaRules;
import io.fangxian.rules.HazardRules;
import io.fangxian.rules.StandingRules;
import io.fangxian.stats.AreaKeys;
import io.fangxian.stats.AreaUpdates;
import io.fangxian.store.AreaHourKey;
import io.fangxian.store.AreaMemberKey;
import io.fangxian.store.StoreNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The early-warning rules evaluated per area (see {@link HazardRules} and {@link AreaRules}):
 * the rules of major hazards on each change (their level follows the township's weather), weather
 * escalation when warnings change or weather-sensitive hazards open or close, and the count rules
 * (surge, self-report gap) on a timer from the hourly buckets. Emits signals keyed by alert key.
 */
final class AreaRulesProcessor implements Processor<String, AreaUpdate, String, Alert> {
  private static final Duration COUNT_RULES_EVERY = Duration.ofSeconds(5);
  private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

  private final PipelineConfig config;
  private final RulesConfig rules;
  private final HazardRules hazardRules;
  private final AreaRules areaRules;
  private ProcessorContext<String, Alert> context;
  private KeyValueStore<AreaMemberKey, HazardState> openHazards;
  private KeyValueStore<AreaMemberKey, WeatherWarning> weather;
  private KeyValueStore<AreaHourKey, RecentCounts> hourly;
  private KeyValueStore<String, AreaStats> totals;
  private final Set<String> dirty = new LinkedHashSet<>();
  /** Townships whose open weather-sensitive hazards changed while a warning was active. */
  private final Set<String> weatherDirty = new LinkedHashSet<>();
  /**
   * The two sets above are only in memory, lost by a crash after a commit: the first pass after
   * every start sweeps every area (the weather of every township with a warning too, as
   * {@code lastActive} starts empty), rather than leaving their rules to the minute's sweep.
   */
  private boolean sweepNext;
  /** The warnings last seen active per township, so the sweep acts only when that changes. */
  private final Map<String, Set<String>> lastActive = new HashMap<>();
  /** The weather store in memory, by area: it is small and read on every hazard change. */
  private final Map<String, Map<AreaMemberKey, WeatherWarning>> warnings = new HashMap<>();
  /** What the coverage rule last said per area ("FIRING/YELLOW", "RESOLVED/UNKNOWN"); empty after a restart. */
  private final Map<String, String> coverageSaid = new HashMap<>();
  private final StandingRules standingRules;
  private final ReferenceData reference;
  private TimestampedKeyValueStore<String, Grid> grids;

  AreaRulesProcessor(PipelineConfig config, RulesConfig rules, HazardRules hazardRules, AreaRules areaRules,
      StandingRules standingRules, ReferenceData reference) {
    this.standingRules = standingRules;
    this.reference = reference;
    this.config = config;
    this.rules = rules;
    this.hazardRules = hazardRules;
    this.areaRules = areaRules;
  }

  @Override
  public void init(ProcessorContext<String, Alert> context) {
    this.context = context;
    openHazards = context.getStateStore(StoreNames.AREA_OPEN_HAZARDS);
    weather = context.getStateStore(StoreNames.AREA_WEATHER);
    hourly = context.getStateStore(StoreNames.AREA_HOURLY);
    totals = context.getStateStore(StoreNames.AREA_TOTALS);
    grids = context.getStateStore(StoreNames.GRIDS);
    coverageSaid.clear();
    warnings.clear();
    lastActive.clear();
    try (KeyValueIterator<AreaMemberKey, WeatherWarning> it = weather.all()) {
      it.forEachRemaining(kv -> remember(kv.key, kv.value));
    }
    sweepNext = true;
    context.schedule(COUNT_RULES_EVERY, PunctuationType.WALL_CLOCK_TIME, now -> {
      List<String> areas = new ArrayList<>(dirty);
      dirty.clear();
      if (sweepNext) {
        sweepNext = false;
        sweep(now);
      } else {
        areas.forEach(area -> countRules(area, now));
      }
      List<String> townships = new ArrayList<>(weatherDirty);
      weatherDirty.clear();
      townships.forEach(area -> emit(weatherSignal(area, now), now));
    });
    context.schedule(SWEEP_EVERY, PunctuationType.WALL_CLOCK_TIME, this::sweep);
  }

  @Override
  public void process(Record<String, AreaUpdate> record) {
    String area = record.key();
    AreaUpdate update = record.value();
    long now = context.currentSystemTimeMs();
    if (update.getHazard() != null && update.getAreaType() == AreaType.TOWNSHIP) {
      hazardChanged(area, update.getHazard(), now);
    }
    if (update.getWeather() != null) {
      AreaMemberKey key = new AreaMemberKey(area, update.getWeather().getWarningId());
      weather.put(key, update.getWeather());
      remember(key, update.getWeather());
      weatherChanged(area, now);
    }
    if (AreaUpdates.changesCounts(update)) {
      dirty.add(area);
    }
  }

  private void hazardChanged(String area, HazardState after, long now) {
    AreaMemberKey key = new AreaMemberKey(area, after.getHazardId());
    HazardState before = openHazards.get(key);
    if (HazardLifecycle.isMajor(after) || (before != null && HazardLifecycle.isMajor(before))) {
      emit(hazardRules.evaluate(before, after, weatherLevel(area, now), now), now);
    }
    if (HazardLifecycle.isOpen(after)) {
      openHazards.put(key, after);
    } else {
      openHazards.delete(key);
    }
    boolean sensitive = areaRules.isWeatherSensitive(after.getSectorId());
    boolean openedOrClosed = before == null || !HazardLifecycle.isOpen(after);
    if (sensitive && openedOrClosed && !activeWarnings(area, now).isEmpty()) {
      // The signal lists the township's open sensitive hazards: one scan per township and
      // count-rule interval, not one per hazard.
      weatherDirty.add(area);
    }
  }

  /** A warning arrived or expired: the weather alert and the major hazards' levels may change. */
  private void weatherChanged(String area, long now) {
    lastActive.put(area, activeWarningIds(area, now));
    weatherDirty.remove(area);
    emit(weatherSignal(area, now), now);
    WarningLevel level = weatherLevel(area, now);
    for (HazardState h : openHazards(area)) {
      if (h.getSeverity() == HazardSeverity.MAJOR) {
        emit(hazardRules.evaluate(h, h, level, now), now);
      }
    }
  }

  private List<Alert> weatherSignal(String area, long now) {
    if (!rules.weatherEscalation().enabled()) {
      return List.of();
    }
    List<HazardState> sensitive = openHazards(area).stream()
        .filter(h -> areaRules.isWeatherSensitive(h.getSectorId())).toList();
    return List.of(areaRules.weather(AreaKeys.id(area), activeWarnings(area, now), sensitive, now));
  }

  private void countRules(String area, long now) {
    AreaType areaType = AreaKeys.type(area);
    if (areaType == AreaType.TOWNSHIP || areaType == AreaType.GRID) {
      coverageRule(area, areaType, now);
    }
    if (areaType != AreaType.TOWNSHIP && areaType != AreaType.SECTOR) {
      return; // grids and parks: figures, not the count rules
    }
    long nowHour = AreaKeys.epochHour(now);
    SubjectType type = areaType == AreaType.TOWNSHIP ? SubjectType.TOWNSHIP : SubjectType.SECTOR;
    String id = AreaKeys.id(area);
    RecentCounts last24h = HourlyBuckets.sum(hourly, area, nowHour - 23, nowHour);
    RecentCounts before = HourlyBuckets.sum(hourly, area, nowHour - 24 * 8 + 1, nowHour - 24);
    areaRules.surge(type, id, last24h.getHazardsReported(), before.getHazardsReported(), now)
        .ifPresent(signal -> emit(List.of(signal), now));
    long windowHours = rules.selfReportGap().window().toHours();
    RecentCounts window = HourlyBuckets.sum(hourly, area, nowHour - windowHours + 1, nowHour);
    areaRules.selfReportGap(type, id, window.getSelfReportedHazards(), window.getInspectionFoundHazards(), now)
        .ifPresent(signal -> emit(List.of(signal), now));
  }

  /**
   * Coverage of a township or grid: says something only when the answer changes (fires, resolves),
   * so that the sweep, which asks every area every minute, does not fill the signal topic.
   */
  private void coverageRule(String area, AreaType type, long now) {
    AreaStats figures = totals.get(area);
    if (figures == null) {
      return;
    }
    String id = AreaKeys.id(area);
    AlertSubject subject;
    if (type == AreaType.GRID) {
      ValueAndTimestamp<Grid> grid = grids.get(id);
      Grid g = grid == null ? null : grid.value();
      subject = AlertSignals.gridSubject(id, g == null ? null : g.getName(), g == null ? null : g.getTownshipId(), reference);
    } else {
      subject = AlertSignals.areaSubject(SubjectType.TOWNSHIP, id, reference);
    }
    standingRules.coverage(subject, figures, Instant.ofEpochMilli(now)).ifPresent(signal -> {
      String said = signal.getStatus() + "/" + signal.getLevel();
      if (!said.equals(coverageSaid.put(area, said))) {
        emit(List.of(signal), now);
      }
    });
  }

  /** Windows move with the clock and warnings start and expire: look at every area once a minute. */
  private void sweep(long now) {
    List<String> areas = new ArrayList<>();
    try (KeyValueIterator<String, AreaStats> it = totals.all()) {
      it.forEachRemaining(kv -> areas.add(kv.key));
    }
    areas.forEach(area -> countRules(area, now));
    Set<String> withWarnings = new LinkedHashSet<>();
    List<AreaMemberKey> expired = new ArrayList<>();
    try (KeyValueIterator<AreaMemberKey, WeatherWarning> it = weather.all()) {
      it.forEachRemaining(kv -> {
        withWarnings.add(kv.key.area());
        if (kv.value.getValidTo().toEpochMilli() <= now) {
          expired.add(kv.key);
        }
      });
    }
    for (AreaMemberKey key : expired) {
      weather.delete(key);
      Map<AreaMemberKey, WeatherWarning> inArea = warnings.get(key.area());
      if (inArea != null) {
        inArea.remove(key);
      }
    }
    withWarnings.addAll(lastActive.keySet());
    // Re-evaluating an area reads all its open hazards: only where a warning started or ended.
    withWarnings.stream().filter(area -> !activeWarningIds(area, now).equals(lastActive.get(area)))
        .toList().forEach(area -> weatherChanged(area, now));
  }

  private Set<String> activeWarningIds(String area, long now) {
    Set<String> ids = new TreeSet<>();
    activeWarnings(area, now).forEach(w -> ids.add(w.getWarningId()));
    return ids;
  }

  private List<WeatherWarning> activeWarnings(String area, long now) {
    return warnings.getOrDefault(area, Map.of()).values().stream()
        .filter(w -> w.getValidFrom().toEpochMilli() <= now && now < w.getValidTo().toEpochMilli())
        .toList();
  }

  private void remember(AreaMemberKey key, WeatherWarning w) {
    warnings.computeIfAbsent(key.area(), a -> new HashMap<>()).put(key, w);
  }

  private WarningLevel weatherLevel(String area, long now) {
    return activeWarnings(area, now).stream().map(WeatherWarning::getLevel)
        .max(java.util.Comparator.comparingInt(Enum::ordinal)).orElse(WarningLevel.UNKNOWN);
  }

  private List<HazardState> openHazards(String area) {
    List<HazardState> open = new ArrayList<>();
    try (KeyValueIterator<AreaMemberKey, HazardState> it = openHazards.prefixScan(area, AreaMemberKey.AREA_PREFIX)) {
      it.forEachRemaining(kv -> open.add(kv.value));
    }
    return open;
  }

  private void emit(List<Alert> signals, long now) {
    for (Alert signal : signals) {
      context.forward(new Record<>(signal.getAlertKey(), signal, now));
    }
  }
}
