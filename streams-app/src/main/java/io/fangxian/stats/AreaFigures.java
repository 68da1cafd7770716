package io.fangxian.stats;

import io.fangxian.avro.AreaStats;
import io.fangxian.avro.AreaType;
import io.fangxian.avro.RecentCounts;
import io.fangxian.avro.internal.AreaUpdate;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Arithmetic on area figures: applying a update, and the rolling windows. Pure functions. */
public final class AreaFigures {
  private AreaFigures() { }

  public static AreaStats empty(AreaType type, String id, String name) {
    return AreaStats.newBuilder()
        .setAreaType(type).setAreaId(id).setAreaName(name)
        .setInspectionsByKind(new HashMap<>()).setHazardsBySource(new HashMap<>())
        .setHazardsByCategory(new HashMap<>()).setMajorHazardsByClause(new HashMap<>())
        .setSupervisedMajorHazardsByLevel(new HashMap<>())
        .setLast24h(zero()).setLast7d(zero()).setLast30d(zero())
        .setUpdatedAt(Instant.EPOCH)
        .build();
  }

  public static RecentCounts zero() {
    return new RecentCounts(0L, 0L, 0L, 0L, 0L, 0L, 0L);
  }

  /** Adds an update to the all-time totals, in place. */
  public static void apply(AreaStats s, AreaUpdate d) {
    AreaCounters.addAll(s, d);
    // 整改率 counts what is rectified, closed or not; 销号率 only what is closed. A total below 0 (hazards
    // rectified before rectifiedHazards existed and closed since) counts as 0.
    long rectified = Math.max(0, s.getRectifiedHazards());
    s.setRectificationRate(share(rectified + s.getClosedHazards(), s.getHazardsReported()));
    s.setClosureRate(share(s.getClosedHazards(), s.getHazardsReported()));
    s.setCoverageLast30d(share(s.getInspectedLast30d(), s.getEnterprises()));
    s.setCoverageLast90d(share(s.getInspectedLast90d(), s.getEnterprises()));
    s.setCoverageLast365d(share(s.getInspectedLast365d(), s.getEnterprises()));
    s.setKeyAreaCoverageLast90d(share(s.getKeyAreaInspectedLast90d(), s.getKeyAreaEnterprises()));
  }

  /** {@code part / whole}, 0 when the whole is 0. */
  public static double share(long part, long whole) {
    return whole == 0 ? 0.0 : (double) part / whole;
  }

  public static RecentCounts sum(RecentCounts a, RecentCounts b) {
    return new RecentCounts(
        a.getHazardsReported() + b.getHazardsReported(),
        a.getMajorHazardsReported() + b.getMajorHazardsReported(),
        a.getViolations() + b.getViolations(),
        a.getInspections() + b.getInspections(),
        a.getSelfReportedHazards() + b.getSelfReportedHazards(),
        a.getInspectionFoundHazards() + b.getInspectionFoundHazards(),
        a.getAccidents() + b.getAccidents());
  }

  /** Hours in the longest rolling window. */
  public static final int WINDOW_HOURS = 720;

  /**
   * The sums of the rolling windows at one epoch hour: the buckets of that hour and the ones before
   * it, 24, 168 and 720 of them.
   */
  public record Windows(long hour, RecentCounts last24h, RecentCounts last7d, RecentCounts last30d) {
    /**
     * The windows for the hour containing {@code nowMs}, from {@code hourly}, which maps epoch hours
     * to buckets (as read by a range scan over the last {@link #WINDOW_HOURS}).
     */
    public static Windows of(Map<Long, RecentCounts> hourly, long nowMs) {
      Windows w = new Windows(AreaKeys.epochHour(nowMs), zero(), zero(), zero());
      for (Map.Entry<Long, RecentCounts> bucket : hourly.entrySet()) {
        w = w.plus(bucket.getKey(), bucket.getValue());
      }
      return w;
    }

    /** These windows with {@code change} added to the bucket of epoch hour {@code bucketHour}. */
    public Windows plus(long bucketHour, RecentCounts change) {
      long age = hour - bucketHour;
      if (age < 0 || age >= WINDOW_HOURS) {
        return this;
      }
      return new Windows(hour, age < 24 ? sum(last24h, change) : last24h, age < 168 ? sum(last7d, change) : last7d,
          sum(last30d, change));
    }
  }

  /** The totals with their rolling windows filled in for the hour containing {@code nowMs}, from its hourly buckets. */
  public static AreaStats withWindows(AreaStats totals, Map<Long, RecentCounts> hourly, long nowMs) {
    return withWindows(totals, Windows.of(hourly, nowMs));
  }

  /** The totals with the rolling windows {@code w}. */
  public static AreaStats withWindows(AreaStats totals, Windows w) {
    return AreaStats.newBuilder(totals)
        .setInspectionsByKind(new HashMap<>(totals.getInspectionsByKind()))
        .setHazardsBySource(new HashMap<>(totals.getHazardsBySource()))
        .setHazardsByCategory(new HashMap<>(totals.getHazardsByCategory()))
        .setMajorHazardsByClause(new HashMap<>(totals.getMajorHazardsByClause()))
        .setSupervisedMajorHazardsByLevel(new HashMap<>(totals.getSupervisedMajorHazardsByLevel()))
        .setLast24h(w.last24h()).setLast7d(w.last7d()).setLast30d(w.last30d())
        .build();
  }

  /** Equal apart from {@code updatedAt}: whether republishing would tell a subscriber anything. */
  public static boolean sameFigures(AreaStats a, AreaStats b) {
    if (a == null || b == null) {
      return a == b;
    }
    AreaStats x = AreaStats.newBuilder(a).setUpdatedAt(Instant.EPOCH).build();
    AreaStats y = AreaStats.newBuilder(b).setUpdatedAt(Instant.EPOCH).build();
    return x.equals(y);
  }
}
