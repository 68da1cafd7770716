package io.fangxian.domain;

import java.util.List;

/** The product's topics (DESIGN §7). Names are defaults; a deployment may add a prefix. */
public final class Topics {
  public static final String ENTERPRISES = "reference.enterprises";
  /** The supervision roster (leaders and officers, 挂钩督导), keyed by leaderId. */
  public static final String ROSTER = "reference.roster";
  /** The responsibility list (监管责任清单): sector → supervising department, keyed by sectorId. */
  public static final String RESPONSIBILITIES = "reference.responsibilities";
  /** The district's sector list over the built-in one, keyed by sectorId; read when an instance starts. */
  public static final String SECTORS = "reference.sectors";
  /** Grids (网格) under the townships and their grid workers, keyed by gridId. */
  public static final String GRIDS = "reference.grids";
  /** Certificates of the three key posts (三项岗位), keyed by certificateId. */
  public static final String CERTIFICATES = "safety.certificates";
  /** Figures per grid and per park (coverage and certificates; parks also every event count). */
  public static final String GRID_STATS = "safety.grid-stats";
  public static final String PARK_STATS = "safety.park-stats";
  /** Handling of alerts (签收, 反馈, 核查, 消警), keyed by alertKey. */
  public static final String ALERT_ACTIONS = "safety.alert-actions";
  public static final String HAZARDS = "safety.hazards";
  public static final String VIOLATIONS = "safety.violations";
  public static final String INSPECTIONS = "safety.inspections";
  /** Accidents and their corrections (生产安全事故), keyed by enterpriseId. */
  public static final String ACCIDENTS = "safety.accidents";
  /** The bureau's duties after an accident report (493号令 第十、十一条), keyed by the accident's enterpriseId. */
  public static final String ACCIDENT_DUTIES = "safety.accident-duties";
  public static final String WEATHER_WARNINGS = "safety.weather-warnings";
  /** Steps of enforcement cases (行政处罚案件, 立案 … 结案), keyed by enterpriseId. */
  public static final String ENFORCEMENT_CASES = "safety.enforcement-cases";
  /** Steps of public reports (举报, 接收 … 奖励), keyed by enterpriseId when the report names one, else by reportId. */
  public static final String PUBLIC_REPORTS = "safety.public-reports";
  public static final String TOWNSHIP_STATS = "safety.township-stats";
  public static final String SECTOR_STATS = "safety.sector-stats";
  public static final String HAZARD_LEDGER = "safety.hazard-ledger";
  public static final String ALERTS = "safety.alerts";
  public static final String DEAD_LETTERS = "safety.dead-letters";

  /** A topic to create: its name and whether it is compacted (one current record per key). */
  public record TopicSpec(String name, boolean compacted) { }

  public static final List<TopicSpec> ALL = List.of(
      new TopicSpec(ENTERPRISES, true),
      new TopicSpec(ROSTER, true),
      new TopicSpec(RESPONSIBILITIES, true),
      new TopicSpec(GRIDS, true),
      new TopicSpec(SECTORS, true),
      new TopicSpec(CERTIFICATES, true),
      new TopicSpec(ALERT_ACTIONS, false),
      new TopicSpec(HAZARDS, false),
      new TopicSpec(VIOLATIONS, false),
      new TopicSpec(INSPECTIONS, false),
      new TopicSpec(WEATHER_WARNINGS, false),
      new TopicSpec(ACCIDENTS, false),
      new TopicSpec(ACCIDENT_DUTIES, false),
      new TopicSpec(ENFORCEMENT_CASES, false),
      new TopicSpec(PUBLIC_REPORTS, false),
      new TopicSpec(TOWNSHIP_STATS, true),
      new TopicSpec(SECTOR_STATS, true),
      new TopicSpec(GRID_STATS, true),
      new TopicSpec(PARK_STATS, true),
      new TopicSpec(HAZARD_LEDGER, true),
      new TopicSpec(ALERTS, false),
      new TopicSpec(DEAD_LETTERS, false));

  /** The input topics the pipeline reads, in the order of DESIGN §3. */
  public static final List<String> INPUTS =
      List.of(ENTERPRISES, HAZARDS, VIOLATIONS, INSPECTIONS, WEATHER_WARNINGS, ACCIDENTS, ALERT_ACTIONS, CERTIFICATES,
          ACCIDENT_DUTIES, ENFORCEMENT_CASES, PUBLIC_REPORTS);

  /** Reference data every instance reads whole (global tables): not partitioned with the events. */
  public static final List<String> GLOBAL_INPUTS = List.of(ROSTER, RESPONSIBILITIES, GRIDS);

  private Topics() { }
}
