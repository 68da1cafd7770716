package io.fangxian.areas;

import io.fangxian.avro.AreaStats;
import io.fangxian.avro.RecentCounts;
import io.fangxian.avro.internal.AreaUpdate;
import io.fangxian.avro.internal.MonthCounts;
import io.fangxian.avro.internal.MonthlyCounts;
import io.fangxian.avro.internal.PeriodCounts;
import io.fangxian.config.PipelineConfig;
import io.fangxian.stats.AreaFigures;
import io.fangxian.stats.AreaKeys;
import io.fangxian.stats.AreaUpdates;
import io.fangxian.stats.MonthlyFigures;
import io.fangxian.store.AreaDayKey;
import io.fangxian.store.AreaHourKey;
import io.fangxian.store.AreaMonthKey;
import io.fangxian.store.StoreNames;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Per area: adds count changes to the all-time totals, the local-day, hourly and monthly
 * buckets (the monthly ones are kept: the bulletins of past months read them), and publishes the area's figures (keyed by area id). Figures
 * are published at most once per interval per area, and again when the rolling windows move with
 * the clock, never twice unchanged.
 */
final class AreaAggregator implements Processor<String, AreaUpdate, String, AreaStats> {
  private static final Duration WINDOW_REFRESH = Duration.ofMinutes(1);
  private static final Duration PRUNE_EVERY = Duration.ofHours(1);

  private final PipelineConfig config;
  private final Function<String, String> names;
  private ProcessorContext<String, AreaStats> context;
  private KeyValueStore<String, AreaStats> totals;
  private KeyValueStore<AreaDayKey, RecentCounts> daily;
  private KeyValueStore<AreaHourKey, RecentCounts> hourly;
  private KeyValueStore<AreaMonthKey, MonthlyCounts> monthly;
  private final Set<String> dirty = new LinkedHashSet<>();
  /**
   * Which areas changed since the last publish is only in memory: a crash after a commit and before
   * the publish loses it, and the restarted task would publish those areas only at the next minute.
   * So the first publish after every start publishes every area (unchanged figures are not sent).
   */
  private boolean publishAllNext;
  private final Map<String, AreaStats> published = new HashMap<>();
  /**
   * Each area's rolling windows at the hour they were read for, kept up to date as its buckets
   * change: a publish reads the area's 720 hourly buckets once an hour instead of every time. The
   * store stays the source of truth: this starts empty whenever the task starts (after a crash, a
   * rebalance or an aborted transaction the processor is initialised again) and is read again when
   * the hour turns. This processor is the only writer of the hourly buckets.
   */
  private final Map<String, AreaFigures.Windows> windows = new HashMap<>();

  /** @param names the display name of an area key, or null */
  AreaAggregator(PipelineConfig config, Function<String, String> names) {
    this.config = config;
    this.names = names;
  }

  @Override
  public void init(ProcessorContext<String, AreaStats> context) {
    this.context = context;
    totals = context.getStateStore(StoreNames.AREA_TOTALS);
    daily = context.getStateStore(StoreNames.AREA_DAILY);
    hourly = context.getStateStore(StoreNames.AREA_HOURLY);
    monthly = context.getStateStore(StoreNames.AREA_MONTHLY);
    windows.clear();
    published.clear(); // an aborted transaction took back what was forwarded, and init follows
    publishAllNext = true;
    context.schedule(config.statsPublishInterval(), PunctuationType.WALL_CLOCK_TIME, this::publishChanged);
    context.schedule(WINDOW_REFRESH, PunctuationType.WALL_CLOCK_TIME, this::publishAll);
    context.schedule(PRUNE_EVERY, PunctuationType.WALL_CLOCK_TIME, this::prune);
  }

  @Override
  public void process(Record<String, AreaUpdate> record) {
    String area = record.key();
    AreaUpdate delta = record.value();
    if (!AreaUpdates.changesCounts(delta)) {
      return; // a hazard state or a weather warning, for the area rules
    }
    AreaStats figures = totals.get(area);
    if (figures == null) {
      figures = AreaFigures.empty(delta.getAreaType(), delta.getAreaId(), names.apply(area));
    }
    AreaFigures.apply(figures, delta);
    figures.setUpdatedAt(Instant.ofEpochMilli(context.currentSystemTimeMs()));
    totals.put(area, figures);
    for (PeriodCounts period : delta.getPeriods()) {
      Instant t = period.getOccurredAt();
      AreaDayKey dayKey = new AreaDayKey(area, LocalDate.ofInstant(t, config.zone()));
      daily.put(dayKey, AreaFigures.sum(orZero(daily.get(dayKey)), period.getCounts()));
      AreaHourKey hourKey = new AreaHourKey(area, AreaKeys.epochHour(t.toEpochMilli()));
      hourly.put(hourKey, AreaFigures.sum(orZero(hourly.get(hourKey)), period.getCounts()));
      windows.computeIfPresent(area, (a, w) -> w.plus(hourKey.epochHour(), period.getCounts()));
    }
    for (MonthCounts m : delta.getMonths()) {
      AreaMonthKey monthKey = new AreaMonthKey(area, YearMonth.from(m.getOccurredAt().atZone(config.zone())));
      MonthlyCounts known = monthly.get(monthKey);
      monthly.put(monthKey, MonthlyFigures.sum(known == null ? MonthlyFigures.zero() : known, m.getCounts()));
    }
    dirty.add(area);
  }

  private static RecentCounts orZero(RecentCounts bucket) {
    return bucket == null ? AreaFigures.zero() : bucket;
  }

  private void publishChanged(long now) {
    if (publishAllNext) {
      publishAllNext = false;
      dirty.clear();
      publishAll(now);
      return;
    }
    List<String> areas = new ArrayList<>(dirty);
    dirty.clear();
    areas.forEach(area -> publish(area, totals.get(area), now));
  }

  private void publishAll(long now) {
    List<KeyValue<String, AreaStats>> all = new ArrayList<>();
    try (KeyValueIterator<String, AreaStats> it = totals.all()) {
      it.forEachRemaining(all::add);
    }
    all.forEach(entry -> publish(entry.key, entry.value, now));
  }

  private void publish(String area, AreaStats figures, long now) {
    if (figures == null) {
      return;
    }
    AreaFigures.Windows w = windows.get(area);
    if (w == null || w.hour() != AreaKeys.epochHour(now)) {
      w = AreaFigures.Windows.of(HourlyBuckets.window(hourly, area, now), now);
      windows.put(area, w);
    }
    AreaStats stats = AreaFigures.withWindows(figures, w);
    if (!AreaFigures.sameFigures(stats, published.get(area))) {
      context.forward(new Record<>(AreaKeys.id(area), stats, now));
      published.put(area, stats);
    }
  }

  /** Drops hourly buckets older than the longest window and daily ones past their retention. */
  private void prune(long now) {
    List<String> areas = new ArrayList<>();
    try (KeyValueIterator<String, AreaStats> it = totals.all()) {
      it.forEachRemaining(kv -> areas.add(kv.key));
    }
    long oldestHour = AreaKeys.epochHour(now) - AreaFigures.WINDOW_HOURS;
    LocalDate oldestDay = LocalDate.ofInstant(Instant.ofEpochMilli(now).minus(config.dailyRetention()), config.zone());
    for (String area : areas) {
      deleteRange(hourly, new AreaHourKey(area, 0), new AreaHourKey(area, oldestHour - 1));
      deleteRange(daily, new AreaDayKey(area, LocalDate.of(1, 1, 1)), new AreaDayKey(area, oldestDay.minusDays(1)));
    }
  }

  private static <K> void deleteRange(KeyValueStore<K, RecentCounts> store, K from, K to) {
    List<K> keys = new ArrayList<>();
    try (KeyValueIterator<K, RecentCounts> it = store.range(from, to)) {
      it.forEachRemaining(kv -> keys.add(kv.key));
    }
    keys.forEach(store::delete);
  }

}
