package io.fangxian.query;

import io.fangxian.domain.ReferenceData;
import io.fangxian.domain.Township;
import io.fangxian.rules.AlertSignals;
import io.fangxian.web.Params;
import io.javalin.http.Context;
import java.time.ZoneId;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The filters and ranges of the public routes read from their query parameters, each checked
 * against what is accepted (ids against the reference data the instance was started with), with
 * a 400 saying what is wrong.
 */
final class RequestFilters {
  static final List<String> ALERT_STATUSES = List.of("FIRING", "ESCALATED", "DE_ESCALATED", "RESOLVED", "active", "all");
  static final List<String> LEVELS = List.of("BLUE", "YELLOW", "ORANGE", "RED");
  /** Handling filters: still to be handled, 待签收, 已超时 (a limit passed), 已消警. */
  static final List<String> HANDLING = List.of("open", "unacknowledged", "overdue", "closed");
  static final List<String> RULES = List.of(AlertSignals.MAJOR_HAZARD, AlertSignals.OVERDUE_RECTIFICATION,
      AlertSignals.SURGE, AlertSignals.REPEAT_VIOLATOR, AlertSignals.WEATHER_ESCALATION, AlertSignals.KEY_ENTERPRISE,
      AlertSignals.SELF_INSPECTION_LAPSE, AlertSignals.SELF_REPORT_GAP, AlertSignals.MAJOR_UNSUPERVISED,
      AlertSignals.ACCIDENT, AlertSignals.ACCIDENT_LATE_REPORT, AlertSignals.ACCIDENT_SUSPECTED_LATE_REPORT,
      AlertSignals.ACCIDENT_SECTOR_WARNING,
      AlertSignals.WRITE_OFF_REVIEW_OVERDUE, AlertSignals.COVERAGE_GAP, AlertSignals.CERTIFICATE_NONCOMPLIANT,
      AlertSignals.CERTIFICATE_EXPIRY, AlertSignals.CERTIFICATE_REVIEW, AlertSignals.CASE_DECISION_OVERDUE,
      AlertSignals.MAJOR_HAZARD_WITHOUT_CASE);

  private final ReferenceData reference;
  private final ZoneId zone;
  private final LongSupplier clock;

  RequestFilters(ReferenceData reference, ZoneId zone, LongSupplier clock) {
    this.reference = reference;
    this.zone = zone;
    this.clock = clock;
  }

  Predicate<Views.AlertView> alertFilter(Context ctx) {
    String status = Params.oneOf(ctx, "status", ALERT_STATUSES);
    String level = Params.oneOf(ctx, "level", LEVELS);
    String rule = Params.oneOf(ctx, "rule", RULES);
    String township = Params.oneOf(ctx, "townshipId",
        reference.townships().stream().map(Township::id).toList());
    String handling = Params.oneOf(ctx, "handling", HANDLING);
    String effective = status == null ? (handling == null ? "active" : "all") : status;
    Predicate<Views.AlertView> byHandling = a -> handling == null || switch (handling) {
      case "open" -> a.handling() != null && a.handling().open();
      case "unacknowledged" -> a.handling() != null && a.handling().state().equals("UNACKNOWLEDGED");
      case "overdue" -> a.handling() != null && a.handling().overdue();
      case "closed" -> a.handling() != null && a.handling().state().equals("CLOSED");
      default -> false;
    };
    return a -> byHandling.test(a) && switch (effective) {
      case "all" -> true;
      case "active" -> !"RESOLVED".equals(a.status());
      default -> effective.equals(a.status());
    } && (level == null || level.equals(a.level()))
        && (rule == null || rule.equals(a.rule()))
        && (township == null || township.equals(a.subject().townshipId()));
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
