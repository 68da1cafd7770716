package io.fangxian.generate;

import io.fangxian.avro.AccidentDuty;
import io.fangxian.avro.AccidentDutyKind;
import io.fangxian.avro.AccidentEvent;
import io.fangxian.avro.CaseEvent;
import io.fangxian.avro.CaseEventType;
import io.fangxian.avro.PublicReportEvent;
import io.fangxian.avro.PublicReportEventType;
import io.fangxian.avro.ReportChannel;
import io.fangxian.avro.Penalty;
import io.fangxian.avro.PenaltyKind;
import io.fangxian.avro.AccidentType;
import io.fangxian.avro.CertificateEvent;
import io.fangxian.avro.CertificatePost;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.Grid;
import io.fangxian.avro.HazardCategory;
import io.fangxian.avro.HazardEvent;
import io.fangxian.avro.HazardEventType;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.InspectionKind;
import io.fangxian.avro.Leader;
import io.fangxian.avro.LeaderRole;
import io.fangxian.avro.RiskLevel;
import io.fangxian.avro.Supervision;
import io.fangxian.avro.SupervisionLevel;
import io.fangxian.avro.ViolationAction;
import io.fangxian.avro.ViolationEvent;
import io.fangxian.avro.WarningLevel;
import io.fangxian.avro.WeatherKind;
import io.fangxian.avro.WeatherWarning;
import io.fangxian.domain.Clause;
import io.fangxian.handling.Responsibilities;
import io.fangxian.domain.CreditCode;
import io.fangxian.domain.ReferenceData;
import io.fangxian.domain.Sector;
import io.fangxian.domain.Township;
import io.fangxian.domain.WeatherSignals;
import io.fangxian.handling.Responsibilities;
import io.fangxian.standing.CertificateCheck;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;

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
 * <p>Every inspection but a self-inspection names its unit ({@link #unitOf}): the township, the sector's
 * department of the responsibility list, the grid, or the district's flying-inspection team.
 */
public final class DataGenerator {

  /** Jintan's administrative division code. */
  public static final String DIVISION_CODE = "320413";
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

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

  // Hazard source shares and the mean findings per inspection of each kind.
  private static final double SELF_SHARE = 0.40;
  private static final Map<InspectionKind, double[]> INSPECTION_SHARE_AND_MEAN = Map.of(
      InspectionKind.ROUTINE, new double[] {0.18, 1.0},
      InspectionKind.FLYING, new double[] {0.10, 1.3},
      InspectionKind.LINKED_SUPERVISION, new double[] {0.10, 1.0},
      InspectionKind.GRID_PATROL, new double[] {0.14, 0.6});
  private static final List<InspectionKind> BACKGROUND_KINDS = List.of(
      InspectionKind.ROUTINE, InspectionKind.FLYING, InspectionKind.LINKED_SUPERVISION, InspectionKind.GRID_PATROL);
  private static final double PUBLIC_SHARE = 0.08;
  private static final double VIOLATIONS_PER_HAZARD = 0.2;
  private static final double WEATHER_PER_DAY = 0.3;
  /** Accidents a year in the district: a handful. */
  private static final double ACCIDENTS_PER_YEAR = 6;
  /** Major hazards put under 挂牌督办, and hazards whose re-check fails or that the enterprise accepts first. */
  private static final double SUPERVISED_SHARE = 0.85;
  private static final double RECHECK_FAILED_SHARE = 0.04;
  private static final double ACCEPTED_SHARE = 0.3;
  private static final SupervisionLevel[] SUPERVISION_LEVELS =
      {SupervisionLevel.TOWNSHIP, SupervisionLevel.DISTRICT, SupervisionLevel.CITY};
  /** Major hazards are rare: about 1 in 33 background hazards (the issue asks for well under 1 in 20). */
  private static final double MAJOR_SHARE = 0.03;
  private static final double SELF_FINDINGS_FACTOR_INSPECTION_LED = 0.1;
  private static final double EXTRA_INSPECTION_LED_HAZARD_SHARE = 0.06;
  private static final Duration BUCKET = Duration.ofHours(1);
  private static final DateTimeFormatter ID_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
  private static final Set<String> HIGH_RISK_SECTORS =
      Set.of("hazardous-chemicals", "chemical-zone", "non-coal-mines", "bottled-gas", "dust-explosion");

  private static final String SURGE_TOWNSHIP = "zhixi";
  private static final String HEAT_TOWNSHIP = "jincheng";
  private static final String INSPECTION_LED_TOWNSHIP = "xuebu";

  private final Config config;
  private final GeneratorSink sink;
  private final ReferenceData ref = ReferenceData.load();
  private final GeneratorWords words = GeneratorWords.load();
  private final SplittableRandom rnd;
  /** Accidents draw from their own stream, so adding them left every other generated event as it was. */
  private final SplittableRandom accidentRnd;
  private int accidentSeq;
  /** Enforcement cases draw from their own stream too, so adding them left every other event as it was. */
  private final SplittableRandom caseRnd;
  private int caseSeq;
  /** 回头看 revisits after flying inspections draw from their own stream too, leaving every other event as it was. */
  private final SplittableRandom revisitRnd;
  private int revisitSeq;
  /** Public reports draw from their own stream too, so adding them left every other event as it was. */
  private final SplittableRandom reportRnd;
  private int reportSeq;
  private final Instant start;
  private final double hazardsPerDay;

  private final List<Enterprise> enterprises = new ArrayList<>();
  private final Map<String, List<Enterprise>> byTownship = new LinkedHashMap<>();
  private final List<Enterprise> keySupervised = new ArrayList<>();
  private final Set<String> usedNames = new HashSet<>();
  private final Set<String> usedIds = new HashSet<>();
  private Picker<Enterprise> backgroundPicker;
  private List<Enterprise> accidentEnterprises = List.of();
  private Picker<Enterprise> inspectionLedPicker;
  private String quietEnterpriseId;
  private Enterprise scenarioMajor1;
  private Enterprise scenarioMajor2;
  private Enterprise scenarioViolator;
  private Enterprise scenarioHeat1;
  private Enterprise scenarioHeat2;
  private Enterprise scenarioKey;
  private Enterprise scenarioQuiet;
  private Scenarios scenarios;

  private record Due(Instant at, long seq, SpecificRecord record) { }

  private record SelfInspectionDue(Instant at, long seq, Enterprise enterprise, double intervalDays) { }

  private final PriorityQueue<Due> queue =
      new PriorityQueue<>(Comparator.comparing(Due::at).thenComparingLong(Due::seq));
  private final PriorityQueue<SelfInspectionDue> selfInspections =
      new PriorityQueue<>(Comparator.comparing(SelfInspectionDue::at).thenComparingLong(SelfInspectionDue::seq));
  private long seq;
  private int hazardSeq;
  private int violationSeq;
  private int inspectionSeq;
  private int warningSeq;
  private double selfFindingsMean;
  private Instant plannedUntil;
  private Instant emittedUntil;
  private boolean referenceEmitted;

  public DataGenerator(Config config, GeneratorSink sink) {
    this.config = config;
    this.sink = sink;
    this.rnd = new SplittableRandom(config.seed());
    this.accidentRnd = new SplittableRandom(config.seed() ^ 0x5EC0_AC1DL);
    this.caseRnd = new SplittableRandom(config.seed() ^ 0xCA5E_CA5EL);
    this.revisitRnd = new SplittableRandom(config.seed() ^ 0x4E71_5175L);
    this.reportRnd = new SplittableRandom(config.seed() ^ 0x12350L);
    this.start = config.start();
    this.hazardsPerDay = config.effectiveHazardsPerDay();
    Instant historyStart = start.minus(Duration.ofDays(config.historyDays()));
    this.plannedUntil = historyStart;
    this.emittedUntil = historyStart;
    createEnterprises();
    planSelfInspections(historyStart);
    if (config.scenarios()) {
      planScenarios();
    }
  }

  public Config config() {
    return config;
  }

  /** The enterprises, in the order {@link #emitReferenceData()} delivers them. */
  public List<Enterprise> enterprises() {
    return List.copyOf(enterprises);
  }

  /** The scenario subjects, if scenarios are on. */
  public Optional<Scenarios> scenarios() {
    return Optional.ofNullable(scenarios);
  }

  /** Delivers every enterprise (once; later calls deliver them again, as a compacted topic allows). */
  public void emitReferenceData() {
    enterprises.forEach(sink::accept);
    roster().forEach(sink::accept);
    grids().forEach(sink::accept);
    certificates().forEach(sink::accept);
    referenceEmitted = true;
  }

  static final int GRIDS_PER_TOWNSHIP = 3;

  /** The grid an enterprise is in: one of its township's, by its code (no draw from the event stream). */
  static String gridOf(String townshipId, String enterpriseId) {
    return townshipId + "-G" + (1 + Math.floorMod(enterpriseId.hashCode(), GRIDS_PER_TOWNSHIP));
  }

  /** Three grids per township (网格), each with its grid worker (网格员). */
  List<Grid> grids() {
    SplittableRandom names = new SplittableRandom(config.seed() ^ 0x20261204L);
    List<Grid> grids = new ArrayList<>();
    for (Township t : ref.townships()) {
      for (int g = 1; g <= GRIDS_PER_TOWNSHIP; g++) {
        grids.add(Grid.newBuilder().setGridId(t.id() + "-G" + g).setName(t.nameZh() + "第" + g + "网格")
            .setTownshipId(t.id()).setCommunity(t.nameZh() + "第" + g + "社区")
            .setWorkerName(words.surnames().get(names.nextInt(words.surnames().size())) + "某").build());
      }
    }
    return grids;
  }

  /**
   * Certificates of the key posts (三项岗位) for the enterprises that need them: most valid (3 years,
   * issued 0–30 months ago), and, as a district's records would show, some expiring within 30
   * days, some expired and some posts never certified. Drawn from their own random stream.
   */
  List<CertificateEvent> certificates() {
    SplittableRandom r = new SplittableRandom(config.seed() ^ 0x3C3C3C3CL);
    CertificateCheck check = new CertificateCheck(ref);
    Instant now = config.start();
    List<CertificateEvent> certificates = new ArrayList<>();
    for (Enterprise e : enterprises) {
      if (!check.requiresKeyPosts(e)) {
        continue;
      }
      for (CertificatePost post : List.of(CertificatePost.PRINCIPAL, CertificatePost.SAFETY_MANAGER)) {
        double draw = r.nextDouble();
        if (draw < 0.03) {
          continue; // never certified
        }
        Instant expires = draw < 0.08 ? now.plus(Duration.ofDays(1 + r.nextInt(29))) // expiring
            : draw < 0.12 ? now.minus(Duration.ofDays(1 + r.nextInt(200))) // expired
            : now.plus(Duration.ofDays(31 + r.nextInt(1000)));
        String holder = CreditCode.generate(r, DIVISION_CODE).substring(0, 12) + post.ordinal();
        certificates.add(CertificateEvent.newBuilder().setEventId("cert-" + e.getEnterpriseId() + "-" + post)
            .setCertificateId((post == CertificatePost.PRINCIPAL ? "ZFZ-" : "AQG-") + e.getEnterpriseId())
            .setHolderId(holder).setHolderName(words.surnames().get(r.nextInt(words.surnames().size())) + "某")
            .setEnterpriseId(e.getEnterpriseId()).setPost(post)
            .setIssuedAt(expires.minus(Duration.ofDays(3 * 365))).setExpiresAt(expires).build());
      }
    }
    certificates.addAll(specialOperatorCertificates(now));
    return certificates;
  }

  /**
   * A special operator's certificate for each operation an enterprise does (6 years, reviewed every
   * 3: 原国家安全监管总局令第30号 第十九、二十一条): issued 0–70 months ago; most of those past their
   * review were reviewed, some were not, some are in the 60 days before it; a few operations have
   * none. Drawn from their own random stream.
   */
  private List<CertificateEvent> specialOperatorCertificates(Instant now) {
    SplittableRandom r = new SplittableRandom(config.seed() ^ 0x5E5E5E5EL);
    List<CertificateEvent> certificates = new ArrayList<>();
    for (Enterprise e : enterprises) {
      for (String operation : e.getSpecialOperations()) {
        if (r.nextDouble() < 0.05) {
          continue; // nobody certified for it
        }
        Instant issued = now.minus(Duration.ofDays(30L * r.nextInt(71) + r.nextInt(30)));
        Instant reviewDue = issued.atOffset(java.time.ZoneOffset.ofHours(8)).plusYears(3).toInstant();
        boolean reviewed = reviewDue.isBefore(now) && r.nextDouble() < 0.8;
        String holder = CreditCode.generate(r, DIVISION_CODE).substring(0, 12) + "T";
        certificates.add(CertificateEvent.newBuilder().setEventId("cert-" + e.getEnterpriseId() + "-" + operation)
            .setCertificateId("TZ-" + e.getEnterpriseId() + "-" + Math.floorMod(operation.hashCode(), 1000))
            .setHolderId(holder).setHolderName(words.surnames().get(r.nextInt(words.surnames().size())) + "某")
            .setEnterpriseId(e.getEnterpriseId()).setPost(CertificatePost.SPECIAL_OPERATOR).setOperationType(operation)
            .setIssuedAt(issued).setExpiresAt(issued.atOffset(java.time.ZoneOffset.ofHours(8)).plusYears(6).toInstant())
            .setReviewedAt(reviewed ? reviewDue.minus(Duration.ofDays(20)) : null).build());
      }
    }
    return certificates;
  }

  /**
   * A plausible supervision roster: each township's linked leader (镇(街道)分管负责人, linked to its
   * key-supervised enterprises), the head of each supervising department of the responsibility
   * list, the emergency bureau, and the 分管副区长. Drawn from its own random stream, so the events
   * stay as they were for a seed.
   */
  List<Leader> roster() {
    SplittableRandom names = new SplittableRandom(config.seed() ^ 0x20231201L);
    java.util.function.Supplier<String> person = () -> words.surnames().get(names.nextInt(words.surnames().size())) + "某";
    List<Leader> leaders = new ArrayList<>();
    for (Township t : ref.townships()) {
      leaders.add(Leader.newBuilder().setLeaderId("LD-T-" + t.id()).setName(t.nameZh() + " " + person.get())
          .setRole(LeaderRole.TOWNSHIP_LEADER).setDepartment(t.nameZh() + "安全生产监督管理办公室")
          .setTownshipIds(List.of(t.id()))
          .setEnterpriseIds(keySupervised.stream().filter(e -> e.getTownshipId().equals(t.id()))
              .map(Enterprise::getEnterpriseId).toList())
          .build());
    }
    int n = 0;
    for (String department : new java.util.TreeSet<>(Responsibilities.builtIn().values())) {
      leaders.add(Leader.newBuilder().setLeaderId("LD-D-" + (++n)).setName(person.get())
          .setRole(LeaderRole.DEPARTMENT_HEAD).setDepartment(department).build());
    }
    leaders.add(Leader.newBuilder().setLeaderId("LD-B-1").setName(person.get()).setRole(LeaderRole.EMERGENCY_BUREAU)
        .setDepartment("区应急管理局").build());
    leaders.add(Leader.newBuilder().setLeaderId("LD-V-1").setName(person.get()).setRole(LeaderRole.DEPUTY_DISTRICT_HEAD)
        .setDepartment("区人民政府").build());
    return leaders;
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
    int n = 0;
    while (!queue.isEmpty() && !queue.peek().at().isAfter(until)) {
      deliver(queue.poll().record());
      n++;
    }
    if (until.isAfter(emittedUntil)) {
      emittedUntil = until;
    }
    return n;
  }

  /** The latest time passed to {@link #emitUntil(Instant)} (initially the start of history). */
  public Instant emittedUntil() {
    return emittedUntil;
  }

  private void deliver(SpecificRecord r) {
    sink.accept(r);
  }

  // ---------------------------------------------------------------- enterprises

  private void createEnterprises() {
    if (config.scenarios()) {
      for (int i = 0; i < 3; i++) {
        addEnterprise(SURGE_TOWNSHIP, randomSectorFor(SURGE_TOWNSHIP), null, null);
        addEnterprise(INSPECTION_LED_TOWNSHIP, randomSectorFor(INSPECTION_LED_TOWNSHIP), null, null);
      }
      scenarioMajor1 = addEnterprise("kaifaqu", "chemical-zone", RiskLevel.RED, null);
      scenarioMajor2 = addEnterprise("kaifaqu", "chemical-zone", RiskLevel.ORANGE, null);
      scenarioViolator = addEnterprise("dongcheng", "bottled-gas", RiskLevel.YELLOW, null);
      scenarioHeat1 = addEnterprise(HEAT_TOWNSHIP, "construction", RiskLevel.ORANGE, null);
      scenarioHeat2 = addEnterprise(HEAT_TOWNSHIP, "hazardous-chemicals", RiskLevel.YELLOW, null);
      scenarioKey = addEnterprise("yaotang", "hazardous-chemicals", RiskLevel.RED, "区应急局 王某");
      scenarioQuiet = addEnterprise("rulin", "elderly-care", RiskLevel.ORANGE, null);
      quietEnterpriseId = scenarioQuiet.getEnterpriseId();
    }
    while (enterprises.size() < config.enterprises()) {
      String sector = pick(words.sectorWeights());
      List<String> only = words.sectorTownships().get(sector);
      String township = only != null ? only.get(rnd.nextInt(only.size())) : pick(words.townshipWeights());
      addEnterprise(township, sector, null, null);
    }
    List<Enterprise> eligible = enterprises.stream().filter(e -> !e.getEnterpriseId().equals(quietEnterpriseId)).toList();
    backgroundPicker = new Picker<>(eligible, e -> riskWeight(e.getRiskLevel()));
    accidentEnterprises = eligible;
    inspectionLedPicker = new Picker<>(byTownship.getOrDefault(INSPECTION_LED_TOWNSHIP, List.of()), e -> 1.0);
  }

  /**
   * The special operations (特种作业) a quarter of the industrial enterprises do on site, chosen from
   * the enterprise's id rather than the random stream, so the rest of the data stays as it was.
   */
  private static List<String> specialOperationsOf(String sectorId, String enterpriseId) {
    int h = Math.floorMod(enterpriseId.hashCode(), 8);
    if (h > 1) {
      return List.of();
    }
    return switch (sectorId) {
      case "construction" -> List.of("高处作业");
      case "machinery", "metallurgy", "non-ferrous", "building-materials" -> List.of(h == 0 ? "焊接与热切割作业" : "电工作业");
      case "hazardous-chemicals", "chemical-production", "chemical-zone" -> List.of("电工作业");
      default -> List.of();
    };
  }

  private Enterprise addEnterprise(String townshipId, String sectorId, RiskLevel risk, String supervisor) {
    Township township = ref.township(townshipId).orElseThrow();
    if (risk == null) {
      risk = randomRisk(sectorId);
    }
    boolean key = supervisor != null || rnd.nextDouble() < switch (risk) {
      case RED -> 0.6;
      case ORANGE -> 0.25;
      case YELLOW -> 0.04;
      default -> 0.005;
    };
    if (key && supervisor == null) {
      supervisor = words.departmentFor(sectorId) + " " + oneOf(words.surnames()) + "某";
    }
    String id;
    do {
      id = CreditCode.generate(rnd, DIVISION_CODE);
    } while (!usedIds.add(id));
    Enterprise e = Enterprise.newBuilder()
        .setEnterpriseId(id)
        .setName(uniqueName(sectorId))
        .setTownshipId(townshipId)
        .setSectorId(sectorId)
        .setRiskLevel(risk)
        .setKeySupervised(key)
        .setSupervisor(key ? supervisor : null)
        .setInChemicalZone(sectorId.equals("chemical-zone"))
        .setGridId(gridOf(townshipId, id))
        .setSpecialOperations(specialOperationsOf(sectorId, id))
        .setAddress("江苏省常州市金坛区" + township.nameZh() + oneOf(words.roads()) + (1 + rnd.nextInt(888)) + "号")
        .build();
    enterprises.add(e);
    byTownship.computeIfAbsent(townshipId, t -> new ArrayList<>()).add(e);
    if (key) {
      keySupervised.add(e);
    }
    return e;
  }

  private String uniqueName(String sectorId) {
    List<String> templates = words.templatesFor(sectorId);
    for (int attempt = 0; ; attempt++) {
      String name = oneOf(templates).replace("{place}", oneOf(words.places())).replace("{core}", oneOf(words.cores()));
      if (attempt > 20) {
        name = name + "（" + (attempt - 19) + "）";
      }
      if (usedNames.add(name)) {
        return name;
      }
    }
  }

  private String randomSectorFor(String townshipId) {
    while (true) {
      String sector = pick(words.sectorWeights());
      List<String> only = words.sectorTownships().get(sector);
      if (only == null || only.contains(townshipId)) {
        return sector;
      }
    }
  }

  private RiskLevel randomRisk(String sectorId) {
    double[] w = HIGH_RISK_SECTORS.contains(sectorId) ? new double[] {15, 30, 40, 15} : new double[] {4, 11, 35, 50};
    return RiskLevel.values()[pickIndex(w)];
  }

  private static double riskWeight(RiskLevel r) {
    return switch (r) {
      case RED -> 4;
      case ORANGE -> 2.5;
      case YELLOW -> 1.5;
      default -> 1;
    };
  }

  private boolean isKeyArea(Enterprise e) {
    return ref.sector(e.getSectorId()).map(Sector::keyArea).orElse(false);
  }

  // ---------------------------------------------------------------- planning

  private void planSelfInspections(Instant historyStart) {
    double perDay = 0;
    for (Enterprise e : enterprises) {
      if (e.getEnterpriseId().equals(quietEnterpriseId)) {
        continue;
      }
      double interval = isKeyArea(e) ? uniform(5, 12) : uniform(10, 25);
      perDay += 1 / interval;
      Instant first = officeHours(advance(historyStart, uniform(0, interval)));
      selfInspections.add(new SelfInspectionDue(first, seq++, e, interval));
    }
    selfFindingsMean = SELF_SHARE * hazardsPerDay / perDay;
  }

  private void planThrough(Instant until) {
    while (!plannedUntil.isAfter(until)) {
      planBucket(plannedUntil, plannedUntil.plus(BUCKET));
      plannedUntil = plannedUntil.plus(BUCKET);
    }
  }

  private void planBucket(Instant from, Instant to) {
    boolean live = !from.isBefore(start);
    double factor = live ? config.liveIntensity() : officeHoursFactor(from);
    double hours = Duration.between(from, to).toMillis() / 3_600_000.0;
    double perBucket = hazardsPerDay / 24 * hours * factor;

    while (!selfInspections.isEmpty() && selfInspections.peek().at().isBefore(to)) {
      SelfInspectionDue due = selfInspections.poll();
      boolean inspectionLed = config.scenarios() && due.enterprise().getTownshipId().equals(INSPECTION_LED_TOWNSHIP);
      double mean = selfFindingsMean * (inspectionLed ? SELF_FINDINGS_FACTOR_INSPECTION_LED : 1);
      inspection(due.at(), due.enterprise(), InspectionKind.SELF_INSPECTION, poisson(mean), false);
      double gap = due.intervalDays() * uniform(0.8, 1.2);
      selfInspections.add(new SelfInspectionDue(officeHours(advance(due.at(), gap)), seq++, due.enterprise(), due.intervalDays()));
    }
    for (InspectionKind kind : BACKGROUND_KINDS) {
      double[] shareAndMean = INSPECTION_SHARE_AND_MEAN.get(kind);
      int n = poisson(perBucket * shareAndMean[0] / shareAndMean[1]);
      for (int i = 0; i < n; i++) {
        Enterprise e = kind == InspectionKind.LINKED_SUPERVISION
            ? (keySupervised.isEmpty() ? null : oneOf(keySupervised))
            : backgroundPicker.pick();
        if (e != null && !e.getEnterpriseId().equals(quietEnterpriseId)) {
          inspection(between(from, to), e, kind, poisson(shareAndMean[1]), false);
        }
      }
    }
    if (config.scenarios() && !inspectionLedPicker.isEmpty()) {
      int n = poisson(perBucket * EXTRA_INSPECTION_LED_HAZARD_SHARE / 1.2);
      for (int i = 0; i < n; i++) {
        InspectionKind kind = rnd.nextBoolean() ? InspectionKind.ROUTINE : InspectionKind.FLYING;
        inspection(between(from, to), inspectionLedPicker.pick(), kind, poisson(1.2), false);
      }
    }
    for (int i = poisson(perBucket * PUBLIC_SHARE); i > 0; i--) {
      Enterprise e = backgroundPicker.pick();
      if (!e.getEnterpriseId().equals(quietEnterpriseId)) {
        hazard(new HazardPlan(e, between(from, to), HazardSource.PUBLIC_REPORT));
      }
    }
    for (int i = poisson(perBucket * VIOLATIONS_PER_HAZARD); i > 0; i--) {
      Enterprise e = backgroundPicker.pick();
      if (!e.getEnterpriseId().equals(quietEnterpriseId)) {
        violation(between(from, to), e, randomAction(), null);
      }
    }
    double accidentsExpected = ACCIDENTS_PER_YEAR / 365 / 24 * hours * (live ? config.liveIntensity() : 1);
    if (accidentRnd.nextDouble() < accidentsExpected) { // rare: at most one per bucket
      randomAccident(between(from, to));
    }
    double casesExpected = CASES_PER_DAY / 24 * hours * (live ? config.liveIntensity() : 1);
    for (double u = caseRnd.nextDouble(); u < casesExpected; u += 1) { // at most about one per hour
      randomCase(from.plus(seconds(caseRnd.nextDouble() * Duration.between(from, to).toSeconds())), null, null);
    }
    double reportsExpected = REPORTS_PER_DAY / 24 * hours * (live ? config.liveIntensity() : 1);
    for (double u = reportRnd.nextDouble(); u < reportsExpected; u += 1) { // at most about one per hour
      randomReport(from.plus(seconds(reportRnd.nextDouble() * Duration.between(from, to).toSeconds())), null, null);
    }
    for (int i = poisson(WEATHER_PER_DAY / 24 * hours * (live ? config.liveIntensity() : 1)); i > 0; i--) {
      randomWeather(between(from, to));
    }
  }

  /** History follows office hours; the factor averages 1 over a day. */
  private double officeHoursFactor(Instant t) {
    int hour = t.atZone(config.zone()).getHour();
    double w = hour >= 8 && hour < 18 ? 1.0 : (hour >= 6 && hour < 22 ? 0.25 : 0.05);
    return w / ((10 * 1.0 + 6 * 0.25 + 8 * 0.05) / 24);
  }

  /** In history, moves a time at night to office hours of the same day; live times stay. */
  private Instant officeHours(Instant t) {
    if (!t.isBefore(start)) {
      return t;
    }
    ZonedDateTime z = t.atZone(config.zone());
    if (z.getHour() >= 8 && z.getHour() < 18) {
      return t;
    }
    Instant moved = z.toLocalDate().atTime(8, 30).atZone(config.zone()).toInstant()
        .plusSeconds(rnd.nextLong(8 * 3600));
    return moved.isBefore(start) ? moved : t;
  }

  /** {@code days} after {@code t}, where time after {@code start} runs liveIntensity times faster. */
  private Instant advance(Instant t, double days) {
    Instant plain = t.plus(seconds(days * 86_400));
    if (!plain.isAfter(start)) {
      return plain;
    }
    Instant from = t.isAfter(start) ? t : start;
    return from.plus(seconds(Duration.between(from, plain).toSeconds() / config.liveIntensity()));
  }

  // ---------------------------------------------------------------- inspections, hazards, violations

  private String inspection(Instant at, Enterprise e, InspectionKind kind, int findings, boolean scenario) {
    String id = "JC" + DIVISION_CODE + "-" + day(at) + "-" + String.format("%05d", ++inspectionSeq);
    schedule(at, InspectionEvent.newBuilder()
        .setEventId(uuid())
        .setInspectionId(id)
        .setEnterpriseId(e.getEnterpriseId())
        .setKind(kind)
        .setFindings(findings)
        .setOccurredAt(at)
        .setInspector(inspector(kind, e))
        .setUnitId(unitOf(kind, e, inspectionSeq))
        .build());
    if (!scenario) {
      for (int i = 0; i < findings; i++) {
        HazardPlan plan = new HazardPlan(e, at.plus(seconds(uniform(300, 5400))), sourceOf(kind));
        plan.inspectionId = id;
        hazard(plan);
      }
      if (kind == InspectionKind.FLYING && findings > 0) {
        revisit(at, e);
      }
    }
    return id;
  }

  /**
   * The 回头看 after a flying inspection's findings: 85% get a township inspection (ROUTINE, no
   * findings) 3 to 45 days later, so about two thirds of those are in time (30 days) and the rest
   * late; 15% none, overdue once their 30 days pass. Drawn from their own stream.
   */
  private void revisit(Instant flownAt, Enterprise e) {
    if (revisitRnd.nextDouble() >= 0.85) {
      return;
    }
    Instant at = flownAt.plus(seconds((long) ((3 + revisitRnd.nextDouble() * 42) * 86_400)));
    long msb = (revisitRnd.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (revisitRnd.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    queue.add(new Due(at, seq++, InspectionEvent.newBuilder()
        .setEventId(new UUID(msb, lsb).toString())
        .setInspectionId("HT" + DIVISION_CODE + "-" + day(at) + "-" + String.format("%05d", ++revisitSeq))
        .setEnterpriseId(e.getEnterpriseId())
        .setKind(InspectionKind.ROUTINE)
        .setFindings(0)
        .setOccurredAt(at)
        .setInspector(ref.township(e.getTownshipId()).map(Township::nameZh).orElse("") + "回头看")
        .setUnitId(e.getTownshipId())
        .build()));
  }

  /** The district's flying-inspection team (区安委办飞行检查组), the unit of every FLYING inspection. */
  public static final String FLYING_UNIT = "district-flying-team";

  /**
   * The unit that inspected (考核), without a draw from the event stream: a ROUTINE inspection is the
   * sector's department of the responsibility list or the township (属地), by turns of the inspection
   * number; LINKED_SUPERVISION is the township whose leader is linked; GRID_PATROL the enterprise's
   * grid; FLYING the district's team; the enterprise's own SELF_INSPECTION names none.
   */
  static String unitOf(InspectionKind kind, Enterprise e, int inspectionNumber) {
    return switch (kind) {
      case ROUTINE -> inspectionNumber % 2 == 0 ? e.getTownshipId()
          : Responsibilities.builtIn(e.getSectorId()).orElse(e.getTownshipId());
      case LINKED_SUPERVISION -> e.getTownshipId();
      case GRID_PATROL -> e.getGridId() != null ? e.getGridId() : e.getTownshipId();
      case FLYING -> FLYING_UNIT;
      default -> null;
    };
  }

  private String inspector(InspectionKind kind, Enterprise e) {
    String person = oneOf(words.surnames()) + "某";
    return switch (kind) {
      case ROUTINE -> words.departmentFor(e.getSectorId()) + "执法人员 " + person;
      case FLYING -> "区安委办飞行检查组 " + person;
      case LINKED_SUPERVISION -> e.getSupervisor() != null ? e.getSupervisor() : "区应急局 " + person;
      case GRID_PATROL -> ref.township(e.getTownshipId()).map(Township::nameZh).orElse("") + "网格员 " + person;
      default -> "企业安全管理员 " + person;
    };
  }

  private static HazardSource sourceOf(InspectionKind kind) {
    return switch (kind) {
      case ROUTINE -> HazardSource.DEPARTMENT_INSPECTION;
      case FLYING -> HazardSource.FLYING_INSPECTION;
      case LINKED_SUPERVISION -> HazardSource.LINKED_SUPERVISION;
      case GRID_PATROL -> HazardSource.GRID_PATROL;
      default -> HazardSource.SELF_INSPECTION;
    };
  }

  private enum Outcome { QUICK, NORMAL, EXTENDED, STALLED }

  /** What to plan for one hazard; unset fields are drawn at random. */
  private static final class HazardPlan {
    final Enterprise enterprise;
    final Instant reportedAt;
    final HazardSource source;
    String inspectionId;
    HazardSeverity severity;
    Outcome outcome;
    Instant deadline;
    Boolean startRectification; // null: at random
    Boolean supervise; // a major hazard put under 挂牌督办; null: at random

    HazardPlan(Enterprise enterprise, Instant reportedAt, HazardSource source) {
      this.enterprise = enterprise;
      this.reportedAt = reportedAt;
      this.source = source;
    }
  }

  /**
   * A clause a major hazard of the sector meets: one of the sector's own standard when there is one,
   * else a clause for every sector (the fire criteria); null if the catalogue has none.
   */
  private Clause clauseFor(String sectorId) {
    List<Clause> all = ref.criteria().forSector(sectorId);
    List<Clause> own = all.stream().filter(c -> !c.sectors().isEmpty()).toList();
    return own.isEmpty() ? (all.isEmpty() ? null : oneOf(all)) : oneOf(own);
  }

  /** What a clause is mostly about: a duty not done (未…制度/培训/考核/审批/方案/预案) or a thing in a bad state. */
  private static HazardCategory categoryOf(Clause clause) {
    return MANAGEMENT_WORDS.matcher(clause.text()).find() ? HazardCategory.MANAGEMENT_DEFECT : HazardCategory.UNSAFE_CONDITION;
  }

  private static final Pattern MANAGEMENT_WORDS = Pattern.compile("未[^，。；]*(制度|培训|考核|审批|方案|预案|检查|管理|备案|许可|资格)");

  /** Plans a hazard's whole lifecycle and returns its id. */
  private String hazard(HazardPlan p) {
    Instant t0 = p.reportedAt;
    HazardSeverity severity = p.severity != null ? p.severity
        : rnd.nextDouble() < MAJOR_SHARE ? HazardSeverity.MAJOR : HazardSeverity.GENERAL;
    boolean major = severity == HazardSeverity.MAJOR;
    Outcome outcome = p.outcome;
    if (outcome == null) {
      double u = rnd.nextDouble();
      outcome = u < 0.08 ? Outcome.STALLED
          : !major && u < 0.33 ? Outcome.QUICK
          : u < (major ? 0.33 : 0.43) ? Outcome.EXTENDED
          : Outcome.NORMAL;
    }
    Instant deadline = p.deadline != null ? p.deadline
        : endOfDay(t0.plus(Duration.ofDays(major ? 5 + rnd.nextInt(11) : 7 + rnd.nextInt(24))));
    String id = "YH" + DIVISION_CODE + "-" + day(t0) + "-" + String.format("%05d", ++hazardSeq);
    String enterpriseId = p.enterprise.getEnterpriseId();

    HazardEvent.Builder report = hazardEvent(id, enterpriseId, HazardEventType.REPORTED, t0)
        .setSeverity(severity)
        .setSource(p.source)
        .setDeadline(deadline)
        .setInspectionId(p.inspectionId);
    Clause clause = major ? clauseFor(p.enterprise.getSectorId()) : null;
    if (clause != null) {
      report.setClauseId(clause.id()).setCategory(categoryOf(clause))
          .setDescription("重大事故隐患（" + clause.standardShort() + " " + clause.article() + "）：" + clause.text());
    } else {
      GeneratorWords.Finding finding = oneOf(words.hazardDescriptionsFor(p.enterprise.getSectorId()));
      report.setCategory(finding.category()).setDescription((major ? "重大事故隐患：" : "") + finding.text());
    }
    schedule(t0, report.build());
    if (major && p.severity == null) {
      randomCase(t0, p.enterprise, id); // background major hazards are mostly answered by a case
    }
    if (p.source == HazardSource.PUBLIC_REPORT) {
      randomReport(t0, p.enterprise, id); // the report whose verification found it
    }

    Instant t1 = outcome == Outcome.QUICK ? t0.plus(seconds(uniform(120, 1800)))
        : t0.plus(seconds(uniform(major ? 1800 : 7200, major ? 86_400 : 3 * 86_400)));
    boolean supervised = major && (p.supervise != null ? p.supervise : rnd.nextDouble() < SUPERVISED_SHARE);
    if (supervised) {
      Instant ts = t0.plus(seconds(uniform(300, Math.max(360, Duration.between(t0, t1).toSeconds() - 60))));
      schedule(ts, hazardEvent(id, enterpriseId, HazardEventType.SUPERVISION_ASSIGNED, ts)
          .setSupervision(supervision(p.enterprise, deadline)));
    }
    if (outcome == Outcome.STALLED
        && !(p.startRectification != null ? p.startRectification : rnd.nextDouble() < 0.7)) {
      return id;
    }
    schedule(t1, note(hazardEvent(id, enterpriseId, HazardEventType.RECTIFICATION_STARTED, t1)));
    if (outcome == Outcome.STALLED) {
      return id;
    }
    Instant t2;
    if (outcome == Outcome.QUICK) {
      t2 = t1.plus(seconds(uniform(1200, 4 * 3600)));
    } else {
      Instant from = t1;
      if (outcome == Outcome.EXTENDED) {
        Instant te = later(t1.plus(Duration.ofHours(1)), fraction(t0, deadline, uniform(0.5, 0.85)));
        deadline = endOfDay(deadline.plus(Duration.ofDays(7 + rnd.nextInt(14))));
        schedule(te, note(hazardEvent(id, enterpriseId, HazardEventType.DEADLINE_EXTENDED, te)).setDeadline(deadline));
        from = te;
      }
      t2 = later(from.plus(Duration.ofMinutes(30)), fraction(from, deadline, uniform(0.2, 0.9)));
    }
    schedule(t2, note(hazardEvent(id, enterpriseId, HazardEventType.RECTIFIED, t2)));
    if (rnd.nextDouble() < RECHECK_FAILED_SHARE) {
      Instant failed = t2.plus(seconds(uniform(1800, 86_400)));
      schedule(failed, hazardEvent(id, enterpriseId, HazardEventType.RECHECK_FAILED, failed).setDescription("复查不合格，责令重新整改"));
      t2 = failed.plus(seconds(uniform(3600, 2 * 86_400)));
      schedule(t2, note(hazardEvent(id, enterpriseId, HazardEventType.RECTIFIED, t2)));
    }
    Duration verify = Duration.ofSeconds((long) uniform(3600, outcome == Outcome.QUICK ? 86_400 : 3 * 86_400));
    Duration room = Duration.between(t2, deadline);
    if (room.compareTo(Duration.ofHours(2)) > 0 && verify.compareTo(room) > 0) {
      verify = room.minusHours(1);
    }
    Instant t3 = t2.plus(verify);
    if (rnd.nextDouble() < ACCEPTED_SHARE) {
      Instant ta = t2.plus(verify.dividedBy(2));
      schedule(ta, hazardEvent(id, enterpriseId, HazardEventType.ENTERPRISE_ACCEPTED, ta).setDescription("企业组织验收合格"));
      if (!supervised && !major && rnd.nextBoolean()) {
        return id; // a general hazard closed by the enterprise's own acceptance
      }
    }
    schedule(t3, note(hazardEvent(id, enterpriseId, HazardEventType.VERIFIED_CLOSED, t3)));
    return id;
  }

  /** 挂牌督办 of a major hazard: the level, the department of its sector, and the five things in place (五落实). */
  private Supervision supervision(Enterprise e, Instant deadline) {
    SupervisionLevel level = SUPERVISION_LEVELS[pickIndex(new double[] {50, 40, 10})];
    String department = level == SupervisionLevel.TOWNSHIP
        ? ref.township(e.getTownshipId()).map(Township::nameZh).orElse("") + "安全生产监督管理办公室"
        : level == SupervisionLevel.CITY ? "常州市应急管理局" : words.departmentFor(e.getSectorId());
    return Supervision.newBuilder()
        .setLevel(level)
        .setDepartment(department)
        .setLeader(oneOf(words.surnames()) + "某")
        .setMeasures("停用相关设施，制定专项整改方案")
        .setResponsiblePerson(oneOf(words.surnames()) + "某（企业主要负责人）")
        .setFundsYuan((double) (10_000 * (1 + rnd.nextInt(50))))
        .setTimeLimit(deadline)
        .setContingencyPlan("整改期间落实专项应急预案和现场监护")
        .build();
  }

  private HazardEvent.Builder hazardEvent(String hazardId, String enterpriseId, HazardEventType type, Instant at) {
    return HazardEvent.newBuilder()
        .setEventId(uuid())
        .setHazardId(hazardId)
        .setEnterpriseId(enterpriseId)
        .setType(type)
        .setOccurredAt(at)
        .setSeverity(null)
        .setSource(null)
        .setDeadline(null)
        .setDescription(null)
        .setInspectionId(null);
  }

  private HazardEvent.Builder note(HazardEvent.Builder b) {
    return b.setDescription(oneOf(words.lifecycleNotes().get(b.getType().name())));
  }

  private void schedule(Instant at, HazardEvent.Builder b) {
    schedule(at, b.build());
  }

  private ViolationAction randomAction() {
    return ViolationAction.values()[pickIndex(new double[] {45, 45, 7, 3})];
  }

  private String violation(Instant at, Enterprise e, ViolationAction action, Double fine) {
    if (fine == null) {
      boolean fined = action == ViolationAction.FINE || (action == ViolationAction.SUSPENSION && rnd.nextBoolean());
      // Skewed towards the low end, rounded to 500 yuan.
      fine = fined ? Math.round((5000 + 195_000 * Math.pow(rnd.nextDouble(), 2.5)) / 500) * 500.0 : null;
    }
    String id = "WF" + DIVISION_CODE + "-" + day(at) + "-" + String.format("%05d", ++violationSeq);
    String prefix = switch (action) {
      case SUSPENSION -> "责令停产停业整顿：";
      case CLOSURE -> "提请关闭：";
      case WARNING -> "警告：";
      default -> "罚款：";
    };
    schedule(at, ViolationEvent.newBuilder()
        .setEventId(uuid())
        .setViolationId(id)
        .setEnterpriseId(e.getEnterpriseId())
        .setAction(action)
        .setFineYuan(fine)
        .setOccurredAt(at)
        .setDescription(prefix + oneOf(words.violationDescriptions()))
        .build());
    return id;
  }

  // ---------------------------------------------------------------- accidents

  /**
   * A background accident: mostly GENERAL (no or one death, a few injuries), one in 30 LARGER (3
   * deaths); one in five reported more than an hour late (国务院令第493号 art. 9 asks for 1 hour); one in
   * six corrected 1–10 days later with a new eventId (an injured worker died, the loss was assessed
   * higher), as 续报 happens. Drawn from a random stream of its own, so the other events stay as they were.
   */
  private void randomAccident(Instant at) {
    if (accidentEnterprises.isEmpty()) {
      return;
    }
    Enterprise e = accidentEnterprises.get(accidentRnd.nextInt(accidentEnterprises.size()));
    String sector = e.getSectorId();
    AccidentType type = switch (sector) {
      case "construction" -> oneOfAccidentTypes(AccidentType.FALL_FROM_HEIGHT, AccidentType.STRUCK_BY_OBJECT, AccidentType.COLLAPSE,
          AccidentType.LIFTING_INJURY);
      case "hazardous-chemicals", "chemical-zone" -> oneOfAccidentTypes(AccidentType.POISONING_AND_SUFFOCATION, AccidentType.FIRE,
          AccidentType.SCALDING_AND_BURNS, AccidentType.PRESSURE_VESSEL_EXPLOSION);
      case "bottled-gas" -> oneOfAccidentTypes(AccidentType.OTHER_EXPLOSION, AccidentType.FIRE, AccidentType.SCALDING_AND_BURNS);
      default -> oneOfAccidentTypes(AccidentType.MECHANICAL_INJURY, AccidentType.VEHICLE_INJURY, AccidentType.ELECTROCUTION,
          AccidentType.STRUCK_BY_OBJECT, AccidentType.OTHER_INJURY);
    };
    boolean larger = accidentRnd.nextInt(30) == 0;
    int deaths = larger ? 3 : (accidentRnd.nextInt(4) == 0 ? 1 : 0);
    int serious = accidentRnd.nextInt(3);
    int minor = accidentRnd.nextInt(4);
    double loss = Math.round(20_000 + 1_980_000 * Math.pow(accidentRnd.nextDouble(), 3)) / 100 * 100.0;
    Instant reported = at.plus(Duration.ofMinutes(accidentRnd.nextInt(5) == 0
        ? 61 + accidentRnd.nextInt(240) : 10 + accidentRnd.nextInt(45)));
    String id = "SG" + DIVISION_CODE + "-" + day(at) + "-" + String.format("%04d", ++accidentSeq);
    AccidentEvent a = AccidentEvent.newBuilder()
        .setEventId(accidentUuid()).setAccidentId(id).setEnterpriseId(e.getEnterpriseId())
        .setOccurredAt(at).setReportedAt(reported).setHeadInformedAt(headInformed(id, at, reported))
        .setDeaths(deaths).setSeriousInjuries(serious).setMinorInjuries(minor).setDirectLossYuan(loss)
        .setAccidentType(type).build();
    scheduleAccident(reported, a);
    scheduleDuties(a);
    if (accidentRnd.nextInt(6) == 0) {
      boolean died = serious > 0;
      Instant supplemented = advance(reported, 1 + accidentRnd.nextInt(10));
      scheduleAccident(supplemented, AccidentEvent.newBuilder(a)
          .setEventId(accidentUuid()).setSupplementedAt(supplemented)
          .setDeaths(deaths + (died ? 1 : 0)).setSeriousInjuries(serious - (died ? 1 : 0))
          .setDirectLossYuan(Math.round(loss * 1.5 / 100) * 100.0).build());
    }
  }

  /**
   * When the unit's head was informed: most records say (a few minutes after the accident), a third
   * do not, as records kept before 2026 did not; chosen from the id, not the random stream.
   */
  private static Instant headInformed(String accidentId, Instant occurred, Instant reported) {
    int h = Math.floorMod(accidentId.hashCode(), 30);
    if (h < 10) {
      return null;
    }
    Instant informed = occurred.plus(Duration.ofMinutes(h - 10));
    return informed.isAfter(reported) ? reported : informed;
  }

  // ---------------------------------------------------------------- enforcement cases

  /** Cases opened a day, not counting those that answer a major hazard. */
  private static final double CASES_PER_DAY = 1.5;

  /**
   * An enforcement case (行政处罚案件) and its steps: most are decided within the 90 days of
   * 行政处罚法 第六十条 and closed; about 1 in 10 is transferred to the judicial organs (a few of them
   * after a decision), 1 in 12 is withdrawn, 1 in 10 waits past the 90 days (some decided late), 1 in 7
   * decisions adds 按日连续处罚, 1 in 10 is corrected by a later decision. A case for a major hazard
   * ({@code hazardId}) is opened 1–18 days after its report, most within the 15-day window; 1 in 10
   * major hazards gets none.
   */
  private void randomCase(Instant found, Enterprise subject, String hazardId) {
    if (hazardId != null && caseRnd.nextInt(10) == 0) {
      return;
    }
    Enterprise e = subject != null ? subject : enterprises.get(caseRnd.nextInt(enterprises.size()));
    Instant opened = hazardId == null ? found : found.plus(seconds((1 + caseRnd.nextDouble() * 17) * 86_400));
    String caseId = "AJ" + DIVISION_CODE + "-" + day(opened) + "-" + String.format("%04d", ++caseSeq);
    String department = words.departmentFor(e.getSectorId());
    List<String> hazards = hazardId == null ? List.of() : List.of(hazardId);
    scheduleCase(caseStep(caseId, e, CaseEventType.OPENED, opened, department, hazards)
        .setBasis(hazardId != null ? "《安全生产法》第一百零二条 (未采取措施消除事故隐患)" : "《安全生产法》第九十九条").build());
    double u = caseRnd.nextDouble();
    if (u < 0.08) {
      scheduleCase(caseStep(caseId, e, CaseEventType.WITHDRAWN, days(opened, 5, 40), department, List.of())
          .setNote("违法事实不能成立，撤销立案").build());
      return;
    }
    if (u < 0.15) { // transferred before any decision: 危险作业罪 (刑法 第一百三十四条之一)
      Instant moved = days(opened, 3, 30);
      scheduleCase(caseStep(caseId, e, CaseEventType.TRANSFERRED, moved, department, List.of())
          .setNote("涉嫌危险作业罪，移送公安机关").build());
      scheduleCase(caseStep(caseId, e, CaseEventType.CLOSED, days(moved, 20, 60), department, List.of()).build());
      return;
    }
    boolean late = u < 0.25;
    Instant decided = late ? days(opened, 92, 130) : days(opened, 10, 85);
    if (late && caseRnd.nextBoolean()) {
      return; // still waiting for its decision
    }
    List<Penalty> penalties = penalties();
    scheduleCase(caseStep(caseId, e, CaseEventType.DECIDED, decided, department, List.of()).setPenalties(penalties).build());
    if (caseRnd.nextInt(10) == 0) {
      decided = days(decided, 1, 10);
      scheduleCase(caseStep(caseId, e, CaseEventType.DECIDED, decided, department, List.of()).setPenalties(penalties())
          .setNote("更正处罚决定").build());
    }
    if (u >= 0.25 && u < 0.30) { // transferred after the decision
      Instant moved = days(decided, 1, 20);
      scheduleCase(caseStep(caseId, e, CaseEventType.TRANSFERRED, moved, department, List.of())
          .setNote("涉嫌危险作业罪，移送公安机关").build());
      decided = moved;
    }
    scheduleCase(caseStep(caseId, e, CaseEventType.CLOSED, days(decided, 15, 60), department, List.of()).build());
  }

  // ---------------------------------------------------------------- public reports

  /** Reports received a day that find no hazard of the ledger (those that do come with their hazard). */
  private static final double REPORTS_PER_DAY = 1.2;

  /**
   * A public report (举报) and its steps. One that found a hazard ({@code hazardId}) was received when
   * the hazard was recorded (source PUBLIC_REPORT), accepted within half a day and verified
   * substantiated naming the hazard 1–6 days later (the ledger then links it); 6 in 10 of those are
   * rewarded (1 in 8 corrected by a later amount). Of the others: 1 in 10 is rejected, 1 in 6 names
   * only an address (no enterprise), 1 in 20 is accepted late, 1 in 8 is never verified (it goes
   * verification-overdue), the rest verified within 10–50 days, 1 in 3 of them substantiated. Most
   * verified reports are replied to within 1–9 days. 3 in 10 are anonymous.
   */
  private void randomReport(Instant found, Enterprise subject, String hazardId) {
    boolean linked = hazardId != null;
    boolean addressOnly = !linked && reportRnd.nextInt(6) == 0;
    Enterprise e = linked ? subject : addressOnly ? null : enterprises.get(reportRnd.nextInt(enterprises.size()));
    Instant received = found; // never before what is planned already: the events go out in time order
    String township = e != null ? e.getTownshipId()
        : ref.townships().get(reportRnd.nextInt(ref.townships().size())).id();
    String reportId = "JB" + DIVISION_CODE + "-" + day(received) + "-" + String.format("%04d", ++reportSeq);
    ReportChannel[] channels = {ReportChannel.HOTLINE_12350, ReportChannel.HOTLINE_12350, ReportChannel.ONLINE,
        ReportChannel.ONLINE, ReportChannel.LETTER, ReportChannel.VISIT};
    String department = e != null ? words.departmentFor(e.getSectorId()) : "区应急管理局";
    scheduleReport(reportStep(reportId, e, PublicReportEventType.RECEIVED, received).setTownshipId(township)
        .setChannel(channels[reportRnd.nextInt(channels.length)]).setAnonymous(reportRnd.nextInt(10) < 3)
        .setContent(e != null ? "反映" + e.getName() + "存在安全隐患" : "反映" + ref.township(township)
            .map(Township::nameZh).orElse("") + "某处存在安全隐患").build());
    if (!linked && reportRnd.nextInt(10) == 0) {
      scheduleReport(reportStep(reportId, e, PublicReportEventType.REJECTED, reportDays(received, 0.1, 10))
          .setDepartmentId(department).build());
      return;
    }
    Instant accepted = !linked && reportRnd.nextInt(20) == 0 ? reportDays(received, 16, 40)
        : reportDays(received, 0.01, linked ? 0.5 : 3);
    scheduleReport(reportStep(reportId, e, PublicReportEventType.ACCEPTED, accepted).setDepartmentId(department).build());
    if (reportRnd.nextInt(3) == 0) {
      scheduleReport(reportStep(reportId, e, PublicReportEventType.ASSIGNED, reportDays(accepted, 0.05, 0.9))
          .setDepartmentId(e != null ? department : township).build());
    }
    Instant verified;
    boolean substantiated;
    if (linked) {
      verified = reportDays(accepted, 1, 6); // after any assignment; confirms the hazard recorded at receipt
      substantiated = true;
    } else if (reportRnd.nextInt(8) == 0) {
      return; // never verified: it goes verification-overdue
    } else {
      verified = reportDays(accepted, 10, 50);
      substantiated = reportRnd.nextInt(3) == 0;
    }
    scheduleReport(reportStep(reportId, e, PublicReportEventType.VERIFIED, verified).setSubstantiated(substantiated)
        .setHazardIds(linked ? new ArrayList<>(List.of(hazardId)) : new ArrayList<>()).build());
    if (reportRnd.nextInt(10) < 9) {
      scheduleReport(reportStep(reportId, e, PublicReportEventType.REPLIED, reportDays(verified, 1, 9)).build());
    }
    if (substantiated && reportRnd.nextInt(10) < 6) {
      Instant paid = reportDays(verified, 10, 40);
      scheduleReport(reportStep(reportId, e, PublicReportEventType.REWARDED, paid)
          .setRewardYuan((double) (100 * (2 + reportRnd.nextInt(29)))).build());
      if (reportRnd.nextInt(8) == 0) {
        scheduleReport(reportStep(reportId, e, PublicReportEventType.REWARDED, reportDays(paid, 1, 5))
            .setRewardYuan((double) (100 * (2 + reportRnd.nextInt(29)))).build());
      }
    }
  }

  private Instant reportDays(Instant from, double lo, double hi) {
    return from.plus(seconds((lo + reportRnd.nextDouble() * (hi - lo)) * 86_400));
  }

  private PublicReportEvent.Builder reportStep(String reportId, Enterprise e, PublicReportEventType type, Instant at) {
    long msb = (reportRnd.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (reportRnd.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return PublicReportEvent.newBuilder().setEventId(new UUID(msb, lsb).toString()).setReportId(reportId)
        .setType(type).setOccurredAt(at).setEnterpriseId(e == null ? null : e.getEnterpriseId());
  }

  /** Like {@link #schedule(Instant, SpecificRecord)}, with the reports' own random stream. */
  private void scheduleReport(PublicReportEvent r) {
    queue.add(new Due(r.getOccurredAt(), seq++, r));
    if (reportRnd.nextDouble() < config.duplicateRate()) {
      queue.add(new Due(r.getOccurredAt().plus(seconds(1 + reportRnd.nextInt(600))), seq++, r));
    }
  }

  private List<Penalty> penalties() {
    List<Penalty> list = new ArrayList<>();
    if (caseRnd.nextInt(8) == 0) {
      list.add(new Penalty(PenaltyKind.WARNING, null));
    }
    list.add(new Penalty(PenaltyKind.FINE, (double) (1_000 * (10 + caseRnd.nextInt(190)))));
    if (caseRnd.nextInt(7) == 0) {
      list.add(new Penalty(PenaltyKind.DAILY_FINE, (double) (10_000 * (1 + caseRnd.nextInt(10)))));
    }
    if (caseRnd.nextInt(15) == 0) {
      list.add(new Penalty(PenaltyKind.SUSPENSION, null));
    }
    return list;
  }

  private Instant days(Instant from, int lo, int hi) {
    return from.plus(seconds((lo + caseRnd.nextDouble() * (hi - lo)) * 86_400));
  }

  private CaseEvent.Builder caseStep(String caseId, Enterprise e, CaseEventType type, Instant at, String department,
      List<String> hazardIds) {
    long msb = (caseRnd.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (caseRnd.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return CaseEvent.newBuilder().setEventId(new UUID(msb, lsb).toString()).setCaseId(caseId)
        .setEnterpriseId(e.getEnterpriseId()).setType(type).setOccurredAt(at).setDepartmentId(department)
        .setHazardIds(new ArrayList<>(hazardIds)).setPenalties(new ArrayList<>());
  }

  /** Like {@link #schedule(Instant, SpecificRecord)}, with the cases' own random stream. */
  private void scheduleCase(CaseEvent c) {
    queue.add(new Due(c.getOccurredAt(), seq++, c));
    if (caseRnd.nextDouble() < config.duplicateRate()) {
      queue.add(new Due(c.getOccurredAt().plus(seconds(1 + caseRnd.nextInt(600))), seq++, c));
    }
  }

  private AccidentType oneOfAccidentTypes(AccidentType... options) {
    return options[accidentRnd.nextInt(options.length)];
  }

  /** Like {@link #schedule(Instant, SpecificRecord)}, with the accidents' own random stream. */
  private void scheduleAccident(Instant at, AccidentEvent a) {
    queue.add(new Due(at, seq++, a));
    if (accidentRnd.nextDouble() < config.duplicateRate()) {
      queue.add(new Due(at.plus(seconds(1 + accidentRnd.nextInt(600))), seq++, a));
    }
  }

  /**
   * The bureau's duties once it has the report (493号令 第十、十一条), each recorded when done: most
   * within the 2 hours, in about one accident in ten one of them late, in one in twenty one never
   * recorded. Drawn from a stream of the accident's own, so the other events stay as they were.
   */
  private void scheduleDuties(AccidentEvent a) {
    SplittableRandom r = new SplittableRandom(config.seed() ^ a.getAccidentId().hashCode());
    int lateOne = r.nextInt(10) == 0 ? r.nextInt(6) : -1;
    int missing = r.nextInt(20) == 0 ? r.nextInt(6) : -1;
    int i = 0;
    for (AccidentDutyKind duty : AccidentDutyKind.values()) {
      if (duty == AccidentDutyKind.UNKNOWN) {
        continue;
      }
      int n = i++;
      if (n == missing) {
        continue;
      }
      Instant done = a.getReportedAt().plus(Duration.ofMinutes(n == lateOne ? 130 + r.nextInt(120) : 10 + r.nextInt(100)));
      queue.add(new Due(done, seq++, AccidentDuty.newBuilder()
          .setEventId(new UUID(r.nextLong(), r.nextLong()).toString()).setAccidentId(a.getAccidentId())
          .setEnterpriseId(a.getEnterpriseId()).setDuty(duty).setDoneAt(done).setBy("区应急管理局值班室").build()));
    }
  }

  private String accidentUuid() {
    long msb = (accidentRnd.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (accidentRnd.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }

  // ---------------------------------------------------------------- weather

  private static final Map<WarningLevel, String> LEVEL_ZH = Map.of(
      WarningLevel.BLUE, "蓝色", WarningLevel.YELLOW, "黄色", WarningLevel.ORANGE, "橙色", WarningLevel.RED, "红色");

  private void randomWeather(Instant at) {
    int month = at.atZone(config.zone()).getMonthValue();
    Map<WeatherKind, Double> kinds = new LinkedHashMap<>();
    if (month >= 6 && month <= 9) {
      kinds.put(WeatherKind.HIGH_TEMPERATURE, 35.0);
      kinds.put(WeatherKind.HEAVY_RAIN, 25.0);
      kinds.put(WeatherKind.THUNDERSTORM, 25.0);
      kinds.put(WeatherKind.GALE, 7.0);
      kinds.put(WeatherKind.HAIL, 3.0);
      if (month >= 7) {
        kinds.put(WeatherKind.TYPHOON, 8.0);
      }
    } else if (month == 12 || month <= 2) {
      kinds.put(WeatherKind.COLD_WAVE, 40.0);
      kinds.put(WeatherKind.FOG, 35.0);
      kinds.put(WeatherKind.GALE, 15.0);
      kinds.put(WeatherKind.ROAD_ICING, 10.0); // 道路结冰: yellow, orange or red, never blue
      kinds.put(WeatherKind.BLIZZARD, 6.0);
      kinds.put(WeatherKind.HAZE, 12.0);
    } else {
      kinds.put(WeatherKind.FOG, 25.0);
      kinds.put(WeatherKind.HEAVY_RAIN, 25.0);
      kinds.put(WeatherKind.THUNDERSTORM, 20.0);
      kinds.put(WeatherKind.GALE, 20.0);
      kinds.put(WeatherKind.HAIL, month >= 4 && month <= 5 ? 4.0 : 0.0);
      kinds.put(WeatherKind.COLD_WAVE, month == 3 || month == 11 ? 10.0 : 0.0);
    }
    WeatherKind kind = pick(kinds);
    double[] weights = kind == WeatherKind.TYPHOON ? new double[] {20, 30, 35, 15} : new double[] {35, 35, 22, 8};
    Set<WarningLevel> possible = WeatherSignals.levels(kind); // 高温 has no blue, for one
    for (int i = 0; i < weights.length; i++) {
      weights[i] = possible.contains(WarningLevel.values()[i]) ? weights[i] : 0;
    }
    WarningLevel level = WarningLevel.values()[pickIndex(weights)];
    List<String> townships = new ArrayList<>();
    if (rnd.nextBoolean()) {
      List<Township> all = new ArrayList<>(ref.townships());
      for (int n = 1 + rnd.nextInt(4); n > 0; n--) {
        townships.add(all.remove(rnd.nextInt(all.size())).id());
      }
    }
    Instant to = at.plus(seconds(uniform(6, kind == WeatherKind.TYPHOON ? 72 : 48) * 3600));
    String id = weather(at, kind, level, townships, at, to);
    if (rnd.nextDouble() < 0.2) {
      // The observatory updates the warning: same warningId, new level.
      Instant update = at.plus(seconds(uniform(0.2, 0.6) * Duration.between(at, to).toSeconds()));
      int l = Math.max(0, Math.min(3, level.ordinal() + (rnd.nextDouble() < 0.6 ? 1 : -1)));
      if (possible.contains(WarningLevel.values()[l])) {
        schedule(update, weatherWarning(id, kind, WarningLevel.values()[l], townships, at, to));
      }
    }
  }

  private String weather(Instant at, WeatherKind kind, WarningLevel level, List<String> townships, Instant from, Instant to) {
    String id = "QX" + DIVISION_CODE + "-" + day(at) + "-" + String.format("%05d", ++warningSeq);
    schedule(at, weatherWarning(id, kind, level, townships, from, to));
    return id;
  }

  private WeatherWarning weatherWarning(String id, WeatherKind kind, WarningLevel level, List<String> townships,
                                        Instant from, Instant to) {
    String where = townships.isEmpty() ? "" : "（" + String.join("、", townships.stream()
        .map(t -> ref.township(t).map(Township::nameZh).orElse(t)).toList()) + "）";
    return WeatherWarning.newBuilder()
        .setEventId(uuid())
        .setWarningId(id)
        .setKind(kind)
        .setLevel(level)
        .setTownshipIds(List.copyOf(townships))
        .setValidFrom(from)
        .setValidTo(to)
        .setHeadline("常州市金坛区气象台发布" + WeatherSignals.nameZh(kind) + LEVEL_ZH.get(level) + "预警信号" + where)
        .build();
  }

  // ---------------------------------------------------------------- scenarios

  private void planScenarios() {
    Instant t = start;
    Duration day = Duration.ofDays(1);

    Enterprise m1 = scenarioMajor1;
    Enterprise m2 = scenarioMajor2;
    Enterprise violator = scenarioViolator;
    Enterprise heat1 = scenarioHeat1;
    Enterprise heat2 = scenarioHeat2;
    Enterprise key = scenarioKey;
    Enterprise quiet = scenarioQuiet;

    // (a) surge
    List<Enterprise> surge = byTownship.get(SURGE_TOWNSHIP);
    HazardSource[] surgeSources = {HazardSource.GRID_PATROL, HazardSource.PUBLIC_REPORT, HazardSource.SELF_INSPECTION};
    for (int i = 0; i < 15; i++) {
      HazardPlan p = new HazardPlan(surge.get(i % surge.size()), t.minus(Duration.ofMinutes(20)).plus(seconds(i * 96)),
          surgeSources[i % surgeSources.length]);
      p.severity = HazardSeverity.GENERAL;
      hazard(p);
    }

    // (b) major hazards past their deadline
    List<String> overdue = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      HazardPlan p = new HazardPlan(i == 1 ? m2 : m1, t.minus(day.multipliedBy(25 - 2L * i)), HazardSource.FLYING_INSPECTION);
      p.severity = HazardSeverity.MAJOR;
      p.outcome = Outcome.STALLED;
      p.startRectification = true;
      p.supervise = i != 0; // one left without 挂牌督办: the major-unsupervised alert
      p.deadline = endOfDay(p.reportedAt.plus(day.multipliedBy(10)));
      overdue.add(hazard(p));
    }

    // (c) repeat violator
    violation(t.minus(day.multipliedBy(6)), violator, ViolationAction.WARNING, null);
    violation(t.minus(day.multipliedBy(4)), violator, ViolationAction.FINE, 20_000.0);
    violation(t.minus(day.multipliedBy(2)), violator, ViolationAction.FINE, 50_000.0);
    violation(t.plus(Duration.ofMinutes(1)), violator, ViolationAction.SUSPENSION, 100_000.0);

    // (d) heat warning over open hazards in weather-sensitive sectors
    int[] daysAgo = {3, 2, 1};
    Enterprise[] heatEnterprises = {heat1, heat1, heat2};
    for (int i = 0; i < 3; i++) {
      HazardPlan p = new HazardPlan(heatEnterprises[i], t.minus(day.multipliedBy(daysAgo[i])), HazardSource.DEPARTMENT_INSPECTION);
      p.outcome = Outcome.STALLED;
      p.startRectification = true;
      p.severity = HazardSeverity.GENERAL;
      p.deadline = endOfDay(t.plus(day.multipliedBy(14)));
      hazard(p);
    }
    Instant warnAt = t.plus(Duration.ofMinutes(2));
    String heatWarning = weather(warnAt, WeatherKind.HIGH_TEMPERATURE, WarningLevel.ORANGE, List.of(HEAT_TOWNSHIP),
        warnAt, warnAt.plus(Duration.ofDays(2)));

    // (e) key-supervised enterprise with a new hazard
    String linked = inspection(t.plus(Duration.ofSeconds(40)), key, InspectionKind.LINKED_SUPERVISION, 1, true);
    HazardPlan kp = new HazardPlan(key, t.plus(Duration.ofMinutes(1)), HazardSource.LINKED_SUPERVISION);
    kp.inspectionId = linked;
    kp.severity = HazardSeverity.GENERAL;
    String keyHazard = hazard(kp);

    // (f) key-area enterprise silent for 45 days
    inspection(t.minus(day.multipliedBy(45)), quiet, InspectionKind.SELF_INSPECTION, 0, true);
    String routine = inspection(t.minus(day.multipliedBy(20)), quiet, InspectionKind.ROUTINE, 1, true);
    HazardPlan qp = new HazardPlan(quiet, t.minus(day.multipliedBy(20)).plus(Duration.ofMinutes(30)), HazardSource.DEPARTMENT_INSPECTION);
    qp.inspectionId = routine;
    qp.outcome = Outcome.NORMAL;
    qp.severity = HazardSeverity.GENERAL;
    hazard(qp);

    // (g) inspection-led township: a burst of department / flying inspections with findings
    List<Enterprise> led = byTownship.get(INSPECTION_LED_TOWNSHIP);
    for (int i = 0; i < 6; i++) {
      Instant at = i < 5 ? t.minus(day.multipliedBy(2)).plus(Duration.ofHours(8L * i)) : t.plus(Duration.ofMinutes(3));
      InspectionKind kind = i % 2 == 0 ? InspectionKind.FLYING : InspectionKind.ROUTINE;
      Enterprise e = led.get(i % led.size());
      String insp = inspection(at, e, kind, 2, true);
      for (int f = 0; f < 2; f++) {
        HazardPlan p = new HazardPlan(e, at.plus(Duration.ofMinutes(10 + f)), sourceOf(kind));
        p.inspectionId = insp;
        hazard(p);
      }
    }

    // (i) 漏检: in 金城镇 a township inspection (−12 d) of the construction site before the accident (h), and
    // at the chemicals enterprise a routine inspection (−10 d) and a grid patrol (−5 d) that found nothing,
    // then a flying inspection (−1 d) that finds a major hazard and a general one, and a public report
    // (start+6 min) at the construction site: misses of every unit that inspected there.
    inspection(officeHours(t.minus(day.multipliedBy(12))), heat1, InspectionKind.ROUTINE, 0, true);
    inspection(officeHours(t.minus(day.multipliedBy(10))), heat2, InspectionKind.ROUTINE, 0, true);
    inspection(officeHours(t.minus(day.multipliedBy(5))), heat2, InspectionKind.GRID_PATROL, 0, true);
    Instant flown = officeHours(t.minus(day));
    String flying = inspection(flown, heat2, InspectionKind.FLYING, 2, true);
    for (HazardSeverity severity : List.of(HazardSeverity.MAJOR, HazardSeverity.GENERAL)) {
      HazardPlan missed = new HazardPlan(heat2, flown.plus(Duration.ofMinutes(20)), HazardSource.FLYING_INSPECTION);
      missed.inspectionId = flying;
      missed.severity = severity;
      hazard(missed);
    }
    HazardPlan reported = new HazardPlan(heat1, t.plus(Duration.ofMinutes(6)), HazardSource.PUBLIC_REPORT);
    reported.severity = HazardSeverity.GENERAL;
    hazard(reported);

    // (h) accident: a fall from height at a construction site in 金城镇 two days ago, one worker seriously
    // injured, reported late (2 h); at start+5 min a correction (new eventId): the worker died.
    Instant fell = officeHours(t.minus(day.multipliedBy(2)));
    String accidentId = "SG" + DIVISION_CODE + "-" + day(fell) + "-" + String.format("%04d", ++accidentSeq);
    AccidentEvent fall = AccidentEvent.newBuilder()
        .setEventId(accidentUuid()).setAccidentId(accidentId).setEnterpriseId(heat1.getEnterpriseId())
        .setOccurredAt(fell).setReportedAt(fell.plus(Duration.ofHours(2)))
        .setHeadInformedAt(fell.plus(Duration.ofMinutes(10))) // 迟报: 1 h 50 min after the head knew
        .setDeaths(0).setSeriousInjuries(1).setMinorInjuries(1).setDirectLossYuan(180_000.0)
        .setAccidentType(AccidentType.FALL_FROM_HEIGHT).setDescription("脚手架作业人员未系安全带坠落")
        .build();
    scheduleAccident(fell.plus(Duration.ofHours(2)), fall);
    scheduleDuties(fall);
    scheduleAccident(t.plus(Duration.ofMinutes(5)), AccidentEvent.newBuilder(fall).setEventId(accidentUuid())
        .setSupplementedAt(t.plus(Duration.ofMinutes(5)))
        .setDeaths(1).setSeriousInjuries(0).setDirectLossYuan(1_450_000.0)
        .setDescription("脚手架作业人员未系安全带坠落；续报：重伤人员经抢救无效死亡").build());

    scenarios = new Scenarios(SURGE_TOWNSHIP, List.copyOf(overdue), violator.getEnterpriseId(), HEAT_TOWNSHIP,
        heatWarning, key.getEnterpriseId(), keyHazard, quietEnterpriseId, INSPECTION_LED_TOWNSHIP, accidentId);
  }

  // ---------------------------------------------------------------- helpers

  private void schedule(Instant at, SpecificRecord r) {
    queue.add(new Due(at, seq++, r));
    if (rnd.nextDouble() < config.duplicateRate()) {
      queue.add(new Due(at.plus(seconds(uniform(1, 600))), seq++, r));
    }
  }

  private String uuid() {
    long msb = (rnd.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (rnd.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }

  private String day(Instant t) {
    return t.atZone(config.zone()).format(ID_DATE);
  }

  private Instant endOfDay(Instant t) {
    LocalDate d = t.atZone(config.zone()).toLocalDate();
    return d.atTime(23, 59, 59).atZone(config.zone()).toInstant();
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant fraction(Instant from, Instant to, double f) {
    return from.plus(seconds(Duration.between(from, to).toSeconds() * f));
  }

  private static Duration seconds(double s) {
    return Duration.ofSeconds(Math.max(0, (long) s));
  }

  private Instant between(Instant from, Instant to) {
    return from.plusSeconds(rnd.nextLong(Math.max(1, Duration.between(from, to).toSeconds())));
  }

  private double uniform(double lo, double hi) {
    return lo + (hi - lo) * rnd.nextDouble();
  }

  private int poisson(double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 50) {
      return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * nextGaussian()));
    }
    double limit = Math.exp(-mean);
    double p = rnd.nextDouble();
    int n = 0;
    while (p > limit) {
      p *= rnd.nextDouble();
      n++;
    }
    return n;
  }

  private double nextGaussian() {
    return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
  }

  private <T> T oneOf(List<T> list) {
    return list.get(rnd.nextInt(list.size()));
  }

  private <K> K pick(Map<K, Double> weights) {
    double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
    double u = rnd.nextDouble() * total;
    K last = null;
    for (Map.Entry<K, Double> e : weights.entrySet()) {
      last = e.getKey();
      u -= e.getValue();
      if (u < 0) {
        return last;
      }
    }
    return last;
  }

  private int pickIndex(double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double u = rnd.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      u -= weights[i];
      if (u < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  /** Weighted choice from a fixed list by binary search over cumulative weights. */
  private final class Picker<T> {
    private final List<T> items;
    private final double[] cumulative;

    Picker(List<T> items, Function<T, Double> weight) {
      this.items = items;
      this.cumulative = new double[items.size()];
      double sum = 0;
      for (int i = 0; i < items.size(); i++) {
        sum += weight.apply(items.get(i));
        cumulative[i] = sum;
      }
    }

    boolean isEmpty() {
      return items.isEmpty();
    }

    T pick() {
      double u = rnd.nextDouble() * cumulative[cumulative.length - 1];
      int i = java.util.Arrays.binarySearch(cumulative, u);
      return items.get(Math.min(items.size() - 1, i >= 0 ? i + 1 : -i - 1));
    }
  }
}
