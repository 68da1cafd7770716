package io.fangxian.generate;

import io.fangxian.avro.Enterprise;
import io.fangxian.avro.ViolationAction;
import io.fangxian.avro.ViolationEvent;
import java.time.Instant;

/** Violations: a warning, a fine of 5 000–200 000 yuan, a suspension or a closure. */
final class ViolationGenerator {
  private static final double VIOLATIONS_PER_HAZARD = 0.2;

  private final GeneratorContext ctx;
  private int violationSeq;

  ViolationGenerator(GeneratorContext ctx) {
    this.ctx = ctx;
  }

  /** The background violations of an hour's bucket ({@code perBucket}: the hazards expected in it). */
  void planBucket(Instant from, Instant to, double perBucket) {
    for (int i = ctx.poisson(perBucket * VIOLATIONS_PER_HAZARD); i > 0; i--) {
      Enterprise e = ctx.backgroundPicker.pick();
      if (!ctx.isQuiet(e)) {
        violation(ctx.between(from, to), e, randomAction(), null);
      }
    }
  }

  private ViolationAction randomAction() {
    return ViolationAction.values()[ctx.pickIndex(new double[] {45, 45, 7, 3})];
  }

  /** Plans a violation and returns its id; a null fine is drawn (none for a warning). */
  String violation(Instant at, Enterprise e, ViolationAction action, Double fine) {
    if (fine == null) {
      boolean fined = action == ViolationAction.FINE || (action == ViolationAction.SUSPENSION && ctx.rnd.nextBoolean());
      // Skewed towards the low end, rounded to 500 yuan.
      fine = fined ? Math.round((5000 + 195_000 * Math.pow(ctx.rnd.nextDouble(), 2.5)) / 500) * 500.0 : null;
    }
    String id = ctx.id("WF", at, "%05d", ++violationSeq);
    String prefix = switch (action) {
      case SUSPENSION -> "责令停产停业整顿：";
      case CLOSURE -> "提请关闭：";
      case WARNING -> "警告：";
      default -> "罚款：";
    };
    ctx.schedule(at, ViolationEvent.newBuilder()
        .setEventId(ctx.uuid())
        .setViolationId(id)
        .setEnterpriseId(e.getEnterpriseId())
        .setAction(action)
        .setFineYuan(fine)
        .setOccurredAt(at)
        .setDescription(prefix + ctx.oneOf(ctx.words.violationDescriptions()))
        .build());
    return id;
  }
}
