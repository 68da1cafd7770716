package io.fangxian.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fangxian.avro.AccidentType;
import io.fangxian.avro.AreaType;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardEventType;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.InspectionKind;
import io.fangxian.avro.RiskLevel;
import io.fangxian.avro.ViolationAction;
import io.fangxian.avro.WarningLevel;
import io.fangxian.avro.WeatherKind;
import io.fangxian.domain.CreditCode;
import io.fangxian.domain.ReferenceData;
import io.fangxian.embedded.EmbeddedKafkaCluster;
import io.fangxian.embedded.SharedRuntime;
import io.fangxian.stats.AreaKeys;
import io.fangxian.store.StoreNames;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two app instances against a real broker: every endpoint asked of both, the same
 * correct figures from each (whichever holds the key), bad and hostile parameters answered 4xx.
 */
@Tag("integration")
@ExtendWith(SharedRuntime.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QueryApiIntegrationTest {
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private final ObjectMapper json = new ObjectMapper();
  private QueryCluster cluster;
  private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private final List<Enterprise> enterprises = new ArrayList<>();
  private Enterprise e1;
  private Enterprise e2;
  private Enterprise e3;
  private Enterprise e5;

  @BeforeAll
  void start(EmbeddedKafkaCluster kafka) throws Exception {
    long t0 = System.nanoTime();
    cluster = new QueryCluster(kafka, 2, Map.of());
    e1 = cluster.enterprise("jincheng", "hazardous-chemicals", RiskLevel.ORANGE, true);
    e2 = cluster.enterprise("dongcheng", "fire-safety", RiskLevel.YELLOW, false);
    e3 = cluster.enterprise("xicheng", "metallurgy", RiskLevel.BLUE, false);
    enterprises.addAll(List.of(e1, e2, e3));
    e5 = cluster.enterprise("maoshan", "tourism", RiskLevel.YELLOW, false); // the dossier's, not in the loop below
    for (String t : List.of("yaotang", "rulin", "zhixi", "zhulin")) {
      enterprises.add(cluster.enterprise(t, "construction", RiskLevel.YELLOW, false));
    }
    cluster.awaitRunning(Duration.ofSeconds(60));
    Thread.sleep(500); // the enterprise table is read before the events by the same task, but be kind
    cluster.report(e1, "H-1", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, now.minus(2, ChronoUnit.HOURS), now.plus(5, ChronoUnit.DAYS));
    cluster.report(e1, "H-2", HazardSeverity.MAJOR, HazardSource.FLYING_INSPECTION, now.minus(50, ChronoUnit.HOURS), now.minus(2, ChronoUnit.HOURS));
    cluster.report(e2, "H-3", HazardSeverity.GENERAL, HazardSource.GRID_PATROL, now.minus(30, ChronoUnit.HOURS), now.plus(3, ChronoUnit.DAYS));
    cluster.step(e2, "H-3", HazardEventType.RECTIFIED, now.minus(20, ChronoUnit.HOURS));
    cluster.step(e2, "H-3", HazardEventType.VERIFIED_CLOSED, now.minus(19, ChronoUnit.HOURS));
    cluster.report(e3, "H-4", HazardSeverity.GENERAL, HazardSource.DEPARTMENT_INSPECTION, now.minus(10, ChronoUnit.DAYS), now.plus(1, ChronoUnit.DAYS));
    for (int i = 3; i < enterprises.size(); i++) {
      cluster.report(enterprises.get(i), "H-" + (i + 2), HazardSeverity.GENERAL, HazardSource.GRID_PATROL,
          now.minus(i, ChronoUnit.HOURS), now.plus(i, ChronoUnit.DAYS));
    }
    cluster.violation(e1, "V-1", ViolationAction.FINE, 5000.0, now.minus(1, ChronoUnit.HOURS));
    cluster.violation(e1, "V-2", ViolationAction.WARNING, null, now.minus(2, ChronoUnit.DAYS));
    cluster.violation(e2, "V-3", ViolationAction.SUSPENSION, null, now.minus(5, ChronoUnit.HOURS));
    cluster.inspection(e1, InspectionKind.FLYING, now.minus(1, ChronoUnit.HOURS));
    // The dossier's enterprise: inspections of two kinds and an accident corrected after its report.
    cluster.inspection(e5, InspectionKind.SELF_INSPECTION, now.minus(3, ChronoUnit.DAYS));
    cluster.inspection(e5, InspectionKind.SELF_INSPECTION, now.minus(1, ChronoUnit.DAYS));
    cluster.inspection(e5, InspectionKind.FLYING, now.minus(2, ChronoUnit.DAYS));
    cluster.accident(e5, "A-1", 1, 2, AccidentType.POISONING_AND_SUFFOCATION, now.minus(4, ChronoUnit.HOURS),
        now.minus(3, ChronoUnit.HOURS));
    cluster.accident(e5, "A-1", 3, 2, AccidentType.POISONING_AND_SUFFOCATION, now.minus(4, ChronoUnit.HOURS),
        now.minus(3, ChronoUnit.HOURS)); // corrected: a third death makes it 较大
    cluster.inspection(e2, InspectionKind.ROUTINE, now.minus(2, ChronoUnit.HOURS));
    cluster.weather("W-1", WeatherKind.HEAVY_RAIN, WarningLevel.YELLOW, List.of("jincheng"), now.minus(1, ChronoUnit.HOURS), now.plus(1, ChronoUnit.DAYS));
    cluster.weather("W-0", WeatherKind.HIGH_TEMPERATURE, WarningLevel.ORANGE, List.of(), now.minus(5, ChronoUnit.HOURS), now.minus(1, ChronoUnit.HOURS));
    await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(300)).ignoreExceptions().until(() -> {
      JsonNode j = body(0, "/api/v1/townships/jincheng");
      JsonNode d = body(1, "/api/v1/townships/dongcheng");
      JsonNode hz = body(1, "/api/v1/hazards?limit=500");
      return j.get("overdueHazards").asLong() == 1 && j.get("violations").asLong() == 2 && j.get("inspections").asLong() == 1
          && d.get("closedHazards").asLong() == 1 && d.get("violations").asLong() == 1
          && hz.get("total").asLong() == 8;
    });
    System.out.printf("QueryApiIntegrationTest: cluster up and figures in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
  }

  @AfterAll
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private HttpResponse<String> get(int instance, String path) throws Exception {
    return cluster.get(instance, path);
  }

  private JsonNode body(int instance, String path) throws Exception {
    HttpResponse<String> r = get(instance, path);
    assertThat(r.statusCode()).as(path + " on " + instance + ": " + r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    return json.readTree(r.body());
  }

  /** The same answer from both instances. */
  private JsonNode both(String path) throws Exception {
    JsonNode a = body(0, path);
    JsonNode b = body(1, path);
    assertThat(b).as("instances answer " + path + " alike").isEqualTo(a);
    return a;
  }

  private HostInfo owner(String store, String key) {
    return cluster.servers.get(0).app().streams().queryMetadataForKey(store, key, Serdes.String().serializer()).activeHost();
  }

  @Test
  void keysAreSpreadOverBothInstances() {
    Set<HostInfo> owners = new HashSet<>();
    for (Enterprise e : enterprises) {
      owners.add(owner(StoreNames.ENTERPRISES, e.getEnterpriseId()));
    }
    Set<HostInfo> areaOwners = new HashSet<>();
    for (String t : List.of("jincheng", "dongcheng", "xicheng", "yaotang", "rulin", "zhixi", "zhulin")) {
      areaOwners.add(owner(StoreNames.AREA_TOTALS, AreaKeys.area(AreaType.TOWNSHIP, t)));
    }
    // So that the answers below include keys held by the instance not asked.
    assertThat(owners).hasSize(2);
    assertThat(areaOwners).hasSize(2);
  }

  @Test
  void townshipFigures() throws Exception {
    JsonNode j = both("/api/v1/townships/jincheng");
    assertThat(j.get("areaType").asText()).isEqualTo("TOWNSHIP");
    assertThat(j.get("areaName").asText()).isEqualTo("金城镇");
    assertThat(j.get("hazardsReported").asLong()).isEqualTo(2);
    assertThat(j.get("majorHazardsReported").asLong()).isEqualTo(1);
    assertThat(j.get("openHazards").asLong()).isEqualTo(2);
    assertThat(j.get("openMajorHazards").asLong()).isEqualTo(1);
    assertThat(j.get("overdueHazards").asLong()).isEqualTo(1);
    assertThat(j.get("closedHazards").asLong()).isZero();
    assertThat(j.get("violations").asLong()).isEqualTo(2);
    assertThat(j.get("fineYuanTotal").asDouble()).isEqualTo(5000.0);
    assertThat(j.get("inspections").asLong()).isEqualTo(1);
    assertThat(j.get("inspectionsByKind").get("FLYING").asLong()).isEqualTo(1);
    assertThat(j.get("hazardsBySource").get("SELF_INSPECTION").asLong()).isEqualTo(1);
    assertThat(j.get("hazardsBySource").get("FLYING_INSPECTION").asLong()).isEqualTo(1);
    assertThat(j.get("rectificationRate").asDouble()).isZero();
    assertThat(j.get("last24h").get("hazardsReported").asLong()).isEqualTo(1);
    assertThat(j.get("last24h").get("violations").asLong()).isEqualTo(1);
    assertThat(j.get("last24h").get("inspections").asLong()).isEqualTo(1);
    assertThat(j.get("last7d").get("hazardsReported").asLong()).isEqualTo(2);
    assertThat(j.get("last7d").get("majorHazardsReported").asLong()).isEqualTo(1);
    assertThat(j.get("last7d").get("violations").asLong()).isEqualTo(2);
    assertThat(j.get("last30d").get("hazardsReported").asLong()).isEqualTo(2);

    JsonNode d = both("/api/v1/townships/dongcheng");
    assertThat(d.get("closedHazards").asLong()).isEqualTo(1);
    assertThat(d.get("openHazards").asLong()).isZero();
    assertThat(d.get("rectificationRate").asDouble()).isEqualTo(1.0);
    assertThat(d.get("closureRate").asDouble()).isEqualTo(1.0);
    assertThat(d.get("last24h").get("hazardsReported").asLong()).isZero();
    assertThat(d.get("last7d").get("hazardsReported").asLong()).isEqualTo(1);

    JsonNode x = both("/api/v1/townships/xicheng");
    assertThat(x.get("last7d").get("hazardsReported").asLong()).isZero();
    assertThat(x.get("last30d").get("hazardsReported").asLong()).isEqualTo(1);

    JsonNode empty = both("/api/v1/townships/xuebu");
    assertThat(empty.get("hazardsReported").asLong()).isZero();
    assertThat(empty.get("areaName").asText()).isEqualTo("薛埠镇");
  }

  @Test
  void listsHoldEveryAreaOfTheReferenceData() throws Exception {
    JsonNode townships = both("/api/v1/townships");
    List<String> ids = new ArrayList<>();
    townships.forEach(t -> ids.add(t.get("areaId").asText()));
    assertThat(ids).containsExactlyElementsOf(ReferenceData.load().townships().stream().map(t -> t.id()).toList());
    long reported = 0;
    for (JsonNode t : townships) {
      reported += t.get("hazardsReported").asLong();
    }
    assertThat(reported).isEqualTo(8);

    JsonNode sectors = both("/api/v1/sectors");
    assertThat(sectors).hasSize(ReferenceData.load().sectors().size());
    long keyAreas = 0;
    for (JsonNode s : sectors) {
      keyAreas += s.get("keyArea").asBoolean() ? 1 : 0;
      if (s.get("areaId").asText().equals("construction")) {
        assertThat(s.get("hazardsReported").asLong()).isEqualTo(4);
      }
    }
    assertThat(keyAreas).isEqualTo(8);
    JsonNode chem = both("/api/v1/sectors/hazardous-chemicals");
    assertThat(chem.get("hazardsReported").asLong()).isEqualTo(2);
    assertThat(chem.get("keyArea").asBoolean()).isTrue();
  }

  @Test
  void dailyCountsByLocalDay() throws Exception {
    LocalDate to = LocalDate.now(ZONE);
    LocalDate from = to.minusDays(3);
    JsonNode daily = both("/api/v1/townships/jincheng/daily?from=" + from + "&to=" + to);
    assertThat(daily.get("days")).hasSize(4);
    Map<LocalDate, long[]> expected = new java.util.TreeMap<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      expected.put(d, new long[2]);
    }
    for (Instant h : List.of(now.minus(2, ChronoUnit.HOURS), now.minus(50, ChronoUnit.HOURS))) {
      expected.computeIfPresent(LocalDate.ofInstant(h, ZONE), (k, v) -> { v[0]++; return v; });
    }
    for (Instant v : List.of(now.minus(1, ChronoUnit.HOURS), now.minus(2, ChronoUnit.DAYS))) {
      expected.computeIfPresent(LocalDate.ofInstant(v, ZONE), (k, c) -> { c[1]++; return c; });
    }
    int i = 0;
    for (Map.Entry<LocalDate, long[]> e : expected.entrySet()) {
      JsonNode day = daily.get("days").get(i++);
      assertThat(day.get("date").asText()).isEqualTo(e.getKey().toString());
      assertThat(day.get("hazardsReported").asLong()).as(e.getKey().toString()).isEqualTo(e.getValue()[0]);
      assertThat(day.get("violations").asLong()).as(e.getKey().toString()).isEqualTo(e.getValue()[1]);
    }
    assertThat(daily.get("total").get("hazardsReported").asLong()).isEqualTo(2);
    JsonNode sectorDaily = both("/api/v1/sectors/metallurgy/daily?from=" + to.minusDays(20) + "&to=" + to);
    assertThat(sectorDaily.get("days")).hasSize(21);
    assertThat(sectorDaily.get("total").get("hazardsReported").asLong()).isEqualTo(1);
  }

  @Test
  void ledgerOverdueFirstAndFiltered() throws Exception {
    JsonNode all = both("/api/v1/hazards");
    assertThat(all.get("total").asLong()).isEqualTo(8);
    assertThat(all.get("items").get(0).get("hazardId").asText()).isEqualTo("H-2");
    assertThat(all.get("items").get(0).get("overdue").asBoolean()).isTrue();
    // then open ones by deadline; the closed one (deadline 3 days away) among them by its deadline
    List<String> order = new ArrayList<>();
    all.get("items").forEach(h -> order.add(h.get("hazardId").asText()));
    assertThat(order).startsWith("H-2", "H-4");

    assertThat(ids(both("/api/v1/hazards?status=overdue"))).containsExactly("H-2");
    assertThat(ids(both("/api/v1/hazards?status=closed"))).containsExactly("H-3");
    assertThat(ids(both("/api/v1/hazards?status=open"))).hasSize(7).doesNotContain("H-3");
    assertThat(ids(both("/api/v1/hazards?severity=MAJOR"))).containsExactly("H-2");
    assertThat(ids(both("/api/v1/hazards?townshipId=jincheng"))).containsExactly("H-2", "H-1");
    assertThat(ids(both("/api/v1/hazards?sectorId=construction&status=open"))).hasSize(4);
    JsonNode page = both("/api/v1/hazards?limit=2&offset=1");
    assertThat(page.get("total").asLong()).isEqualTo(8);
    assertThat(ids(page)).containsExactly(order.get(1), order.get(2));
    assertThat(ids(both("/api/v1/hazards?offset=100"))).isEmpty();

    for (String id : List.of("H-1", "H-2", "H-3", "H-4", "H-5", "H-6")) {
      JsonNode h = both("/api/v1/hazards/" + id);
      assertThat(h.get("hazardId").asText()).isEqualTo(id);
    }
    JsonNode h2 = both("/api/v1/hazards/H-2");
    assertThat(h2.get("severity").asText()).isEqualTo("MAJOR");
    assertThat(h2.get("townshipName").asText()).isEqualTo("金城镇");
    assertThat(h2.get("sectorName").asText()).isEqualTo("危险化学品");
    assertThat(h2.get("enterpriseId").asText()).isEqualTo(e1.getEnterpriseId());
    JsonNode h3 = both("/api/v1/hazards/H-3");
    assertThat(h3.get("status").asText()).isEqualTo("VERIFIED_CLOSED");
    assertThat(h3.get("open").asBoolean()).isFalse();
  }

  @Test
  void majorHazardClearanceIsGatheredFromEveryInstance() throws Exception {
    java.time.ZoneId zone = java.time.ZoneId.of("Asia/Shanghai");
    int year = now.atZone(zone).getYear();
    Instant yearStart = java.time.LocalDate.of(year, 1, 1).atStartOfDay(zone).toInstant();
    boolean h2LastYear = now.minus(50, ChronoUnit.HOURS).isBefore(yearStart); // H-2, the one major hazard, is open
    JsonNode townships = both("/api/v1/major-hazards/clearance");
    assertThat(townships.size()).isEqualTo(ReferenceData.load().townships().size());
    JsonNode jincheng = null;
    for (JsonNode t : townships) {
      assertThat(t.get("year").asInt()).isEqualTo(year);
      if (t.get("areaId").asText().equals("jincheng")) {
        jincheng = t;
      } else {
        assertThat(t.get("openNow").asLong()).as(t.toString()).isZero();
      }
    }
    assertThat(jincheng.get("areaName").asText()).isEqualTo("金城镇");
    assertThat(jincheng.get("openNow").asLong()).isEqualTo(1);
    assertThat(jincheng.get("openAtYearStart").asLong()).isEqualTo(h2LastYear ? 1 : 0);
    assertThat(jincheng.get("reportedInYear").asLong()).isEqualTo(h2LastYear ? 0 : 1);
    assertThat(jincheng.get("clearedSinceYearStart").asLong()).isZero();
    JsonNode chemicals = null;
    for (JsonNode s : both("/api/v1/major-hazards/clearance?areaType=sector")) {
      if (s.get("areaId").asText().equals("hazardous-chemicals")) {
        chemicals = s;
      }
    }
    assertThat(chemicals.get("openNow").asLong()).isEqualTo(1);
    HttpResponse<String> future = get(0, "/api/v1/major-hazards/clearance?year=" + (year + 1));
    assertThat(future.statusCode()).isEqualTo(400);
    assertThat(future.body()).contains("year");
  }

  private io.fangxian.avro.PublicReportEvent reportStep(String reportId, Enterprise e, io.fangxian.avro.PublicReportEventType type,
      Instant at) {
    return io.fangxian.avro.PublicReportEvent.newBuilder().setEventId(java.util.UUID.randomUUID().toString())
        .setReportId(reportId).setType(type).setOccurredAt(at).setEnterpriseId(e == null ? null : e.getEnterpriseId())
        .setTownshipId(e == null ? "zhulin" : null).setContent("举报人 张三 13800000000 反映")
        .setSubstantiated(type == io.fangxian.avro.PublicReportEventType.VERIFIED ? true : null)
        .setHazardIds(type == io.fangxian.avro.PublicReportEventType.VERIFIED && e == e1 ? List.of("H-1") : List.of())
        .build();
  }

  @Test
  void reportsAreGatheredFromEveryInstanceWithoutContent() throws Exception {
    Instant old = now.minus(70, ChronoUnit.DAYS);
    for (Enterprise e : enterprises) {
      cluster.reportStep(reportStep("JB-" + e.getTownshipId(), e, io.fangxian.avro.PublicReportEventType.RECEIVED, old));
      cluster.reportStep(reportStep("JB-" + e.getTownshipId(), e, io.fangxian.avro.PublicReportEventType.ACCEPTED, old));
    }
    cluster.reportStep(reportStep("JB-" + e1.getTownshipId(), e1, io.fangxian.avro.PublicReportEventType.VERIFIED,
        now.minus(1, ChronoUnit.HOURS)));
    cluster.reportStep(reportStep("JB-ADDRESS", null, io.fangxian.avro.PublicReportEventType.RECEIVED, now.minus(2, ChronoUnit.HOURS)));
    int total = enterprises.size() + 1;
    await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(300)).ignoreExceptions().until(() ->
        body(0, "/api/v1/reports").get("total").asLong() == total
            && body(1, "/api/v1/hazards/H-1").get("reportIds").size() == 1
            && body(1, "/api/v1/townships/jincheng").get("reportsSubstantiated").asLong() == 1
            // the township figures are summed on the area side, after a repartition of their own
            && body(1, "/api/v1/townships/zhulin").get("reportsReceived").asLong() == 2);
    JsonNode page = both("/api/v1/reports?limit=500");
    assertThat(page.get("total").asLong()).isEqualTo(total);
    assertThat(page.get("verificationOverdue").asLong()).as("accepted 70 days ago, not verified").isEqualTo(enterprises.size() - 1);
    assertThat(page.get("items").get(0).get("verificationOverdue").asBoolean()).as("overdue first").isTrue();
    assertThat(page.toString()).doesNotContain("张三", "13800000000", "\"content\"");
    JsonNode one = both("/api/v1/reports/JB-" + e1.getTownshipId());
    assertThat(one.get("status").asText()).isEqualTo("VERIFIED");
    assertThat(one.get("hasContent").asBoolean()).isTrue();
    assertThat(one.get("hazardIds").get(0).asText()).isEqualTo("H-1");
    assertThat(body(0, "/api/v1/hazards/H-1").get("reportIds").get(0).asText()).isEqualTo("JB-" + e1.getTownshipId());
    assertThat(both("/api/v1/reports?townshipId=zhulin&status=open").get("total").asLong()).isEqualTo(2);
    assertThat(both("/api/v1/reports?overdue=true").get("total").asLong()).isEqualTo(enterprises.size() - 1);
    assertThat(both("/api/v1/townships/zhulin").get("reportsReceived").asLong()).isEqualTo(2);
    assertThat(get(0, "/api/v1/reports/JB-NONE").statusCode()).isEqualTo(404);
    assertThat(get(1, "/api/v1/reports?status=lost").statusCode()).isEqualTo(400);
    assertThat(get(1, "/api/v1/reports?overdue=maybe").statusCode()).isEqualTo(400);
  }

  @Test
  void enterpriseProfilesFromTheOwningInstance() throws Exception {
    JsonNode p = both("/api/v1/enterprises/" + e1.getEnterpriseId());
    assertThat(p.get("name").asText()).isEqualTo(e1.getName());
    assertThat(p.get("townshipName").asText()).isEqualTo("金城镇");
    assertThat(p.get("sectorName").asText()).isEqualTo("危险化学品");
    assertThat(p.get("keySupervised").asBoolean()).isTrue();
    assertThat(p.get("openHazardCount").asInt()).isEqualTo(2);
    assertThat(p.get("overdueHazardCount").asInt()).isEqualTo(1);
    assertThat(ids(p.get("openHazards"))).containsExactly("H-2", "H-1");
    assertThat(p.get("violations")).hasSize(2);
    assertThat(p.get("violations").get(0).get("violationId").asText()).isEqualTo("V-1");
    assertThat(p.get("violations").get(0).get("action").asText()).isEqualTo("FINE");

    // The dossier (一企一档): every hazard, fines, inspections by kind, graded accidents, alerts, months.
    assertThat(ids(p.get("hazards"))).containsExactly("H-1", "H-2");
    assertThat(p.get("hazardCount").asInt()).isEqualTo(2);
    assertThat(p.get("openMajorHazardCount").asInt()).isEqualTo(1);
    assertThat(p.get("violations").get(0).get("fineYuan").asDouble()).isEqualTo(5000.0);
    assertThat(p.get("fineYuanTotal").asDouble()).isEqualTo(5000.0);
    assertThat(p.get("alerts").toString()).contains("major-hazard").doesNotContain(e5.getEnterpriseId());
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() ->
        both("/api/v1/enterprises/" + e5.getEnterpriseId()).get("inspectionCount").asInt() == 3);
    p = both("/api/v1/enterprises/" + e5.getEnterpriseId());
    assertThat(p.get("inspectionCount").asInt()).isEqualTo(3);
    assertThat(p.get("inspectionsByKind").get("SELF_INSPECTION").get("count").asInt()).isEqualTo(2);
    assertThat(Instant.parse(p.get("inspectionsByKind").get("SELF_INSPECTION").get("last").get("occurredAt").asText()))
        .isEqualTo(now.minus(1, ChronoUnit.DAYS));
    assertThat(p.get("inspectionsByKind").get("FLYING").get("count").asInt()).isEqualTo(1);
    assertThat(p.get("accidents")).hasSize(1);
    JsonNode accident = p.get("accidents").get(0);
    assertThat(accident.get("accidentId").asText()).isEqualTo("A-1");
    assertThat(accident.get("grade").asText()).isEqualTo("LARGER");
    assertThat(accident.get("gradeZh").asText()).isEqualTo("较大事故");
    assertThat(accident.get("deaths").asInt()).isEqualTo(3);
    assertThat(accident.get("accidentTypeZh").asText()).isEqualTo("中毒和窒息");
    List<String> alertRules = new ArrayList<>();
    p.get("alerts").forEach(a -> {
      assertThat(a.get("subject").get("enterpriseId").asText()).isEqualTo(e5.getEnterpriseId());
      alertRules.add(a.get("rule").asText());
    });
    assertThat(alertRules).contains("accident");
    JsonNode month = p.get("monthly").get(0);
    assertThat(p.get("monthly")).hasSize(12);
    assertThat(month.get("month").asText()).isEqualTo(java.time.YearMonth.from(now.atZone(java.time.ZoneId.of("Asia/Shanghai"))).toString());

    java.time.ZoneId zone = java.time.ZoneId.of("Asia/Shanghai");
    boolean sameMonth = java.time.YearMonth.from(now.minus(4, ChronoUnit.HOURS).atZone(zone))
        .equals(java.time.YearMonth.from(now.atZone(zone)));
    assertThat(month.get("accidents").asLong()).isEqualTo(sameMonth ? 1 : 0);
    assertThat(both("/api/v1/enterprises/" + e2.getEnterpriseId()).get("closedHazardCount").asInt()).isEqualTo(1);
    for (Enterprise e : enterprises) {
      assertThat(both("/api/v1/enterprises/" + e.getEnterpriseId()).get("enterpriseId").asText()).isEqualTo(e.getEnterpriseId());
    }
    String unknown = CreditCode.generate(new SplittableRandom(99), "320413");
    assertError(get(0, "/api/v1/enterprises/" + unknown), 404);
    assertError(get(1, "/api/v1/enterprises/" + unknown), 404);
  }

  /** The instance that does not hold the enterprise's partition: it forwards the question to the one that does. */
  private int notHolding(Enterprise e) {
    HostInfo owner = owner(StoreNames.ENTERPRISES, e.getEnterpriseId());
    int holding = cluster.servers.get(0).http().port() == owner.port() ? 0 : 1;
    assertThat(cluster.servers.get(holding).http().port()).isEqualTo(owner.port());
    return 1 - holding;
  }

  @Test
  void aDossierAskedOfTheInstanceNotHoldingTheEnterpriseIsTheSameFile() throws Exception {
    for (Enterprise e : List.of(e1, e2, e5)) {
      String path = "/api/v1/enterprises/" + e.getEnterpriseId();
      int other = notHolding(e);
      // Equal once the alerts (gathered from both instances) have settled.
      await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> body(other, path).equals(body(1 - other, path)));
    }

    JsonNode p = body(notHolding(e2), "/api/v1/enterprises/" + e2.getEnterpriseId());
    JsonNode closed = p.get("hazards").get(0);
    assertThat(p.get("hazards")).hasSize(1);
    assertThat(closed.get("hazardId").asText()).isEqualTo("H-3");
    assertThat(closed.get("open").asBoolean()).isFalse();
    assertThat(closed.get("status").asText()).isEqualTo("VERIFIED_CLOSED");
    assertThat(Instant.parse(closed.get("closedAt").asText())).isEqualTo(now.minus(19, ChronoUnit.HOURS));
    assertThat(p.get("openHazards")).isEmpty();
    assertThat(p.get("violations").get(0).get("action").asText()).isEqualTo("SUSPENSION");
    assertThat(p.get("violations").get(0).get("fineYuan").isNull()).isTrue();
    assertThat(p.get("inspectionsByKind").get("ROUTINE").get("count").asInt()).isEqualTo(1);
    assertThat(p.get("accidents")).isEmpty();

    String e5Path = "/api/v1/enterprises/" + e5.getEnterpriseId();
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() ->
        body(notHolding(e5), e5Path).get("alerts").toString().contains("\"accident\""));
    p = body(notHolding(e5), e5Path);
    assertThat(p.get("accidents")).hasSize(1); // corrected once: one accident, in its latest version
    JsonNode accident = p.get("accidents").get(0);
    assertThat(accident.get("deaths").asInt()).isEqualTo(3);
    assertThat(accident.get("grade").asText()).isEqualTo("LARGER");
    assertThat(accident.get("reportedLate").asBoolean()).isFalse();
    assertThat(Instant.parse(accident.get("occurredAt").asText())).isEqualTo(now.minus(4, ChronoUnit.HOURS));
    for (JsonNode a : p.get("alerts")) {
      JsonNode subject = a.get("subject");
      assertThat(subject.get("enterpriseId").asText().equals(e5.getEnterpriseId())
          || (subject.get("type").asText().equals("ACCIDENT") && subject.get("id").asText().equals("A-1")))
          .as(a.toString()).isTrue();
    }
    List<String> statuses = new ArrayList<>();
    p.get("alerts").forEach(a -> statuses.add(a.get("status").asText()));
    assertThat(statuses).as("active ones first").isSortedAccordingTo(
        java.util.Comparator.comparing((String status) -> status.equals("RESOLVED")));
  }

  @Test
  void theInstancesAskEachOtherThroughOneEndpoint() throws Exception {
    String id = e1.getEnterpriseId();
    int other = notHolding(e1);
    String local = "/internal/v1/local/enterprise?args=" + java.net.URLEncoder.encode("\"" + id + "\"", "UTF-8");
    assertThat(body(1 - other, local).get("enterpriseId").asText()).isEqualTo(id);
    assertThat(get(other, local).statusCode()).as("not held here").isEqualTo(204);
    // The previous release's per-question paths are gone.
    assertError(get(1 - other, "/internal/v1/enterprises/" + id), 404);
    assertError(get(0, "/internal/v1/local/areas?args=%22VILLAGE%22"), 400);
  }

  @Test
  void alertsFromAllInstancesNewestFirst() throws Exception {
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() ->
        ids(body(0, "/api/v1/alerts?rule=major-hazard"), "alertKey").size() == 1);
    JsonNode[] seen = new JsonNode[1];
    await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
      seen[0] = body(0, "/api/v1/alerts");
      return seen[0].equals(body(1, "/api/v1/alerts"));
    });
    JsonNode alerts = seen[0];
    assertThat(alerts.size()).isGreaterThanOrEqualTo(2);
    for (int i = 1; i < alerts.size(); i++) {
      assertThat(Instant.parse(alerts.get(i - 1).get("emittedAt").asText()))
          .isAfterOrEqualTo(Instant.parse(alerts.get(i).get("emittedAt").asText()));
      assertThat(alerts.get(i).get("status").asText()).isNotEqualTo("RESOLVED");
    }
    JsonNode major = both("/api/v1/alerts?rule=major-hazard").get(0);
    assertThat(major.get("subject").get("townshipId").asText()).isEqualTo("jincheng");
    assertThat(major.get("evidence").get("hazardIds").toString()).contains("H-2");
    assertThat(major.get("level").asText()).isIn("BLUE", "YELLOW", "ORANGE", "RED");
    String level = major.get("level").asText();
    assertThat(ids(both("/api/v1/alerts?level=" + level + "&rule=major-hazard"), "alertKey")).hasSize(1);
    assertThat(both("/api/v1/alerts?townshipId=xuebu")).isEmpty();
    assertThat(both("/api/v1/alerts?status=RESOLVED&rule=major-hazard")).isEmpty();
    assertThat(both("/api/v1/alerts?status=all").size()).isGreaterThanOrEqualTo(alerts.size());
  }

  @Test
  void activeWeatherWarningsOnly() throws Exception {
    JsonNode w = both("/api/v1/weather-warnings");
    assertThat(ids(w, "warningId")).containsExactly("W-1");
    assertThat(w.get(0).get("level").asText()).isEqualTo("YELLOW");
    assertThat(w.get(0).get("townshipIds").get(0).asText()).isEqualTo("jincheng");
  }

  @Test
  void badParametersSayWhatIsAccepted() throws Exception {
    Map<String, Integer> cases = new java.util.LinkedHashMap<>();
    cases.put("/api/v1/townships/atlantis", 404);
    cases.put("/api/v1/sectors/atlantis", 404);
    cases.put("/api/v1/townships/atlantis/daily?from=2026-07-01&to=2026-07-02", 404);
    cases.put("/api/v1/townships/jincheng/daily?from=2026-13-01&to=2026-07-02", 400);
    cases.put("/api/v1/townships/jincheng/daily?from=2026-07-01", 400);
    cases.put("/api/v1/townships/jincheng/daily?from=2026-07-05&to=2026-07-01", 400);
    cases.put("/api/v1/townships/jincheng/daily?from=2024-01-01&to=2026-07-01", 400);
    cases.put("/api/v1/townships/jincheng/daily?from=1&to=2", 400);
    cases.put("/api/v1/hazards?status=pending", 400);
    cases.put("/api/v1/hazards?severity=HUGE", 400);
    cases.put("/api/v1/hazards?limit=0", 400);
    cases.put("/api/v1/hazards?limit=501", 400);
    cases.put("/api/v1/hazards?limit=abc", 400);
    cases.put("/api/v1/hazards?offset=-1", 400);
    cases.put("/api/v1/hazards?townshipId=atlantis", 400);
    cases.put("/api/v1/hazards?colour=red", 400);
    cases.put("/api/v1/hazards?status=open&status=closed", 400);
    cases.put("/api/v1/hazards/NOPE-1", 404);
    cases.put("/api/v1/enterprises/12345", 400);
    cases.put("/api/v1/enterprises/91320413MA1XXXXXX0", 400);
    cases.put("/api/v1/alerts?status=burning", 400);
    cases.put("/api/v1/alerts?level=PURPLE", 400);
    cases.put("/api/v1/alerts?rule=nonsense", 400);
    cases.put("/api/v1/alerts?limit=0", 400);
    cases.put("/api/v1/townships?x=1", 400);
    cases.put("/api/v1/weather-warnings?all=true", 400);
    cases.put("/api/v1/nothing-here", 404);
    cases.put("/nothing-here", 404);
    for (Map.Entry<String, Integer> c : cases.entrySet()) {
      for (int instance = 0; instance < 2; instance++) {
        JsonNode error = assertError(get(instance, c.getKey()), c.getValue());
        assertThat(error.get("message").asText()).as(c.getKey()).isNotBlank();
      }
    }
    JsonNode m = assertError(get(0, "/api/v1/hazards?status=pending"), 400);
    assertThat(m.get("message").asText()).contains("open", "overdue", "closed");
    m = assertError(get(1, "/api/v1/townships/atlantis"), 404);
    assertThat(m.get("message").asText()).contains("jincheng", "dongcheng");
    m = assertError(get(0, "/api/v1/hazards?colour=red"), 400);
    assertThat(m.get("message").asText()).contains("colour", "townshipId", "severity");
  }

  @Test
  void hostileParametersNeverBreakTheServer() throws Exception {
    String longString = "x".repeat(5000);
    List<String> paths = List.of(
        "/api/v1/townships/" + longString,
        "/api/v1/townships/..%2F..%2Fetc%2Fpasswd",
        "/api/v1/townships/%2e%2e",
        "/api/v1/townships/..",
        "/api/v1/townships/jincheng%00",
        "/api/v1/townships/%00",
        "/api/v1/townships/'%20OR%201=1--",
        "/api/v1/townships/%E9%87%91%E5%9F%8E%E9%95%87",
        "/api/v1/townships/jincheng/daily?from=2026-07-01%00&to=2026-07-02",
        "/api/v1/townships/jincheng/daily?from=%27;DROP%20TABLE%20x;--&to=2026-07-02",
        "/api/v1/hazards/" + longString,
        "/api/v1/hazards/..%2F..%2F",
        "/api/v1/hazards/%F0%9F%94%A5",
        "/api/v1/hazards/%ff%fe",
        "/api/v1/hazards?townshipId=%27%20OR%20%271%27=%271",
        "/api/v1/hazards?limit=99999999999999999999",
        "/api/v1/hazards?status=" + longString,
        "/api/v1/enterprises/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "/api/v1/enterprises/" + "9".repeat(18),
        "/api/v1/enterprises/..%5C..%5Cwindows",
        "/api/v1/alerts?rule=%E2%80%AE%E2%80%AD",
        "/api/v1/alerts?" + "a=1&".repeat(300),
        "/internal/v1/local/hazards?args=%7B%22keep%22:-5%7D",
        "/internal/v1/local/area-daily?args=%7B%22from%22:%22x%22%7D",
        "/internal/v1/local/nope",
        "/webjars/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/index.html%00.json");
    for (String p : paths) {
      for (int instance = 0; instance < 2; instance++) {
        HttpResponse<String> r;
        try {
          r = get(instance, p);
        } catch (IllegalArgumentException badUriForTheClient) {
          continue; // java.net.URI refused it: it never reached the server
        }
        assertThat(r.statusCode()).as(p + " -> " + r.body()).isBetween(400, 499);
        assertThat(r.body()).doesNotContain("Exception", "\tat ");
        if (r.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
          JsonNode error = json.readTree(r.body());
          assertThat(error.has("error") && error.has("message")).as(p + " -> " + r.body()).isTrue();
        }
      }
    }
    // the server still answers
    assertThat(both("/api/v1/townships/jincheng").get("areaId").asText()).isEqualTo("jincheng");
  }

  @Test
  void tokenIsRequiredButHealthStaysOpen() throws Exception {
    assertError(cluster.get(0, "/api/v1/townships", null), 401);
    assertError(cluster.get(1, "/api/v1/townships", "wrong"), 401);
    assertError(cluster.get(0, "/internal/v1/local/alerts", null), 401);
    HttpResponse<String> health = cluster.get(0, "/health", null);
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(json.readTree(health.body()).get("status").asText()).isEqualTo("UP");
    assertThat(cluster.get(1, "/health/ready", null).statusCode()).isEqualTo(200);
    HttpResponse<String> page = cluster.get(0, "/", null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("echarts.min.js");
    assertThat(cluster.get(0, "/webjars/echarts/5.3.1/dist/echarts.min.js", null).statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    JsonNode spec = body(0, "/api/v1/openapi.json");
    assertThat(spec.get("openapi").asText()).startsWith("3.");
  }

  /** A metric summed over both instances' /metrics, by its name and labels as Prometheus prints them. */
  private double metric(String nameAndLabels) throws Exception {
    double sum = 0;
    for (int i = 0; i < 2; i++) {
      HttpResponse<String> r = cluster.get(i, "/metrics");
      assertThat(r.statusCode()).isEqualTo(200);
      for (String line : r.body().split("\n")) {
        if (line.startsWith(nameAndLabels + " ")) {
          sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
    }
    return sum;
  }

  @Test
  void metricsCountWhatWasProcessed() throws Exception {
    HttpResponse<String> unauthorised = cluster.get(0, "/metrics", null);
    assertThat(unauthorised.statusCode()).isEqualTo(401);
    assertThat(metric("fangxian_records_in_total{topic=\"" + cluster.topics.hazards.name() + "\"}")).isEqualTo(10.0);
    assertThat(metric("fangxian_records_in_total{topic=\"" + cluster.topics.violations.name() + "\"}")).isEqualTo(3.0);
    assertThat(metric("fangxian_records_in_total{topic=\"" + cluster.topics.inspections.name() + "\"}")).isEqualTo(5.0);
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      assertThat(metric("fangxian_hazards_open")).isEqualTo(7.0);
      assertThat(metric("fangxian_hazards_overdue")).isEqualTo(1.0);
    });
    assertThat(metric("fangxian_alerts_published_total{level=\"RED\",rule=\"major-hazard\",status=\"FIRING\"}"))
        .as("H-2 is a major hazard of hazardous chemicals").isGreaterThanOrEqualTo(1.0);
    HttpResponse<String> text = cluster.get(0, "/metrics");
    assertThat(text.body()).contains("fangxian_alert_latency_seconds_bucket").contains("kafka_stream")
        .doesNotContain(QueryCluster.TOKEN);
  }

  @Test
  @Order(Integer.MAX_VALUE) // adds a hazard: after the tests that count them
  void streamPushesNewAlertsAndStats() throws Exception {
    var server = cluster.servers.get(1).http();
    await().atMost(Duration.ofSeconds(20)).until(server::streamReady);
    HttpRequest request = HttpRequest.newBuilder(URI.create(cluster.url(1) + "/api/v1/stream?token=" + QueryCluster.TOKEN))
        .header("Accept", "text/event-stream").GET().build();
    HttpResponse<InputStream> response = cluster.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
    List<String> events = new CopyOnWriteArrayList<>();
    List<String> data = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          if (line.startsWith("event:")) {
            events.add(line.substring(6).trim());
          } else if (line.startsWith("data:")) {
            data.add(line.substring(5).trim());
          }
        }
      } catch (Exception e) {
        // closed
      }
    });
    await().atMost(Duration.ofSeconds(5)).until(() -> server.streamClients() == 1);
    Enterprise e = enterprises.get(3);
    cluster.report(e, "H-LIVE", HazardSeverity.MAJOR, HazardSource.PUBLIC_REPORT, Instant.now(), Instant.now().plus(2, ChronoUnit.DAYS));
    await().atMost(Duration.ofSeconds(30)).until(() -> events.contains("alert") && events.contains("stats")
        && data.stream().anyMatch(d -> d.contains("H-LIVE")));
    String alert = data.stream().filter(d -> d.contains("\"alertKey\"") && d.contains("H-LIVE")).findFirst().orElseThrow();
    assertThat(json.readTree(alert).get("rule").asText()).isEqualTo("major-hazard");
    response.body().close();
    reader.cancel(true);
    assertError(cluster.get(1, "/api/v1/stream?token=wrong", null), 401);
  }

  private JsonNode assertError(HttpResponse<String> r, int status) throws Exception {
    assertThat(r.statusCode()).as(r.uri() + " -> " + r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).as(r.uri().toString()).startsWith("application/json");
    JsonNode error = json.readTree(r.body());
    assertThat(error.get("error").asText()).isNotBlank();
    assertThat(error.get("message").asText()).isNotBlank();
    assertThat(r.body()).doesNotContain("Exception", "\tat ");
    return error;
  }

  private static List<String> ids(JsonNode pageOrList) {
    JsonNode items = pageOrList.has("items") ? pageOrList.get("items") : pageOrList;
    return ids(items, "hazardId");
  }

  private static List<String> ids(JsonNode list, String field) {
    List<String> ids = new ArrayList<>();
    list.forEach(n -> ids.add(n.get(field).asText()));
    return ids;
  }
}
