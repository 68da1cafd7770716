package io.fangxian.standing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Inspection coverage (拉网式、不留死角): an enterprise counts as inspected in the last N days when
 * an inspection of any kind but its own (企业自查) happened after {@code now − N days}.
 */
public final class Coverage {
  public static final Duration DAYS_30 = Duration.ofDays(30);
  public static final Duration DAYS_90 = Duration.ofDays(90);
  public static final Duration DAYS_365 = Duration.ofDays(365);
  private static final List<Duration> WINDOWS = List.of(DAYS_30, DAYS_90, DAYS_365);

  private Coverage() { }

  public static boolean inspectedWithin(Instant lastInspectedAt, Duration window, Instant now) {
    return lastInspectedAt != null && lastInspectedAt.isAfter(now.minus(window));
  }

  /** When the last inspection next leaves a window; null if it has left them all (or there is none). */
  public static Instant nextChange(Instant lastInspectedAt, Instant now) {
    if (lastInspectedAt == null) {
      return null;
    }
    return WINDOWS.stream().map(lastInspectedAt::plus).filter(t -> t.isAfter(now)).findFirst().orElse(null);
  }
}
