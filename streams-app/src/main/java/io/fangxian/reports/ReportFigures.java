package io.fangxian.reports;

import io.fangxian.avro.AreaType;
import io.fangxian.avro.internal.AreaUpdate;
import io.fangxian.avro.internal.ReportState;
import io.fangxian.stats.AreaKeys;
import io.fangxian.stats.AreaUpdates;
import java.util.ArrayList;
import java.util.List;

/**
 * The count changes of the report figures, derived from a report's state before and after, so every
 * path (a step, the wall clock) moves them exactly:
 * <ul>
 *   <li>{@code reportsReceived}: +1 when the report is received;
 *   <li>{@code reportsSubstantiated}: its VERIFIED step found it substantiated;
 *   <li>{@code reportsVerificationOverdue}: waiting for verification past its due time (ReportLimits);
 *   <li>{@code rewardYuan}: its latest REWARDED amount.
 * </ul>
 */
public final class ReportFigures {
  private ReportFigures() { }

  /** @param before null when the report was just received */
  public static AreaUpdate change(ReportState before, ReportState after) {
    AreaUpdate d = AreaUpdates.empty(AreaType.TOWNSHIP, "");
    d.setReportsReceived(before == null ? 1 : 0);
    d.setReportsSubstantiated(one(substantiated(after)) - one(substantiated(before)));
    d.setReportsVerificationOverdue(one(overdue(after)) - one(overdue(before)));
    d.setRewardYuan(reward(after) - reward(before));
    return d;
  }

  /**
   * Where a report counts: the township its RECEIVED step named, and the sector of the enterprise it
   * named (none when it named none). Not in parks or grids.
   */
  public static List<String> areas(ReportState r) {
    List<String> areas = new ArrayList<>(2);
    areas.add(AreaKeys.area(AreaType.TOWNSHIP, r.getTownshipId()));
    if (r.getSectorId() != null) {
      areas.add(AreaKeys.area(AreaType.SECTOR, r.getSectorId()));
    }
    return areas;
  }

  static boolean substantiated(ReportState r) {
    return r != null && r.getVerifiedAt() != null && Boolean.TRUE.equals(r.getSubstantiated());
  }

  static boolean overdue(ReportState r) {
    return r != null && ReportSteps.waitingForVerification(r) && r.getVerificationOverdue();
  }

  private static double reward(ReportState r) {
    return r == null ? 0.0 : r.getRewardYuan();
  }

  private static int one(boolean b) {
    return b ? 1 : 0;
  }
}
