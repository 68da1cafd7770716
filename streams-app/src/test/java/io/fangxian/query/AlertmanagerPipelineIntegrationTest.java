package io.fangxian.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardEventType;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.RiskLevel;
import io.fangxian.embedded.EmbeddedKafkaCluster;
import io.fangxian.embedded.MemoryDirs;
import io.fangxian.embedded.SharedRuntime;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * From hazard events to a real Alertmanager: the app's own consumer of the alerts topic pushes an
 * enterprise's converged overdue alert, naming its hazards, and its resolution; read back from
 * Alertmanager's API, with the push visible in the app's metrics.
 */
@Tag("integration")
@ExtendWith(SharedRuntime.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertmanagerPipelineIntegrationTest {
  static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");
  final ObjectMapper json = new ObjectMapper();
  final HttpClient http = HttpClient.newHttpClient();
  final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  QueryCluster cluster;
  Process alertmanager;
  Path dir;
  int port;

  @BeforeAll
  void start(EmbeddedKafkaCluster kafka) throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(BINARY) || "true".equals(System.getenv("CI")),
        "prometheus-alertmanager is not installed");
    port = QueryCluster.freePorts(1)[0];
    dir = Files.createTempDirectory("fangxian-alertmanager-");
    Path config = dir.resolve("alertmanager.yml");
    Files.copy(Path.of("../docker/alertmanager/alertmanager.yml"), config);
    alertmanager = new ProcessBuilder(BINARY.toString(), "--config.file=" + config, "--storage.path=" + dir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=")
        .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> get("/-/ready").statusCode() == 200);
    cluster = new QueryCluster(kafka, 1, Map.of("alertmanager.url", "http://127.0.0.1:" + port,
        "alertmanager.link.base", "http://fangxian.example", "alertmanager.resend.interval", "PT5S"));
  }

  @AfterAll
  void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
    if (alertmanager != null) {
      alertmanager.destroy();
      alertmanager.waitFor();
    }
    MemoryDirs.delete(dir);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private List<JsonNode> alerts(String alertname) throws Exception {
    List<JsonNode> found = new ArrayList<>();
    json.readTree(get("/api/v2/alerts?filter=alertname%3D%22" + alertname + "%22").body()).forEach(found::add);
    return found;
  }

  @Test
  void anEnterprisesOverdueAlertReachesAlertmanagerNamingItsHazardsAndEndsThere() throws Exception {
    Enterprise e = cluster.enterprise("jincheng", "machinery", RiskLevel.YELLOW, false);
    cluster.awaitRunning(Duration.ofSeconds(60));
    Thread.sleep(500);
    for (String id : List.of("OD-1", "OD-2", "OD-3")) {
      cluster.report(e, id, HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, now.minus(5, ChronoUnit.DAYS),
          now.minus(1, ChronoUnit.DAYS));
    }
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
      List<JsonNode> found = alerts("overdue-rectification");
      return found.size() == 1 && found.get(0).get("annotations").get("message").asText().contains("OD-3")
          && found.get(0).get("annotations").get("message").asText().contains("OD-1");
    });
    JsonNode a = alerts("overdue-rectification").get(0);
    assertThat(a.get("labels").get("alert_key").asText()).isEqualTo("overdue-rectification:enterprise:" + e.getEnterpriseId());
    assertThat(a.get("labels").get("level").asText()).isEqualTo("BLUE");
    assertThat(a.get("labels").get("township").asText()).isEqualTo("jincheng");
    assertThat(a.get("labels").get("sector").asText()).isEqualTo("machinery");
    assertThat(a.get("labels").get("responsible").asText()).contains("金城镇");
    assertThat(a.get("annotations").get("title").asText()).contains("隐患整改逾期");
    assertThat(a.get("annotations").get("message").asText()).contains("OD-2");
    assertThat(a.get("annotations").get("link").asText()).startsWith("http://fangxian.example/api/v1/alerts/");

    for (String id : List.of("OD-1", "OD-2", "OD-3")) {
      cluster.step(e, id, HazardEventType.VERIFIED_CLOSED, Instant.now());
    }
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> alerts("overdue-rectification").isEmpty());
    String metrics = cluster.get(0, "/metrics").body();
    assertThat(metrics).contains("fangxian_alertmanager_sent_total", "fangxian_alertmanager_backlog");
  }
}
