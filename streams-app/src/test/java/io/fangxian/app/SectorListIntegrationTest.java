package io.fangxian.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fangxian.config.AppConfig;
import io.fangxian.embedded.EmbeddedKafkaCluster;
import io.fangxian.embedded.MemoryDirs;
import io.fangxian.embedded.SharedRuntime;
import io.fangxian.load.LoadResult;
import io.fangxian.load.RecordFileReader;
import io.fangxian.load.RecordKind;
import io.fangxian.produce.RecordProducer;
import io.fangxian.serde.MockSchemaRegistry;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A district's own sector list: loaded from a CSV file as {@code load --kind sectors} does, it is
 * what an instance started afterwards serves, over the built-in list. On the test JVM's shared
 * broker, with the in-memory registry.
 */
@Tag("integration")
@ExtendWith(SharedRuntime.class)
class SectorListIntegrationTest {
  @Test
  void anInstanceStartsWithTheLoadedSectors(EmbeddedKafkaCluster kafka,
      @TempDir(factory = MemoryDirs.TempDirs.class) Path state) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String appId = "sectors-" + UUID.randomUUID();
    String prefix = appId + ".";
    try {
      AppConfig settings = AppConfig.of(Map.of(
          AppConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
          AppConfig.REGISTRY_URL, "mock://" + appId,
          AppConfig.APPLICATION_ID, appId,
          AppConfig.TOPIC_PREFIX, prefix,
          AppConfig.STATE_DIR, state.resolve("state").toString(),
          AppConfig.TOPIC_PARTITIONS, "1",
          AppConfig.HTTP_PORT, Integer.toString(port))).validate();
      try (Admin admin = Admin.create(settings.kafkaClientSettings())) {
        TopicAdmin.createMissing(admin, prefix, 1, (short) 1);
      }
      Path file = state.resolve("sectors.csv");
      Files.writeString(file, "sectorId,nameZh,nameEn,keyArea,weatherSensitive\n"
          + "cold-storage,冷库,Cold storage,false,true\n"
          + "machinery,机械制造,Machinery,true,false\n", StandardCharsets.UTF_8);
      try (RecordProducer producer = new RecordProducer(settings.kafkaClientSettings(), settings.serdeSettings(), prefix)) {
        LoadResult r = new RecordFileReader().read(file, RecordKind.SECTORS, StandardCharsets.UTF_8,
            line -> producer.send(line.kind(), line.key(), line.record()));
        assertThat(r.ok()).as(r.errors().toString()).isTrue();
        producer.send(RecordKind.SECTORS, "tobacco", null); // the district has no tobacco sector
        producer.flush();
      }

      try (FangxianServer server = FangxianServer.start(settings)) {
        server.ready().get(3, TimeUnit.MINUTES);
        HttpResponse<String> response = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/sectors")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> sectors = new ArrayList<>();
        for (JsonNode s : new ObjectMapper().readTree(response.body())) {
          sectors.add(s.get("areaId").asText() + ":" + s.get("areaName").asText() + ":" + s.get("keyArea").asBoolean());
        }
        assertThat(sectors).contains("cold-storage:冷库:false", "machinery:机械制造:true", "schools:学校:false")
            .noneMatch(s -> s.startsWith("tobacco:"));
      }
    } finally {
      MockSchemaRegistry.dropScope(appId);
      SharedRuntime.deleteTopics(kafka, prefix, appId + "-");
    }
  }
}
