package io.fangxian.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.avro.AreaStats;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardCategory;
import io.fangxian.avro.HazardEvent;
import io.fangxian.avro.HazardEventType;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.HazardState;
import io.fangxian.deadletter.DeadLetterHandler;
import io.fangxian.serde.MockSchemaRegistry;
import io.fangxian.serde.WireFormat;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hazards graded against the standards: the category and the criteria clause (判定依据) of a report,
 * the unclassified major, a clause of another sector's standard, and records written before the
 * fields existed.
 */
class HazardGradingTest {
  final TopologyFixture f = new TopologyFixture();
  final Instant at = TopologyFixture.START.minus(Duration.ofHours(2));
  final Instant deadline = TopologyFixture.START.plus(Duration.ofDays(10));

  @AfterEach
  void close() {
    f.close();
  }

  private HazardEvent report(Enterprise e, String hazardId, HazardSeverity severity, HazardCategory category,
      String clauseId) {
    HazardEvent h = HazardEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString()).setHazardId(hazardId).setEnterpriseId(e.getEnterpriseId())
        .setType(HazardEventType.REPORTED).setSeverity(severity).setSource(HazardSource.FLYING_INSPECTION)
        .setOccurredAt(at).setDeadline(deadline).setCategory(category).setClauseId(clauseId).build();
    f.hazards.pipeInput(e.getEnterpriseId(), h);
    return h;
  }

  private Map<String, HazardState> ledger() {
    return TopologyFixture.latest(f.ledger);
  }

  private AreaStats township(String id) {
    f.publish();
    return TopologyFixture.latest(f.townshipStats).get(id);
  }

  private static String header(TestRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  @Test
  void aMajorHazardCitingAClauseOfItsSectorIsClassified() {
    Enterprise e = f.enterprise("jincheng", "machinery");
    report(e, "H1", HazardSeverity.MAJOR, HazardCategory.MANAGEMENT_DEFECT, "GM10-3-1");
    HazardState h = ledger().get("H1");
    assertThat(h.getClauseId()).isEqualTo("GM10-3-1");
    assertThat(h.getCategory()).isEqualTo(HazardCategory.MANAGEMENT_DEFECT);
    assertThat(h.getUnknownClauseId()).isNull();
    AreaStats t = township("jincheng");
    assertThat(t.getMajorHazardsByClause()).containsExactly(Map.entry("GM10-3-1", 1L));
    assertThat(t.getHazardsByCategory()).containsExactly(Map.entry("MANAGEMENT_DEFECT", 1L));
    assertThat(t.getUnclassifiedMajorHazardsReported()).isZero();
    assertThat(t.getOpenUnclassifiedMajorHazards()).isZero();
    assertThat(f.deadLetters.isEmpty()).isTrue();
  }

  @Test
  void aChemicalProducerOutsideTheZoneMayCiteHg121() {
    // HG121 (化工和危险化学品生产经营单位重大生产安全事故隐患判定标准) covers chemical production, in the zone or not.
    Enterprise e = f.enterprise("zhixi", "chemical-production");
    report(e, "H1", HazardSeverity.MAJOR, HazardCategory.MANAGEMENT_DEFECT, "HG121-1");
    assertThat(f.deadLetters.isEmpty()).as("no CLAUSE_NOT_FOR_SECTOR").isTrue();
    assertThat(ledger().get("H1").getClauseId()).isEqualTo("HG121-1");
    assertThat(township("zhixi").getMajorHazardsByClause()).containsExactly(Map.entry("HG121-1", 1L));
  }

  @Test
  void aHazardCitingASupersededClauseStillGradesAndOneCitingTheNewStandardToo() {
    // GB 35181-2017 was replaced by GB 35181-2025 on 2025-11-01; hazards judged under the old clauses keep them.
    Enterprise home = f.enterprise("jincheng", "elderly-care");
    report(home, "H1", HazardSeverity.MAJOR, HazardCategory.UNSAFE_CONDITION, "GB35181-6-9");
    report(home, "H2", HazardSeverity.MAJOR, HazardCategory.UNSAFE_CONDITION, "GB35181-2025-5");
    report(home, "H3", HazardSeverity.MAJOR, HazardCategory.UNSAFE_CONDITION, "YLJG23-4-3");
    Map<String, HazardState> l = ledger();
    assertThat(l.get("H1").getClauseId()).isEqualTo("GB35181-6-9");
    assertThat(l.get("H2").getClauseId()).isEqualTo("GB35181-2025-5");
    assertThat(l.get("H3").getClauseId()).as("民政部 养老机构重大事故隐患判定标准").isEqualTo("YLJG23-4-3");
    assertThat(l.values()).allSatisfy(h -> assertThat(h.getUnknownClauseId()).isNull());
    assertThat(f.deadLetters.isEmpty()).isTrue();

    Enterprise machinery = f.enterprise("jincheng", "machinery");
    report(machinery, "H4", HazardSeverity.MAJOR, HazardCategory.UNSAFE_CONDITION, "YLJG23-4-3");
    assertThat(header(f.deadLetters.readRecord(), DeadLetterHandler.REASON)).as("the 养老 standard is not machinery's")
        .isEqualTo("clause-not-for-sector");
  }

  @Test
  void aMajorHazardWithoutAClauseIsAcceptedAndFlaggedUntilItCloses() {
    Enterprise e = f.enterprise("jincheng", "machinery");
    report(e, "H1", HazardSeverity.MAJOR, HazardCategory.UNSAFE_CONDITION, null);
    assertThat(ledger().get("H1").getClauseId()).isNull();
    AreaStats t = township("jincheng");
    assertThat(t.getUnclassifiedMajorHazardsReported()).isEqualTo(1);
    assertThat(t.getOpenUnclassifiedMajorHazards()).isEqualTo(1);
    assertThat(t.getMajorHazardsByClause()).containsExactly(Map.entry("UNCLASSIFIED", 1L));
    AreaStats s = TopologyFixture.latest(f.sectorStats).get("machinery");
    assertThat(s.getOpenUnclassifiedMajorHazards()).isEqualTo(1);

    f.step(e, "H1", HazardEventType.VERIFIED_CLOSED, at.plus(Duration.ofHours(1)));
    t = township("jincheng");
    assertThat(t.getOpenUnclassifiedMajorHazards()).isZero();
    assertThat(t.getUnclassifiedMajorHazardsReported()).as("all-time count stays").isEqualTo(1);
  }

  @Test
  void aClauseTheCatalogueDoesNotHoldIsKeptApartAndTheHazardIsUnclassified() {
    Enterprise e = f.enterprise("jincheng", "machinery");
    report(e, "H1", HazardSeverity.MAJOR, null, "LOCAL-2026-7");
    HazardState h = ledger().get("H1");
    assertThat(h.getClauseId()).isNull();
    assertThat(h.getUnknownClauseId()).isEqualTo("LOCAL-2026-7");
    AreaStats t = township("jincheng");
    assertThat(t.getOpenUnclassifiedMajorHazards()).isEqualTo(1);
    assertThat(t.getHazardsByCategory()).containsExactly(Map.entry("UNCLASSIFIED", 1L));
  }

  @Test
  void aClauseOfAnotherSectorsStandardIsADeadLetterAndCountsNothing() {
    Enterprise e = f.enterprise("jincheng", "machinery");
    report(e, "H1", HazardSeverity.MAJOR, HazardCategory.UNSAFE_CONDITION, "HG121-1");
    assertThat(ledger()).doesNotContainKey("H1");
    TestRecord<byte[], byte[]> dead = f.deadLetters.readRecord();
    assertThat(header(dead, DeadLetterHandler.REASON)).isEqualTo("clause-not-for-sector");
    assertThat(header(dead, DeadLetterHandler.MESSAGE)).contains("HG121-1", "machinery", e.getEnterpriseId());
    assertThat(f.deadLetters.isEmpty()).isTrue();

    // The same hazard reported again with a clause of its own sector is accepted: nothing was left behind.
    report(e, "H1", HazardSeverity.MAJOR, HazardCategory.UNSAFE_CONDITION, "GM10-3-1");
    assertThat(ledger().get("H1").getClauseId()).isEqualTo("GM10-3-1");
    AreaStats t = township("jincheng");
    assertThat(t.getHazardsReported()).isEqualTo(1);
    assertThat(t.getMajorHazardsByClause()).containsExactly(Map.entry("GM10-3-1", 1L));
  }

  @Test
  void categoriesAndClausesAddUpPerTownshipAndSector() {
    Enterprise a = f.enterprise("jincheng", "machinery");
    Enterprise b = f.enterprise("jincheng", "hazardous-chemicals");
    report(a, "H1", HazardSeverity.GENERAL, HazardCategory.UNSAFE_ACT, null);
    report(a, "H2", HazardSeverity.GENERAL, HazardCategory.UNSAFE_ACT, null);
    report(a, "H3", HazardSeverity.MAJOR, HazardCategory.MANAGEMENT_DEFECT, "GM10-3-1");
    report(b, "H4", HazardSeverity.MAJOR, HazardCategory.MANAGEMENT_DEFECT, "HG121-1");
    report(b, "H5", HazardSeverity.MAJOR, HazardCategory.MANAGEMENT_DEFECT, "HG121-1");
    report(b, "H6", HazardSeverity.GENERAL, null, null);
    AreaStats t = township("jincheng");
    assertThat(t.getHazardsByCategory()).containsOnly(Map.entry("UNSAFE_ACT", 2L),
        Map.entry("MANAGEMENT_DEFECT", 3L), Map.entry("UNCLASSIFIED", 1L));
    assertThat(t.getMajorHazardsByClause()).containsOnly(Map.entry("GM10-3-1", 1L), Map.entry("HG121-1", 2L));
    Map<String, AreaStats> sectors = TopologyFixture.latest(f.sectorStats);
    assertThat(sectors.get("hazardous-chemicals").getMajorHazardsByClause()).containsOnly(Map.entry("HG121-1", 2L));
    assertThat(sectors.get("machinery").getHazardsByCategory())
        .containsOnly(Map.entry("UNSAFE_ACT", 2L), Map.entry("MANAGEMENT_DEFECT", 1L));
  }

  @Test
  void theMajorHazardAlertNamesTheClauseItWasJudgedUnder() {
    Enterprise e = f.enterprise("jincheng", "machinery");
    report(e, "H1", HazardSeverity.MAJOR, HazardCategory.MANAGEMENT_DEFECT, "GM10-3-1");
    report(e, "H2", HazardSeverity.MAJOR, HazardCategory.UNSAFE_CONDITION, null);
    Map<String, String> messages = new java.util.HashMap<>();
    f.newAlerts().stream().filter(a -> a.getRule().equals("major-hazard"))
        .forEach(a -> messages.put(a.getEvidence().getHazardIds().get(0), a.getMessageZh()));
    assertThat(messages.get("H1")).contains("判定依据《工贸企业重大事故隐患判定标准》", "第三条第（一）项");
    assertThat(messages.get("H2")).contains("未注明判定依据");
  }

  @Test
  void categoryAndClauseOnLaterStepsDoNotRegradeTheHazard() {
    Enterprise e = f.enterprise("jincheng", "machinery");
    report(e, "H1", HazardSeverity.MAJOR, HazardCategory.UNSAFE_ACT, "GM10-3-1");
    f.hazards.pipeInput(e.getEnterpriseId(), HazardEvent.newBuilder()
        .setEventId("step-2").setHazardId("H1").setEnterpriseId(e.getEnterpriseId())
        .setType(HazardEventType.RECTIFIED).setOccurredAt(at.plus(Duration.ofHours(1)))
        .setCategory(HazardCategory.ENVIRONMENT).setClauseId("HG121-1").build());
    HazardState h = ledger().get("H1");
    assertThat(h.getStatus().name()).isEqualTo("RECTIFIED");
    assertThat(h.getCategory()).isEqualTo(HazardCategory.UNSAFE_ACT);
    assertThat(h.getClauseId()).isEqualTo("GM10-3-1");
    assertThat(f.deadLetters.isEmpty()).isTrue();
  }

  @Test
  void aVersion1RecordWithoutTheFieldsReadsAsUnclassified() throws Exception {
    Enterprise e = f.enterprise("jincheng", "machinery");
    Schema v1 = new Schema.Parser().parse(Path.of("../schemas/history/HazardEvent/v1.avsc").toFile());
    GenericRecord old = new GenericData.Record(v1);
    old.put("eventId", "old-1");
    old.put("hazardId", "H1");
    old.put("enterpriseId", e.getEnterpriseId());
    old.put("type", new GenericData.EnumSymbol(v1.getField("type").schema(), "REPORTED"));
    Schema severity = v1.getField("severity").schema().getTypes().get(1);
    old.put("severity", new GenericData.EnumSymbol(severity, "MAJOR"));
    Schema source = v1.getField("source").schema().getTypes().get(1);
    old.put("source", new GenericData.EnumSymbol(source, "SELF_INSPECTION"));
    old.put("occurredAt", at.toEpochMilli());
    old.put("deadline", deadline.toEpochMilli());
    int id = MockSchemaRegistry.forScope(f.scope).register("safety.hazards-value", v1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(WireFormat.header(id));
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(v1).write(old, encoder);
    encoder.flush();
    f.rawHazards.pipeInput(e.getEnterpriseId().getBytes(StandardCharsets.UTF_8), out.toByteArray());

    HazardState h = ledger().get("H1");
    assertThat(h.getCategory()).isNull();
    assertThat(h.getClauseId()).isNull();
    AreaStats t = township("jincheng");
    assertThat(t.getOpenUnclassifiedMajorHazards()).isEqualTo(1);
    assertThat(t.getHazardsByCategory()).containsExactly(Map.entry("UNCLASSIFIED", 1L));
    assertThat(f.deadLetters.isEmpty()).isTrue();
    assertThat(h.getSeverity()).isEqualTo(HazardSeverity.MAJOR);
  }
}
