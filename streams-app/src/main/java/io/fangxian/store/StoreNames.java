package io.fangxian.store;

/**
 * State store names. Each is also the stem of its changelog topic
 * ({@code <application.id>-<store>-changelog}), so renaming one loses its state: don't.
 */
public final class StoreNames {
  /** Enterprise reference data by enterpriseId. */
  public static final String ENTERPRISES = "enterprises";
  /** {@code <kind>:<eventId>} → wall-clock time first seen, to drop resent events. */
  public static final String EVENT_IDS = "event-ids";
  /** The hazard ledger: hazardId → HazardState. */
  public static final String HAZARD_LEDGER = "hazard-ledger";
  /**
   * Public reports whose VERIFIED step named a hazard the ledger did not hold yet: hazardId →
   * {@code HazardReportLinks}, until the hazard is reported (written by the ledger only).
   */
  public static final String HAZARD_REPORT_LINKS = "hazard-report-links";
  /** Open hazards by when they are due next (deadline or overdue step): {@code store.DueKey} → hazardId. */
  public static final String HAZARD_DEADLINES = "hazard-deadlines";
  /** The current version of each accident: accidentId → {@code AccidentState} (the latest correction). */
  public static final String ACCIDENTS = "accidents";
  /** The bureau's duties per accident (→ AccidentDuties), and when each accident's next falls due. */
  public static final String ACCIDENT_DUTIES = "accident-duties";
  public static final String ACCIDENT_DUTIES_DUE = "accident-duties-due";
  /** All-time figures per area: {@code township/<id>}, {@code sector/<id>}, {@code grid/<id>} or {@code park/<id>} → AreaStats. */
  public static final String AREA_TOTALS = "area-totals";
  /** Per local day: {@code store.AreaDayKey} → RecentCounts. */
  public static final String AREA_DAILY = "area-daily";
  /** Per hour, for the rolling windows: {@code store.AreaHourKey} → RecentCounts. */
  public static final String AREA_HOURLY = "area-hourly";
  /** Per local month, the bulletin's figures, kept: {@code store.AreaMonthKey} → MonthlyCounts. */
  public static final String AREA_MONTHLY = "area-monthly";
  /** Count changes not yet sent on to the areas, summed per area: {@code <area>} → AreaUpdate. */
  public static final String AREA_DELTAS = "area-deltas";
  /** Weather warnings by warningId. */
  public static final String WEATHER_WARNINGS = "weather-warnings";

  /** Current alerts by alert key, including those resolved in the last days. */
  public static final String ALERTS = "alerts";
  /** Lowering or resolving that waits for the hold time: alert key → the signal. */
  public static final String ALERTS_PENDING = "alerts-pending";
  /** Open major and weather-sensitive hazards per township, for the area rules: {@code store.AreaMemberKey} → HazardState. */
  public static final String AREA_OPEN_HAZARDS = "area-open-hazards";
  /** Weather warnings per township: {@code store.AreaMemberKey} → WeatherWarning. */
  public static final String AREA_WEATHER = "area-weather";
  /** Violations per enterprise, for the repeat-violator rule: {@code store.ViolationKey} → {@code store.ViolationEntry}. */
  public static final String ENTERPRISE_VIOLATIONS = "enterprise-violations";
  /** Per key-area enterprise: when it last self-inspected (or was first watched). */
  public static final String SELF_INSPECTIONS = "self-inspections";
  /**
   * The hazards each enterprise-level hazard alert (overdue rectification, key enterprise) is made
   * of: {@code store.EnterpriseItemKey} ({@code <rule>:<hazardId>}) → HazardState, as last seen.
   */
  public static final String ENTERPRISE_HAZARD_ALERTS = "enterprise-hazard-alerts";
  /** When each enterprise's alerts must be looked at again: {@code store.CheckKey} → enterpriseId. */
  public static final String ENTERPRISE_CHECKS = "enterprise-checks";

  /** The enterprise dossier (一企一档), each {@code store.EnterpriseItemKey}: the enterprise's hazards (→ hazardId). */
  public static final String DOSSIER_HAZARDS = "dossier-hazards";
  /** The enterprise's violations as recorded (→ ViolationEvent), kept {@code dossier.retention} after they occurred. */
  public static final String DOSSIER_VIOLATIONS = "dossier-violations";
  /** The enterprise's inspections as recorded (→ InspectionEvent), kept {@code dossier.retention} after they occurred. */
  public static final String DOSSIER_INSPECTIONS = "dossier-inspections";
  /** The enterprise's accidents (→ accidentId, whose current version is in {@link #ACCIDENTS}). */
  public static final String DOSSIER_ACCIDENTS = "dossier-accidents";

  /** The supervision roster, whole on every instance (global): leaderId → Leader. */
  public static final String ROSTER = "roster";
  /** The responsibility list, whole on every instance (global): sectorId → Responsibility. */
  public static final String RESPONSIBILITIES = "responsibilities";
  /** When each open alert's handling limits fall due: {@code store.DueKey} (alert key) → alert key. */
  public static final String ALERT_HANDLING_DUE = "alert-handling-due";

  /** The grids, whole on every instance (global): gridId → Grid. */
  public static final String GRIDS = "grids";
  /** The current version of each certificate: certificateId → CertificateEvent. */
  public static final String CERTIFICATES = "certificates";
  /** What coverage and certificates know of each enterprise: enterpriseId → {@code EnterpriseStanding}. */
  public static final String ENTERPRISE_STANDING = "enterprise-standing";
  /** When each enterprise's standing next changes by the clock: {@code store.DueKey} (enterpriseId) → enterpriseId. */
  public static final String STANDING_DUE = "standing-due";
  /** The repartition topic that brings each certificate to its enterprise's partition. */
  public static final String CERTIFICATES_BY_ENTERPRISE_REPARTITION = "certificates-by-enterprise";

  /** The repartition topic that re-keys rule signals by alert key. */
  public static final String ALERT_SIGNALS_REPARTITION = "alert-signals";
  /**
   * The area rules' signals, re-keyed by alert key on a topic of their own: merged into
   * {@link #ALERT_SIGNALS_REPARTITION} before it, they made the area side and the enterprise side one
   * sub-topology.
   */
  public static final String AREA_ALERT_SIGNALS_REPARTITION = "area-alert-signals";

  /** The repartition topic that re-keys count changes, hazard states and warnings by area. */
  public static final String AREA_UPDATES_REPARTITION = "area-updates";

  private StoreNames() { }
}
