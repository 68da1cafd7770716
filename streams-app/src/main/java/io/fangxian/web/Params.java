package io.fangxian.web;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Query-parameter checks that say what was wrong and what is accepted. */
public final class Params {
  private Params() { }

  /** Rejects parameters the endpoint does not know, and any given twice. */
  public static void allowOnly(Context ctx, Set<String> accepted) {
    for (Map.Entry<String, List<String>> p : ctx.queryParamMap().entrySet()) {
      if (!accepted.contains(p.getKey())) {
        throw ApiException.badRequest("unknown query parameter '" + shorten(p.getKey()) + "'; accepted: "
            + (accepted.isEmpty() ? "none" : String.join(", ", new TreeSet<>(accepted))));
      }
      if (p.getValue().size() > 1) {
        throw ApiException.badRequest("query parameter '" + p.getKey() + "' is given more than once");
      }
    }
  }

  /** The parameter, or null when absent or empty. */
  public static String optional(Context ctx, String name) {
    String v = ctx.queryParam(name);
    return v == null || v.isEmpty() ? null : v;
  }

  /** One of {@code accepted} (case-sensitive as written there, but case-insensitive input), or null. */
  public static String oneOf(Context ctx, String name, List<String> accepted) {
    String v = optional(ctx, name);
    if (v == null) {
      return null;
    }
    for (String a : accepted) {
      if (a.equalsIgnoreCase(v)) {
        return a;
      }
    }
    throw ApiException.badRequest(name + "='" + shorten(v) + "' is not accepted; use one of " + String.join(", ", accepted));
  }

  public static int intInRange(Context ctx, String name, int defaultValue, int min, int max) {
    String v = optional(ctx, name);
    if (v == null) {
      return defaultValue;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.badRequest(name + "='" + shorten(v) + "' is not accepted; use a whole number from " + min + " to " + max);
  }

  public static LocalDate date(Context ctx, String name) {
    String v = optional(ctx, name);
    if (v == null) {
      throw ApiException.badRequest(name + " is required: a local day as YYYY-MM-DD, e.g. 2026-07-01");
    }
    try {
      if (v.length() != 10) {
        throw new DateTimeParseException("length", v, 0);
      }
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(name + "='" + shorten(v) + "' is not a date; use YYYY-MM-DD, e.g. 2026-07-01");
    }
  }

  /** An id in a path: 1 to {@code max} characters, else a 400 naming the parameter. */
  public static String id(String value, String name, int max) {
    if (value == null || value.isEmpty() || value.length() > max) {
      throw ApiException.badRequest(name + " must be 1 to " + max + " characters");
    }
    return value;
  }

  /** A month the API accepts: {@code yyyy-MM}, not after the current local month. */
  public static YearMonth month(String text, Instant now, ZoneId zone) {
    YearMonth current = YearMonth.from(now.atZone(zone));
    YearMonth month;
    try {
      month = YearMonth.parse(text);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest("month '" + shorten(text) + "' is not a month; use yyyy-MM, e.g. " + current);
    }
    if (month.isAfter(current)) {
      throw ApiException.badRequest("month " + month + " has not begun (the current month is " + current + ")");
    }
    return month;
  }

  /** A value quoted back in a message: bounded, and without control characters. */
  public static String shorten(String v) {
    if (v == null) {
      return "";
    }
    String s = v.length() > 64 ? v.substring(0, 64) + "…" : v;
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return b.toString();
  }
}
