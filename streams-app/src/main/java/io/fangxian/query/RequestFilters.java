package io.fangxian.query;

import io.fangxian.domain.ReferenceData;
import io.fangxian.web.Params;
import io.javalin.http.Context;
import java.time.ZoneId;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The filters and ranges of the public routes read from their query parameters, each checked
 * against what is accepted (ids against the reference data the instance was started with), with
 * a 400 saying what is wrong.
 */
final class RequestFilters {

  private final ReferenceData reference;
  private final ZoneId zone;
  private final LongSupplier clock;

  RequestFilters(ReferenceData reference, ZoneId zone, LongSupplier clock) {
    this.reference = reference;
    this.zone = zone;
    this.clock = clock;
  }

  /** The visiting list's window: not inspected within this many days (default 90). */
  static int unvisitedDays(Context ctx) {
    return Params.intInRange(ctx, "days", 90, 1, 3_650);
  }

  /** The visiting list's area: any of township, grid, sector and park given, and key areas only when asked. */
  static VisitingFilter visitingFilter(Context ctx) {
    return new VisitingFilter(Params.optional(ctx, "townshipId"), Params.optional(ctx, "gridId"),
        Params.optional(ctx, "sectorId"), Params.optional(ctx, "parkId"),
        "true".equals(Params.oneOf(ctx, "keyAreaOnly", List.of("true", "false"))));
  }
}
