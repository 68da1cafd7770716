package io.fangxian.standing;

import io.fangxian.avro.InspectionKind;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Inspection coverage (拉网式、不留死角): an enterprise counts as inspected in the last N days when a
 * department or a leader inspected it (ROUTINE, FLYING, LINKED_SUPERVISION) after {@code now − N
 * days}. Its own self-inspection (企业自查) is not supervision, and a grid worker's patrol (网格巡查)
 * is a visit, not a law-enforcement inspection (执法检查): patrols count apart, in
 * {@code patrolledLast90d}, and as a visit on the grid worker's list.
 */
public final class Coverage {
  /** The kinds that count as inspected. */
  public static final Set<InspectionKind> INSPECTIONS =
      EnumSet.of(InspectionKind.ROUTINE, InspectionKind.FLYING, InspectionKind.LINKED_SUPERVISION);

  public static final Duration DAYS_30 = Duration.ofDays(30);
  public static final Duration DAYS_90 = Duration.ofDays(90);
  public static final Duration DAYS_365 = Duration.ofDays(365);
  private static final List<Duration> WINDOWS = List.of(DAYS_30, DAYS_90, DAYS_365);

  private Coverage() { }

  public static boolean inspectedWithin(Instant lastInspectedAt, Duration window, Instant now) {
    return lastInspectedAt != null && lastInspectedAt.isAfter(now.minus(window));
  }

  /** The later of two visits (either may be null): the grid worker's list counts a patrol too. */
  public static Instant lastVisit(Instant inspected, Instant patrolled) {
    return inspected == null ? patrolled : patrolled == null || inspected.isAfter(patrolled) ? inspected : patrolled;
  }

  /** When the last patrol leaves the 90-day window; null if it has (or there is none). */
  public static Instant nextPatrolChange(Instant lastPatrolledAt, Instant now) {
    return lastPatrolledAt == null || !lastPatrolledAt.plus(DAYS_90).isAfter(now) ? null : lastPatrolledAt.plus(DAYS_90);
  }

  /** When the last inspection next leaves a window; null if it has left them all (or there is none). */
  public static Instant nextChange(Instant lastInspectedAt, Instant now) {
    if (lastInspectedAt == null) {
      return null;
    }
    return WINDOWS.stream().map(lastInspectedAt::plus).filter(t -> t.isAfter(now)).findFirst().orElse(null);
  }

  /** Whole days from {@code last} to {@code now}; null when there was none. */
  public static Long daysSince(Instant last, Instant now) {
    return last == null ? null : Duration.between(last, now).toDays();
  }
}
