package io.fangxian.stats;

import io.fangxian.avro.AreaType;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardState;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.ViolationEvent;
import io.fangxian.avro.internal.AreaDelta;
import io.fangxian.ledger.HazardLifecycle;
import java.time.Instant;
import java.util.List;

/**
 * The changes one event makes to the counts of its township and its sector. Hazard changes are
 * derived from the ledger state before and after, so every path (an event, the wall clock making a
 * hazard overdue, an extension lifting it) keeps the open, overdue and closed counts exact.
 */
public final class AreaDeltas {
  private AreaDeltas() { }

  /** Deltas for a hazard whose state went from {@code before} (null if new) to {@code after}. */
  public static List<AreaDelta> hazard(HazardState before, HazardState after) {
    AreaDelta d = blank(after.getReportedAt());
    if (before == null) {
      d.setHazardsReported(1);
      d.setMajorHazardsReported(HazardLifecycle.isMajor(after) ? 1 : 0);
      d.setHazardSource(after.getSource().name());
    }
    d.setOpenHazards(open(after) - open(before));
    d.setOpenMajorHazards(openMajor(after) - openMajor(before));
    d.setOverdueHazards(overdue(after) - overdue(before));
    d.setClosedHazards(closed(after) - closed(before));
    if (d.getHazardsReported() == 0 && d.getOpenHazards() == 0 && d.getOpenMajorHazards() == 0
        && d.getOverdueHazards() == 0 && d.getClosedHazards() == 0) {
      return List.of();
    }
    return both(d, after.getTownshipId(), after.getSectorId());
  }

  public static List<AreaDelta> violation(ViolationEvent e, Enterprise enterprise) {
    AreaDelta d = blank(e.getOccurredAt());
    d.setViolations(1);
    d.setFineYuan(e.getFineYuan() == null ? 0.0 : e.getFineYuan());
    return both(d, enterprise.getTownshipId(), enterprise.getSectorId());
  }

  public static List<AreaDelta> inspection(InspectionEvent e, Enterprise enterprise) {
    AreaDelta d = blank(e.getOccurredAt());
    d.setInspections(1);
    d.setInspectionKind(e.getKind().name());
    return both(d, enterprise.getTownshipId(), enterprise.getSectorId());
  }

  private static AreaDelta blank(Instant occurredAt) {
    return AreaDelta.newBuilder().setAreaType(AreaType.TOWNSHIP).setAreaId("").setOccurredAt(occurredAt).build();
  }

  private static List<AreaDelta> both(AreaDelta d, String townshipId, String sectorId) {
    AreaDelta township = AreaDelta.newBuilder(d).setAreaType(AreaType.TOWNSHIP).setAreaId(townshipId).build();
    AreaDelta sector = AreaDelta.newBuilder(d).setAreaType(AreaType.SECTOR).setAreaId(sectorId).build();
    return List.of(township, sector);
  }

  private static int open(HazardState s) {
    return HazardLifecycle.isOpen(s) ? 1 : 0;
  }

  private static int openMajor(HazardState s) {
    return HazardLifecycle.isOpen(s) && HazardLifecycle.isMajor(s) ? 1 : 0;
  }

  private static int overdue(HazardState s) {
    return HazardLifecycle.isOpen(s) && s.getOverdue() ? 1 : 0;
  }

  private static int closed(HazardState s) {
    return s != null && !HazardLifecycle.isOpen(s) ? 1 : 0;
  }
}
