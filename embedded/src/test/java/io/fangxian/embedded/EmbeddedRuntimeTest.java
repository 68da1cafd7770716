package io.fangxian.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
@Timeout(120)
class EmbeddedRuntimeTest {
  private static final String CT = "application/vnd.schemaregistry.v1+json";
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void singleBrokerAndRegistryServeTheProductAndLeaveNothingBehind() throws Exception {
    Set<Thread> threadsBefore = nonDaemonThreads();
    int brokerPort;
    int registryPort;
    long t0 = System.nanoTime();
    try (EmbeddedRuntime runtime = EmbeddedRuntime.start()) {
      EmbeddedKafkaCluster kafka = runtime.kafka();
      EmbeddedSchemaRegistry registry = runtime.registry();
      System.out.printf("start-up: broker and registry together %d ms%n", (System.nanoTime() - t0) / 1_000_000);
      brokerPort = Integer.parseInt(kafka.bootstrapServers().split(":")[1]);
      registryPort = registry.port();
      assertThat(kafka.brokerCount()).isEqualTo(1);
      assertThat(registry.url()).isEqualTo("http://127.0.0.1:" + registryPort + "/apis/ccompat/v7");

      String topic = "safety.hazards";
      try (Admin admin = Admin.create(kafka.clientConfig())) {
        admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
      }
      KafkaTestClients.produce(kafka.bootstrapServers(), topic, "h-1", "hello");
      assertThat(consumeWithGroup(kafka.bootstrapServers(), topic)).isEqualTo("hello");

      String schema = "{\"type\":\"record\",\"name\":\"T\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}";
      String body = "{\"schema\":" + quote(schema) + "}";
      HttpResponse<String> posted = send(HttpRequest.newBuilder(
          URI.create(registry.url() + "/subjects/t-value/versions"))
          .header("Content-Type", CT).POST(HttpRequest.BodyPublishers.ofString(body)).build());
      assertThat(posted.statusCode()).isEqualTo(200);
      String id = posted.body().replaceAll("\\D+", "");
      HttpResponse<String> fetched = send(HttpRequest.newBuilder(
          URI.create(registry.url() + "/schemas/ids/" + id)).GET().build());
      assertThat(fetched.statusCode()).isEqualTo(200);
      assertThat(fetched.body()).contains("\\\"name\\\":\\\"T\\\"");
      HttpResponse<String> config = send(HttpRequest.newBuilder(
          URI.create(registry.url() + "/config")).GET().build());
      assertThat(config.body()).contains("\"compatibilityLevel\":\"BACKWARD\"");
    }
    assertThat(ProcessHandle.current().descendants().toList()).isEmpty();
    assertThat(FreePorts.isFree(brokerPort)).isTrue();
    assertThat(FreePorts.isFree(registryPort)).isTrue();
    // Not Awaitility: it polls from a non-daemon thread of its own.
    long deadline = System.currentTimeMillis() + 10_000;
    while (!threadsBefore.containsAll(nonDaemonThreads()) && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    assertThat(nonDaemonThreads()).isSubsetOf(threadsBefore);
  }

  @Test
  void keptDataDirKeepsTopicsAndRecordsAcrossRestarts(@TempDir Path dir) throws Exception {
    String servers;
    try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder().dataDir(dir).build().start()) {
      try (Admin admin = Admin.create(kafka.clientConfig())) {
        admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get();
      }
      KafkaTestClients.produce(kafka.bootstrapServers(), "kept", "k", "v1");
      servers = kafka.bootstrapServers();
    }
    try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder().dataDir(dir).build().start()) {
      assertThat(kafka.bootstrapServers()).isEqualTo(servers);
      try (Admin admin = Admin.create(kafka.clientConfig())) {
        assertThat(admin.listTopics().names().get()).contains("kept");
      }
      KafkaTestClients.produce(kafka.bootstrapServers(), "kept", "k2", "v2");
      assertThat(KafkaTestClients.readValues(kafka.bootstrapServers(), "kept", 2))
          .containsExactly("v1", "v2");
    }
  }

  /** Subscribes with a consumer group, so the group coordinator and offsets topic are used. */
  private static String consumeWithGroup(String bootstrap, String topic) {
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.GROUP_ID_CONFIG, "embedded-test",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
        new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.currentTimeMillis() + 30_000;
      while (System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          consumer.commitSync();
          return r.value();
        }
      }
      return null;
    }
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  static Set<Thread> nonDaemonThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !t.isDaemon() && t.isAlive())
        .collect(Collectors.toSet());
  }
}
