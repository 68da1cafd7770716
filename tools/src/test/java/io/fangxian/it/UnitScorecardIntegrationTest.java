package io.fangxian.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fangxian.app.FangxianServer;
import io.fangxian.config.AppConfig;
import io.fangxian.config.RulesConfig;
import io.fangxian.embedded.EmbeddedKafkaCluster;
import io.fangxian.embedded.EmbeddedSchemaRegistry;
import io.fangxian.embedded.FreePorts;
import io.fangxian.embedded.MemoryDirs;
import io.fangxian.embedded.SharedRuntime;
import io.fangxian.generate.DataGenerator;
import io.fangxian.produce.RecordProducer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The units' scorecards (考核) on two instances over three partitions: a generated data set with
 * units on its inspections, misses among its flying inspections and public reports, and resent
 * events goes in, and every unit's figures from {@code GET /api/v1/units} (asked of either instance)
 * must equal the oracle's brute-force recomputation from the same input.
 */
@Tag("integration")
@ExtendWith(SharedRuntime.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(420)
class UnitScorecardIntegrationTest {
  /** The test JVM's broker and registry are shared: this test's topics have a prefix of their own. */
  static final String APP_ID = "fangxian-units-it";
  static final String PREFIX = APP_ID + ".";
  Path state;
  final List<FangxianServer> servers = new ArrayList<>();
  final List<SpecificRecord> input = new ArrayList<>();
  Oracle oracle;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final ObjectMapper json = new ObjectMapper();
  AppConfig first;
  static final String PLAN_SECRET = "district-plan-secret-0001";

  @BeforeAll
  void start(EmbeddedKafkaCluster kafka, EmbeddedSchemaRegistry registry) throws Exception {
    try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(kafka.clientConfig())) {
      io.fangxian.app.TopicAdmin.createMissing(admin, PREFIX, 3, (short) 1);
    }
    state = MemoryDirs.create(APP_ID + "-");
    int[] ports = FreePorts.pick(2);
    for (int i = 0; i < 2; i++) {
      Map<String, String> values = new java.util.HashMap<>(Map.of(
          AppConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
          AppConfig.REGISTRY_URL, registry.url(),
          AppConfig.APPLICATION_ID, APP_ID,
          AppConfig.PROCESSING_GUARANTEE, "at_least_once",
          AppConfig.STATE_DIR, state.resolve("i" + i).toString(),
          AppConfig.TOPIC_PARTITIONS, "3",
          AppConfig.HTTP_HOST, "127.0.0.1",
          AppConfig.HTTP_PORT, Integer.toString(ports[i]),
          AppConfig.HTTP_RATE_LIMIT, "2000"));
      values.put(AppConfig.TOPIC_PREFIX, PREFIX);
      values.put("kafka.commit.interval.ms", "200");
      values.put("http.token.district.secret", PLAN_SECRET);
      values.put("http.token.district.scope", "district");
      AppConfig settings = AppConfig.of(values).validate();
      first = first == null ? settings : first;
      servers.add(FangxianServer.start(settings));
    }
  }

  @AfterAll
  void stop() throws Exception {
    for (FangxianServer s : servers) {
      s.close();
    }
    MemoryDirs.delete(state);
  }

  @Test
  void everyUnitsMissesEqualAnIndependentComputationOnEveryInstance() throws Exception {
    java.time.Duration within = RulesConfig.defaults().flying().revisitWithin();
    generateWithEveryCase(within);
    try (RecordProducer producer = new RecordProducer(first.kafkaClientSettings(), first.serdeSettings(), PREFIX)) {
      input.forEach(producer::send);
      producer.flush();
    }
    Map<String, Oracle.Units> expected = oracle.units(RulesConfig.defaults().accountability().window());
    assertThat(expected.values().stream().mapToLong(Oracle.Units::missedHazards).sum())
        .as("the data set has misses").isPositive();
    assertThat(expected.values().stream().mapToLong(Oracle.Units::missedMajorHazards).sum())
        .as("and major ones").isPositive();

    await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(3)).ignoreExceptions().untilAsserted(() -> {
      for (int i = 0; i < servers.size(); i++) {
        assertThat(servers.get(i).app().streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
        assertThat(published(i)).as("instance " + i).isEqualTo(expected);
      }
    });

    // 回头看 per township: due, done in time, done late, and overdue by the wall clock (marked within a second of it).
    Map<String, Oracle.Revisits> revisits = oracle.revisits(within, Instant.now());
    assertThat(revisits.values().stream().mapToLong(Oracle.Revisits::done).sum()).as("revisits done in time").isPositive();
    assertThat(revisits.values().stream().mapToLong(r -> r.doneLate() + r.overdue()).sum())
        .as("revisits done late or overdue: " + revisits).isPositive();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().untilAsserted(() -> {
      Map<String, Oracle.Revisits> want = oracle.revisits(within, Instant.now().minusSeconds(3));
      for (int i = 0; i < servers.size(); i++) {
        Map<String, Oracle.Revisits> got = new TreeMap<>();
        for (JsonNode u : get(i, "/api/v1/units?type=township")) {
          if (u.get("revisitsDue").asLong() > 0) {
            got.put(u.get("unitId").asText(), new Oracle.Revisits(u.get("revisitsDue").asLong(), u.get("revisitsDone").asLong(),
                u.get("revisitsDoneLate").asLong(), u.get("revisitsOverdue").asLong()));
          }
        }
        assertThat(got).as("instance " + i).isEqualTo(want);
      }
    });

    // The flying-inspection plan, drawn from both instances' state: the same seed gives the same picks on either,
    // none of them an enterprise flying-inspected in the last 6 months (here: any flying-inspected one).
    java.util.Set<String> flown = new java.util.HashSet<>();
    input.stream().filter(r -> r instanceof io.fangxian.avro.InspectionEvent i && i.getKind() == io.fangxian.avro.InspectionKind.FLYING)
        .forEach(r -> flown.add(((io.fangxian.avro.InspectionEvent) r).getEnterpriseId()));
    JsonNode plan0 = plan(0, 7);
    JsonNode plan1 = plan(1, 7);
    List<String> picks = new ArrayList<>();
    plan0.get("picks").forEach(p -> picks.add(p.get("enterpriseId").asText()));
    List<String> picksElsewhere = new ArrayList<>();
    plan1.get("picks").forEach(p -> picksElsewhere.add(p.get("enterpriseId").asText()));
    assertThat(picks).hasSize(10).doesNotHaveDuplicates().isEqualTo(picksElsewhere).doesNotContainAnyElementsOf(flown);
    assertThat(plan0.get("excluded").size()).isEqualTo(flown.size());
    long enterprises = input.stream().filter(r -> r instanceof io.fangxian.avro.Enterprise)
        .map(r -> ((io.fangxian.avro.Enterprise) r).getEnterpriseId()).distinct().count();
    assertThat(plan0.get("candidates").asLong() + flown.size()).isEqualTo(enterprises);
    List<String> other = new ArrayList<>();
    plan(0, 8).get("picks").forEach(p -> other.add(p.get("enterpriseId").asText()));
    assertThat(other).as("another seed").isNotEqualTo(picks);

    // One unit by id, from the instance that may hold none of its partitions.
    String busiest = expected.entrySet().stream().max(Map.Entry.comparingByValue(
        java.util.Comparator.comparingLong(Oracle.Units::missedHazards))).orElseThrow().getKey();
    JsonNode one = get(1, "/api/v1/units/" + URLEncoder.encode(busiest, StandardCharsets.UTF_8).replace("+", "%20"));
    assertThat(one.get("missedHazards").asLong()).isEqualTo(expected.get(busiest).missedHazards());
    assertThat(one.get("missedMajorHazards").asLong()).isEqualTo(expected.get(busiest).missedMajorHazards());
    assertThat(one.get("missWindow").asText()).isEqualTo("PT720H");
  }

  /**
   * The generated history depends on the clock it ends at, and late or overdue revisits are rare in
   * it (a few in a hundred): from seed 23 on, the first data set that has every case this test
   * checks (misses, major ones, revisits in time and late or overdue) is the one sent.
   */
  private void generateWithEveryCase(java.time.Duration within) {
    for (long seed = 23; seed < 23 + 50; seed++) {
      Instant now = Instant.now();
      input.clear();
      oracle = new Oracle();
      DataGenerator generator = new DataGenerator(DataGenerator.Config.defaults(now)
          .withSeed(seed).withEnterprises(120).withHistoryDays(70).withDuplicateRate(0.03), input::add);
      generator.emitReferenceData();
      generator.emitUntil(now);
      input.forEach(oracle::accept);
      Map<String, Oracle.Units> units = oracle.units(RulesConfig.defaults().accountability().window());
      Map<String, Oracle.Revisits> revisits = oracle.revisits(within, now);
      if (units.values().stream().mapToLong(Oracle.Units::missedMajorHazards).sum() > 0
          && revisits.values().stream().mapToLong(Oracle.Revisits::done).sum() > 0
          && revisits.values().stream().mapToLong(r -> r.doneLate() + r.overdue()).sum() > 0) {
        return;
      }
    }
    throw new AssertionError("no data set from seeds 23 to 72 has misses and revisits both in time and late");
  }

  /** The units that inspected, as instance {@code i} answers; townships that never inspected are left out. */
  private Map<String, Oracle.Units> published(int i) throws Exception {
    Map<String, Oracle.Units> byUnit = new TreeMap<>();
    for (JsonNode u : get(i, "/api/v1/units")) {
      if (u.get("inspections").asLong() > 0) {
        byUnit.put(u.get("unitId").asText(), new Oracle.Units(u.get("inspections").asLong(), u.get("hazardsFound").asLong(),
            u.get("missedHazards").asLong(), u.get("missedMajorHazards").asLong(), u.get("accidentsAfterInspection").asLong()));
      }
    }
    return byUnit;
  }

  private JsonNode plan(int instance, long seed) throws Exception {
    String month = java.time.YearMonth.now(java.time.ZoneId.of("Asia/Shanghai")).plusMonths(1).toString();
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(servers.get(instance).httpUrl() + "/api/v1/plans"))
        .header("Authorization", "Bearer " + PLAN_SECRET).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"month\":\"" + month + "\",\"count\":10,\"seed\":" + seed + "}"))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
    return json.readTree(r.body());
  }

  private JsonNode get(int instance, String path) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(servers.get(instance).httpUrl() + path))
        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json.readTree(r.body());
  }
}
