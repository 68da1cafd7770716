package io.fangxian.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fangxian.plan.FlyingPlan;
import io.fangxian.plan.PlanRequest;
import io.fangxian.web.ApiException;
import io.fangxian.web.Params;
import io.fangxian.web.Resource;
import io.fangxian.web.WriteTokens;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Iterator;
import java.util.Set;

/**
 * {@code POST /api/v1/plans}: the month's flying-inspection plan (四不两直), for a write token whose
 * scope is the whole district ({@code http.token.<name>.scope=district}); a township's token is
 * refused (403), since the district's team inspects the townships' enterprises. The body is
 * {@code {"month": "2026-12", "count": 20, "seed": 7}} (seed optional: a random one, answered with
 * the plan); {@code ?format=csv} answers CSV. A POST, not a GET, so that no cache, proxy log or
 * browser history keeps the targets, and the answer is {@code Cache-Control: no-store}: the plan is
 * drawn, answered to the caller and forgotten.
 */
final class PlansApi implements Resource {
  static final String PATH = "/api/v1/plans";
  private static final Set<String> FIELDS = Set.of("month", "count", "seed");

  private final QueryService service;
  private final WriteTokens tokens;
  private final ObjectMapper mapper;
  private final SecureRandom seeds = new SecureRandom();

  PlansApi(QueryService service, WriteTokens tokens, ObjectMapper mapper) {
    this.service = service;
    this.tokens = tokens;
    this.mapper = mapper;
  }

  /** The path whose write token is checked here, with its scope, not by the server's read token. */
  static boolean isPlanPath(Context ctx) {
    return ctx.method() == HandlerType.POST && ctx.path().equals(PATH);
  }

  @Override
  public void routes(Javalin app) {
    app.post(PATH, this::plan);
  }

  private void plan(Context ctx) {
    WriteTokens.User user = authenticate(ctx);
    if (user.townshipId() != null) {
      throw new ApiException(403, "forbidden", "the token '" + user.name() + "' covers " + user.scope()
          + "; a flying-inspection plan is drawn by the district: use a token whose scope is district", 0);
    }
    Params.allowOnly(ctx, Set.of("format"));
    String format = Params.oneOf(ctx, "format", java.util.List.of("json", "csv"));
    JsonNode body;
    try {
      body = ctx.body().isBlank() ? mapper.createObjectNode() : mapper.readTree(ctx.body());
    } catch (Exception e) {
      throw ApiException.badRequest("the body must be JSON: {\"month\": \"yyyy-MM\", \"count\": 1-" + PlanRequest.MAX_COUNT
          + ", \"seed\": optional integer}");
    }
    if (body == null || !body.isObject()) {
      throw ApiException.badRequest("the body must be a JSON object: {\"month\": \"yyyy-MM\", \"count\": 1-"
          + PlanRequest.MAX_COUNT + ", \"seed\": optional integer}");
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw ApiException.badRequest("unknown field '" + Params.shorten(name) + "'; accepted: month, count, seed");
      }
    }
    PlanRequest request;
    try {
      request = PlanRequest.parse(text(body, "month"), text(body, "count"), text(body, "seed"),
          YearMonth.from(Instant.ofEpochMilli(service.now()).atZone(service.zone())), seeds.nextLong());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    FlyingPlan.Plan plan = service.plan(request);
    ctx.header("Cache-Control", "no-store");
    if ("csv".equals(format)) {
      ctx.contentType("text/csv; charset=utf-8").result(FlyingPlan.csv(plan));
    } else {
      ctx.json(plan);
    }
  }

  private static String text(JsonNode body, String field) {
    JsonNode v = body.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private WriteTokens.User authenticate(Context ctx) {
    return tokens.authenticate(ctx,
        "a flying-inspection plan needs a district write token, and this server has none (http.token.<name>.secret,"
            + " .scope=district)",
        "a flying-inspection plan needs 'Authorization: Bearer <secret>' of a district write token");
  }
}
