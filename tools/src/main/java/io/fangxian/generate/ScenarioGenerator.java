package io.fangxian.generate;

import static io.fangxian.generate.GeneratorContext.seconds;

import io.fangxian.avro.AccidentEvent;
import io.fangxian.avro.AccidentType;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.InspectionKind;
import io.fangxian.avro.RiskLevel;
import io.fangxian.avro.ViolationAction;
import io.fangxian.avro.WarningLevel;
import io.fangxian.avro.WeatherKind;
import io.fangxian.generate.HazardGenerator.HazardPlan;
import io.fangxian.generate.HazardGenerator.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The alert scenarios (a)–(i) described on {@link DataGenerator}: their subjects and their stories. */
final class ScenarioGenerator {
  static final String SURGE_TOWNSHIP = "zhixi";
  static final String HEAT_TOWNSHIP = "jincheng";
  static final String INSPECTION_LED_TOWNSHIP = "xuebu";
  static final double SELF_FINDINGS_FACTOR_INSPECTION_LED = 0.1;
  private static final double EXTRA_INSPECTION_LED_HAZARD_SHARE = 0.06;

  private final GeneratorContext ctx;
  private final HazardGenerator hazards;
  private final InspectionGenerator inspections;
  private final ViolationGenerator violations;
  private final WeatherGenerator weather;
  private final AccidentGenerator accidents;
  private Picker<Enterprise> inspectionLedPicker;
  private Enterprise scenarioMajor1;
  private Enterprise scenarioMajor2;
  private Enterprise scenarioViolator;
  private Enterprise scenarioHeat1;
  private Enterprise scenarioHeat2;
  private Enterprise scenarioKey;
  private Enterprise scenarioQuiet;

  ScenarioGenerator(GeneratorContext ctx, HazardGenerator hazards, InspectionGenerator inspections,
                    ViolationGenerator violations, WeatherGenerator weather, AccidentGenerator accidents) {
    this.ctx = ctx;
    this.hazards = hazards;
    this.inspections = inspections;
    this.violations = violations;
    this.weather = weather;
    this.accidents = accidents;
  }

  /** The scenarios' enterprises, created before any other. */
  void addSubjects(EnterpriseGenerator enterprises) {
    for (int i = 0; i < 3; i++) {
      enterprises.add(SURGE_TOWNSHIP, enterprises.randomSectorFor(SURGE_TOWNSHIP), null, null);
      enterprises.add(INSPECTION_LED_TOWNSHIP, enterprises.randomSectorFor(INSPECTION_LED_TOWNSHIP), null, null);
    }
    scenarioMajor1 = enterprises.add("kaifaqu", "chemical-zone", RiskLevel.RED, null);
    scenarioMajor2 = enterprises.add("kaifaqu", "chemical-zone", RiskLevel.ORANGE, null);
    scenarioViolator = enterprises.add("dongcheng", "bottled-gas", RiskLevel.YELLOW, null);
    scenarioHeat1 = enterprises.add(HEAT_TOWNSHIP, "construction", RiskLevel.ORANGE, null);
    scenarioHeat2 = enterprises.add(HEAT_TOWNSHIP, "hazardous-chemicals", RiskLevel.YELLOW, null);
    scenarioKey = enterprises.add("yaotang", "hazardous-chemicals", RiskLevel.RED, "区应急局 王某");
    scenarioQuiet = enterprises.add("rulin", "elderly-care", RiskLevel.ORANGE, null);
    ctx.quietEnterpriseId = scenarioQuiet.getEnterpriseId();
  }

  /**
   * The extra department and flying inspections of the inspection-led township in an hour's bucket
   * ({@code perBucket}: the hazards expected in all).
   */
  void planBucket(Instant from, Instant to, double perBucket) {
    if (inspectionLedPicker.isEmpty()) {
      return;
    }
    int n = ctx.poisson(perBucket * EXTRA_INSPECTION_LED_HAZARD_SHARE / 1.2);
    for (int i = 0; i < n; i++) {
      InspectionKind kind = ctx.rnd.nextBoolean() ? InspectionKind.ROUTINE : InspectionKind.FLYING;
      inspections.inspection(ctx.between(from, to), inspectionLedPicker.pick(), kind, ctx.poisson(1.2), false);
    }
  }

  /** Plans every scenario's story, relative to {@code start}, and returns their subjects. */
  DataGenerator.Scenarios plan() {
    inspectionLedPicker = new Picker<>(ctx.rnd, ctx.byTownship.getOrDefault(INSPECTION_LED_TOWNSHIP, List.of()), e -> 1.0);
    Instant t = ctx.start;
    Duration day = Duration.ofDays(1);

    Enterprise m1 = scenarioMajor1;
    Enterprise m2 = scenarioMajor2;
    Enterprise violator = scenarioViolator;
    Enterprise heat1 = scenarioHeat1;
    Enterprise heat2 = scenarioHeat2;
    Enterprise key = scenarioKey;
    Enterprise quiet = scenarioQuiet;

    // (a) surge
    List<Enterprise> surge = ctx.byTownship.get(SURGE_TOWNSHIP);
    HazardSource[] surgeSources = {HazardSource.GRID_PATROL, HazardSource.PUBLIC_REPORT, HazardSource.SELF_INSPECTION};
    for (int i = 0; i < 15; i++) {
      HazardPlan p = new HazardPlan(surge.get(i % surge.size()), t.minus(Duration.ofMinutes(20)).plus(seconds(i * 96)),
          surgeSources[i % surgeSources.length]);
      p.severity = HazardSeverity.GENERAL;
      hazards.hazard(p);
    }

    // (b) major hazards past their deadline
    List<String> overdue = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      HazardPlan p = new HazardPlan(i == 1 ? m2 : m1, t.minus(day.multipliedBy(25 - 2L * i)), HazardSource.FLYING_INSPECTION);
      p.severity = HazardSeverity.MAJOR;
      p.outcome = Outcome.STALLED;
      p.startRectification = true;
      p.supervise = i != 0; // one left without 挂牌督办: the major-unsupervised alert
      p.deadline = ctx.endOfDay(p.reportedAt.plus(day.multipliedBy(10)));
      overdue.add(hazards.hazard(p));
    }

    // (c) repeat violator
    violations.violation(t.minus(day.multipliedBy(6)), violator, ViolationAction.WARNING, null);
    violations.violation(t.minus(day.multipliedBy(4)), violator, ViolationAction.FINE, 20_000.0);
    violations.violation(t.minus(day.multipliedBy(2)), violator, ViolationAction.FINE, 50_000.0);
    violations.violation(t.plus(Duration.ofMinutes(1)), violator, ViolationAction.SUSPENSION, 100_000.0);

    // (d) heat warning over open hazards in weather-sensitive sectors
    int[] daysAgo = {3, 2, 1};
    Enterprise[] heatEnterprises = {heat1, heat1, heat2};
    for (int i = 0; i < 3; i++) {
      HazardPlan p = new HazardPlan(heatEnterprises[i], t.minus(day.multipliedBy(daysAgo[i])), HazardSource.DEPARTMENT_INSPECTION);
      p.outcome = Outcome.STALLED;
      p.startRectification = true;
      p.severity = HazardSeverity.GENERAL;
      p.deadline = ctx.endOfDay(t.plus(day.multipliedBy(14)));
      hazards.hazard(p);
    }
    Instant warnAt = t.plus(Duration.ofMinutes(2));
    String heatWarning = weather.weather(warnAt, WeatherKind.HIGH_TEMPERATURE, WarningLevel.ORANGE, List.of(HEAT_TOWNSHIP),
        warnAt, warnAt.plus(Duration.ofDays(2)));

    // (e) key-supervised enterprise with a new hazard
    String linked = inspections.inspection(t.plus(Duration.ofSeconds(40)), key, InspectionKind.LINKED_SUPERVISION, 1, true);
    HazardPlan kp = new HazardPlan(key, t.plus(Duration.ofMinutes(1)), HazardSource.LINKED_SUPERVISION);
    kp.inspectionId = linked;
    kp.severity = HazardSeverity.GENERAL;
    String keyHazard = hazards.hazard(kp);

    // (f) key-area enterprise silent for 45 days
    inspections.inspection(t.minus(day.multipliedBy(45)), quiet, InspectionKind.SELF_INSPECTION, 0, true);
    String routine = inspections.inspection(t.minus(day.multipliedBy(20)), quiet, InspectionKind.ROUTINE, 1, true);
    HazardPlan qp = new HazardPlan(quiet, t.minus(day.multipliedBy(20)).plus(Duration.ofMinutes(30)), HazardSource.DEPARTMENT_INSPECTION);
    qp.inspectionId = routine;
    qp.outcome = Outcome.NORMAL;
    qp.severity = HazardSeverity.GENERAL;
    hazards.hazard(qp);

    // (g) inspection-led township: a burst of department / flying inspections with findings
    List<Enterprise> led = ctx.byTownship.get(INSPECTION_LED_TOWNSHIP);
    for (int i = 0; i < 6; i++) {
      Instant at = i < 5 ? t.minus(day.multipliedBy(2)).plus(Duration.ofHours(8L * i)) : t.plus(Duration.ofMinutes(3));
      InspectionKind kind = i % 2 == 0 ? InspectionKind.FLYING : InspectionKind.ROUTINE;
      Enterprise e = led.get(i % led.size());
      String insp = inspections.inspection(at, e, kind, 2, true);
      for (int f = 0; f < 2; f++) {
        HazardPlan p = new HazardPlan(e, at.plus(Duration.ofMinutes(10 + f)), InspectionGenerator.sourceOf(kind));
        p.inspectionId = insp;
        hazards.hazard(p);
      }
    }

    // (i) 漏检: in 金城镇 a township inspection (−12 d) of the construction site before the accident (h), and
    // at the chemicals enterprise a routine inspection (−10 d) and a grid patrol (−5 d) that found nothing,
    // then a flying inspection (−1 d) that finds a major hazard and a general one, and a public report
    // (start+6 min) at the construction site: misses of every unit that inspected there.
    inspections.inspection(ctx.officeHours(t.minus(day.multipliedBy(12))), heat1, InspectionKind.ROUTINE, 0, true);
    inspections.inspection(ctx.officeHours(t.minus(day.multipliedBy(10))), heat2, InspectionKind.ROUTINE, 0, true);
    inspections.inspection(ctx.officeHours(t.minus(day.multipliedBy(5))), heat2, InspectionKind.GRID_PATROL, 0, true);
    Instant flown = ctx.officeHours(t.minus(day));
    String flying = inspections.inspection(flown, heat2, InspectionKind.FLYING, 2, true);
    for (HazardSeverity severity : List.of(HazardSeverity.MAJOR, HazardSeverity.GENERAL)) {
      HazardPlan missed = new HazardPlan(heat2, flown.plus(Duration.ofMinutes(20)), HazardSource.FLYING_INSPECTION);
      missed.inspectionId = flying;
      missed.severity = severity;
      hazards.hazard(missed);
    }
    HazardPlan reported = new HazardPlan(heat1, t.plus(Duration.ofMinutes(6)), HazardSource.PUBLIC_REPORT);
    reported.severity = HazardSeverity.GENERAL;
    hazards.hazard(reported);

    // (h) accident: a fall from height at a construction site in 金城镇 two days ago, one worker seriously
    // injured, reported late (2 h); at start+5 min a correction (new eventId): the worker died.
    Instant fell = ctx.officeHours(t.minus(day.multipliedBy(2)));
    String accidentId = accidents.nextId(fell);
    AccidentEvent fall = AccidentEvent.newBuilder()
        .setEventId(accidents.uuid()).setAccidentId(accidentId).setEnterpriseId(heat1.getEnterpriseId())
        .setOccurredAt(fell).setReportedAt(fell.plus(Duration.ofHours(2)))
        .setHeadInformedAt(fell.plus(Duration.ofMinutes(10))) // 迟报: 1 h 50 min after the head knew
        .setDeaths(0).setSeriousInjuries(1).setMinorInjuries(1).setDirectLossYuan(180_000.0)
        .setAccidentType(AccidentType.FALL_FROM_HEIGHT).setDescription("脚手架作业人员未系安全带坠落")
        .build();
    accidents.schedule(fell.plus(Duration.ofHours(2)), fall);
    accidents.scheduleDuties(fall);
    accidents.schedule(t.plus(Duration.ofMinutes(5)), AccidentEvent.newBuilder(fall).setEventId(accidents.uuid())
        .setSupplementedAt(t.plus(Duration.ofMinutes(5)))
        .setDeaths(1).setSeriousInjuries(0).setDirectLossYuan(1_450_000.0)
        .setDescription("脚手架作业人员未系安全带坠落；续报：重伤人员经抢救无效死亡").build());

    return new DataGenerator.Scenarios(SURGE_TOWNSHIP, List.copyOf(overdue), violator.getEnterpriseId(), HEAT_TOWNSHIP,
        heatWarning, key.getEnterpriseId(), keyHazard, ctx.quietEnterpriseId, INSPECTION_LED_TOWNSHIP, accidentId);
  }
}
