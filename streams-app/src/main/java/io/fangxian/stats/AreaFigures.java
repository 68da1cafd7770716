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
   * The totals with their rolling windows filled in for the hour containing {@code nowMs}.
   * {@code hourly} maps epoch hours to buckets (as read by a range scan over the last
   * {@link #WINDOW_HOURS}); windows count the current hour and the ones before it: 24, 168, 720.
   */
  public static AreaStats withWindows(AreaStats totals, Map<Long, RecentCounts> hourly, long nowMs) {
    long nowHour = AreaKeys.epochHour(nowMs);
    RecentCounts d1 = zero();
    RecentCounts d7 = zero();
    RecentCounts d30 = zero();
    for (Map.Entry<Long, RecentCounts> bucket : hourly.entrySet()) {
      long age = nowHour - bucket.getKey();
      if (age < 0 || age >= WINDOW_HOURS) {
        continue;
      }
      if (age < 24) {
        d1 = sum(d1, bucket.getValue());
      }
      if (age < 168) {
        d7 = sum(d7, bucket.getValue());
      }
      d30 = sum(d30, bucket.getValue());
    }
    return AreaStats.newBuilder(totals)
        .setInspectionsByKind(new HashMap<>(totals.getInspectionsByKind()))
        .setHazardsBySource(new HashMap<>(totals.getHazardsBySource()))
        .setHazardsByCategory(new HashMap<>(totals.getHazardsByCategory()))
        .setMajorHazardsByClause(new HashMap<>(totals.getMajorHazardsByClause()))
        .setSupervisedMajorHazardsByLevel(new HashMap<>(totals.getSupervisedMajorHazardsByLevel()))
        .setLast24h(d1).setLast7d(d7).setLast30d(d30)
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
