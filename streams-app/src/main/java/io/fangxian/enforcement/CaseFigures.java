package io.fangxian.enforcement;

import io.fangxian.avro.AreaType;
import io.fangxian.avro.CaseEventType;
import io.fangxian.avro.internal.AreaUpdate;
import io.fangxian.avro.internal.CaseState;
import io.fangxian.avro.internal.MonthCounts;
import io.fangxian.avro.internal.MonthlyCounts;
import io.fangxian.stats.AreaUpdates;
import io.fangxian.stats.MonthlyFigures;
import java.time.Instant;

/**
 * The count changes of the case figures, derived from a case's state before and after (or a
 * hazard's count before and after), so every path — a step, a corrected decision, the wall clock —
 * moves them exactly.
 */
public final class CaseFigures {
  private CaseFigures() { }

  /** @param before null when the case was just opened */
  public static AreaUpdate caseChange(CaseState before, CaseState after) {
    AreaUpdate d = AreaUpdates.empty(AreaType.TOWNSHIP, "");
    d.setCasesOpened(before == null ? 1 : 0);
    d.setCasesOpen(one(CaseSteps.open(after)) - one(CaseSteps.open(before)));
    d.setCasesDecisionOverdue(one(overdue(after)) - one(overdue(before)));
    d.setPenaltyYuanDecided(penalty(after) - penalty(before));
    d.setDailyFineCases(one(after != null && after.getDailyFine()) - one(before != null && before.getDailyFine()));
    d.setCriminalTransfers(one(transferred(after)) - one(transferred(before)));
    // The bulletin's month: the month the case was opened in, as hazards count in the month reported.
    month(d, after.getOpenedAt(), MonthlyCounts.newBuilder().setCasesOpened(d.getCasesOpened()).setCasesOpen(d.getCasesOpen())
        .setCasesDecisionOverdue(d.getCasesDecisionOverdue()).setPenaltyYuanDecided(d.getPenaltyYuanDecided())
        .setDailyFineCases(d.getDailyFineCases()).setCriminalTransfers(d.getCriminalTransfers()).build());
    return d;
  }

  private static void month(AreaUpdate d, Instant at, MonthlyCounts counts) {
    if (at != null && !MonthlyFigures.isZero(counts)) {
      d.getMonths().add(MonthCounts.newBuilder().setOccurredAt(at).setCounts(counts).build());
    }
  }

  /** A major hazard entering (+1) or leaving (−1) openMajorHazardsWithoutCase. */
  public static AreaUpdate hazardWithoutCase(int change, Instant reportedAt) {
    AreaUpdate d = AreaUpdates.empty(AreaType.TOWNSHIP, "");
    d.setOpenMajorHazardsWithoutCase(change);
    month(d, reportedAt, MonthlyCounts.newBuilder().setOpenMajorHazardsWithoutCase(change).build());
    return d;
  }

  static boolean overdue(CaseState c) {
    return c != null && c.getStatus() == CaseEventType.OPENED && c.getDecisionOverdue();
  }

  private static boolean transferred(CaseState c) {
    return c != null && c.getTransferredAt() != null;
  }

  private static double penalty(CaseState c) {
    return c == null ? 0.0 : c.getPenaltyYuan();
  }

  private static int one(boolean b) {
    return b ? 1 : 0;
  }
}
