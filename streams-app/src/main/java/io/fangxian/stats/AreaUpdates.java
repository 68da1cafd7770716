package io.fangxian.stats;

import io.fangxian.avro.AreaType;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.HazardState;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.ViolationEvent;
import io.fangxian.avro.WeatherWarning;
import io.fangxian.avro.internal.AreaUpdate;
import io.fangxian.ledger.HazardLifecycle;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The changes one event makes to the counts of its township and its sector. Hazard changes are
 * derived from the ledger state before and after, so every path (an event, the wall clock making a
 * hazard overdue, an extension lifting it) keeps the open, overdue and closed counts exact.
 */
public final class AreaUpdates {
  /** Sources that mean supervision found what the enterprise's own checks did not. */
  public static final Set<HazardSource> INSPECTION_SOURCES = EnumSet.of(
      HazardSource.FLYING_INSPECTION, HazardSource.DEPARTMENT_INSPECTION, HazardSource.LINKED_SUPERVISION);

  private AreaUpdates() { }

  /**
   * Updates for a hazard whose state went from {@code before} (null if new) to {@code after}: one
   * for its township, always, carrying the new state for the hazard rules; one for its sector when
   * the counts changed.
   */
  public static List<AreaUpdate> hazard(HazardState before, HazardState after) {
    AreaUpdate d = blank(after.getReportedAt());
    if (before == null) {
      d.setHazardsReported(1);
      d.setMajorHazardsReported(HazardLifecycle.isMajor(after) ? 1 : 0);
      d.setHazardSource(after.getSource().name());
      d.setSelfReportedHazards(after.getSource() == HazardSource.SELF_INSPECTION ? 1 : 0);
      d.setInspectionFoundHazards(INSPECTION_SOURCES.contains(after.getSource()) ? 1 : 0);
    }
    d.setOpenHazards(open(after) - open(before));
    d.setOpenMajorHazards(openMajor(after) - openMajor(before));
    d.setOverdueHazards(overdue(after) - overdue(before));
    d.setClosedHazards(closed(after) - closed(before));
    AreaUpdate township = AreaUpdate.newBuilder(d).setAreaType(AreaType.TOWNSHIP).setAreaId(after.getTownshipId())
        .setHazard(after).build();
    if (!changesCounts(d)) {
      return List.of(township);
    }
    return List.of(township, AreaUpdate.newBuilder(d).setAreaType(AreaType.SECTOR).setAreaId(after.getSectorId()).build());
  }

  /** Whether the update changes any count (a hazard state or weather warning alone does not). */
  public static boolean changesCounts(AreaUpdate d) {
    return d.getHazardsReported() != 0 || d.getOpenHazards() != 0 || d.getOpenMajorHazards() != 0
        || d.getOverdueHazards() != 0 || d.getClosedHazards() != 0 || d.getViolations() != 0
        || d.getInspections() != 0;
  }

  /** One update per township a weather warning covers. */
  public static List<AreaUpdate> weather(WeatherWarning w, List<String> allTownships) {
    List<String> townships = w.getTownshipIds().isEmpty() ? allTownships : w.getTownshipIds();
    return townships.stream().map(t -> AreaUpdate.newBuilder(blank(w.getValidFrom()))
        .setAreaType(AreaType.TOWNSHIP).setAreaId(t).setWeather(w).build()).toList();
  }

  public static List<AreaUpdate> violation(ViolationEvent e, Enterprise enterprise) {
    AreaUpdate d = blank(e.getOccurredAt());
    d.setViolations(1);
    d.setFineYuan(e.getFineYuan() == null ? 0.0 : e.getFineYuan());
    return both(d, enterprise.getTownshipId(), enterprise.getSectorId());
  }

  public static List<AreaUpdate> inspection(InspectionEvent e, Enterprise enterprise) {
    AreaUpdate d = blank(e.getOccurredAt());
    d.setInspections(1);
    d.setInspectionKind(e.getKind().name());
    return both(d, enterprise.getTownshipId(), enterprise.getSectorId());
  }

  private static AreaUpdate blank(Instant occurredAt) {
    return AreaUpdate.newBuilder().setAreaType(AreaType.TOWNSHIP).setAreaId("").setOccurredAt(occurredAt).build();
  }

  private static List<AreaUpdate> both(AreaUpdate d, String townshipId, String sectorId) {
    AreaUpdate township = AreaUpdate.newBuilder(d).setAreaType(AreaType.TOWNSHIP).setAreaId(townshipId).build();
    AreaUpdate sector = AreaUpdate.newBuilder(d).setAreaType(AreaType.SECTOR).setAreaId(sectorId).build();
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
