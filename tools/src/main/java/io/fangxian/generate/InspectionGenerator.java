package io.fangxian.generate;

import static io.fangxian.generate.GeneratorContext.seconds;

import io.fangxian.alerts.Responsibilities;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.InspectionKind;
import io.fangxian.domain.Sector;
import io.fangxian.domain.Township;
import io.fangxian.generate.HazardGenerator.HazardPlan;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Inspections: the enterprises' periodic self-inspections, the background ROUTINE, FLYING,
 * LINKED_SUPERVISION and GRID_PATROL ones, the hazards each one finds, and the 回头看 after flying
 * inspections.
 */
final class InspectionGenerator {
  // Hazard source shares and the mean findings per inspection of each kind.
  private static final double SELF_SHARE = 0.40;
  private static final Map<InspectionKind, double[]> INSPECTION_SHARE_AND_MEAN = Map.of(
      InspectionKind.ROUTINE, new double[] {0.18, 1.0},
      InspectionKind.FLYING, new double[] {0.10, 1.3},
      InspectionKind.LINKED_SUPERVISION, new double[] {0.10, 1.0},
      InspectionKind.GRID_PATROL, new double[] {0.14, 0.6});
  private static final List<InspectionKind> BACKGROUND_KINDS = List.of(
      InspectionKind.ROUTINE, InspectionKind.FLYING, InspectionKind.LINKED_SUPERVISION, InspectionKind.GRID_PATROL);

  private record SelfInspectionDue(Instant at, long seq, Enterprise enterprise, double intervalDays) { }

  private final GeneratorContext ctx;
  private final HazardGenerator hazards;
  /** 回头看 revisits after flying inspections draw from their own stream too, leaving every other event as it was. */
  private final SplittableRandom revisitRnd;
  private int revisitSeq;
  private int inspectionSeq;
  private final PriorityQueue<SelfInspectionDue> selfInspections =
      new PriorityQueue<>(Comparator.comparing(SelfInspectionDue::at).thenComparingLong(SelfInspectionDue::seq));
  private double selfFindingsMean;

  InspectionGenerator(GeneratorContext ctx, HazardGenerator hazards) {
    this.ctx = ctx;
    this.hazards = hazards;
    this.revisitRnd = ctx.stream(0x4E71_5175L);
  }

  /** Every enterprise but the quiet one self-inspects first at a random point of its interval after {@code historyStart}. */
  void planSelfInspections(Instant historyStart) {
    double perDay = 0;
    for (Enterprise e : ctx.enterprises) {
      if (ctx.isQuiet(e)) {
        continue;
      }
      double interval = isKeyArea(e) ? ctx.uniform(5, 12) : ctx.uniform(10, 25);
      perDay += 1 / interval;
      Instant first = ctx.officeHours(ctx.advance(historyStart, ctx.uniform(0, interval)));
      selfInspections.add(new SelfInspectionDue(first, ctx.nextSeq(), e, interval));
    }
    selfFindingsMean = SELF_SHARE * ctx.config.effectiveHazardsPerDay() / perDay;
  }

  private boolean isKeyArea(Enterprise e) {
    return ctx.ref.sector(e.getSectorId()).map(Sector::keyArea).orElse(false);
  }

  /**
   * The self-inspections falling due before {@code to}, each planning the next, then the background
   * inspections of the bucket ({@code perBucket}: the hazards expected in all).
   */
  void planBucket(Instant from, Instant to, double perBucket) {
    while (!selfInspections.isEmpty() && selfInspections.peek().at().isBefore(to)) {
      SelfInspectionDue due = selfInspections.poll();
      boolean inspectionLed = ctx.config.scenarios()
          && due.enterprise().getTownshipId().equals(ScenarioGenerator.INSPECTION_LED_TOWNSHIP);
      double mean = selfFindingsMean * (inspectionLed ? ScenarioGenerator.SELF_FINDINGS_FACTOR_INSPECTION_LED : 1);
      inspection(due.at(), due.enterprise(), InspectionKind.SELF_INSPECTION, ctx.poisson(mean), false);
      double gap = due.intervalDays() * ctx.uniform(0.8, 1.2);
      selfInspections.add(new SelfInspectionDue(ctx.officeHours(ctx.advance(due.at(), gap)), ctx.nextSeq(),
          due.enterprise(), due.intervalDays()));
    }
    for (InspectionKind kind : BACKGROUND_KINDS) {
      double[] shareAndMean = INSPECTION_SHARE_AND_MEAN.get(kind);
      int n = ctx.poisson(perBucket * shareAndMean[0] / shareAndMean[1]);
      for (int i = 0; i < n; i++) {
        Enterprise e = kind == InspectionKind.LINKED_SUPERVISION
            ? (ctx.keySupervised.isEmpty() ? null : ctx.oneOf(ctx.keySupervised))
            : ctx.backgroundPicker.pick();
        if (e != null && !ctx.isQuiet(e)) {
          inspection(ctx.between(from, to), e, kind, ctx.poisson(shareAndMean[1]), false);
        }
      }
    }
  }

  /**
   * Plans an inspection and returns its id; unless it is a scenario's (which plans its own findings),
   * also the hazards it finds and, after a flying inspection with findings, the 回头看.
   */
  String inspection(Instant at, Enterprise e, InspectionKind kind, int findings, boolean scenario) {
    String id = ctx.id("JC", at, "%05d", ++inspectionSeq);
    ctx.schedule(at, InspectionEvent.newBuilder()
        .setEventId(ctx.uuid())
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
        HazardPlan plan = new HazardPlan(e, at.plus(seconds(ctx.uniform(300, 5400))), sourceOf(kind));
        plan.inspectionId = id;
        hazards.hazard(plan);
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
    String eventId = GeneratorContext.uuid(revisitRnd);
    ctx.add(at, InspectionEvent.newBuilder()
        .setEventId(eventId)
        .setInspectionId(ctx.id("HT", at, "%05d", ++revisitSeq))
        .setEnterpriseId(e.getEnterpriseId())
        .setKind(InspectionKind.ROUTINE)
        .setFindings(0)
        .setOccurredAt(at)
        .setInspector(ctx.ref.township(e.getTownshipId()).map(Township::nameZh).orElse("") + "回头看")
        .setUnitId(e.getTownshipId())
        .build());
  }

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
      case FLYING -> DataGenerator.FLYING_UNIT;
      default -> null;
    };
  }

  private String inspector(InspectionKind kind, Enterprise e) {
    String person = ctx.person();
    return switch (kind) {
      case ROUTINE -> ctx.words.departmentFor(e.getSectorId()) + "执法人员 " + person;
      case FLYING -> "区安委办飞行检查组 " + person;
      case LINKED_SUPERVISION -> e.getSupervisor() != null ? e.getSupervisor() : "区应急局 " + person;
      case GRID_PATROL -> ctx.ref.township(e.getTownshipId()).map(Township::nameZh).orElse("") + "网格员 " + person;
      default -> "企业安全管理员 " + person;
    };
  }

  static HazardSource sourceOf(InspectionKind kind) {
    return switch (kind) {
      case ROUTINE -> HazardSource.DEPARTMENT_INSPECTION;
      case FLYING -> HazardSource.FLYING_INSPECTION;
      case LINKED_SUPERVISION -> HazardSource.LINKED_SUPERVISION;
      case GRID_PATROL -> HazardSource.GRID_PATROL;
      default -> HazardSource.SELF_INSPECTION;
    };
  }
}
