package io.fangxian.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardEvent;
import io.fangxian.avro.HazardEventType;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.RiskLevel;
import io.fangxian.avro.ViolationEvent;
import io.fangxian.avro.WeatherWarning;
import io.fangxian.config.AppConfig;
import io.fangxian.embedded.EmbeddedKafkaCluster;
import io.fangxian.embedded.EmbeddedSchemaRegistry;
import io.fangxian.embedded.MemoryDirs;
import io.fangxian.embedded.SharedRuntime;
import io.fangxian.produce.RecordProducer;
import io.fangxian.serde.RegistryMismatchException;
import io.fangxian.serde.RestSchemaRegistryClient;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry that lost its storage hands the same ids out again for other schemas. An instance
 * that used those ids must refuse to start, naming the registry and the id, instead of reading
 * its data with the wrong schemas.
 */
@Tag("integration")
@ExtendWith(SharedRuntime.class)
class RegistryLossIntegrationTest {

  /** On the test JVM's shared broker, with topics of its own; the registries are its own. */
  @Test
  void anInstanceRefusesToStartWhenTheRegistryGaveItsIdsToOtherSchemas(EmbeddedKafkaCluster kafka,
      @TempDir(factory = MemoryDirs.TempDirs.class) Path state) throws Exception {
    int registryPort;
    try (ServerSocket s = new ServerSocket(0)) {
      registryPort = s.getLocalPort();
    }
    String appId = "registry-loss-" + UUID.randomUUID();
    String prefix = appId + ".";
    try {
      AppConfig settings;
      try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder().port(registryPort).build().start()) {
        settings = AppConfig.of(Map.of(
            AppConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
            AppConfig.REGISTRY_URL, registry.url(),
            AppConfig.APPLICATION_ID, appId,
            AppConfig.TOPIC_PREFIX, prefix,
            AppConfig.STATE_DIR, state.toString(),
            AppConfig.TOPIC_PARTITIONS, "1",
            AppConfig.HTTP_PORT, Integer.toString(freePort()))).validate();
        try (RecordProducer producer = new RecordProducer(settings.kafkaClientSettings(), settings.serdeSettings(), prefix)) {
          producer.send(enterprise());
          producer.send(hazard());
          producer.flush();
        }
        Path witness = state.resolve(settings.get(AppConfig.APPLICATION_ID)).resolve("registry-ids.txt");
        try (FangxianServer server = FangxianServer.start(settings)) {
          server.ready().get(3, TimeUnit.MINUTES);
          // Once the instance has read the hazard, it remembers the id its schema had.
          await().atMost(Duration.ofMinutes(2)).untilAsserted(() ->
              assertThat(witness).exists().content().contains("io.fangxian.avro.HazardEvent"));
        }
      }
      Path witness = state.resolve(settings.get(AppConfig.APPLICATION_ID)).resolve("registry-ids.txt");

      // The registry comes back empty on the same address; other schemas take the first ids.
      try (EmbeddedSchemaRegistry forgetful = EmbeddedSchemaRegistry.builder().port(registryPort).build().start()) {
        RestSchemaRegistryClient other = RestSchemaRegistryClient.builder(forgetful.url()).build();
        other.register("other-1-value", ViolationEvent.getClassSchema());
        other.register("other-2-value", WeatherWarning.getClassSchema());
        other.register("other-3-value", io.fangxian.avro.Alert.getClassSchema());

        assertThatThrownBy(() -> FangxianServer.start(settings))
            .isInstanceOf(RegistryMismatchException.class)
            .hasMessageContaining("Schema registry " + forgetful.url())
            .hasMessageContaining("has lost or changed schema id")
            .hasMessageContaining(witness.toString());
      }
    } finally {
      SharedRuntime.deleteTopics(kafka, prefix, appId + "-");
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static Enterprise enterprise() {
    return Enterprise.newBuilder().setEnterpriseId("91320413MAUU2EA28P").setName("金坛测试化工有限公司")
        .setTownshipId("zhixi").setSectorId("hazardous-chemicals").setRiskLevel(RiskLevel.ORANGE)
        .setKeySupervised(true).build();
  }

  private static HazardEvent hazard() {
    return HazardEvent.newBuilder().setEventId("e-1").setHazardId("H-1").setEnterpriseId("91320413MAUU2EA28P")
        .setType(HazardEventType.REPORTED).setSeverity(HazardSeverity.GENERAL).setSource(HazardSource.SELF_INSPECTION)
        .setOccurredAt(Instant.now().minusSeconds(60)).build();
  }
}
