package io.fangxian.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fangxian.avro.AccidentType;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardEventType;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.InspectionKind;
import io.fangxian.avro.RiskLevel;
import io.fangxian.avro.ViolationAction;
import io.fangxian.cli.Main;
import io.fangxian.embedded.EmbeddedKafkaCluster;
import io.fangxian.embedded.SharedRuntime;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The monthly bulletin on two instances over a real broker: every figure equals the
 * API's figure of the same area and month (and the area's current figures), the district adds the
 * townships up, the exposure list names the repeat violator and the overdue major hazard, the
 * printable page and the command line serve the same, and a wrong month says what is accepted.
 */
@Tag("integration")
@ExtendWith(SharedRuntime.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BulletinIntegrationTest {
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  final ObjectMapper json = new ObjectMapper();
  final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(2, ChronoUnit.MINUTES);
  final YearMonth month = YearMonth.from(now.atZone(ZONE));
  final Instant lastMonth = LocalDateTime.of(month.minusMonths(1).atDay(10), java.time.LocalTime.NOON).atZone(ZONE).toInstant();
  final Instant yearAgo = LocalDateTime.of(month.minusYears(1).atDay(10), java.time.LocalTime.NOON).atZone(ZONE).toInstant();
  QueryCluster cluster;
  Enterprise repeat;
  Enterprise overdue;

  @BeforeAll
  void start(EmbeddedKafkaCluster kafka) throws Exception {
    cluster = new QueryCluster(kafka, 2, Map.of());
    repeat = cluster.enterprise("jincheng", "machinery", RiskLevel.YELLOW, false);
    overdue = cluster.enterprise("xuebu", "construction", RiskLevel.ORANGE, false);
    Enterprise quiet = cluster.enterprise("dongcheng", "textiles", RiskLevel.BLUE, false);
    cluster.awaitRunning(Duration.ofSeconds(60));
    cluster.report(repeat, "H-NOW-1", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, now, now.plus(5, ChronoUnit.DAYS));
    cluster.report(repeat, "H-NOW-2", HazardSeverity.GENERAL, HazardSource.GRID_PATROL, now, now.plus(5, ChronoUnit.DAYS));
    cluster.step(repeat, "H-NOW-2", HazardEventType.VERIFIED_CLOSED, now.plus(1, ChronoUnit.MINUTES));
    cluster.step(repeat, "H-NOW-1", HazardEventType.RECTIFIED, now.plus(1, ChronoUnit.MINUTES)); // rectified, not closed
    cluster.violation(repeat, "V-1", ViolationAction.FINE, 3000.0, now);
    cluster.violation(repeat, "V-2", ViolationAction.SUSPENSION, null, now);
    cluster.violation(repeat, "V-0", ViolationAction.WARNING, null, lastMonth);
    cluster.report(overdue, "H-OLD-MAJOR", HazardSeverity.MAJOR, HazardSource.FLYING_INSPECTION, lastMonth,
        lastMonth.plus(3, ChronoUnit.DAYS));
    cluster.report(overdue, "H-OLD", HazardSeverity.GENERAL, HazardSource.FLYING_INSPECTION, lastMonth,
        lastMonth.plus(3, ChronoUnit.DAYS));
    cluster.step(overdue, "H-OLD", HazardEventType.VERIFIED_CLOSED, lastMonth.plus(1, ChronoUnit.DAYS));
    cluster.inspection(quiet, InspectionKind.ROUTINE, now);
    // The same month a year earlier (同比): one hazard found and closed, one violation.
    cluster.report(quiet, "H-YEAR-AGO", HazardSeverity.GENERAL, HazardSource.GRID_PATROL, yearAgo, yearAgo.plus(5, ChronoUnit.DAYS));
    cluster.step(quiet, "H-YEAR-AGO", HazardEventType.VERIFIED_CLOSED, yearAgo.plus(1, ChronoUnit.DAYS));
    cluster.violation(quiet, "V-YEAR-AGO", ViolationAction.WARNING, null, yearAgo);
    cluster.accident(overdue, "SG-1", 1, 0, AccidentType.FALL_FROM_HEIGHT, lastMonth, lastMonth.plus(30, ChronoUnit.MINUTES));
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
      JsonNode b = bulletin();
      return b.get("district").get("month").get("hazardsReported").asLong() == 2
          && b.get("district").get("previous").get("hazardsReported").asLong() == 2
          && b.get("district").get("previous").get("accidents").asLong() == 1
          && b.get("district").get("month").get("inspections").asLong() == 1
          && b.get("district").get("month").get("rectifiedHazards").asLong() == 1
          && b.get("district").get("yearAgo").get("violations").asLong() == 1
          && b.get("district").get("yearAgo").get("closedHazards").asLong() == 1
          && b.get("exposure").size() == 2;
    });
  }

  @AfterAll
  void stop() throws Exception {
    cluster.close();
  }

  private JsonNode bulletin() throws Exception {
    return json.readTree(cluster.get(1, "/api/v1/bulletins/" + month).body());
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> r = cluster.get(0, path);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return json.readTree(r.body());
  }

  @Test
  void everyFigureIsTheApisFigureOfTheSameAreaAndMonth() throws Exception {
    JsonNode b = bulletin();
    assertThat(b.get("month").asText()).isEqualTo(month.toString());
    assertThat(b.get("previousMonth").asText()).isEqualTo(month.minusMonths(1).toString());
    long sum = 0;
    for (String type : List.of("townships", "sectors")) {
      for (JsonNode row : b.get(type)) {
        String id = row.get("areaId").asText();
        assertThat(row.get("month")).as(type + " " + id).isEqualTo(get("/api/v1/" + type + "/" + id + "/months/" + month).get("figures"));
        assertThat(row.get("previous")).as(type + " " + id + " before")
            .isEqualTo(get("/api/v1/" + type + "/" + id + "/months/" + month.minusMonths(1)).get("figures"));
        assertThat(row.get("yearAgo")).as(type + " " + id + " a year before")
            .isEqualTo(get("/api/v1/" + type + "/" + id + "/months/" + month.minusYears(1)).get("figures"));
        long[] ytd = new long[COUNTS.size()];
        for (int m = 1; m <= month.getMonthValue(); m++) {
          JsonNode f = get("/api/v1/" + type + "/" + id + "/months/" + YearMonth.of(month.getYear(), m)).get("figures");
          for (int i = 0; i < COUNTS.size(); i++) {
            ytd[i] += f.get(COUNTS.get(i)).asLong();
          }
        }
        for (int i = 0; i < COUNTS.size(); i++) {
          assertThat(row.get("yearToDate").get(COUNTS.get(i)).asLong()).as(type + " " + id + " year to date " + COUNTS.get(i))
              .isEqualTo(ytd[i]);
          assertThat(row.get("yearOnYear").get(COUNTS.get(i)).asLong()).as(type + " " + id + " 同比 " + COUNTS.get(i))
              .isEqualTo(row.get("month").get(COUNTS.get(i)).asLong() - row.get("yearAgo").get(COUNTS.get(i)).asLong());
        }
        long found = ytd[COUNTS.indexOf("hazardsReported")];
        long closed = ytd[COUNTS.indexOf("closedHazards")];
        long rectified = ytd[COUNTS.indexOf("rectifiedHazards")];
        assertThat(row.get("yearToDate").get("rectificationRate").asDouble()).as(type + " " + id + " 年累计整改率")
            .isCloseTo(found == 0 ? 0 : (double) (rectified + closed) / found, org.assertj.core.data.Offset.offset(0.0001));
        assertThat(row.get("yearToDate").get("closureRate").asDouble()).as(type + " " + id + " 年累计销号率")
            .isCloseTo(found == 0 ? 0 : (double) closed / found, org.assertj.core.data.Offset.offset(0.0001));
        JsonNode area = get("/api/v1/" + type + "/" + id);
        for (String field : List.of("openHazards", "overdueHazards", "openMajorHazards", "enterprises", "inspectedLast90d",
            "neverInspected", "nonCompliantEnterprises", "certificatesExpiringWithin30d", "certificatesExpired")) {
          assertThat(row.get("now").get(field)).as(type + " " + id + " " + field).isEqualTo(area.get(field));
        }
        if (type.equals("townships")) {
          sum += row.get("month").get("hazardsReported").asLong();
        }
      }
    }
    assertThat(b.get("district").get("month").get("hazardsReported").asLong()).isEqualTo(sum);

    JsonNode jincheng = row(b.get("townships"), "jincheng");
    JsonNode m = jincheng.get("month");
    assertThat(List.of(m.get("hazardsReported").asLong(), m.get("closedHazards").asLong(), m.get("violations").asLong(),
        m.get("fines").asLong(), m.get("suspensions").asLong())).containsExactly(2L, 1L, 2L, 1L, 1L);
    assertThat(m.get("rectifiedHazards").asLong()).as("H-NOW-1 rectified, waiting to be closed").isEqualTo(1);
    assertThat(m.get("rectificationRate").asDouble()).as("整改率 = (1 rectified + 1 closed) / 2").isEqualTo(1.0);
    assertThat(m.get("closureRate").asDouble()).as("销号率 = 1 closed / 2").isEqualTo(0.5);
    assertThat(m.get("fineYuan").asDouble()).isEqualTo(3000.0);
    assertThat(jincheng.get("previous").get("warnings").asLong()).isEqualTo(1);
    assertThat(jincheng.get("hazardsRank").asInt()).isEqualTo(1);
    JsonNode xuebu = row(b.get("townships"), "xuebu");
    assertThat(xuebu.get("previous").get("hazardsReported").asLong()).isEqualTo(2);
    assertThat(xuebu.get("previous").get("overdueHazards").asLong()).as("the old major is overdue now").isEqualTo(1);
    assertThat(xuebu.get("change").get("hazardsReported").asLong()).isEqualTo(-2);
    assertThat(b.get("yearAgoMonth").asText()).isEqualTo(month.minusYears(1).toString());
    JsonNode dongcheng = row(b.get("townships"), "dongcheng");
    assertThat(dongcheng.get("yearAgo").get("hazardsReported").asLong()).isEqualTo(1);
    assertThat(dongcheng.get("yearAgo").get("closureRate").asDouble()).isEqualTo(1.0);
    assertThat(dongcheng.get("yearAgo").get("violations").asLong()).isEqualTo(1);
    assertThat(dongcheng.get("yearOnYear").get("violations").asLong()).isEqualTo(-1);
    assertThat(dongcheng.get("yearOnYear").get("hazardsReported").asLong()).isEqualTo(-1);
    assertThat(b.get("district").get("yearAgo").get("violations").asLong()).isEqualTo(1);
    JsonNode criteria = b.get("exposureCriteria");
    assertThat(criteria.get("minViolationsInMonth").asInt()).isEqualTo(2);
    assertThat(criteria.get("overdueMajorHazard").asBoolean()).isTrue();
    assertThat(criteria.get("basis").asText()).isEqualTo("CHOICE");
    assertThat(criteria.get("source").asText()).contains("第七十八条");

    JsonNode exposure = b.get("exposure");
    assertThat(exposure.get(0).get("enterpriseId").asText()).isEqualTo(overdue.getEnterpriseId());
    assertThat(exposure.get(0).get("overdueMajorHazardIds").get(0).asText()).isEqualTo("H-OLD-MAJOR");
    assertThat(exposure.get(1).get("enterpriseId").asText()).isEqualTo(repeat.getEnterpriseId());
    assertThat(exposure.get(1).get("violationsInMonth").asInt()).isEqualTo(2);
  }

  @Test
  void thePrintablePageAndTheCommandLineServeTheSameBulletin(@TempDir Path dir) throws Exception {
    String page = cluster.get(0, "/bulletins/" + month + "?token=" + QueryCluster.TOKEN).body();
    assertThat(page).contains("<h1 id=\"bulletin-title\">安全生产通报(" + month.getYear() + "年" + month.getMonthValue() + "月)</h1>",
        "本月全区排查发现隐患 <b>2</b> 项", "<svg id=\"township-chart\"", "id=\"exposure-table\"", repeat.getName(),
        "与上年同月(" + month.minusYears(1) + ")", "<th>同比</th><th>年累计</th>", "<th>整改率</th><th>销号率</th>",
        "整改率 <b>100.0%</b>,销号率 <b>50.0%</b>", "列入标准:本月违法行为 2 次及以上的企业,以及重大事故隐患逾期未整改的企业。",
        "此标准为本局自定");
    HttpResponse<String> anonymous = cluster.http.send(HttpRequest.newBuilder(URI.create(cluster.url(0) + "/bulletins/" + month))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);

    Path out = dir.resolve("bulletin.html");
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setErr(new PrintWriter(err));
    int code = cli.execute("bulletin", "--month", month.toString(), "--out", out.toString(), "--url", cluster.url(1),
        "--token", QueryCluster.TOKEN);
    assertThat(code).as(err.toString()).isZero();
    String written = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(written).contains("本月全区排查发现隐患 <b>2</b> 项", repeat.getName());
    assertThat(cli.execute("bulletin", "--month", "11/2026", "--out", out.toString())).isEqualTo(2);
    assertThat(cli.execute("bulletin", "--month", month.toString(), "--out", out.toString(), "--url", "http://127.0.0.1:1"))
        .isEqualTo(1);
  }

  @Test
  void aWrongMonthSaysWhatIsAccepted() throws Exception {
    HttpResponse<String> bad = cluster.get(0, "/api/v1/bulletins/2026-13");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("yyyy-MM");
    HttpResponse<String> future = cluster.get(0, "/api/v1/townships/jincheng/months/" + month.plusMonths(1));
    assertThat(future.statusCode()).isEqualTo(400);
    assertThat(future.body()).contains("has not begun");
    assertThat(cluster.get(0, "/api/v1/townships/nowhere/months/" + month).statusCode()).isEqualTo(404);
  }

  static final List<String> COUNTS = List.of("hazardsReported", "majorHazardsReported", "rectifiedHazards", "closedHazards",
      "openHazards", "overdueHazards", "openMajorHazards", "violations", "warnings", "fines", "suspensions", "closures",
      "inspections", "accidents", "accidentDeaths", "accidentSeriousInjuries");

  private static JsonNode row(JsonNode rows, String id) {
    for (Iterator<JsonNode> it = rows.elements(); it.hasNext(); ) {
      JsonNode r = it.next();
      if (r.get("areaId").asText().equals(id)) {
        return r;
      }
    }
    throw new AssertionError("no row " + id);
  }
}
