package io.fangxian.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fangxian.avro.CertificateEvent;
import io.fangxian.avro.CertificatePost;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.EnterpriseStatus;
import io.fangxian.avro.Grid;
import io.fangxian.avro.InspectionKind;
import io.fangxian.avro.RiskLevel;
import io.fangxian.embedded.EmbeddedKafkaCluster;
import io.fangxian.embedded.SharedRuntime;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Coverage and certificates through the REST API of two instances on a real broker:
 * the township, grid and park figures, the grid worker's visiting list gathered from both, and the
 * certificates in the dossier; a bad parameter says what is accepted.
 */
@Tag("integration")
@ExtendWith(SharedRuntime.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoverageIntegrationTest {
  final ObjectMapper json = new ObjectMapper();
  final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  QueryCluster cluster;
  final List<Enterprise> listed = new ArrayList<>();

  @BeforeAll
  void start(EmbeddedKafkaCluster kafka) throws Exception {
    cluster = new QueryCluster(kafka, 2, Map.of());
    cluster.grid(Grid.newBuilder().setGridId("JC-01").setName("东门社区第1网格").setTownshipId("jincheng")
        .setWorkerName("陈网格").build());
    for (int i = 0; i < 6; i++) {
      Enterprise base = cluster.enterprise("jincheng", i < 3 ? "construction" : "machinery", i == 4 ? RiskLevel.RED : RiskLevel.YELLOW, false);
      Enterprise.Builder b = Enterprise.newBuilder(base).setGridId("JC-01");
      if (i == 0) {
        b.setParkId("jintan-edz");
      }
      if (i == 5) {
        b.setStatus(EnterpriseStatus.CLOSED);
      }
      listed.add(cluster.enterprise(b.build()));
    }
    cluster.awaitRunning(Duration.ofSeconds(60));
    cluster.inspection(listed.get(0), InspectionKind.FLYING, now.minus(10, ChronoUnit.DAYS));
    cluster.inspection(listed.get(1), InspectionKind.ROUTINE, now.minus(100, ChronoUnit.DAYS));
    cluster.inspection(listed.get(2), InspectionKind.SELF_INSPECTION, now.minus(1, ChronoUnit.DAYS));
    cluster.inspection(listed.get(5), InspectionKind.FLYING, now.minus(1, ChronoUnit.DAYS)); // closed: counts nowhere
    certificate(listed.get(0), "P-0", CertificatePost.PRINCIPAL, now.plus(400, ChronoUnit.DAYS));
    certificate(listed.get(0), "S-0", CertificatePost.SAFETY_MANAGER, now.plus(20, ChronoUnit.DAYS));
    // The certificates are keyed by their own ids: P-0 and S-0 travel on different partitions, and
    // S-0 (the one expiring) may reach the figures first while the firm still lacks its principal.
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
      JsonNode t = get("/api/v1/townships/jincheng");
      return t.get("enterprises").asLong() == 5 && t.get("inspectedLast365d").asLong() == 2
          && t.get("certificatesExpiringWithin30d").asLong() == 1 && t.get("nonCompliantEnterprises").asLong() == 2;
    });
  }

  @AfterAll
  void stop() throws Exception {
    cluster.close();
  }

  private void certificate(Enterprise e, String id, CertificatePost post, Instant expires) throws Exception {
    cluster.certificate(CertificateEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setCertificateId(id)
        .setHolderId("H-" + id).setHolderName("持证人" + id).setEnterpriseId(e.getEnterpriseId()).setPost(post)
        .setIssuedAt(now.minus(300, ChronoUnit.DAYS)).setExpiresAt(expires).build());
  }

  private JsonNode get(String path) throws Exception {
    return json.readTree(cluster.get(0, path).body());
  }

  @Test
  void theFiguresTheVisitingListAndTheDossierAgree() throws Exception {
    JsonNode t = get("/api/v1/townships/jincheng");
    assertThat(List.of(t.get("enterprises").asLong(), t.get("inspectedLast30d").asLong(), t.get("inspectedLast90d").asLong(),
        t.get("inspectedLast365d").asLong(), t.get("neverInspected").asLong(), t.get("keyAreaEnterprises").asLong(),
        t.get("keyAreaInspectedLast90d").asLong()))
        .containsExactly(5L, 1L, 1L, 2L, 3L, 3L, 1L);
    assertThat(t.get("coverageLast90d").asDouble()).isEqualTo(0.2);
    assertThat(t.get("nonCompliantEnterprises").asLong())
        .as("two construction firms (建筑施工, 第二十七条) lack both posts; the RED machinery firm needs none")
        .isEqualTo(2);

    JsonNode grid = json.readTree(cluster.get(1, "/api/v1/grids/JC-01").body());
    assertThat(grid.get("areaName").asText()).isEqualTo("东门社区第1网格");
    assertThat(grid.get("enterprises").asLong()).isEqualTo(5);
    JsonNode grids = get("/api/v1/grids");
    assertThat(grids).extracting(g -> g.get("areaId").asText()).containsExactly("JC-01");
    JsonNode park = get("/api/v1/parks/jintan-edz");
    assertThat(List.of(park.get("enterprises").asLong(), park.get("inspectedLast30d").asLong())).containsExactly(1L, 1L);
    assertThat(get("/api/v1/sectors/construction").get("keyAreaEnterprises").asLong()).isEqualTo(3);

    JsonNode list = json.readTree(cluster.get(1, "/api/v1/coverage/unvisited?days=90&gridId=JC-01").body());
    assertThat(list.get("total").asInt()).isEqualTo(4);
    List<String> order = new ArrayList<>();
    list.get("enterprises").forEach(u -> order.add(u.get("enterpriseId").asText()));
    assertThat(order).as("key areas first (never inspected before the one inspected 100 days ago), then the RED risk")
        .containsExactly(listed.get(2).getEnterpriseId(), listed.get(1).getEnterpriseId(), listed.get(4).getEnterpriseId(),
            listed.get(3).getEnterpriseId());
    assertThat(list.get("enterprises").get(1).get("daysSinceInspection").asLong()).isEqualTo(100);
    JsonNode limited = get("/api/v1/coverage/unvisited?keyAreaOnly=true&limit=1");
    assertThat(limited.get("total").asInt()).isEqualTo(2);
    assertThat(limited.get("enterprises")).hasSize(1);

    JsonNode dossier = get("/api/v1/enterprises/" + listed.get(0).getEnterpriseId()).get("standing");
    assertThat(dossier.get("compliant").asBoolean()).isTrue();
    assertThat(dossier.get("daysSinceInspection").asLong()).isEqualTo(10);
    List<String> states = new ArrayList<>();
    dossier.get("certificates").forEach(c -> states.add(c.get("certificateId").asText() + ":" + c.get("state").asText()));
    assertThat(states).containsExactly("P-0:VALID", "S-0:EXPIRING");

    var bad = cluster.get(0, "/api/v1/coverage/unvisited?days=0");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("days");
    var unknown = cluster.get(0, "/api/v1/grids/NO-SUCH");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("JC-01");
  }
}
