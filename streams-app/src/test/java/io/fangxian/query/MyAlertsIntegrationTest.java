package io.fangxian.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.Leader;
import io.fangxian.avro.LeaderRole;
import io.fangxian.avro.RiskLevel;
import io.fangxian.embedded.EmbeddedKafkaCluster;
import io.fangxian.embedded.SharedRuntime;
import java.net.http.HttpResponse;
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
 * The personal to-do list and batch handling over real HTTP, on two instances: the township
 * leader's token names a leaderId of the roster; their list holds their township's open alerts,
 * most urgent first; one batch signs for several and answers each.
 */
@Tag("integration")
@ExtendWith(SharedRuntime.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MyAlertsIntegrationTest {
  static final String WANG_SECRET = "jincheng-leader-wang-secret-1";
  static final String DUTY_SECRET = "district-duty-officer-secret-2";
  final ObjectMapper json = new ObjectMapper();
  final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  QueryCluster cluster;

  @BeforeAll
  void start(EmbeddedKafkaCluster kafka) throws Exception {
    cluster = new QueryCluster(kafka, 2, Map.of(
        "http.token.wang.secret", WANG_SECRET, "http.token.wang.scope", "township:jincheng", "http.token.wang.person", "L-JC",
        "http.token.duty.secret", DUTY_SECRET, "http.token.duty.scope", "district"));
    cluster.leader(Leader.newBuilder().setLeaderId("L-JC").setName("金城镇 王某").setRole(LeaderRole.TOWNSHIP_LEADER)
        .setTownshipIds(List.of("jincheng")).build());
    Enterprise a = cluster.enterprise("jincheng", "machinery", RiskLevel.YELLOW, false);
    Enterprise b = cluster.enterprise("jincheng", "machinery", RiskLevel.YELLOW, false);
    Enterprise c = cluster.enterprise("dongcheng", "machinery", RiskLevel.YELLOW, false);
    cluster.awaitRunning(Duration.ofSeconds(60));
    Thread.sleep(1000); // the roster reaches the global store before the alerts fire
    cluster.report(a, "M-1", HazardSeverity.MAJOR, HazardSource.FLYING_INSPECTION, now.minus(1, ChronoUnit.HOURS), now.plus(9, ChronoUnit.DAYS));
    cluster.report(b, "G-1", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, now.minus(5, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS));
    cluster.report(c, "M-2", HazardSeverity.MAJOR, HazardSource.FLYING_INSPECTION, now.minus(1, ChronoUnit.HOURS), now.plus(9, ChronoUnit.DAYS));
    await().atMost(Duration.ofSeconds(40)).ignoreExceptions().until(() -> mine().size() == 2);
  }

  @AfterAll
  void stop() throws Exception {
    cluster.close();
  }

  private List<String> mine() throws Exception {
    HttpResponse<String> r = cluster.get(0, "/api/v1/me/alerts", WANG_SECRET);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<String> keys = new ArrayList<>();
    json.readTree(r.body()).get("alerts").forEach(x -> keys.add(x.get("alertKey").asText()));
    return keys;
  }

  @Test
  void theLeaderSeesTheirAlertsMostUrgentFirstAndSignsForThemAtOnce() throws Exception {
    String overdue = "overdue-rectification:enterprise:";
    List<String> keys = mine();
    assertThat(keys.get(0)).isEqualTo("major-hazard:hazard:M-1"); // ORANGE before BLUE
    assertThat(keys.get(1)).startsWith(overdue);
    JsonNode body = json.readTree(cluster.get(1, "/api/v1/me/alerts", WANG_SECRET).body());
    assertThat(body.get("person").asText()).isEqualTo("L-JC");
    assertThat(body.get("personName").asText()).isEqualTo("金城镇 王某");
    assertThat(body.get("alerts").get(0).get("handling").get("responsible").asText()).isEqualTo("金城镇 王某");
    assertThat(cluster.get(0, "/api/v1/me/alerts", DUTY_SECRET).statusCode()).as("no person").isEqualTo(403);

    String batch = "{\"alertKeys\":[\"" + keys.get(0) + "\",\"" + keys.get(1) + "\",\"major-hazard:hazard:M-2\","
        + "\"major-hazard:hazard:NONE\"],\"action\":\"ACKNOWLEDGE\",\"by\":\"金城镇 王某\"}";
    HttpResponse<String> r = cluster.post(1, "/api/v1/alerts/actions", WANG_SECRET, batch);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode results = json.readTree(r.body()).get("results");
    List<Integer> statuses = new ArrayList<>();
    results.forEach(x -> statuses.add(x.get("status").asInt()));
    assertThat(statuses).containsExactly(202, 202, 403, 404);
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
      JsonNode list = json.readTree(cluster.get(0, "/api/v1/me/alerts", WANG_SECRET).body()).get("alerts");
      boolean all = list.size() == 2;
      for (JsonNode x : list) {
        all &= x.get("handling").get("state").asText().equals("ACKNOWLEDGED");
      }
      return all;
    });
    HttpResponse<String> again = cluster.post(0, "/api/v1/alerts/actions", WANG_SECRET, batch);
    List<Integer> second = new ArrayList<>();
    json.readTree(again.body()).get("results").forEach(x -> second.add(x.get("status").asInt()));
    assertThat(second).containsExactly(409, 409, 403, 404);
  }
}
