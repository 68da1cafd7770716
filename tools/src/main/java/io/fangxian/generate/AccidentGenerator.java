package io.fangxian.generate;

import io.fangxian.avro.AccidentDuty;
import io.fangxian.avro.AccidentDutyKind;
import io.fangxian.avro.AccidentEvent;
import io.fangxian.avro.AccidentType;
import io.fangxian.avro.Enterprise;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.UUID;

/** Accidents (生产安全事故), their corrections (续报) and the bureau's duties once reported. */
final class AccidentGenerator {
  /** Accidents a year in the district: a handful. */
  private static final double ACCIDENTS_PER_YEAR = 6;

  private final GeneratorContext ctx;
  /** Accidents draw from their own stream, so adding them left every other generated event as it was. */
  private final SplittableRandom accidentRnd;
  private int accidentSeq;

  AccidentGenerator(GeneratorContext ctx) {
    this.ctx = ctx;
    this.accidentRnd = ctx.stream(0x5EC0_AC1DL);
  }

  /** The background accident of an hour's bucket, if any; {@code intensity} multiplies the rate. */
  void planBucket(Instant from, Instant to, double hours, double intensity) {
    double accidentsExpected = ACCIDENTS_PER_YEAR / 365 / 24 * hours * intensity;
    if (accidentRnd.nextDouble() < accidentsExpected) { // rare: at most one per bucket
      randomAccident(ctx.between(from, to));
    }
  }

  /**
   * A background accident: mostly GENERAL (no or one death, a few injuries), one in 30 LARGER (3
   * deaths); one in five reported more than an hour late (国务院令第493号 art. 9 asks for 1 hour); one in
   * six corrected 1–10 days later with a new eventId (an injured worker died, the loss was assessed
   * higher), as 续报 happens. Drawn from a random stream of its own, so the other events stay as they were.
   */
  private void randomAccident(Instant at) {
    if (ctx.eligible.isEmpty()) {
      return;
    }
    Enterprise e = ctx.eligible.get(accidentRnd.nextInt(ctx.eligible.size()));
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
    String id = nextId(at);
    AccidentEvent a = AccidentEvent.newBuilder()
        .setEventId(uuid()).setAccidentId(id).setEnterpriseId(e.getEnterpriseId())
        .setOccurredAt(at).setReportedAt(reported).setHeadInformedAt(headInformed(id, at, reported))
        .setDeaths(deaths).setSeriousInjuries(serious).setMinorInjuries(minor).setDirectLossYuan(loss)
        .setAccidentType(type).build();
    schedule(reported, a);
    scheduleDuties(a);
    if (accidentRnd.nextInt(6) == 0) {
      boolean died = serious > 0;
      Instant supplemented = ctx.advance(reported, 1 + accidentRnd.nextInt(10));
      schedule(supplemented, AccidentEvent.newBuilder(a)
          .setEventId(uuid()).setSupplementedAt(supplemented)
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

  private AccidentType oneOfAccidentTypes(AccidentType... options) {
    return options[accidentRnd.nextInt(options.length)];
  }

  /** The next accident's id, numbered in the accidents' own sequence. */
  String nextId(Instant at) {
    return ctx.id("SG", at, "%04d", ++accidentSeq);
  }

  /** An eventId from the accidents' own random stream. */
  String uuid() {
    return GeneratorContext.uuid(accidentRnd);
  }

  /** Plans an accident record, and its resend, with the accidents' own random stream. */
  void schedule(Instant at, AccidentEvent a) {
    ctx.schedule(accidentRnd, at, a);
  }

  /**
   * The bureau's duties once it has the report (493号令 第十、十一条), each recorded when done: most
   * within the 2 hours, in about one accident in ten one of them late, in one in twenty one never
   * recorded. Drawn from a stream of the accident's own, so the other events stay as they were.
   */
  void scheduleDuties(AccidentEvent a) {
    SplittableRandom r = ctx.stream(a.getAccidentId().hashCode());
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
      ctx.add(done, AccidentDuty.newBuilder()
          .setEventId(new UUID(r.nextLong(), r.nextLong()).toString()).setAccidentId(a.getAccidentId())
          .setEnterpriseId(a.getEnterpriseId()).setDuty(duty).setDoneAt(done).setBy("区应急管理局值班室").build());
    }
  }
}
