package io.fangxian.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fangxian.config.AppConfig;
import io.fangxian.config.PipelineConfig;
import io.fangxian.domain.ReferenceData;
import io.fangxian.domain.TopicRegistry;
import io.fangxian.embedded.MemoryDirs;
import io.fangxian.serde.MockSchemaRegistry;
import io.fangxian.topology.FangxianTopology;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The HTTP layer without a broker: Streams is created but not started, so every data question
 * must be a 503 (never a 500), while health, security, errors and the OpenAPI description work.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryServerTest {
  private static final String TOKEN = "s3cret-token";
  private static final String DUTY_SECRET = "duty-officer-secret-0001";
  private static final String WANG_SECRET = "jincheng-wang-secret-0002";
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final String scope = "query-" + UUID.randomUUID();
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final List<Path> tempDirs = new ArrayList<>();
  private QueryServer server;
  private QueryServer limited;
  private QueryServer withoutMetrics;

  @BeforeAll
  void start() throws Exception {
    server = start(Map.of(AppConfig.HTTP_TOKEN, TOKEN, AppConfig.HTTP_CORS_ORIGINS, "https://allowed.example",
        AppConfig.HTTP_MAX_BODY_BYTES, "1024",
        "http.token.duty.secret", DUTY_SECRET, "http.token.duty.scope", "district",
        "http.token.wang.secret", WANG_SECRET, "http.token.wang.scope", "township:jincheng",
        "http.token.wang.person", "L1"), () -> "# HELP up\nup 1\n");
    limited = start(Map.of(AppConfig.HTTP_RATE_LIMIT, "3"), null);
    withoutMetrics = start(Map.of(), null);
  }

  private QueryServer start(Map<String, String> extra, java.util.function.Supplier<String> metrics) throws Exception {
    int port = QueryCluster.freePorts(1)[0];
    Path state = Files.createTempDirectory("fangxian-query-unit-");
    tempDirs.add(state);
    Map<String, String> settings = new HashMap<>(Map.of(
        AppConfig.BOOTSTRAP_SERVERS, "127.0.0.1:1",
        AppConfig.REGISTRY_URL, "mock://" + scope,
        AppConfig.HTTP_PORT, Integer.toString(port),
        AppConfig.STATE_DIR, state.toString()));
    settings.putAll(extra);
    AppConfig config = AppConfig.of(settings).validate();
    TopicRegistry topics = new TopicRegistry("", config.serdeSettings());
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "query-unit");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
    props.put(StreamsConfig.STATE_DIR_CONFIG, config.get(AppConfig.STATE_DIR));
    props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "127.0.0.1:" + port);
    KafkaStreams streams = new KafkaStreams(FangxianTopology.build(PipelineConfig.defaults(), topics, ReferenceData.load(), props), props);
    QueryServer s = QueryServer.start(config, "127.0.0.1:" + port, streams, topics, ReferenceData.builtIn(), metrics);
    closeables.add(streams);
    closeables.add(s);
    return s;
  }

  @AfterAll
  void stop() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
    MockSchemaRegistry.dropScope(scope);
    tempDirs.forEach(MemoryDirs::delete);
  }

  private HttpResponse<String> get(QueryServer s, String path, String token, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path)).timeout(Duration.ofSeconds(10));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    headers.forEach(b::header);
    return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return get(server, path, TOKEN, Map.of());
  }

  private JsonNode error(HttpResponse<String> r, int status) throws Exception {
    assertThat(r.statusCode()).as(r.uri() + " " + r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    JsonNode e = json.readTree(r.body());
    assertThat(e.get("error").asText()).isNotBlank();
    assertThat(e.get("message").asText()).isNotBlank();
    return e;
  }

  @Test
  void theRuleCatalogueLabelsEveryRuleAsRuleOrChoiceWithTheValuesInForce() throws Exception {
    HttpResponse<String> r = get("/api/v1/rules");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    Map<String, JsonNode> bySetting = new HashMap<>();
    for (JsonNode rule : json.readTree(r.body())) {
      assertThat(rule.get("basis").asText()).isIn("RULE", "CHOICE");
      assertThat(rule.get("source").asText()).startsWith(rule.get("basis").asText().equals("RULE") ? "rule:" : "choice:");
      bySetting.put(rule.get("setting").asText(), rule);
    }
    JsonNode coverage = bySetting.get("coverage");
    assertThat(coverage.get("basis").asText()).isEqualTo("CHOICE");
    assertThat(coverage.get("settings").get("minShare").asDouble()).isEqualTo(0.6);
    assertThat(coverage.get("settings").get("minKeyAreaEnterprises").asLong()).isEqualTo(3);
    assertThat(coverage.get("alertRules").get(0).asText()).isEqualTo("coverage-gap");
    JsonNode handling = bySetting.get("alertHandling");
    assertThat(handling.get("basis").asText()).isEqualTo("CHOICE");
    assertThat(handling.get("settings").get("RED").get("acknowledgeWithin").asText()).isEqualTo("PT1H");
    JsonNode late = bySetting.get("accidents.lateReportLevel");
    assertThat(late.get("basis").asText()).isEqualTo("RULE");
    assertThat(late.get("source").asText()).contains("第九条");
    assertThat(late.get("settings").asText()).isEqualTo("YELLOW");
    JsonNode exposure = bySetting.get("exposure");
    assertThat(exposure.get("basis").asText()).isEqualTo("CHOICE");
    assertThat(exposure.get("source").asText()).contains("第七十八条");
    assertThat(exposure.get("settings").get("minViolationsInMonth").asInt()).isEqualTo(2);
    assertThat(bySetting).containsKeys("repeatViolator", "surge", "overdueRectification", "holdTime");
    error(get("/api/v1/rules?x=1"), 400);
  }

  @Test
  void theCriteriaCatalogueIsServedWithoutTheStreams() throws Exception {
    HttpResponse<String> all = get("/api/v1/hazard-criteria");
    assertThat(all.statusCode()).isEqualTo(200);
    int total = json.readTree(all.body()).size();
    assertThat(total).isEqualTo(ReferenceData.load().criteria().all().size());

    JsonNode chemicals = json.readTree(get("/api/v1/hazard-criteria?sectorId=hazardous-chemicals&standard=HG121").body());
    assertThat(chemicals.size()).isPositive().isLessThan(total);
    chemicals.forEach(c -> {
      assertThat(c.get("standardShort").asText()).isEqualTo("HG121");
      assertThat(c.get("sectors").toString()).contains("hazardous-chemicals");
    });

    JsonNode one = json.readTree(get("/api/v1/hazard-criteria/GM10-3-1").body());
    assertThat(one.get("clauseId").asText()).isEqualTo("GM10-3-1");
    assertThat(one.get("standard").asText()).contains("应急管理部令第10号");
    assertThat(one.get("text").asText()).isNotBlank();
    assertThat(one.get("source").asText()).isNotBlank();

    assertThat(error(get("/api/v1/hazard-criteria/NO-SUCH"), 404).get("message").asText()).contains("NO-SUCH");
    assertThat(error(get("/api/v1/hazard-criteria?sectorId=mining"), 400).get("message").asText())
        .contains("hazardous-chemicals");
    assertThat(error(get("/api/v1/hazard-criteria?standard=ISO9001"), 400).get("message").asText()).contains("GM10");
  }

  @Test
  void hazardSearchesByCategoryAndClauseAreCheckedBeforeAnyStoreIsAsked() throws Exception {
    assertThat(error(get("/api/v1/hazards?clauseId=NO-SUCH"), 400).get("message").asText())
        .contains("NO-SUCH", "UNCLASSIFIED");
    assertThat(error(get("/api/v1/hazards?category=PEOPLE"), 400).get("message").asText())
        .contains("UNSAFE_ACT", "UNCLASSIFIED");
    assertThat(get("/api/v1/hazards?clauseId=GM10-3-1&category=management_defect").statusCode()).isEqualTo(503);
  }

  @Test
  void caseListFiltersAreCheckedBeforeAnyStoreIsAsked() throws Exception {
    assertThat(error(get("/api/v1/cases?status=late"), 400).get("message").asText())
        .contains("late", "overdue", "transferred", "withdrawn");
    assertThat(error(get("/api/v1/cases?townshipId=atlantis"), 400).get("message").asText()).contains("jincheng");
    assertThat(error(get("/api/v1/cases?limit=0"), 400).get("message").asText()).contains("limit");
    assertThat(error(get("/api/v1/cases?caseId=AJ-1"), 400).get("message").asText()).contains("caseId");
    assertThat(get("/api/v1/cases?status=OVERDUE&townshipId=jincheng&departmentId=%E5%8C%BA%E5%BA%94%E6%80%A5%E7%AE%A1%E7%90%86%E5%B1%80")
        .statusCode()).isEqualTo(503);
  }

  @Test
  void idsInPathsAreCheckedBeforeAnyStoreIsAsked() throws Exception {
    String tooLong = "H".repeat(129);
    assertThat(error(get("/api/v1/hazards/" + tooLong), 400).get("message").asText()).contains("hazardId", "1 to 128");
    assertThat(error(get("/api/v1/reports/" + tooLong), 400).get("message").asText()).contains("reportId", "1 to 128");
    assertThat(error(get("/api/v1/alerts/" + "A".repeat(401)), 400).get("message").asText()).contains("alertKey", "1 to 400");
    assertThat(error(get("/api/v1/hazards?offset=100001"), 400).get("message").asText()).contains("offset");
    assertThat(error(get("/api/v1/reports?limit=501"), 400).get("message").asText()).contains("limit");
  }

  @Test
  void unitScorecardParametersAreCheckedBeforeAnyStoreIsAsked() throws Exception {
    assertThat(error(get("/api/v1/units?type=village"), 400).get("message").asText())
        .contains("township", "department", "grid", "other");
    assertThat(error(get("/api/v1/units?unitId=jincheng"), 400).get("message").asText()).contains("accepted: type");
    assertThat(error(get("/api/v1/units/jincheng?since=2026-01-01"), 400).get("message").asText()).contains("accepted: none");
    assertThat(error(get("/api/v1/units/" + "x".repeat(129)), 400).get("message").asText()).contains("unitId", "1-128");
    assertThat(get("/api/v1/units?type=GRID").statusCode()).isEqualTo(503); // valid: reaches the (stopped) streams
  }

  @Test
  void notRunningMeans503WithRetryAfterNever500() throws Exception {
    for (String path : List.of("/api/v1/townships", "/api/v1/townships/jincheng", "/api/v1/sectors",
        "/api/v1/townships/jincheng/daily?from=2026-07-01&to=2026-07-03", "/api/v1/hazards", "/api/v1/hazards/H-1",
        "/api/v1/enterprises/91320413MA1MCGQ3X4", "/api/v1/alerts", "/api/v1/weather-warnings", "/internal/v1/local/alerts",
        "/internal/v1/local/hazard?args=%22H-1%22")) {
      HttpResponse<String> r = get(path);
      if (r.statusCode() == 400) {
        continue; // a parameter check may come first (the sample credit code may not be valid)
      }
      JsonNode e = error(r, 503);
      assertThat(e.get("error").asText()).isEqualTo("unavailable");
      assertThat(r.headers().firstValue("Retry-After")).contains("2");
    }
    // parameters are checked before the state
    error(get("/api/v1/hazards?status=nope"), 400);
  }

  @Test
  void healthIsOpenAndReadinessFollowsTheState() throws Exception {
    HttpResponse<String> health = get(server, "/health", null, Map.of());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(json.readTree(health.body()).get("status").asText()).isEqualTo("UP");
    HttpResponse<String> ready = get(server, "/health/ready", null, Map.of());
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(json.readTree(ready.body()).get("streamsState").asText()).isEqualTo("CREATED");
    assertThat(json.readTree(ready.body()).get("reason").asText()).contains("CREATED");
  }

  @Test
  void aFailureThatStopsReadingKeepsReadinessDownAndSaysWhy() throws Exception {
    QueryServer failed = start(Map.of(), null);
    failed.reportFailure("Schema registry http://r has lost or changed schema id 9");
    HttpResponse<String> ready = get(failed, "/health/ready", null, Map.of());
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(json.readTree(ready.body()).get("reason").asText()).contains("schema id 9");
  }

  @Test
  void unreadableStateIsFoundInTheCausesOfAnError() {
    var cause = new org.apache.kafka.common.errors.SerializationException("Unknown schema id 9");
    assertThat(QueryServer.unreadableState(new org.apache.kafka.streams.errors.StreamsException("store", cause)))
        .isEqualTo("Unknown schema id 9");
    assertThat(QueryServer.unreadableState(new IllegalStateException("bug"))).isNull();
  }

  @Test
  void tokenGuardsApiInternalAndMetrics() throws Exception {
    for (String path : List.of("/api/v1/townships", "/internal/v1/local/alerts", "/metrics", "/api/v1/stream", "/api/v1/openapi.json")) {
      JsonNode e = error(get(server, path, null, Map.of()), 401);
      assertThat(e.get("error").asText()).isEqualTo("unauthorized");
      error(get(server, path, "not-it", Map.of()), 401);
      error(get(server, path + "?token=not-it", null, Map.of()), 401);
    }
    // ?token= is only for the event stream (EventSource cannot set headers)
    error(get(server, "/api/v1/townships?token=" + TOKEN, null, Map.of()), 401);
    HttpResponse<String> metrics = get("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
    assertThat(metrics.body()).contains("up 1");
    error(get(withoutMetrics, "/metrics", null, Map.of()), 404);
    // the dashboard itself is not secret: it asks for the token
    assertThat(get(server, "/", null, Map.of()).statusCode()).isEqualTo(200);
  }

  @Test
  void withAKeystoreItServesHttpsOnly() throws Exception {
    Path dir = Files.createTempDirectory("fangxian-tls-");
    tempDirs.add(dir);
    Path keystore = dir.resolve("server.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "fangxian", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
        "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "changeit")
        .redirectErrorStream(true).start();
    assertThat(keytool.waitFor()).isZero();
    QueryServer tls = start(Map.of(AppConfig.HTTP_TLS_KEYSTORE, keystore.toString(),
        AppConfig.HTTP_TLS_KEYSTORE_PASSWORD, "changeit"), null);

    HttpClient trusting = HttpClient.newBuilder().sslContext(HttpSettings.trusting(keystore, "changeit")).build();
    HttpResponse<String> health = trusting.send(HttpRequest.newBuilder(
        URI.create("https://127.0.0.1:" + tls.port() + "/health")).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("UP");
    // No plain HTTP on that port, and a client that does not trust the certificate is refused.
    assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + tls.port() + "/health"))
        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(java.io.IOException.class);
    assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + tls.port() + "/health"))
        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
  }

  @Test
  void corsOnlyForConfiguredOrigins() throws Exception {
    HttpResponse<String> allowed = get(server, "/health", null, Map.of("Origin", "https://allowed.example"));
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains("https://allowed.example");
    HttpResponse<String> other = get(server, "/health", null, Map.of("Origin", "https://evil.example"));
    assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    HttpResponse<String> closed = get(limited, "/health", null, Map.of("Origin", "https://allowed.example"));
    assertThat(closed.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control"));
    HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/townships"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://allowed.example")
        .header("Access-Control-Request-Method", "GET").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("")).contains("Authorization");
  }

  @Test
  void errorsAreJsonWithoutStackTraces() throws Exception {
    JsonNode unknown = error(get("/api/v1/nope"), 404);
    assertThat(unknown.get("error").asText()).isEqualTo("not_found");
    assertThat(unknown.get("message").asText()).isEqualTo(
        "no such resource: GET /api/v1/nope; the API is described at /api/v1/openapi.json");
    assertThat(error(get("/nope"), 404).get("error").asText()).isEqualTo("not_found");
    HttpResponse<String> dots = get(server, "/api/v1/townships/%2e%2e%2f%2e%2e", TOKEN, Map.of());
    error(dots, dots.statusCode() == 400 ? 400 : 404);
    HttpResponse<String> ambiguous = get(server, "/api/v1/townships/a%2Fb%5C..%2F", TOKEN, Map.of());
    assertThat(ambiguous.statusCode()).isBetween(400, 499);
    error(ambiguous, ambiguous.statusCode());
    HttpResponse<String> big = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/townships"))
        .header("Authorization", "Bearer " + TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString("x".repeat(10_000))).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(error(big, 413).get("error").asText()).isEqualTo("payload_too_large");
    HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/townships"))
        .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(error(post, 404).get("message").asText()).startsWith("no such resource: POST /api/v1/townships");
    HttpResponse<String> r = get("/api/v1/nope");
    assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(r.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'self'");
  }

  private HttpResponse<String> post(String path, String token, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aPlanNeedsADistrictWriteTokenAndSaysWhichMonthsAndCountsAreAccepted() throws Exception {
    String month = java.time.YearMonth.now(java.time.ZoneId.of("Asia/Shanghai")).plusMonths(1).toString();
    String ok = "{\"month\":\"" + month + "\",\"count\":20,\"seed\":7}";
    assertThat(error(post("/api/v1/plans", null, ok), 401).get("message").asText()).contains("district write token");
    error(post("/api/v1/plans", TOKEN, ok), 401);
    assertThat(error(post("/api/v1/plans", WANG_SECRET, ok), 403).get("message").asText())
        .contains("township:jincheng", "scope is district");
    assertThat(error(post("/api/v1/plans", DUTY_SECRET, "{\"month\":\"2026-13\",\"count\":20}"), 400)
        .get("message").asText()).contains("is not a month: use yyyy-MM, from");
    assertThat(error(post("/api/v1/plans", DUTY_SECRET, "{\"month\":\"2020-01\",\"count\":20}"), 400)
        .get("message").asText()).contains("out of range");
    assertThat(error(post("/api/v1/plans", DUTY_SECRET, "{\"month\":\"" + month + "\",\"count\":0}"), 400)
        .get("message").asText()).contains("use 1 to 500");
    assertThat(error(post("/api/v1/plans", DUTY_SECRET, "{\"month\":\"" + month + "\",\"count\":2,\"who\":1}"), 400)
        .get("message").asText()).contains("accepted: month, count, seed");
    assertThat(error(post("/api/v1/plans", DUTY_SECRET, "[1]"), 400).get("message").asText()).contains("JSON object");
    assertThat(error(post("/api/v1/plans?format=xml", DUTY_SECRET, ok), 400).get("message").asText()).contains("csv");
    assertThat(post("/api/v1/plans", DUTY_SECRET, ok).statusCode())
        .as("the streams never start here: the stores are unavailable").isEqualTo(503);
  }

  @Test
  void myAlertsNeedsAWriteTokenThatNamesAPerson() throws Exception {
    assertThat(error(get(server, "/api/v1/me/alerts", null, Map.of()), 401).get("message").asText()).contains("write token");
    assertThat(error(get(server, "/api/v1/me/alerts", TOKEN, Map.of()), 401).get("error").asText())
        .as("the read token is nobody").isEqualTo("unauthorized");
    assertThat(error(get(server, "/api/v1/me/alerts", DUTY_SECRET, Map.of()), 403).get("message").asText())
        .contains("http.token.duty.person");
    assertThat(error(get(server, "/api/v1/me/alerts?nope=1", WANG_SECRET, Map.of()), 400).get("message").asText()).contains("nope");
    HttpResponse<String> mine = get(server, "/api/v1/me/alerts", WANG_SECRET, Map.of());
    assertThat(mine.statusCode()).as("the streams never start here: the stores are unavailable").isEqualTo(503);
  }

  @Test
  void batchActionsCheckTheTokenAndBodyOnceAndAnswerEachAlert() throws Exception {
    String body = "{\"alertKeys\":[\"a\",\"b\",\"a\"],\"action\":\"ACKNOWLEDGE\",\"by\":\"王某\"}";
    error(post("/api/v1/alerts/actions", null, body), 401);
    error(post("/api/v1/alerts/actions", TOKEN, body), 401);
    assertThat(error(post("/api/v1/alerts/actions", DUTY_SECRET, "{\"action\":\"ACKNOWLEDGE\",\"by\":\"王某\"}"), 400)
        .get("message").asText()).contains("alertKeys");
    assertThat(error(post("/api/v1/alerts/actions", DUTY_SECRET, "{\"alertKeys\":[],\"action\":\"ACKNOWLEDGE\",\"by\":\"x\"}"), 400)
        .get("message").asText()).contains("alertKeys");
    error(post("/api/v1/alerts/actions", DUTY_SECRET, "{\"alertKeys\":[\"a\"],\"action\":\"SIGN\",\"by\":\"x\"}"), 400);
    error(post("/api/v1/alerts/actions", DUTY_SECRET, "{\"alertKeys\":[\"a\"],\"action\":\"ACKNOWLEDGE\",\"by\":\"x\",\"x\":1}"), 400);

    HttpResponse<String> r = post("/api/v1/alerts/actions", DUTY_SECRET, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode answer = json.readTree(r.body());
    assertThat(answer.get("accepted").asInt()).isZero();
    assertThat(answer.get("refused").asInt()).isEqualTo(3);
    JsonNode results = answer.get("results");
    assertThat(results).hasSize(3);
    assertThat(results.get(0).get("alertKey").asText()).isEqualTo("a");
    assertThat(results.get(0).get("status").asInt()).as("the stores are unavailable here").isEqualTo(503);
    assertThat(results.get(1).get("alertKey").asText()).isEqualTo("b");
    assertThat(results.get(2).get("status").asInt()).as("named twice").isEqualTo(400);
    assertThat(results.get(2).get("message").asText()).contains("twice");
  }

  @Test
  void rateLimitAnswers429() throws Exception {
    int limitedCount = 0;
    for (int i = 0; i < 20; i++) {
      HttpResponse<String> r = get(limited, "/api/v1/townships", null, Map.of());
      if (r.statusCode() == 429) {
        limitedCount++;
        assertThat(error(r, 429).get("error").asText()).isEqualTo("rate_limited");
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
      }
    }
    assertThat(limitedCount).isGreaterThan(10);
    // health probes are never limited
    assertThat(get(limited, "/health", null, Map.of()).statusCode()).isEqualTo(200);
  }

  @Test
  void everyRouteIsDocumentedInTheOpenApiFile() throws Exception {
    JsonNode spec = json.readTree(get("/api/v1/openapi.json").body());
    Set<String> documented = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = spec.get("paths").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      p.getValue().fieldNames().forEachRemaining(m -> documented.add(m.toUpperCase() + " " + p.getKey()));
    }
    Set<String> registered = new TreeSet<>();
    for (String route : server.routes()) {
      if (route.startsWith("GET ") || route.startsWith("POST ")) {
        registered.add(route);
      }
    }
    assertThat(registered).isNotEmpty().contains("GET /api/v1/hazards/{hazardId}", "GET /api/v1/stream",
        "POST /api/v1/alerts/{alertKey}/actions");
    assertThat(documented).as("documented in openapi.json").containsAll(registered);
    assertThat(registered).as("documented routes exist").containsAll(documented);
  }
}
