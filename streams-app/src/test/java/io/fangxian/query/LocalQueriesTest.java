package io.fangxian.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fangxian.areas.AreasApi;
import io.fangxian.avro.AreaType;
import io.fangxian.config.RulesConfig;
import io.fangxian.domain.ReferenceData;
import io.fangxian.enforcement.CaseFilter;
import io.fangxian.enforcement.CasesApi;
import io.fangxian.enterprises.CoverageApi;
import io.fangxian.enterprises.VisitingFilter;
import io.fangxian.hazards.HazardFilter;
import io.fangxian.hazards.HazardsApi;
import io.fangxian.reports.ReportFilter;
import io.fangxian.reports.ReportsApi;
import io.fangxian.web.LocalQuery;
import io.fangxian.web.ReadContext;
import io.fangxian.web.Router;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The local queries every instance serves: each named once, its arguments sent and read back as JSON. */
class LocalQueriesTest {
  private final ObjectMapper mapper = QueryServer.mapper();
  private final Router router = new Router(null, mapper);
  private final ReadContext read =
      new ReadContext(null, router, ReferenceData.builtIn(), ZoneId.of("Asia/Shanghai"), () -> 0L, RulesConfig.defaults());
  private final ReadApis apis = ReadApis.of(read);
  private final LocalQueries queries = new LocalQueries(null, read);

  /** One argument of each kind a local query takes, with every field set (and characters a URL must escape). */
  private static final Map<Class<?>, Object> SAMPLES = Map.ofEntries(
      Map.entry(AreasApi.Area.class, new AreasApi.Area(AreaType.TOWNSHIP, "jincheng")),
      Map.entry(AreaType.class, AreaType.PARK),
      Map.entry(AreasApi.AreaDays.class, new AreasApi.AreaDays(new AreasApi.Area(AreaType.SECTOR, "chemicals"),
          LocalDate.of(2026, 7, 1), LocalDate.of(2026, 7, 31))),
      Map.entry(AreasApi.AreaInMonth.class, new AreasApi.AreaInMonth(new AreasApi.Area(AreaType.GRID, "g-1"),
          YearMonth.of(2026, 7))),
      Map.entry(AreasApi.TypeInMonth.class, new AreasApi.TypeInMonth(AreaType.TOWNSHIP, YearMonth.of(2025, 12))),
      Map.entry(HazardsApi.HazardList.class, new HazardsApi.HazardList(
          new HazardFilter("jincheng", "chemicals", "open", "MAJOR", "UNSAFE_ACT", "GB-1&2", "any"), 550)),
      Map.entry(CasesApi.CaseList.class, new CasesApi.CaseList(
          new CaseFilter("jincheng", "mining", "应急管理局 执法&监察", "overdue"), 50)),
      Map.entry(ReportsApi.ReportList.class, new ReportsApi.ReportList(
          new ReportFilter("jincheng", "mining", "91320413MA1MCGQ3X4", "open", Boolean.FALSE), 0)),
      Map.entry(CoverageApi.NotVisitedWithin.class, new CoverageApi.NotVisitedWithin(90,
          new VisitingFilter("jincheng", "g-1", "mining", "park-1", true))),
      Map.entry(HazardsApi.ClearanceYear.class, new HazardsApi.ClearanceYear(AreaType.SECTOR, 2026)),
      Map.entry(String.class, "A:b/c?d=e&f=g h+ü%"),
      Map.entry(YearMonth.class, YearMonth.of(2026, 2)),
      Map.entry(Instant.class, Instant.parse("2026-07-01T08:00:00.123Z")));

  @Test
  void everyLocalQueryHasItsOwnNameAndItsArgumentsComeBackAsSent() throws Exception {
    Set<String> names = new HashSet<>();
    for (LocalQuery<?, ?> q : router.served()) {
      assertThat(names.add(q.name())).as("name " + q.name()).isTrue();
      assertThat(q.name()).matches("[a-z-]+");
      assertThat(q.reach() == LocalQuery.Reach.ANY || q.store() != null).as(q.name() + " names its store").isTrue();
      assertThat(q.reach() != LocalQuery.Reach.OWNER || q.key() != null).as(q.name() + " names its key").isTrue();
      if (q.args() == Void.class) {
        continue;
      }
      Object sample = SAMPLES.get(q.args());
      assertThat(sample).as("a sample " + q.args().getSimpleName()).isNotNull();
      assertThat(mapper.readValue(mapper.writeValueAsString(sample), q.args())).as(q.name()).isEqualTo(sample);
    }
  }

  /**
   * The arguments' JSON is what instances of different releases send each other during a rolling
   * upgrade: the fields are those of the previous release's records, whatever package they moved to.
   */
  @Test
  void theArgumentsKeepTheirWireFormat() throws Exception {
    Map<Class<?>, String> wire = Map.of(
        AreasApi.AreaDays.class, "{\"area\":{\"type\":\"SECTOR\",\"id\":\"chemicals\"},\"from\":\"2026-07-01\",\"to\":\"2026-07-31\"}",
        HazardsApi.ClearanceYear.class, "{\"type\":\"SECTOR\",\"year\":2026}",
        CoverageApi.NotVisitedWithin.class, "{\"days\":90,\"filter\":{\"townshipId\":\"jincheng\",\"gridId\":\"g-1\","
            + "\"sectorId\":\"mining\",\"parkId\":\"park-1\",\"keyAreaOnly\":true}}",
        CasesApi.CaseList.class, "{\"filter\":{\"townshipId\":\"jincheng\",\"sectorId\":\"mining\","
            + "\"departmentId\":\"应急管理局 执法&监察\",\"status\":\"overdue\"},\"keep\":50}",
        HazardsApi.HazardList.class, "{\"filter\":{\"townshipId\":\"jincheng\",\"sectorId\":\"chemicals\",\"status\":\"open\","
            + "\"severity\":\"MAJOR\",\"category\":\"UNSAFE_ACT\",\"clauseId\":\"GB-1&2\",\"supervision\":\"any\"},\"keep\":550}",
        ReportsApi.ReportList.class, "{\"filter\":{\"townshipId\":\"jincheng\",\"sectorId\":\"mining\","
            + "\"enterpriseId\":\"91320413MA1MCGQ3X4\",\"status\":\"open\",\"overdue\":false},\"keep\":0}");
    for (Map.Entry<Class<?>, String> e : wire.entrySet()) {
      assertThat(mapper.readTree(mapper.writeValueAsString(SAMPLES.get(e.getKey()))))
          .as(e.getKey().getSimpleName()).isEqualTo(mapper.readTree(e.getValue()));
    }
  }

  @Test
  void theOwnerIsFoundByTheKeyTheStoresAreKeyedBy() {
    assertThat(keyOf("area", new AreasApi.Area(AreaType.TOWNSHIP, "jincheng")))
        .isEqualTo(io.fangxian.stats.AreaKeys.area(AreaType.TOWNSHIP, "jincheng"));
    assertThat(keyOf("area-daily", SAMPLES.get(AreasApi.AreaDays.class)))
        .isEqualTo(io.fangxian.stats.AreaKeys.area(AreaType.SECTOR, "chemicals"));
    assertThat(keyOf("enterprise", "91320413MA1MCGQ3X4")).isEqualTo("91320413MA1MCGQ3X4");
    assertThat(keyOf("alert", "k")).isEqualTo("k");
  }

  /** The key whose owner answers the query served under {@code name}. */
  @SuppressWarnings("unchecked")
  private String keyOf(String name, Object args) {
    LocalQuery<Object, ?> query = (LocalQuery<Object, ?>) router.served().stream().filter(q -> q.name().equals(name))
        .findFirst().orElseThrow();
    assertThat(query.reach()).isEqualTo(LocalQuery.Reach.OWNER);
    return query.key().apply(args);
  }
}
