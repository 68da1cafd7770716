package io.fangxian.plan;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/**
 * A request for a month's plan, checked the same way for the CLI and REST: the month from the
 * current one to 12 ahead, 1 to {@link #MAX_COUNT} enterprises, any long seed (none: a random one,
 * printed with the plan so that it can be drawn again).
 */
public record PlanRequest(YearMonth month, int count, long seed) {
  public static final int MAX_COUNT = 500;
  public static final int MONTHS_AHEAD = 12;

  /**
   * @param seed the seed as given, or null for a fresh one
   * @throws IllegalArgumentException naming what is accepted
   */
  public static PlanRequest parse(String month, String count, String seed, YearMonth current, long freshSeed) {
    if (month == null || month.isBlank()) {
      throw new IllegalArgumentException("month is required: yyyy-MM, from " + current + " to " + current.plusMonths(MONTHS_AHEAD));
    }
    YearMonth m;
    try {
      m = YearMonth.parse(month.strip());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("month '" + shorten(month) + "' is not a month: use yyyy-MM, from " + current
          + " to " + current.plusMonths(MONTHS_AHEAD));
    }
    if (m.isBefore(current) || m.isAfter(current.plusMonths(MONTHS_AHEAD))) {
      throw new IllegalArgumentException("month " + m + " is out of range: a plan is drawn for the current month or one of"
          + " the next " + MONTHS_AHEAD + ", from " + current + " to " + current.plusMonths(MONTHS_AHEAD));
    }
    int n;
    try {
      n = Integer.parseInt(count == null ? "" : count.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("count '" + shorten(String.valueOf(count)) + "' is not a whole number: use 1 to "
          + MAX_COUNT);
    }
    if (n < 1 || n > MAX_COUNT) {
      throw new IllegalArgumentException("count " + n + " is out of range: use 1 to " + MAX_COUNT);
    }
    long s = freshSeed;
    if (seed != null && !seed.isBlank()) {
      try {
        s = Long.parseLong(seed.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("seed '" + shorten(seed) + "' is not a whole number: use any 64-bit integer,"
            + " or leave it out for a random one");
      }
    }
    return new PlanRequest(m, n, s);
  }

  private static String shorten(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
