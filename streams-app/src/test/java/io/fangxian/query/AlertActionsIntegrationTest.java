package io.fangxian.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.RiskLevel;
import io.fangxian.embedded.EmbeddedKafkaCluster;
import io.fangxian.embedded.SharedRuntime;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Signing for and closing alerts through the REST API, on two instances, with two scoped users: a
 * township officer (金城镇) and the district. Every status code of the actions endpoint, with a real
 * HTTP client against a real broker.
 */
@Tag("integration")
@ExtendWith(SharedRuntime.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertActionsIntegrationTest {
  static final String TOWNSHIP_SECRET = "jincheng-officer-secret-1";
  static final String DISTRICT_SECRET = "district-duty-officer-secret-2";
  final ObjectMapper json = new ObjectMapper();
  final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  QueryCluster cluster;
  String jinchengAlert;
  String dongchengAlert;
  /** The tokens `bin/fangxian demo` would make for a run, and an alert in the township of its township token. */
  io.fangxian.config.DemoWriteTokens demoTokens;
  String demoAlert;

  @BeforeAll
  void start(EmbeddedKafkaCluster kafka) throws Exception {
    demoTokens = io.fangxian.config.DemoWriteTokens.forRun(io.fangxian.config.AppConfig.of(Map.of()),
        io.fangxian.domain.ReferenceData.builtIn(), new java.security.SecureRandom());
    Map<String, String> settings = new java.util.HashMap<>(Map.of(
        "http.token.jincheng.secret", TOWNSHIP_SECRET, "http.token.jincheng.scope", "township:jincheng",
        "http.token.duty.secret", DISTRICT_SECRET, "http.token.duty.scope", "district"));
    demoTokens.made().forEach(t -> {
      settings.put("http.token." + t.name() + ".secret", t.secret());
      settings.put("http.token." + t.name() + ".scope", t.scope());
    });
    cluster = new QueryCluster(kafka, 2, settings);
    Enterprise a = cluster.enterprise("jincheng", "machinery", RiskLevel.YELLOW, false);
    Enterprise b = cluster.enterprise("dongcheng", "machinery", RiskLevel.YELLOW, false);
    String demoTownship = demoTokens.made().get(1).scope().substring("township:".length());
    Enterprise c = cluster.enterprise(demoTownship, "fire-safety", RiskLevel.YELLOW, false);
    cluster.awaitRunning(Duration.ofSeconds(60));
    Thread.sleep(500);
    cluster.report(a, "H-J", HazardSeverity.MAJOR, HazardSource.FLYING_INSPECTION, now.minus(1, ChronoUnit.HOURS), now.plus(9, ChronoUnit.DAYS));
    cluster.report(b, "H-D", HazardSeverity.MAJOR, HazardSource.FLYING_INSPECTION, now.minus(1, ChronoUnit.HOURS), now.plus(9, ChronoUnit.DAYS));
    cluster.report(c, "H-DEMO", HazardSeverity.MAJOR, HazardSource.PUBLIC_REPORT, now.minus(1, ChronoUnit.HOURS), now.plus(9, ChronoUnit.DAYS));
    demoAlert = "major-hazard:hazard:H-DEMO";
    jinchengAlert = "major-hazard:hazard:H-J";
    dongchengAlert = "major-hazard:hazard:H-D";
    await().atMost(Duration.ofSeconds(40)).ignoreExceptions().until(() ->
        cluster.get(0, "/api/v1/alerts/" + enc(jinchengAlert)).statusCode() == 200
            && cluster.get(1, "/api/v1/alerts/" + enc(dongchengAlert)).statusCode() == 200
            && cluster.get(0, "/api/v1/alerts/" + enc(demoAlert)).statusCode() == 200);
  }

  /** The secret at the end of a banner line as `bin/fangxian demo` prints it. */
  private String demoSecret(String scopePrefix) {
    return demoTokens.bannerLines().stream().filter(l -> l.startsWith("Write token (" + scopePrefix))
        .map(l -> l.substring(l.indexOf("): ") + 3)).findFirst().orElseThrow();
  }

  @Test
  void theDemosPrintedTokensSignForAnAlert() throws Exception {
    String township = demoSecret("township:");
    String district = demoSecret("district");
    // the township leader signs for the alert of the township, not for another township's
    status(act(0, demoAlert, township, body("ACKNOWLEDGE")), 202, null);
    await().atMost(Duration.ofSeconds(20)).until(() -> alert(demoAlert).get("handling").get("state").asText().equals("ACKNOWLEDGED"));
    status(act(0, jinchengAlert.equals(demoAlert) ? dongchengAlert : jinchengAlert, township, body("FEEDBACK")), 403, "forbidden");
    // the district officer carries on from there
    status(act(1, demoAlert, district, body("FEEDBACK")), 202, null);
    await().atMost(Duration.ofSeconds(20)).until(() -> alert(demoAlert).get("handling").get("state").asText().equals("FEEDBACK_GIVEN"));
  }

  @AfterAll
  void stop() throws Exception {
    cluster.close();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private HttpResponse<String> act(int instance, String alertKey, String secret, String body) throws Exception {
    return cluster.post(instance, "/api/v1/alerts/" + enc(alertKey) + "/actions", secret, body);
  }

  private static String body(String action) {
    return "{\"action\":\"" + action + "\",\"by\":\"张某\",\"note\":\"" + action + "\"}";
  }

  private JsonNode alert(String key) throws Exception {
    return json.readTree(cluster.get(1, "/api/v1/alerts/" + enc(key)).body());
  }

  private void status(HttpResponse<String> r, int code, String error) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(code);
    if (error != null) {
      assertThat(json.readTree(r.body()).get("error").asText()).isEqualTo(error);
    }
  }

  @Test
  void aTownshipOfficerSignsForTheDistrictClosesAndEveryRefusalSaysWhy() throws Exception {
    JsonNode fresh = alert(jinchengAlert);
    assertThat(fresh.get("handling").get("state").asText()).isEqualTo("UNACKNOWLEDGED");
    assertThat(fresh.get("handling").get("responsible").asText()).contains("金城镇");

    status(act(0, jinchengAlert, null, body("ACKNOWLEDGE")), 401, "unauthorized");
    status(act(0, jinchengAlert, "not-a-secret", body("ACKNOWLEDGE")), 401, "unauthorized");
    status(act(0, jinchengAlert, QueryCluster.TOKEN, body("ACKNOWLEDGE")), 401, "unauthorized"); // the read token
    status(act(0, jinchengAlert, TOWNSHIP_SECRET, "not json"), 400, "bad_request");
    status(act(0, jinchengAlert, TOWNSHIP_SECRET, "{\"action\":\"SIGN\",\"by\":\"张某\"}"), 400, "bad_request");
    status(act(0, jinchengAlert, TOWNSHIP_SECRET, "{\"action\":\"ACKNOWLEDGE\"}"), 400, "bad_request");
    status(act(0, jinchengAlert, TOWNSHIP_SECRET, "{\"action\":\"ACKNOWLEDGE\",\"by\":\"张某\",\"when\":1}"), 400, "bad_request");
    status(act(0, "major-hazard:hazard:NONE", TOWNSHIP_SECRET, body("ACKNOWLEDGE")), 404, "not_found");
    status(act(1, dongchengAlert, TOWNSHIP_SECRET, body("ACKNOWLEDGE")), 403, "forbidden");
    status(act(1, jinchengAlert, TOWNSHIP_SECRET, body("FEEDBACK")), 409, "conflict");

    HttpResponse<String> signed = act(1, jinchengAlert, TOWNSHIP_SECRET, body("ACKNOWLEDGE"));
    status(signed, 202, null);
    assertThat(json.readTree(signed.body()).get("actionId").asText()).isNotBlank();
    await().atMost(Duration.ofSeconds(20)).until(() -> alert(jinchengAlert).get("handling").get("state").asText().equals("ACKNOWLEDGED"));
    status(act(0, jinchengAlert, TOWNSHIP_SECRET, body("ACKNOWLEDGE")), 409, "conflict");

    List<String> steps = List.of("FEEDBACK", "VERIFY", "CLOSE");
    List<String> states = List.of("FEEDBACK_GIVEN", "VERIFIED", "CLOSED");
    for (int i = 0; i < steps.size(); i++) {
      status(act(i % 2, jinchengAlert, DISTRICT_SECRET, body(steps.get(i))), 202, null);
      String state = states.get(i);
      await().atMost(Duration.ofSeconds(20)).until(() -> alert(jinchengAlert).get("handling").get("state").asText().equals(state));
    }
    JsonNode closed = alert(jinchengAlert);
    List<String> history = new ArrayList<>();
    closed.get("handling").get("history").forEach(h -> history.add(h.get("action").asText()));
    assertThat(history).containsExactly("ACKNOWLEDGE", "FEEDBACK", "VERIFY", "CLOSE");
    status(act(0, jinchengAlert, DISTRICT_SECRET, body("CLOSE")), 409, "conflict");

    // The district may act anywhere; the filters see what is still to be signed for.
    List<String> unacknowledged = new ArrayList<>();
    json.readTree(cluster.get(0, "/api/v1/alerts?handling=unacknowledged").body()).forEach(a -> unacknowledged.add(a.get("alertKey").asText()));
    assertThat(unacknowledged).contains(dongchengAlert).doesNotContain(jinchengAlert);
    status(act(0, dongchengAlert, DISTRICT_SECRET, body("ACKNOWLEDGE")), 202, null);
    assertThat(cluster.get(0, "/api/v1/alerts?handling=late").statusCode()).isEqualTo(400);
    JsonNode all = json.readTree(cluster.get(0, "/api/v1/alerts?status=all&limit=1").body());
    JsonNode second = json.readTree(cluster.get(0, "/api/v1/alerts?status=all&limit=1&offset=1").body());
    assertThat(all).hasSize(1);
    assertThat(second).hasSize(1);
    assertThat(second.get(0).get("alertKey").asText()).isNotEqualTo(all.get(0).get("alertKey").asText());
  }
}
