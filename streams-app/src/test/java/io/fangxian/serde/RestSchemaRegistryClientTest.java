package io.fangxian.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fangxian.avro.HazardEvent;
import io.fangxian.serde.FakeRegistry.Request;
import io.fangxian.serde.FakeRegistry.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class RestSchemaRegistryClientTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Schema HAZARD = HazardEvent.getClassSchema();

  private static RestSchemaRegistryClient.Builder client(String url) {
    return RestSchemaRegistryClient.builder(url).backoff(Duration.ofMillis(5)).timeout(Duration.ofSeconds(5));
  }

  @Test
  void registersUnderABasePathWithTheRegistryMediaTypeAndCaches() throws Exception {
    try (FakeRegistry fake = new FakeRegistry(r -> Response.ok("{\"id\":21}"))) {
      RestSchemaRegistryClient registry = client(fake.url() + "/apis/ccompat/v7/").build();

      assertThat(registry.register("safety.hazards-value", HAZARD)).isEqualTo(21);
      assertThat(registry.register("safety.hazards-value", HAZARD)).isEqualTo(21);
      assertThat(registry.getById(21)).isEqualTo(HAZARD);

      assertThat(fake.requests).hasSize(1);
      Request request = fake.requests.get(0);
      assertThat(request.method()).isEqualTo("POST");
      assertThat(request.path()).isEqualTo("/apis/ccompat/v7/subjects/safety.hazards-value/versions");
      assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
      assertThat(request.authorization()).isNull();
      assertThat(new Schema.Parser().parse(JSON.readTree(request.body()).get("schema").asText())).isEqualTo(HAZARD);
    }
  }

  @Test
  void looksUpAndFetchesById() throws Exception {
    String schemaJson = JSON.writeValueAsString(Map.of("schema", HAZARD.toString()));
    try (FakeRegistry fake = new FakeRegistry(r -> switch (r.path()) {
      case "/subjects/a%20b" -> Response.ok("{\"subject\":\"a b\",\"version\":1,\"id\":5,\"schema\":\"\"}");
      case "/schemas/ids/9" -> Response.ok(schemaJson);
      default -> new Response(404, "{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}");
    })) {
      RestSchemaRegistryClient registry = client(fake.url()).build();
      assertThat(registry.lookup("a b", HAZARD)).isEqualTo(5);
      assertThat(registry.getById(9)).isEqualTo(HAZARD);
      assertThat(registry.getById(9)).isEqualTo(HAZARD);
      assertThat(fake.count("GET", "/schemas/ids/9")).isEqualTo(1);
    }
  }

  @Test
  void clientErrorsFailFastWithTheRegistryErrorCodeAndMessage() throws Exception {
    try (FakeRegistry fake = new FakeRegistry(
        r -> new Response(404, "{\"error_code\":40401,\"message\":\"Subject 'x' not found.\"}"))) {
      RestSchemaRegistryClient registry = client(fake.url()).build();
      assertThatThrownBy(() -> registry.lookup("x", HAZARD))
          .isInstanceOf(SchemaRegistryException.class)
          .hasMessageContaining("40401")
          .hasMessageContaining("Subject 'x' not found.")
          .hasMessageContaining(fake.url() + "/subjects/x")
          .hasMessageContaining("subject 'x'")
          .satisfies(e -> {
            SchemaRegistryException sre = (SchemaRegistryException) e;
            assertThat(sre.errorCode()).isEqualTo(40401);
            assertThat(sre.httpStatus()).isEqualTo(404);
            assertThat(sre.subject()).isEqualTo("x");
          });
      assertThat(fake.requests).as("4xx is not retried").hasSize(1);
    }
  }

  @Test
  void aConflictFromARacingRegistrationIsResolvedByLookingTheSchemaUp() throws Exception {
    try (FakeRegistry fake = new FakeRegistry(r -> switch (r.path()) {
      case "/subjects/s/versions" -> new Response(409, "{\"error_code\":409,\"message\":\"An artifact with ID 's' already exists.\"}");
      case "/subjects/s" -> Response.ok("{\"subject\":\"s\",\"version\":1,\"id\":12}");
      default -> new Response(404, "{\"error_code\":404,\"message\":\"no\"}");
    })) {
      assertThat(client(fake.url()).build().register("s", HAZARD)).isEqualTo(12);
    }
  }

  @Test
  void aRealIncompatibilityStaysAnError() throws Exception {
    try (FakeRegistry fake = new FakeRegistry(r -> r.path().endsWith("/versions")
        ? new Response(409, "{\"error_code\":409,\"message\":\"Schema being registered is incompatible\"}")
        : new Response(404, "{\"error_code\":40403,\"message\":\"Schema not found\"}"))) {
      assertThatThrownBy(() -> client(fake.url()).build().register("s", HAZARD))
          .isInstanceOf(SchemaRegistryException.class).hasMessageContaining("incompatible");
    }
  }

  @Test
  void serverErrorsAreRetriedWithBackoff() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (FakeRegistry fake = new FakeRegistry(r -> calls.incrementAndGet() <= 2
        ? new Response(503, "{\"error_code\":50003,\"message\":\"Error while forwarding the request\"}")
        : Response.ok("{\"id\":3}"))) {
      RestSchemaRegistryClient registry = client(fake.url()).build();
      assertThat(registry.register("s", HAZARD)).isEqualTo(3);
      assertThat(fake.requests).hasSize(3);
    }
  }

  @Test
  void givesUpAfterTheConfiguredRetries() throws Exception {
    try (FakeRegistry fake = new FakeRegistry(
        r -> new Response(500, "{\"error_code\":50001,\"message\":\"Error in the backend data store\"}"))) {
      RestSchemaRegistryClient registry = client(fake.url()).retries(2).build();
      assertThatThrownBy(() -> registry.register("s", HAZARD))
          .isInstanceOf(SchemaRegistryException.class)
          .hasMessageContaining("50001: Error in the backend data store")
          .hasMessageContaining("gave up after 3 attempts");
      assertThat(fake.requests).hasSize(3);
    }
  }

  @Test
  void unreachableRegistryIsReportedWithItsUrl() throws Exception {
    String closed = FakeRegistry.closedPortUrl();
    RestSchemaRegistryClient registry = client(closed).retries(1).build();
    assertThatThrownBy(() -> registry.getById(1))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageStartingWith("Schema registry unreachable at " + closed + ": ")
        .hasMessageContaining("2 attempts")
        .satisfies(e -> assertThat(((SchemaRegistryException) e).isUnreachable()).isTrue());
  }

  @Test
  void failsOverToTheNextUrl() throws Exception {
    try (FakeRegistry fake = new FakeRegistry(r -> Response.ok("{\"id\":8}"))) {
      RestSchemaRegistryClient registry = client(FakeRegistry.closedPortUrl() + ", " + fake.url()).retries(0).build();
      assertThat(registry.register("s", HAZARD)).isEqualTo(8);
    }
  }

  @Test
  void sendsBasicAuthAndKeepsItOutOfMessages() throws Exception {
    try (FakeRegistry fake = new FakeRegistry(
        r -> new Response(401, "{\"error_code\":401,\"message\":\"Unauthorized\"}"))) {
      RestSchemaRegistryClient registry = client(fake.url()).basicAuth("fangxian:s3cret-pw").build();
      assertThatThrownBy(() -> registry.subjects())
          .isInstanceOf(SchemaRegistryException.class)
          .hasMessageContaining("401")
          .hasMessageNotContaining("s3cret-pw")
          .hasMessageNotContaining(base64("fangxian:s3cret-pw"));
      assertThat(fake.requests.get(0).authorization()).isEqualTo("Basic " + base64("fangxian:s3cret-pw"));
    }
  }

  @Test
  void takesBasicAuthFromTheUrlAndHidesIt() throws Exception {
    try (FakeRegistry fake = new FakeRegistry(r -> Response.ok("[\"a-value\",\"b-value\"]"))) {
      String withUser = fake.url().replace("http://", "http://ops:pa55word@");
      RestSchemaRegistryClient registry = client(withUser).build();
      assertThat(registry.subjects()).containsExactly("a-value", "b-value");
      assertThat(fake.requests.get(0).authorization()).isEqualTo("Basic " + base64("ops:pa55word"));
      assertThat(registry.url()).isEqualTo(fake.url());
    }
    String closed = FakeRegistry.closedPortUrl().replace("http://", "http://ops:pa55word@");
    assertThatThrownBy(() -> client(closed).retries(0).build().getById(1))
        .hasMessageContaining("unreachable")
        .hasMessageNotContaining("pa55word");
  }

  @Test
  void sendsBearerToken() throws Exception {
    try (FakeRegistry fake = new FakeRegistry(r -> Response.ok("[]"))) {
      client(fake.url()).bearerToken("tok-123").build().subjects();
      assertThat(fake.requests.get(0).authorization()).isEqualTo("Bearer tok-123");
    }
  }

  @Test
  void compatibilityCheckTreatsAMissingSubjectAsCompatible() throws Exception {
    try (FakeRegistry fake = new FakeRegistry(r -> switch (r.path()) {
      case "/compatibility/subjects/known/versions/latest" -> Response.ok("{\"is_compatible\":false}");
      default -> new Response(404, "{\"error_code\":40401,\"message\":\"Subject 'new' not found.\"}");
    })) {
      RestSchemaRegistryClient registry = client(fake.url()).build();
      assertThat(registry.isCompatible("known", HAZARD)).isFalse();
      assertThat(registry.isCompatible("new", HAZARD)).isTrue();
    }
  }

  @Test
  void readsAndSetsCompatibilityLevels() throws Exception {
    try (FakeRegistry fake = new FakeRegistry(r -> switch (r.method() + " " + r.path()) {
      case "GET /config" -> Response.ok("{\"compatibilityLevel\":\"BACKWARD\"}");
      case "GET /config/s1?defaultToGlobal=true" -> Response.ok("{\"compatibilityLevel\":\"FULL\"}");
      case "PUT /config", "PUT /config/s1" -> Response.ok(r.body());
      default -> new Response(404, "{\"error_code\":40408,\"message\":\"Subject 's2' does not have subject-level "
          + "compatibility configured\"}");
    })) {
      RestSchemaRegistryClient registry = client(fake.url()).build();
      assertThat(registry.getCompatibility(null)).isEqualTo("BACKWARD");
      assertThat(registry.getCompatibility("s1")).isEqualTo("FULL");
      assertThat(registry.getCompatibility("s2")).as("falls back to global").isEqualTo("BACKWARD");
      registry.setCompatibility("s1", "NONE");
      registry.setCompatibility(null, "FORWARD");
      assertThat(fake.requests).filteredOn(r -> r.method().equals("PUT"))
          .extracting(Request::path, r -> compatibilityIn(r.body()))
          .containsExactly(tuple("/config/s1", "NONE"),
              tuple("/config", "FORWARD"));
    }
  }

  @Test
  void sharesOneClientPerConfiguration() throws Exception {
    try (FakeRegistry fake = new FakeRegistry(r -> Response.ok("[]"))) {
      Map<String, Object> config = Map.of(SchemaRegistryClients.URL, fake.url(),
          SchemaRegistryClients.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
          SchemaRegistryClients.BASIC_AUTH_USER_INFO, "u:p");
      SchemaRegistryClient a = SchemaRegistryClients.create(config);
      assertThat(a).isInstanceOf(RestSchemaRegistryClient.class);
      assertThat(SchemaRegistryClients.create(Map.copyOf(config))).isSameAs(a);
      assertThat(SchemaRegistryClients.create(Map.of(SchemaRegistryClients.URL, fake.url()))).isNotSameAs(a);
      a.subjects();
      assertThat(fake.requests.get(0).authorization()).isEqualTo("Basic " + base64("u:p"));
    }
  }

  private static String compatibilityIn(String body) {
    try {
      return JSON.readTree(body).get("compatibility").asText();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String base64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
