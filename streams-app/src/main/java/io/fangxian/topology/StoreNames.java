package io.fangxian.topology;

/**
 * State store names. Each is also the stem of its changelog topic
 * ({@code <application.id>-<store>-changelog}), so renaming one loses its state: don't.
 */
public final class StoreNames {
  /** Enterprise reference data by enterpriseId. */
  public static final String ENTERPRISES = "enterprises";
  /** eventId → wall-clock time first seen, to drop resent events. */
  public static final String EVENT_IDS = "event-ids";
  /** The hazard ledger: hazardId → HazardState. */
  public static final String HAZARD_LEDGER = "hazard-ledger";
  /** Open hazards not yet overdue, by deadline: {@code <deadline ms, 19 digits>|<hazardId>} → hazardId. */
  public static final String HAZARD_DEADLINES = "hazard-deadlines";
  /** All-time figures per area: {@code township/<id>} or {@code sector/<id>} → AreaStats. */
  public static final String AREA_TOTALS = "area-totals";
  /** Per local day: {@code <area>|yyyy-MM-dd} → RecentCounts. */
  public static final String AREA_DAILY = "area-daily";
  /** Per hour, for the rolling windows: {@code <area>|h<epoch hour>} → RecentCounts. */
  public static final String AREA_HOURLY = "area-hourly";
  /** Weather warnings by warningId. */
  public static final String WEATHER_WARNINGS = "weather-warnings";

  /** The repartition topic that re-keys count changes by area. */
  public static final String AREA_DELTAS_REPARTITION = "area-deltas";

  private StoreNames() { }
}
