package io.fangxian.generate;

import static io.fangxian.generate.GeneratorContext.seconds;

import io.fangxian.avro.CaseEvent;
import io.fangxian.avro.CaseEventType;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.Penalty;
import io.fangxian.avro.PenaltyKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Enforcement cases (行政处罚案件) and their steps. */
final class CaseGenerator {
  /** Cases opened a day, not counting those that answer a major hazard. */
  private static final double CASES_PER_DAY = 1.5;

  private final GeneratorContext ctx;
  /** Enforcement cases draw from their own stream too, so adding them left every other event as it was. */
  private final SplittableRandom caseRnd;
  private int caseSeq;

  CaseGenerator(GeneratorContext ctx) {
    this.ctx = ctx;
    this.caseRnd = ctx.stream(0xCA5E_CA5EL);
  }

  /** The background cases of an hour's bucket; {@code intensity} multiplies the rate. */
  void planBucket(Instant from, Instant to, double hours, double intensity) {
    GeneratorContext.arrivals(caseRnd, from, to, CASES_PER_DAY, hours, intensity, at -> randomCase(at, null, null));
  }

  /**
   * An enforcement case (行政处罚案件) and its steps: most are decided within the 90 days of
   * 行政处罚法 第六十条 and closed; about 1 in 10 is transferred to the judicial organs (a few of them
   * after a decision), 1 in 12 is withdrawn, 1 in 10 waits past the 90 days (some decided late), 1 in 7
   * decisions adds 按日连续处罚, 1 in 10 is corrected by a later decision. A case for a major hazard
   * ({@code hazardId}) is opened 1–18 days after its report, most within the 15-day window; 1 in 10
   * major hazards gets none.
   */
  void randomCase(Instant found, Enterprise subject, String hazardId) {
    if (hazardId != null && caseRnd.nextInt(10) == 0) {
      return;
    }
    Enterprise e = subject != null ? subject : ctx.enterprises.get(caseRnd.nextInt(ctx.enterprises.size()));
    Instant opened = hazardId == null ? found : found.plus(seconds((1 + caseRnd.nextDouble() * 17) * 86_400));
    String caseId = ctx.id("AJ", opened, "%04d", ++caseSeq);
    String department = ctx.words.departmentFor(e.getSectorId());
    List<String> hazards = hazardId == null ? List.of() : List.of(hazardId);
    schedule(caseStep(caseId, e, CaseEventType.OPENED, opened, department, hazards)
        .setBasis(hazardId != null ? "《安全生产法》第一百零二条 (未采取措施消除事故隐患)" : "《安全生产法》第九十九条").build());
    double u = caseRnd.nextDouble();
    if (u < 0.08) {
      schedule(caseStep(caseId, e, CaseEventType.WITHDRAWN, days(opened, 5, 40), department, List.of())
          .setNote("违法事实不能成立，撤销立案").build());
      return;
    }
    if (u < 0.15) { // transferred before any decision: 危险作业罪 (刑法 第一百三十四条之一)
      Instant moved = days(opened, 3, 30);
      schedule(caseStep(caseId, e, CaseEventType.TRANSFERRED, moved, department, List.of())
          .setNote("涉嫌危险作业罪，移送公安机关").build());
      schedule(caseStep(caseId, e, CaseEventType.CLOSED, days(moved, 20, 60), department, List.of()).build());
      return;
    }
    boolean late = u < 0.25;
    Instant decided = late ? days(opened, 92, 130) : days(opened, 10, 85);
    if (late && caseRnd.nextBoolean()) {
      return; // still waiting for its decision
    }
    List<Penalty> penalties = penalties();
    schedule(caseStep(caseId, e, CaseEventType.DECIDED, decided, department, List.of()).setPenalties(penalties).build());
    if (caseRnd.nextInt(10) == 0) {
      decided = days(decided, 1, 10);
      schedule(caseStep(caseId, e, CaseEventType.DECIDED, decided, department, List.of()).setPenalties(penalties())
          .setNote("更正处罚决定").build());
    }
    if (u >= 0.25 && u < 0.30) { // transferred after the decision
      Instant moved = days(decided, 1, 20);
      schedule(caseStep(caseId, e, CaseEventType.TRANSFERRED, moved, department, List.of())
          .setNote("涉嫌危险作业罪，移送公安机关").build());
      decided = moved;
    }
    schedule(caseStep(caseId, e, CaseEventType.CLOSED, days(decided, 15, 60), department, List.of()).build());
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
    return GeneratorContext.daysAfter(caseRnd, from, lo, hi);
  }

  private CaseEvent.Builder caseStep(String caseId, Enterprise e, CaseEventType type, Instant at, String department,
      List<String> hazardIds) {
    return CaseEvent.newBuilder().setEventId(GeneratorContext.uuid(caseRnd)).setCaseId(caseId)
        .setEnterpriseId(e.getEnterpriseId()).setType(type).setOccurredAt(at).setDepartmentId(department)
        .setHazardIds(new ArrayList<>(hazardIds)).setPenalties(new ArrayList<>());
  }

  /** Plans a step, and its resend, with the cases' own random stream. */
  private void schedule(CaseEvent c) {
    ctx.schedule(caseRnd, c.getOccurredAt(), c);
  }
}
