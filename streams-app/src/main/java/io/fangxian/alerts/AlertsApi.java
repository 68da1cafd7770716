package io.fangxian.alerts;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fangxian.alerts.AlertViews.AlertView;
import io.fangxian.alerts.AlertViews.RuleView;
import io.fangxian.avro.Alert;
import io.fangxian.avro.Leader;
import io.fangxian.domain.Township;
import io.fangxian.rules.AlertSignals;
import io.fangxian.store.StoreNames;
import io.fangxian.web.ApiException;
import io.fangxian.web.LocalQuery;
import io.fangxian.web.Params;
import io.fangxian.web.ReadContext;
import io.fangxian.web.Resource;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * The alerts' REST resource ({@code GET /api/v1/alerts}, one alert, the rule catalogue behind them)
 * and the alerts the to-do lists, the dossier and the scorecards take, read from the {@code alerts}
 * store (keyed by alert key) of every instance.
 */
public final class AlertsApi implements Resource {
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

  private final ReadContext read;
  private final LocalQuery<Void, List<AlertView>> alerts;
  private final LocalQuery<String, AlertView> alert;

  public AlertsApi(ReadContext read) {
    this.read = read;
    alerts = read.router().serve(LocalQuery.inParts("alerts", StoreNames.ALERTS, Void.class, new TypeReference<>() { },
        none -> localAlerts()));
    alert = read.router().serve(LocalQuery.byKey("alert", StoreNames.ALERTS, String.class, key -> key,
        new TypeReference<>() { }, this::localAlert));
  }

  @Override
  public void routes(Javalin app) {
    app.get("/api/v1/alerts", ctx -> {
      Params.allowOnly(ctx, Set.of("status", "level", "rule", "townshipId", "handling", "limit", "offset"));
      ctx.json(page(filter(ctx), Params.intInRange(ctx, "limit", 200, 1, 1000),
          Params.intInRange(ctx, "offset", 0, 0, 1_000_000)));
    });
    app.get("/api/v1/alerts/{alertKey}", ctx -> {
      Params.allowOnly(ctx, Set.of());
      ctx.json(one(ctx.pathParam("alertKey")));
    });
    app.get("/api/v1/rules", ctx -> {
      Params.allowOnly(ctx, Set.of());
      ctx.json(RuleView.all(read.rules()));
    });
  }

  private Predicate<AlertView> filter(Context ctx) {
    String status = Params.oneOf(ctx, "status", ALERT_STATUSES);
    String level = Params.oneOf(ctx, "level", LEVELS);
    String rule = Params.oneOf(ctx, "rule", RULES);
    String township = Params.oneOf(ctx, "townshipId",
        read.reference().townships().stream().map(Township::id).toList());
    String handling = Params.oneOf(ctx, "handling", HANDLING);
    String effective = status == null ? (handling == null ? "active" : "all") : status;
    Predicate<AlertView> byHandling = a -> handling == null || switch (handling) {
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

  /** The alerts {@code filter} keeps, newest first, at most {@code limit}, from every instance. */
  public List<AlertView> list(Predicate<AlertView> filter, int limit) {
    List<AlertView> all = new ArrayList<>();
    read.router().gather(alerts, null).forEach(all::addAll);
    return all.stream().filter(filter)
        .sorted(Comparator.comparing(AlertView::emittedAt, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(AlertView::alertKey))
        .limit(limit)
        .toList();
  }

  /** Alerts newest first, from {@code offset}: the pages after the first. */
  List<AlertView> page(Predicate<AlertView> filter, int limit, int offset) {
    List<AlertView> all = list(filter, offset + limit);
    return offset >= all.size() ? List.of() : all.subList(offset, all.size());
  }

  /** One alert, from the instance holding its partition (alerts are keyed by alert key). */
  public AlertView one(String alertKey) {
    Params.id(alertKey, "alertKey", 400);
    return read.router().find(alert, alertKey).orElseThrow(() -> ApiException.notFound("no alert '"
        + Params.shorten(alertKey) + "'; GET /api/v1/alerts?status=all lists them"));
  }

  /** The name a person goes by: the roster's name for a leaderId, else as given. */
  public String personName(String person) {
    return leader(person).map(Leader::getName).orElse(person);
  }

  /**
   * The person's to-do list: the alerts whose open handling names them, in the token's scope, most
   * urgent first ({@link MyAlerts}). A leaderId is also looked up on the roster for the name the
   * handling carries.
   */
  public List<AlertView> mine(String person, Predicate<AlertView> inScope, int limit) {
    Set<String> names = MyAlerts.names(person, leader(person).map(Leader::getName).orElse(null));
    return MyAlerts.sorted(list(a -> MyAlerts.mine(a, names) && inScope.test(a), Integer.MAX_VALUE)).stream()
        .limit(limit).toList();
  }

  /** A leader of the roster (a global table: every instance holds it all). */
  private Optional<Leader> leader(String leaderId) {
    return read.state().<Leader>store(StoreNames.ROSTER).map(st -> st.get(leaderId));
  }

  private List<AlertView> localAlerts() {
    List<AlertView> found = new ArrayList<>();
    long now = read.nowMs();
    read.state().<Alert>store(StoreNames.ALERTS).ifPresent(s -> {
      try (KeyValueIterator<String, Alert> it = s.all()) {
        it.forEachRemaining(kv -> found.add(AlertView.from(kv.value, now)));
      }
    });
    return found;
  }

  private Optional<AlertView> localAlert(String alertKey) {
    return read.state().<Alert>store(StoreNames.ALERTS).map(s -> s.get(alertKey)).map(a -> AlertView.from(a, read.nowMs()));
  }
}
