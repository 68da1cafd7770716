package io.fangxian.stats;

import io.fangxian.accident.AccidentGrade;
import io.fangxian.accident.AccidentReport;
import io.fangxian.avro.AccidentEvent;
import io.fangxian.avro.AreaType;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.HazardState;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.RecentCounts;
import io.fangxian.avro.ViolationAction;
import io.fangxian.avro.ViolationEvent;
import io.fangxian.avro.WeatherWarning;
import io.fangxian.avro.internal.AreaUpdate;
import io.fangxian.avro.internal.MonthCounts;
import io.fangxian.avro.internal.MonthlyCounts;
import io.fangxian.avro.internal.PeriodCounts;
import io.fangxian.ledger.HazardLifecycle;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The changes one event makes to the counts of its township and its sector, and their sums. Hazard
 * changes are derived from the ledger state before and after, so every path (an event, the wall
 * clock making a hazard overdue, an extension lifting it) keeps the open, overdue and closed counts
 * exact.
 */
public final class AreaUpdates {
  /** Sources that mean supervision found what the enterprise's own checks did not. */
  public static final Set<HazardSource> INSPECTION_SOURCES = EnumSet.of(
      HazardSource.FLYING_INSPECTION, HazardSource.DEPARTMENT_INSPECTION, HazardSource.LINKED_SUPERVISION);

  private AreaUpdates() { }

  /**
   * The count changes of a hazard whose state went from {@code before} (null if new) to {@code after}.
   * What was reported counts as the hazard stands now: a regrade moves it between the general and
   * major counts (and their clauses, and the reporting day's major count), exactly.
   */
  public static AreaUpdate hazard(HazardState before, HazardState after) {
    AreaUpdate d = blank();
    int majorChange = major(after) - major(before);
    if (before == null) {
      d.setHazardsReported(1);
      d.getHazardsBySource().put(after.getSource().name(), 1L);
      d.getHazardsByCategory().put(HazardLifecycle.categoryKey(after), 1L);
      d.getPeriods().add(period(after.getReportedAt(), new RecentCounts(1L, (long) majorChange, 0L, 0L,
          after.getSource() == HazardSource.SELF_INSPECTION ? 1L : 0L,
          INSPECTION_SOURCES.contains(after.getSource()) ? 1L : 0L, 0L)));
    } else if (majorChange != 0) {
      d.getPeriods().add(period(after.getReportedAt(), new RecentCounts(0L, (long) majorChange, 0L, 0L, 0L, 0L, 0L)));
    }
    d.setMajorHazardsReported(majorChange);
    d.setUnclassifiedMajorHazardsReported(unclassifiedMajor(after) - unclassifiedMajor(before));
    move(d.getMajorHazardsByClause(), before != null && HazardLifecycle.isMajor(before) ? clauseKey(before) : null,
        HazardLifecycle.isMajor(after) ? clauseKey(after) : null);
    move(d.getSupervisedMajorHazardsByLevel(), supervisedLevel(before), supervisedLevel(after));
    d.setOpenHazards(open(after) - open(before));
    d.setOpenMajorHazards(openMajor(after) - openMajor(before));
    d.setOpenUnclassifiedMajorHazards(openUnclassifiedMajor(after) - openUnclassifiedMajor(before));
    d.setOverdueHazards(overdue(after) - overdue(before));
    d.setVerificationOverdueHazards(verificationOverdue(after) - verificationOverdue(before));
    d.setOpenMajorHazardsUnsupervised(unsupervised(after) - unsupervised(before));
    d.setWriteOffReviewsOverdue(writeOffReviewOverdue(after) - writeOffReviewOverdue(before));
    d.setClosedHazards(closed(after) - closed(before));
    d.setRectifiedHazards(rectifiedOpen(after) - rectifiedOpen(before));
    MonthlyCounts m = MonthlyFigures.zero();
    m.setHazardsReported(before == null ? 1 : 0);
    m.setMajorHazardsReported(majorChange);
    m.setClosedHazards(d.getClosedHazards());
    m.setRectifiedHazards(d.getRectifiedHazards());
    m.setOpenHazards(d.getOpenHazards());
    m.setOverdueHazards(d.getOverdueHazards());
    m.setOpenMajorHazards(d.getOpenMajorHazards());
    month(d, after.getReportedAt(), m);
    return d;
  }

  /** Adds a month's change at an event time, unless it changes nothing. */
  private static void month(AreaUpdate d, Instant occurredAt, MonthlyCounts counts) {
    if (!MonthlyFigures.isZero(counts)) {
      d.getMonths().add(MonthCounts.newBuilder().setOccurredAt(occurredAt).setCounts(counts).build());
    }
  }

  /** A count leaving key {@code from} for key {@code to} (either null: none); nothing when they are equal. */
  private static void move(Map<String, Long> counts, String from, String to) {
    if (Objects.equals(from, to)) {
      return;
    }
    if (from != null) {
      counts.put(from, -1L);
    }
    if (to != null) {
      counts.put(to, 1L);
    }
  }

  private static String clauseKey(HazardState s) {
    return s.getClauseId() == null ? HazardLifecycle.UNCLASSIFIED : s.getClauseId();
  }

  /** The supervision level of an open major hazard under 挂牌督办, else null. */
  private static String supervisedLevel(HazardState s) {
    return HazardLifecycle.isOpen(s) && HazardLifecycle.isMajor(s) && s.getSupervision() != null
        ? s.getSupervision().getLevel().name() : null;
  }

  public static AreaUpdate violation(ViolationEvent e) {
    AreaUpdate d = blank();
    d.setViolations(1);
    d.setFineYuan(e.getFineYuan() == null ? 0.0 : e.getFineYuan());
    d.getPeriods().add(period(e.getOccurredAt(), new RecentCounts(0L, 0L, 1L, 0L, 0L, 0L, 0L)));
    ViolationAction action = e.getAction();
    MonthlyCounts m = MonthlyFigures.zero();
    m.setViolations(1);
    m.setFineYuan(d.getFineYuan());
    m.setWarnings(action == ViolationAction.WARNING ? 1 : 0);
    m.setFines(action == ViolationAction.FINE ? 1 : 0);
    m.setSuspensions(action == ViolationAction.SUSPENSION ? 1 : 0);
    m.setClosures(action == ViolationAction.CLOSURE ? 1 : 0);
    month(d, e.getOccurredAt(), m);
    return d;
  }

  public static AreaUpdate inspection(InspectionEvent e) {
    AreaUpdate d = blank();
    d.setInspections(1);
    d.getInspectionsByKind().put(e.getKind().name(), 1L);
    d.getPeriods().add(period(e.getOccurredAt(), new RecentCounts(0L, 0L, 0L, 1L, 0L, 0L, 0L)));
    MonthlyCounts m = MonthlyFigures.zero();
    m.setInspections(1);
    month(d, e.getOccurredAt(), m);
    return d;
  }

  /**
   * The count changes of an accident whose current version went from {@code before} (null if new)
   * to {@code after}: the old version's figures are taken back and the new one's added, so a
   * correction moves every figure exactly (deaths 2 → 3: GENERAL −1, LARGER +1, deaths +1). The
   * per-day count moves with occurredAt.
   */
  public static AreaUpdate accident(AccidentEvent before, AccidentEvent after) {
    AreaUpdate d = blank();
    addAccident(d, after, 1);
    if (before != null) {
      addAccident(d, before, -1);
    }
    return d;
  }

  private static void addAccident(AreaUpdate d, AccidentEvent a, int sign) {
    d.setAccidents(d.getAccidents() + sign);
    d.setAccidentDeaths(d.getAccidentDeaths() + sign * a.getDeaths());
    d.setAccidentSeriousInjuries(d.getAccidentSeriousInjuries() + sign * a.getSeriousInjuries());
    d.setAccidentMinorInjuries(d.getAccidentMinorInjuries() + sign * a.getMinorInjuries());
    d.setAccidentDirectLossYuan(d.getAccidentDirectLossYuan() + sign * a.getDirectLossYuan());
    switch (AccidentGrade.of(a)) {
      case GENERAL -> d.setAccidentsGeneral(d.getAccidentsGeneral() + sign);
      case LARGER -> d.setAccidentsLarger(d.getAccidentsLarger() + sign);
      case MAJOR -> d.setAccidentsMajor(d.getAccidentsMajor() + sign);
      case ESPECIALLY_MAJOR -> d.setAccidentsEspeciallyMajor(d.getAccidentsEspeciallyMajor() + sign);
    }
    if (AccidentReport.late(a)) {
      d.setAccidentsReportedLate(d.getAccidentsReportedLate() + sign);
    }
    if (AccidentReport.suspectedLate(a)) {
      d.setAccidentsSuspectedLateReport(d.getAccidentsSuspectedLateReport() + sign);
    }
    MonthlyCounts m = MonthlyFigures.zero();
    m.setAccidents(sign);
    m.setAccidentDeaths((long) sign * a.getDeaths());
    m.setAccidentSeriousInjuries((long) sign * a.getSeriousInjuries());
    month(d, a.getOccurredAt(), m);
    PeriodCounts same = d.getPeriods().isEmpty() ? null : d.getPeriods().get(0);
    if (sign < 0 && same != null && same.getOccurredAt().equals(a.getOccurredAt())) {
      d.getPeriods().clear(); // the same moment: the day and hour counts do not move
    } else {
      d.getPeriods().add(period(a.getOccurredAt(), new RecentCounts(0L, 0L, 0L, 0L, 0L, 0L, (long) sign)));
    }
  }

  /** For the area rules: a hazard's new state, in its township, changing no count. */
  public static AreaUpdate hazardState(HazardState after) {
    AreaUpdate u = blank();
    u.setAreaId(after.getTownshipId());
    u.setHazard(after);
    return u;
  }

  /** One update per township a weather warning covers. */
  public static List<AreaUpdate> weather(WeatherWarning w, List<String> allTownships) {
    List<String> townships = w.getTownshipIds().isEmpty() ? allTownships : w.getTownshipIds();
    return townships.stream().map(t -> {
      AreaUpdate u = blank();
      u.setAreaId(t);
      u.setWeather(w);
      return u;
    }).toList();
  }

  /** Whether the update changes any count (a hazard state or weather warning alone does not). */
  public static boolean changesCounts(AreaUpdate d) {
    return AreaCounters.changesAny(d);
  }

  /** An update of one area that changes nothing yet: a sum to add to. */
  public static AreaUpdate empty(AreaType type, String id) {
    AreaUpdate u = blank();
    u.setAreaType(type);
    u.setAreaId(id);
    return u;
  }

  /**
   * {@code sum} plus the counts of {@code d}, in place; {@code sum} keeps its area and shares
   * nothing mutable with {@code d}. Period counts in the same hour and local day of {@code zone} are
   * added up, so a sum has one entry per hour (and day) in which its changes happened.
   */
  public static AreaUpdate add(AreaUpdate sum, AreaUpdate d, ZoneId zone) {
    AreaCounters.addAll(sum, d);
    for (MonthCounts m : d.getMonths()) {
      MonthCounts same = sameMonth(sum.getMonths(), m.getOccurredAt(), zone);
      if (same == null) {
        sum.getMonths().add(MonthCounts.newBuilder(m).build());
      } else {
        same.setCounts(MonthlyFigures.sum(same.getCounts(), m.getCounts()));
      }
    }
    for (PeriodCounts p : d.getPeriods()) {
      PeriodCounts same = samePeriod(sum.getPeriods(), p.getOccurredAt(), zone);
      if (same == null) {
        sum.getPeriods().add(period(p.getOccurredAt(), p.getCounts()));
      } else {
        same.setCounts(AreaFigures.sum(same.getCounts(), p.getCounts()));
      }
    }
    return sum;
  }

  private static MonthCounts sameMonth(List<MonthCounts> months, Instant t, ZoneId zone) {
    YearMonth month = YearMonth.from(t.atZone(zone));
    for (int i = months.size() - 1; i >= 0; i--) {
      if (YearMonth.from(months.get(i).getOccurredAt().atZone(zone)).equals(month)) {
        return months.get(i);
      }
    }
    return null;
  }

  /** Newest first: events mostly arrive in time order. */
  private static PeriodCounts samePeriod(List<PeriodCounts> periods, Instant t, ZoneId zone) {
    long hour = AreaKeys.epochHour(t.toEpochMilli());
    for (int i = periods.size() - 1; i >= 0; i--) {
      PeriodCounts p = periods.get(i);
      if (AreaKeys.epochHour(p.getOccurredAt().toEpochMilli()) == hour
          && LocalDate.ofInstant(p.getOccurredAt(), zone).equals(LocalDate.ofInstant(t, zone))) {
        return p;
      }
    }
    return null;
  }

  private static PeriodCounts period(Instant occurredAt, RecentCounts counts) {
    return PeriodCounts.newBuilder().setOccurredAt(occurredAt).setCounts(counts).build();
  }

  /**
   * An update with every count zero. Built by hand, not by the record's builder: the builder looks
   * up the schema default of each of the ~50 fields it is not given, on every event (the Java
   * defaults, 0 and 0.0, are the schema's; {@code AreaCountersTest} holds the two equal).
   */
  private static AreaUpdate blank() {
    AreaUpdate u = new AreaUpdate();
    u.setAreaType(AreaType.TOWNSHIP);
    u.setAreaId("");
    u.setInspectionsByKind(new HashMap<>());
    u.setHazardsBySource(new HashMap<>());
    u.setHazardsByCategory(new HashMap<>());
    u.setMajorHazardsByClause(new HashMap<>());
    u.setSupervisedMajorHazardsByLevel(new HashMap<>());
    u.setPeriods(new ArrayList<>());
    u.setMonths(new ArrayList<>());
    return u;
  }

  private static int open(HazardState s) {
    return HazardLifecycle.isOpen(s) ? 1 : 0;
  }

  private static int openMajor(HazardState s) {
    return HazardLifecycle.isOpen(s) && HazardLifecycle.isMajor(s) ? 1 : 0;
  }

  private static int major(HazardState s) {
    return s != null && HazardLifecycle.isMajor(s) ? 1 : 0;
  }

  private static int unclassifiedMajor(HazardState s) {
    return s != null && HazardLifecycle.isUnclassifiedMajor(s) ? 1 : 0;
  }

  private static int writeOffReviewOverdue(HazardState s) {
    return s != null && HazardLifecycle.isOpen(s) && s.getWriteOffReviewOverdue() ? 1 : 0;
  }

  private static int verificationOverdue(HazardState s) {
    return HazardLifecycle.isOpen(s) && s.getVerificationOverdue() ? 1 : 0;
  }

  private static int unsupervised(HazardState s) {
    return HazardLifecycle.isOpen(s) && s.getSupervisionOverdue() ? 1 : 0;
  }

  private static int openUnclassifiedMajor(HazardState s) {
    return HazardLifecycle.isOpen(s) && HazardLifecycle.isUnclassifiedMajor(s) ? 1 : 0;
  }

  private static int overdue(HazardState s) {
    return HazardLifecycle.isOpen(s) && s.getOverdue() ? 1 : 0;
  }

  /** Rectified (整改完成) but not yet closed: with the closed ones it makes the 整改率. */
  private static int rectifiedOpen(HazardState s) {
    return HazardLifecycle.isOpen(s) && s.getRectifiedAt() != null ? 1 : 0;
  }

  private static int closed(HazardState s) {
    return s != null && !HazardLifecycle.isOpen(s) ? 1 : 0;
  }
}
