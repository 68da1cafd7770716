package io.fangxian.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fangxian.avro.Alert;
import io.fangxian.avro.AlertStatus;
import io.fangxian.avro.WarningLevel;
import io.fangxian.embedded.MemoryDirs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A real Alertmanager (Debian's prometheus-alertmanager, installed by .ci/run): the notifier
 * keeps alerts while it is down and delivers them once it is up, an escalation replaces the old
 * label set, a resolution ends the alert; read back from Alertmanager's own API.
 */
@Tag("integration")
class AlertmanagerIntegrationTest {
  static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");
  final ObjectMapper json = new ObjectMapper();
  final HttpClient http = HttpClient.newHttpClient();
  final List<AutoCloseable> closeables = new ArrayList<>();
  Process alertmanager;
  Path dir;

  @AfterEach
  void stop() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
    if (alertmanager != null) {
      alertmanager.destroy();
      alertmanager.waitFor();
    }
    MemoryDirs.delete(dir);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private void startAlertmanager(int port) throws Exception {
    dir = Files.createTempDirectory("fangxian-alertmanager-");
    Path config = dir.resolve("alertmanager.yml");
    Files.copy(Path.of("../docker/alertmanager/alertmanager.yml"), config);
    alertmanager = new ProcessBuilder(BINARY.toString(), "--config.file=" + config,
        "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
        "--cluster.listen-address=")
        .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
        .until(() -> get(port, "/-/ready").statusCode() == 200);
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode alerts(int port) throws Exception {
    return json.readTree(get(port, "/api/v2/alerts?filter=source%3D%22fangxian%22").body());
  }

  @Test
  void alertsReachAlertmanagerEvenWhenItStartsLateEscalateAndResolve() throws Exception {
    String ci = System.getenv("CI");
    Assumptions.assumeTrue(Files.isExecutable(BINARY) || "true".equals(ci), "prometheus-alertmanager is not installed");
    int port = freePort();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AlertmanagerNotifier notifier = new AlertmanagerNotifier(new AlertmanagerSettings("http://127.0.0.1:" + port,
        "http://dashboard.example", 100, Duration.ofMinutes(1), Duration.ofSeconds(2), Duration.ofSeconds(1)), null, registry);
    closeables.add(notifier);
    TopicPartition p0 = new TopicPartition("safety.alerts", 0);

    Alert yellow = AlertmanagerPayloadTest.alert(WarningLevel.YELLOW, AlertStatus.FIRING, "金城镇 王某");
    assertThat(notifier.offer(yellow, p0, 41)).isTrue();
    Thread.sleep(1500); // nobody listens yet: it is kept and retried
    assertThat(notifier.delivered()).isEmpty();
    assertThat(registry.get("fangxian.alertmanager.failures").counter().count()).isPositive();

    startAlertmanager(port);
    await().atMost(Duration.ofSeconds(20)).until(() -> notifier.delivered().get(p0) != null);
    assertThat(notifier.delivered()).containsEntry(p0, 42L);
    await().atMost(Duration.ofSeconds(10)).until(() -> alerts(port).size() == 1);
    JsonNode a = alerts(port).get(0);
    assertThat(a.get("labels").get("alertname").asText()).isEqualTo("overdue-rectification");
    assertThat(a.get("labels").get("level").asText()).isEqualTo("YELLOW");
    assertThat(a.get("labels").get("township").asText()).isEqualTo("jincheng");
    assertThat(a.get("labels").get("sector").asText()).isEqualTo("machinery");
    assertThat(a.get("labels").get("responsible").asText()).isEqualTo("金城镇 王某");
    assertThat(a.get("annotations").get("title").asText()).isEqualTo("隐患整改逾期黄色(III级)预警");
    assertThat(a.get("annotations").get("link").asText()).startsWith("http://dashboard.example/api/v1/alerts/");
    assertThat(a.get("status").get("state").asText()).isEqualTo("active");

    notifier.offer(yellow, p0, 42); // sent again: Alertmanager deduplicates by labels
    Alert orange = AlertmanagerPayloadTest.alert(WarningLevel.ORANGE, AlertStatus.ESCALATED, "金城镇 王某");
    notifier.offer(orange, p0, 43);
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      JsonNode list = alerts(port);
      return list.size() == 1 && list.get(0).get("labels").get("level").asText().equals("ORANGE");
    });

    Alert resolved = Alert.newBuilder(orange).setStatus(AlertStatus.RESOLVED).setEmittedAt(Instant.now()).build();
    notifier.offer(resolved, p0, 44);
    await().atMost(Duration.ofSeconds(10)).until(() -> alerts(port).size() == 0);
    assertThat(notifier.delivered()).containsEntry(p0, 45L);
    assertThat(registry.get("fangxian.alertmanager.sent").counter().count()).isGreaterThanOrEqualTo(4);
  }
}
