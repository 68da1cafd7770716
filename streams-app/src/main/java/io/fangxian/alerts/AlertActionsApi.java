package io.fangxian.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fangxian.alerts.AlertHandlingRules;
import io.fangxian.alerts.AlertViews.AlertView;
import io.fangxian.avro.AlertAction;
import io.fangxian.avro.AlertActionType;
import io.fangxian.avro.HandlingState;
import io.fangxian.config.AppConfig;
import io.fangxian.domain.TopicRegistry;
import io.fangxian.web.ApiException;
import io.fangxian.web.Params;
import io.fangxian.web.Resource;
import io.fangxian.web.WriteTokens;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code POST /api/v1/alerts/{alertKey}/actions}: a user with a write token signs for, feeds back on,
 * verifies or closes an alert. The action is checked here (token 401, body 400, scope 403, alert 404,
 * its turn 409) and then written to {@code safety.alert-actions}; 202 once Kafka has it. The
 * pipeline applies it in the log's order and checks its turn again, so of two officers acting at
 * once the second gets a dead letter, never a broken record.
 *
 * <p>Also {@code POST /api/v1/alerts/actions} (one action on many alerts, a status per alert) and
 * {@code GET /api/v1/me/alerts} (the token's person's to-do list).
 */
public final class AlertActionsApi implements Resource, AutoCloseable {
  static final String PATH = "/api/v1/alerts/{alertKey}/actions";
  private static final Set<String> FIELDS = Set.of("action", "by", "note");
  private static final int MAX_BY = 128;
  private static final int MAX_NOTE = 2000;

  private final AlertsApi alerts;
  private final LongSupplier clock;
  private final WriteTokens tokens;
  private final ObjectMapper mapper;
  private final String topic;
  private final KafkaProducer<String, AlertAction> producer;

  public AlertActionsApi(AlertsApi alerts, LongSupplier clock, WriteTokens tokens, ObjectMapper mapper, AppConfig config,
      TopicRegistry topics) {
    this.alerts = alerts;
    this.clock = clock;
    this.tokens = tokens;
    this.mapper = mapper;
    this.topic = topics.alertActions.name();
    Map<String, Object> settings = new LinkedHashMap<>(config.kafkaClientSettings());
    settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    settings.put(ProducerConfig.ACKS_CONFIG, "all");
    settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
    settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    settings.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    this.producer = new KafkaProducer<>(settings, new StringSerializer(), topics.alertActions.valueSerde().serializer());
  }

  /** {@code GET}: the token's person's to-do list. */
  static final String MY_ALERTS = "/api/v1/me/alerts";
  /** {@code POST}: one action on many alerts, answered per alert. */
  static final String BATCH = "/api/v1/alerts/actions";
  /** The most alerts one batch may name. */
  static final int MAX_BATCH = 200;

  /** Paths whose write token is checked here, with its scope, not by the server's read token. */
  public static boolean isActionPath(Context ctx) {
    return (ctx.method() == HandlerType.POST && ctx.path().startsWith("/api/v1/alerts/") && ctx.path().endsWith("/actions"))
        || (ctx.method() == HandlerType.GET && ctx.path().equals(MY_ALERTS));
  }

  @Override
  public void routes(Javalin app) {
    app.post(PATH, this::act);
    app.post(BATCH, this::actOnMany);
    app.get(MY_ALERTS, this::myAlerts);
  }

  private void act(Context ctx) throws Exception {
    WriteTokens.User user = authenticate(ctx);
    String alertKey = ctx.pathParam("alertKey");
    Request request = parse(ctx.body(), false);
    AlertAction action = check(user, alertKey, request);
    try {
      producer.send(new ProducerRecord<>(topic, alertKey, action)).get(15, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw unavailable(e);
    }
    ctx.status(202).json(accepted(action));
  }

  /** The action for one alert once the token's scope and the alert's handling allow it (403, 404, 409 otherwise). */
  private AlertAction check(WriteTokens.User user, String alertKey, Request request) {
    AlertView alert = alerts.one(alertKey);
    String township = alert.subject() == null ? null : alert.subject().townshipId();
    if (!user.covers(township)) {
      throw new ApiException(403, "forbidden", "the token '" + user.name() + "' covers " + user.scope()
          + "; alert " + alertKey + " is " + (township == null ? "district-wide" : "in township " + township), 0);
    }
    HandlingState state = alert.handling() == null ? HandlingState.NOT_REQUIRED : HandlingState.valueOf(alert.handling().state());
    Optional<String> refusal = AlertHandlingRules.refusal(state, request.action());
    if (refusal.isPresent()) {
      throw new ApiException(409, "conflict", "alert " + alertKey + ": " + refusal.get(), 0);
    }
    return AlertAction.newBuilder()
        .setActionId(UUID.randomUUID().toString()).setAlertKey(alertKey).setAction(request.action())
        .setBy(request.by()).setAt(Instant.ofEpochMilli(clock.getAsLong())).setNote(request.note()).setTokenName(user.name())
        .build();
  }

  private static ApiException unavailable(Exception e) {
    return new ApiException(503, "unavailable", "the action could not be written to Kafka (" + e.getMessage()
        + "); nothing was recorded, send it again", 5);
  }

  private static Map<String, Object> accepted(AlertAction action) {
    return Map.of("actionId", action.getActionId(), "alertKey", action.getAlertKey(), "action", action.getAction().name(),
        "by", action.getBy());
  }

  /**
   * {@code POST /api/v1/alerts/actions} {@code {"alertKeys": [...], "action": ..., "by": ..., "note": ...}}:
   * the same action on each alert, each checked as the single-alert endpoint checks it. The token
   * (401) and the body (400) are checked once; then each alert gets its own status (202, 400, 403,
   * 404, 409, 503) in {@code results}, in the order asked. The answer is 200 when the request was
   * read, whatever each alert's status.
   */
  private void actOnMany(Context ctx) throws Exception {
    WriteTokens.User user = authenticate(ctx);
    Request request = parse(ctx.body(), true);
    List<Map<String, Object>> results = new java.util.ArrayList<>();
    List<Map.Entry<AlertAction, java.util.concurrent.Future<?>>> sent = new java.util.ArrayList<>();
    Set<String> seen = new java.util.HashSet<>();
    for (String alertKey : request.alertKeys()) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("alertKey", alertKey);
      results.add(result);
      if (!seen.add(alertKey)) {
        refused(result, ApiException.badRequest("alert " + Params.shorten(alertKey) + " is named twice in this batch"));
        continue;
      }
      try {
        AlertAction action = check(user, alertKey, request);
        sent.add(Map.entry(action, producer.send(new ProducerRecord<>(topic, alertKey, action))));
        result.put("actionId", action.getActionId());
      } catch (ApiException e) {
        refused(result, e);
      } catch (RuntimeException e) {
        refused(result, unavailable(e));
      }
    }
    for (Map.Entry<AlertAction, java.util.concurrent.Future<?>> s : sent) {
      Map<String, Object> result = results.stream()
          .filter(r -> s.getKey().getActionId().equals(r.get("actionId"))).findFirst().orElseThrow();
      try {
        s.getValue().get(15, TimeUnit.SECONDS);
        result.put("status", 202);
        result.put("action", request.action().name());
      } catch (ExecutionException | TimeoutException e) {
        result.remove("actionId");
        refused(result, unavailable(e));
      }
    }
    long ok = results.stream().filter(r -> Integer.valueOf(202).equals(r.get("status"))).count();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("action", request.action().name());
    body.put("by", request.by());
    body.put("accepted", ok);
    body.put("refused", results.size() - ok);
    body.put("results", results);
    ctx.status(200).json(body);
  }

  private static void refused(Map<String, Object> result, ApiException e) {
    result.put("status", e.status());
    result.put("error", e.error());
    result.put("message", e.getMessage());
  }

  /**
   * {@code GET /api/v1/me/alerts}: what the token's person ({@code http.token.<name>.person}) must act
   * on now, in the token's scope, most urgent first.
   */
  private void myAlerts(Context ctx) {
    WriteTokens.User user = authenticate(ctx);
    Params.allowOnly(ctx, Set.of("limit"));
    int limit = Params.intInRange(ctx, "limit", 200, 1, 1000);
    if (user.person() == null) {
      throw new ApiException(403, "forbidden", "the token '" + user.name() + "' names no person of the roster; set "
          + "http.token." + user.name() + ".person to a leaderId or a name as alerts' handling names them", 0);
    }
    List<AlertView> mine = alerts.mine(user.person(),
        a -> user.covers(a.subject() == null ? null : a.subject().townshipId()), limit);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("token", user.name());
    body.put("person", user.person());
    body.put("personName", alerts.personName(user.person()));
    body.put("scope", user.scope());
    body.put("count", mine.size());
    body.put("alerts", mine);
    ctx.json(body);
  }

  private WriteTokens.User authenticate(Context ctx) {
    return tokens.authenticate(ctx,
        "acting on alerts needs a write token, and this server has none (http.token.<name>.secret and .scope)",
        "acting on alerts needs 'Authorization: Bearer <secret>' of a write token (http.token.<name>.secret)");
  }

  private record Request(AlertActionType action, String by, String note, List<String> alertKeys) { }

  private static final List<String> ACTIONS =
      Arrays.stream(AlertActionType.values()).filter(t -> t != AlertActionType.UNKNOWN).map(Enum::name).toList();

  private static final Set<String> BATCH_FIELDS = Set.of("alertKeys", "action", "by", "note");

  private Request parse(String body, boolean batch) {
    Set<String> fields = batch ? BATCH_FIELDS : FIELDS;
    JsonNode json;
    try {
      json = mapper.readTree(body);
    } catch (Exception e) {
      throw ApiException.badRequest("the body must be JSON: {\"action\": \"ACKNOWLEDGE\", \"by\": \"...\", \"note\": \"...\"}");
    }
    if (json == null || !json.isObject()) {
      throw ApiException.badRequest("the body must be a JSON object with action, by and, if you like, note");
    }
    json.fieldNames().forEachRemaining(f -> {
      if (!fields.contains(f)) {
        throw ApiException.badRequest("unknown field '" + Params.shorten(f) + "'; accepted: "
            + (batch ? "alertKeys, " : "") + "action, by, note");
      }
    });
    JsonNode action = json.get("action");
    if (action == null || !action.isTextual() || !ACTIONS.contains(action.asText())) {
      throw ApiException.badRequest("action must be one of " + String.join(", ", ACTIONS));
    }
    JsonNode by = json.get("by");
    if (by == null || !by.isTextual() || by.asText().isBlank() || by.asText().length() > MAX_BY) {
      throw ApiException.badRequest("by must name who acts, 1 to " + MAX_BY + " characters");
    }
    JsonNode note = json.get("note");
    if (note != null && !note.isNull() && (!note.isTextual() || note.asText().length() > MAX_NOTE)) {
      throw ApiException.badRequest("note must be text of at most " + MAX_NOTE + " characters");
    }
    List<String> alertKeys = List.of();
    if (batch) {
      JsonNode keys = json.get("alertKeys");
      if (keys == null || !keys.isArray() || keys.isEmpty() || keys.size() > MAX_BATCH) {
        throw ApiException.badRequest("alertKeys must be an array of 1 to " + MAX_BATCH + " alert keys, as GET /api/v1/alerts lists them");
      }
      List<String> list = new java.util.ArrayList<>();
      for (JsonNode k : keys) {
        if (!k.isTextual() || k.asText().isEmpty() || k.asText().length() > 400) {
          throw ApiException.badRequest("each of alertKeys must be an alert key of 1 to 400 characters");
        }
        list.add(k.asText());
      }
      alertKeys = List.copyOf(list);
    }
    return new Request(AlertActionType.valueOf(action.asText()), by.asText().strip(),
        note == null || note.isNull() ? null : note.asText(), alertKeys);
  }

  @Override
  public void close() {
    producer.close(java.time.Duration.ofSeconds(5));
  }
}
