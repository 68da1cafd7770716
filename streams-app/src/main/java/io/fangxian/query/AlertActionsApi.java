package io.fangxian.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fangxian.avro.AlertAction;
import io.fangxian.avro.AlertActionType;
import io.fangxian.avro.HandlingState;
import io.fangxian.config.AppConfig;
import io.fangxian.domain.TopicRegistry;
import io.fangxian.handling.AlertHandlingRules;
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
 */
final class AlertActionsApi implements AutoCloseable {
  static final String PATH = "/api/v1/alerts/{alertKey}/actions";
  private static final Set<String> FIELDS = Set.of("action", "by", "note");
  private static final int MAX_BY = 128;
  private static final int MAX_NOTE = 2000;

  private final QueryService service;
  private final WriteTokens tokens;
  private final ObjectMapper mapper;
  private final String topic;
  private final KafkaProducer<String, AlertAction> producer;

  AlertActionsApi(QueryService service, WriteTokens tokens, ObjectMapper mapper, AppConfig config, TopicRegistry topics) {
    this.service = service;
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

  static boolean isActionPath(Context ctx) {
    return ctx.method() == HandlerType.POST && ctx.path().startsWith("/api/v1/alerts/") && ctx.path().endsWith("/actions");
  }

  void register(Javalin app) {
    app.post(PATH, this::act);
  }

  private void act(Context ctx) throws Exception {
    WriteTokens.User user = authenticate(ctx);
    String alertKey = ctx.pathParam("alertKey");
    Request request = parse(ctx.body());
    Views.AlertView alert = service.alert(alertKey);
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
    AlertAction action = AlertAction.newBuilder()
        .setActionId(UUID.randomUUID().toString()).setAlertKey(alertKey).setAction(request.action())
        .setBy(request.by()).setAt(Instant.ofEpochMilli(service.now())).setNote(request.note()).setTokenName(user.name())
        .build();
    try {
      producer.send(new ProducerRecord<>(topic, alertKey, action)).get(15, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new ApiException(503, "unavailable", "the action could not be written to Kafka (" + e.getMessage()
          + "); nothing was recorded, send it again", 5);
    }
    ctx.status(202).json(Map.of("actionId", action.getActionId(), "alertKey", alertKey, "action", request.action().name(),
        "by", request.by()));
  }

  private WriteTokens.User authenticate(Context ctx) {
    String header = ctx.header("Authorization");
    String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
    return tokens.user(presented).orElseThrow(() -> {
      ctx.header("WWW-Authenticate", "Bearer realm=\"fangxian\"");
      return new ApiException(401, "unauthorized", tokens.isEmpty()
          ? "acting on alerts needs a write token, and this server has none (http.token.<name>.secret and .scope)"
          : "acting on alerts needs 'Authorization: Bearer <secret>' of a write token (http.token.<name>.secret)", 0);
    });
  }

  private record Request(AlertActionType action, String by, String note) { }

  private static final List<String> ACTIONS =
      Arrays.stream(AlertActionType.values()).filter(t -> t != AlertActionType.UNKNOWN).map(Enum::name).toList();

  private Request parse(String body) {
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
      if (!FIELDS.contains(f)) {
        throw ApiException.badRequest("unknown field '" + Params.shorten(f) + "'; accepted: action, by, note");
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
    return new Request(AlertActionType.valueOf(action.asText()), by.asText().strip(),
        note == null || note.isNull() ? null : note.asText());
  }

  @Override
  public void close() {
    producer.close(java.time.Duration.ofSeconds(5));
  }
}
