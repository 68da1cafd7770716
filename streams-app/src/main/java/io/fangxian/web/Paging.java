package io.fangxian.web;

import io.javalin.http.Context;
import java.util.List;

/** The pages of the public lists, gathered in parts from the instances: each keeps {@code offset + limit} items. */
public final class Paging {
  /** The most items one instance keeps for a page: offset + limit of the public lists. */
  public static final int MAX_KEEP = 100_500;

  private Paging() { }

  /** {@code limit}: how many items a page of a public list holds, 1 to 500 (default 50). */
  public static int limit(Context ctx) {
    return Params.intInRange(ctx, "limit", 50, 1, 500);
  }

  /** {@code offset}: how many items of a public list the page skips, 0 to 100,000 (default 0). */
  public static int offset(Context ctx) {
    return Params.intInRange(ctx, "offset", 0, 0, 100_000);
  }

  /** Checks the arguments of a list's local query: a filter, and a number kept within {@link #MAX_KEEP}. */
  public static void check(Object filter, int keep) {
    if (filter == null) {
      throw new IllegalArgumentException("a list needs its filter");
    }
    if (keep < 0 || keep > MAX_KEEP) {
      throw new IllegalArgumentException("keep must be 0 to " + MAX_KEEP);
    }
  }

  /** Items {@code from} (inclusive) to {@code to} (exclusive) of a sorted list, as far as it goes. */
  public static <T> List<T> slice(List<T> sorted, int from, int to) {
    return from >= sorted.size() ? List.of() : List.copyOf(sorted.subList(from, Math.min(sorted.size(), to)));
  }
}
