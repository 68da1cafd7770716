package io.fangxian.generate;

import io.fangxian.avro.Enterprise;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Seeded, deterministic synthetic work-safety data for Jintan District.
 *
 * <p>Use: {@link #emitReferenceData()} (the enterprises), then {@link #emitUntil(Instant)} or
 * {@link #step(Instant)} with a clock — the wall clock for a live demo, or any simulated time — to
 * deliver every event falling due, in event-time order. The output depends only on the
 * {@link Config}, not on how often or in what steps the clock is advanced: events are planned in
 * one-hour buckets, each whole story (a hazard's lifecycle, a weather warning's update) at once.
 *
 * <p>Background activity: periodic enterprise self-inspections (key areas every 5–12 days, others
 * every 10–25); department (ROUTINE), FLYING, LINKED_SUPERVISION and GRID_PATROL inspections and
 * public reports as Poisson arrivals; each inspection finding becomes a hazard with the matching
 * source, so sources come out about 40% self-inspection, 18% department, 10% flying, 10% linked
 * supervision, 14% grid patrol, 8% public report. Hazards follow the closed loop REPORTED →
 * RECTIFICATION_STARTED → (DEADLINE_EXTENDED) → RECTIFIED → (ENTERPRISE_ACCEPTED) → VERIFIED_CLOSED;
 * about a quarter are fixed on the spot (立行立改), about 8% stall and go overdue, 4% fail a re-check
 * and are rectified again, 30% are accepted by the enterprise first (half of those general hazards
 * end there). About 3% are major, each citing a criteria clause of its sector; 85% of majors are put
 * under 挂牌督办 before rectification starts. Violations (warning, fine 5 000–200 000
 * yuan, suspension, closure) and seasonal weather warnings are Poisson arrivals too. History
 * ({@code historyDays} before {@code start}) follows office hours; after {@code start} the rates are
 * multiplied by {@code liveIntensity} and spread evenly over the day, so a live demo is lively at
 * any hour. Each event is resent with the same eventId with probability {@code duplicateRate}.
 *
 * <p>Scenarios (when {@code scenarios} is on; all relative to {@code start}, see {@link #scenarios()}):
 * <ol type="a">
 *   <li>Surge: 15 hazard reports in 直溪镇 (zhixi) between start−20 min and start+4 min.</li>
 *   <li>Overdue majors: 3 MAJOR hazards in chemical-zone enterprises, reported 25–21 days ago with
 *       10-day deadlines, rectification started but never finished; the first is never put under
 *       挂牌督办 (major-unsupervised).</li>
 *   <li>Repeat violator: a bottled-gas enterprise in 东城街道 with a warning (−6 d), two fines
 *       (−4 d, −2 d) and a SUSPENSION at start+1 min.</li>
 *   <li>Heat: an ORANGE HIGH_TEMPERATURE warning for 金城镇 (jincheng) only, at start+2 min, where a
 *       construction and a hazardous-chemicals enterprise have open hazards (reported 1–3 days ago).</li>
 *   <li>Key supervision: a RED, key-supervised hazardous-chemicals enterprise (supervisor
 *       "区应急局 王某") gets a linked-supervision inspection and a new hazard at start+1 min.</li>
 *   <li>Silence: an elderly-care enterprise (key area) in 儒林镇 whose last self-inspection was 45 days
 *       ago (a department inspection 20 days ago); it never self-inspects again.</li>
 *   <li>Inspection-led: in 薛埠镇 (xuebu) self-inspection finds little while extra department and
 *       flying inspections find much, so most of its hazards come from inspections (a burst over the
 *       last two days and one at start+3 min).</li>
 *   <li>Misses (漏检): in 金城镇 a routine inspection and a grid patrol of the chemicals enterprise, then a
 *       flying inspection (−1 d) finding a MAJOR and a GENERAL hazard there; a township inspection of the
 *       construction site 12 days before the accident (h) and a public report there at start+6 min.</li>
 * </ol>
 *
 * <p>回头看: 85% of the flying inspections with findings are followed by a township inspection (ROUTINE,
 * no findings, id {@code HT…}) 3 to 45 days later, drawn from a stream of their own; the rest are never
 * revisited.
 *
 * <p>Every inspection but a self-inspection names its unit ({@link InspectionGenerator#unitOf}): the township, the sector's
 * department of the responsibility list, the grid, or the district's flying-inspection team.
 */
public final class DataGenerator {

  /** Jintan's administrative division code. */
  public static final String DIVISION_CODE = "320413";
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");
  /** The district's flying-inspection team (区安委办飞行检查组), the unit of every FLYING inspection. */
  public static final String FLYING_UNIT = "district-flying-team";

  static final int GRIDS_PER_TOWNSHIP = 3;

  /**
   * @param seed the only source of randomness
   * @param enterprises how many enterprises (at least 20 with scenarios)
   * @param start the generator's "now": history lies before it, live events after
   * @param historyDays days of back-filled history before {@code start}
   * @param hazardsPerDay expected new hazards per day in history; 0 means 0.15 per enterprise
   * @param liveIntensity rate multiplier after {@code start}
   * @param duplicateRate probability that an event is resent with the same eventId
   * @param scenarios inject the alert scenarios described on {@link DataGenerator}
   * @param zone local time zone (office hours, seasons, id dates)
   */
  public record Config(long seed, int enterprises, Instant start, int historyDays, double hazardsPerDay,
                       double liveIntensity, double duplicateRate, boolean scenarios, ZoneId zone) {
    public Config {
      if (start == null || zone == null) {
        throw new IllegalArgumentException("start and zone are required");
      }
      if (enterprises < (scenarios ? 20 : 1)) {
        throw new IllegalArgumentException("enterprises must be at least " + (scenarios ? 20 : 1) + ", got " + enterprises);
      }
      if (historyDays < 0 || hazardsPerDay < 0 || liveIntensity <= 0 || duplicateRate < 0 || duplicateRate >= 1) {
        throw new IllegalArgumentException("historyDays >= 0, hazardsPerDay >= 0, liveIntensity > 0, 0 <= duplicateRate < 1");
      }
      start = start.truncatedTo(ChronoUnit.SECONDS);
    }

    /** 400 enterprises, 30 days of history, live rates ×20, 1% duplicates, scenarios on. */
    public static Config defaults(Instant start) {
      return new Config(20200701L, 400, start, 30, 0, 20, 0.01, true, DEFAULT_ZONE);
    }

    public Config withSeed(long v) {
      return new Config(v, enterprises, start, historyDays, hazardsPerDay, liveIntensity, duplicateRate, scenarios, zone);
    }

    public Config withEnterprises(int v) {
      return new Config(seed, v, start, historyDays, hazardsPerDay, liveIntensity, duplicateRate, scenarios, zone);
    }

    public Config withStart(Instant v) {
      return new Config(seed, enterprises, v, historyDays, hazardsPerDay, liveIntensity, duplicateRate, scenarios, zone);
    }

    public Config withHistoryDays(int v) {
      return new Config(seed, enterprises, start, v, hazardsPerDay, liveIntensity, duplicateRate, scenarios, zone);
    }

    public Config withHazardsPerDay(double v) {
      return new Config(seed, enterprises, start, historyDays, v, liveIntensity, duplicateRate, scenarios, zone);
    }

    public Config withLiveIntensity(double v) {
      return new Config(seed, enterprises, start, historyDays, hazardsPerDay, v, duplicateRate, scenarios, zone);
    }

    public Config withDuplicateRate(double v) {
      return new Config(seed, enterprises, start, historyDays, hazardsPerDay, liveIntensity, v, scenarios, zone);
    }

    public Config withScenarios(boolean v) {
      return new Config(seed, enterprises, start, historyDays, hazardsPerDay, liveIntensity, duplicateRate, v, zone);
    }

    public Config withZone(ZoneId v) {
      return new Config(seed, enterprises, start, historyDays, hazardsPerDay, liveIntensity, duplicateRate, scenarios, v);
    }

    double effectiveHazardsPerDay() {
      return hazardsPerDay > 0 ? hazardsPerDay : 0.15 * enterprises;
    }
  }

  /** The subjects of the injected scenarios, so a demo or a test can point at them. */
  public record Scenarios(
      String surgeTownshipId,
      List<String> overdueMajorHazardIds,
      String repeatViolatorId,
      String heatTownshipId,
      String heatWarningId,
      String keySupervisedEnterpriseId,
      String keySupervisedHazardId,
      String quietEnterpriseId,
      String inspectionLedTownshipId,
      String accidentId) { }

  private static final Duration BUCKET = Duration.ofHours(1);

  private final Config config;
  /** What every kind's generator shares: the random stream, the clock, the queue and the sink, the enterprises. */
  private final GeneratorContext ctx;
  private final ReferenceDataGenerator referenceData;
  private final InspectionGenerator inspections;
  private final HazardGenerator hazards;
  private final ViolationGenerator violations;
  private final AccidentGenerator accidents;
  private final CaseGenerator cases;
  private final ReportGenerator reports;
  private final WeatherGenerator weather;
  /** Null without scenarios. */
  private final ScenarioGenerator scenarioGenerator;
  private final double hazardsPerDay;
  private Scenarios scenarios;
  private Instant plannedUntil;
  private Instant emittedUntil;
  private boolean referenceEmitted;

  public DataGenerator(Config config, GeneratorSink sink) {
    this.config = config;
    this.ctx = new GeneratorContext(config, sink);
    this.referenceData = new ReferenceDataGenerator(ctx);
    this.cases = new CaseGenerator(ctx);
    this.reports = new ReportGenerator(ctx);
    this.hazards = new HazardGenerator(ctx, cases, reports);
    this.inspections = new InspectionGenerator(ctx, hazards);
    this.violations = new ViolationGenerator(ctx);
    this.accidents = new AccidentGenerator(ctx);
    this.weather = new WeatherGenerator(ctx);
    this.scenarioGenerator = config.scenarios()
        ? new ScenarioGenerator(ctx, hazards, inspections, violations, weather, accidents) : null;
    this.hazardsPerDay = config.effectiveHazardsPerDay();
    Instant historyStart = ctx.start.minus(Duration.ofDays(config.historyDays()));
    this.plannedUntil = historyStart;
    this.emittedUntil = historyStart;
    EnterpriseGenerator enterprises = new EnterpriseGenerator(ctx);
    if (scenarioGenerator != null) {
      scenarioGenerator.addSubjects(enterprises);
    }
    enterprises.fillUp();
    inspections.planSelfInspections(historyStart);
    if (scenarioGenerator != null) {
      scenarios = scenarioGenerator.plan();
    }
  }

  public Config config() {
    return config;
  }

  /** The enterprises, in the order {@link #emitReferenceData()} delivers them. */
  public List<Enterprise> enterprises() {
    return List.copyOf(ctx.enterprises);
  }

  /** The scenario subjects, if scenarios are on. */
  public Optional<Scenarios> scenarios() {
    return Optional.ofNullable(scenarios);
  }

  /** Delivers every enterprise (once; later calls deliver them again, as a compacted topic allows). */
  public void emitReferenceData() {
    ctx.enterprises.forEach(ctx.sink::accept);
    referenceData.roster().forEach(ctx.sink::accept);
    referenceData.grids().forEach(ctx.sink::accept);
    referenceData.certificates().forEach(ctx.sink::accept);
    referenceEmitted = true;
  }

  /** Same as {@link #emitUntil(Instant)}, for a caller driving the generator with a clock. */
  public void step(Instant now) {
    emitUntil(now);
  }

  /**
   * Delivers, in event-time order, every event due at or before {@code until} not delivered yet
   * (the first call also delivers the back-filled history and, if not done, the reference data).
   *
   * @return how many events were delivered, duplicates included, enterprises not
   */
  public int emitUntil(Instant until) {
    if (!referenceEmitted) {
      emitReferenceData();
    }
    planThrough(until);
    int n = ctx.deliverUntil(until);
    if (until.isAfter(emittedUntil)) {
      emittedUntil = until;
    }
    return n;
  }

  /** The latest time passed to {@link #emitUntil(Instant)} (initially the start of history). */
  public Instant emittedUntil() {
    return emittedUntil;
  }

  // ---------------------------------------------------------------- planning

  private void planThrough(Instant until) {
    while (!plannedUntil.isAfter(until)) {
      planBucket(plannedUntil, plannedUntil.plus(BUCKET));
      plannedUntil = plannedUntil.plus(BUCKET);
    }
  }

  /** Plans every kind's arrivals in one bucket, always in this order: it is the order of the draws. */
  private void planBucket(Instant from, Instant to) {
    boolean live = !from.isBefore(ctx.start);
    double factor = live ? config.liveIntensity() : officeHoursFactor(from);
    double hours = Duration.between(from, to).toMillis() / 3_600_000.0;
    double perBucket = hazardsPerDay / 24 * hours * factor;
    double intensity = live ? config.liveIntensity() : 1;

    inspections.planBucket(from, to, perBucket);
    if (scenarioGenerator != null) {
      scenarioGenerator.planBucket(from, to, perBucket);
    }
    hazards.planBucket(from, to, perBucket);
    violations.planBucket(from, to, perBucket);
    accidents.planBucket(from, to, hours, intensity);
    cases.planBucket(from, to, hours, intensity);
    reports.planBucket(from, to, hours, intensity);
    weather.planBucket(from, to, hours, intensity);
  }

  /** History follows office hours; the factor averages 1 over a day. */
  private double officeHoursFactor(Instant t) {
    int hour = t.atZone(config.zone()).getHour();
    double w = hour >= 8 && hour < 18 ? 1.0 : (hour >= 6 && hour < 22 ? 0.25 : 0.05);
    return w / ((10 * 1.0 + 6 * 0.25 + 8 * 0.05) / 24);
  }
}
