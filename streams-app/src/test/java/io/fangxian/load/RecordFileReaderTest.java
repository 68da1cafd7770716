package io.fangxian.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fangxian.avro.AccidentEvent;
import io.fangxian.avro.AccidentType;
import io.fangxian.avro.CertificateEvent;
import io.fangxian.avro.CertificatePost;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.Grid;
import io.fangxian.avro.HazardCategory;
import io.fangxian.avro.HazardEvent;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.Leader;
import io.fangxian.avro.LeaderRole;
import io.fangxian.avro.Responsibility;
import io.fangxian.avro.RiskLevel;
import io.fangxian.avro.Supervision;
import io.fangxian.avro.SupervisionLevel;
import io.fangxian.avro.ViolationAction;
import io.fangxian.avro.ViolationEvent;
import io.fangxian.avro.WarningLevel;
import io.fangxian.avro.WeatherWarning;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordFileReaderTest {
  static final Charset UTF8 = StandardCharsets.UTF_8;
  static final Charset GBK = Charset.forName("GBK");

  final RecordFileReader reader = new RecordFileReader();
  final List<LoadedRecord> good = new ArrayList<>();

  @TempDir Path tmp;

  static Path resource(String name) throws URISyntaxException {
    return Path.of(RecordFileReaderTest.class.getResource("/load/" + name).toURI());
  }

  @Test
  void goodJsonLines() throws Exception {
    LoadResult r = reader.read(resource("hazards-good.jsonl"), RecordKind.HAZARDS, UTF8, good::add);
    assertThat(r.ok()).as(r.errors().toString()).isTrue();
    assertThat(r.format()).isEqualTo(FileFormat.JSON_LINES);
    assertThat(r.good()).isEqualTo(3);
    assertThat(good).extracting(LoadedRecord::lineNumber).containsExactly(1, 2, 4); // line 3 is blank
    assertThat(good).extracting(LoadedRecord::key)
        .containsExactly("91320413MAUU2EA28P", "91320413MAUU2EA28P", "91320413MA7XJWEC83");

    HazardEvent first = (HazardEvent) good.get(0).record();
    assertThat(first.getSeverity()).isEqualTo(HazardSeverity.MAJOR);
    assertThat(first.getSource()).isEqualTo(HazardSource.FLYING_INSPECTION);
    assertThat(first.getOccurredAt()).isEqualTo(Instant.parse("2026-07-01T01:30:00Z"));
    assertThat(first.getDescription()).isEqualTo("反应釜温度联锁未投用");

    HazardEvent second = (HazardEvent) good.get(1).record();
    assertThat(second.getOccurredAt()).isEqualTo(Instant.parse("2026-07-01T02:30:00Z")); // epoch millis
    assertThat(second.getSeverity()).isNull();
    assertThat(second.getDeadline()).isNull();

    HazardEvent third = (HazardEvent) good.get(2).record();
    assertThat(third.getOccurredAt()).isEqualTo(first.getOccurredAt()); // 01:30Z == 09:30+08:00
    assertThat(third.getDeadline()).isNull();
    assertThat(third.getDescription()).isNull(); // empty string
    assertThat(third.getInspectionId()).isNull();
  }

  @Test
  void csvInUtf8WithBom() throws Exception {
    LoadResult r = reader.read(resource("enterprises-bom.csv"), RecordKind.ENTERPRISES, UTF8, good::add);
    assertThat(r.ok()).as(r.errors().toString()).isTrue();
    assertThat(r.format()).isEqualTo(FileFormat.CSV);
    assertThat(good).extracting(LoadedRecord::lineNumber).containsExactly(2, 3);
    Enterprise a = (Enterprise) good.get(0).record();
    assertThat(a.getEnterpriseId()).isEqualTo("91320413MAUU2EA28P"); // the BOM is not part of the header
    assertThat(a.getName()).isEqualTo("江苏金坛华盛化工有限公司");
    assertThat(a.getRiskLevel()).isEqualTo(RiskLevel.RED);
    assertThat(a.getKeySupervised()).isTrue();
    assertThat(a.getSupervisor()).isEqualTo("区应急局 王某");
    assertThat(a.getInChemicalZone()).isTrue();
    Enterprise b = (Enterprise) good.get(1).record();
    assertThat(b.getName()).isEqualTo("金坛恒达建设工程有限公司, 二分公司");
    assertThat(b.getSupervisor()).isNull();
    assertThat(b.getAddress()).isNull();
    assertThat(b.getInChemicalZone()).isFalse(); // empty: the schema default
  }

  @Test
  void csvInGbkWithChineseNames() throws IOException {
    String text = "enterpriseId,name,townshipId,sectorId,riskLevel,keySupervised,supervisor\n"
        + "91320413MAUU2EA28P,常州金坛茂源食品有限公司,zhiqian,light-industry,YELLOW,false,\n"
        + "91320413MAAR79RB4X,金坛大华颐养中心,zhulin,elderly-care,RED,true,区民政局 郭某\n";
    Path file = tmp.resolve("enterprises-gbk.csv");
    Files.write(file, text.getBytes(GBK));

    LoadResult r = reader.read(file, RecordKind.ENTERPRISES, GBK, good::add);
    assertThat(r.ok()).as(r.errors().toString()).isTrue();
    assertThat(good).extracting(g -> ((Enterprise) g.record()).getName())
        .containsExactly("常州金坛茂源食品有限公司", "金坛大华颐养中心");
    assertThat(((Enterprise) good.get(1).record()).getSupervisor()).isEqualTo("区民政局 郭某");

    // The same bytes read as UTF-8: reading stops with a hint about the encoding.
    good.clear();
    LoadResult wrong = reader.read(file, RecordKind.ENTERPRISES, UTF8, good::add);
    assertThat(wrong.complete()).isFalse();
    assertThat(wrong.errors()).singleElement().satisfies(e -> assertThat(e.reason())
        .contains("not valid UTF-8").contains("GBK"));
  }

  @Test
  void csvInGb18030WithBom() throws IOException {
    String text = "\uFEFFeventId,inspectionId,enterpriseId,kind,findings,occurredAt,inspector\n"
        + "i-1,JC1,91320413MAUU2EA28P,GRID_PATROL,0,2026-07-01T09:30:00+08:00,直溪镇网格员 李某\n";
    Path file = tmp.resolve("inspections.csv");
    Files.write(file, text.getBytes(Charset.forName("GB18030")));
    LoadResult r = reader.read(file, RecordKind.INSPECTIONS, Charset.forName("GB18030"), good::add);
    assertThat(r.ok()).as(r.errors().toString()).isTrue();
    assertThat(((InspectionEvent) good.get(0).record()).getInspector()).isEqualTo("直溪镇网格员 李某");
  }

  @Test
  void inspectionsNameTheirUnitInCsvAndJsonLinesOrLeaveItOut() throws IOException {
    Path csv = tmp.resolve("units.csv");
    Files.writeString(csv, "eventId,inspectionId,enterpriseId,kind,findings,occurredAt,unitId\n"
        + "i-1,JC1,91320413MAUU2EA28P,ROUTINE,0,2026-07-01T09:30:00+08:00,jincheng\n"
        + "i-2,JC2,91320413MAUU2EA28P,GRID_PATROL,0,2026-07-01T09:30:00+08:00,\n");
    Path jsonl = tmp.resolve("units.jsonl");
    Files.writeString(jsonl, "{\"eventId\":\"i-3\",\"inspectionId\":\"JC3\",\"enterpriseId\":\"91320413MAUU2EA28P\","
        + "\"kind\":\"LINKED_SUPERVISION\",\"occurredAt\":\"2026-07-01T09:30:00+08:00\",\"unitId\":\"区应急管理局\"}\n");
    assertThat(reader.read(csv, RecordKind.INSPECTIONS, UTF8, good::add).ok()).isTrue();
    assertThat(reader.read(jsonl, RecordKind.INSPECTIONS, UTF8, good::add).ok()).isTrue();
    assertThat(good).extracting(r -> ((InspectionEvent) r.record()).getUnitId())
        .containsExactly("jincheng", null, "区应急管理局");
  }

  @Test
  void badJsonLinesAreReportedAndGoodOnesLoad() throws Exception {
    LoadResult r = reader.read(resource("hazards-bad.jsonl"), RecordKind.HAZARDS, UTF8, good::add);
    assertThat(r.complete()).isTrue();
    assertThat(good).extracting(LoadedRecord::lineNumber).containsExactly(1, 11); // credit codes are not checked here
    assertThat(r.good()).isEqualTo(2);
    assertThat(r.bad()).isEqualTo(9);
    Map<Integer, String> e = byLine(r);
    assertThat(e.get(2)).startsWith("not valid JSON");
    assertThat(e.get(3)).isEqualTo("unknown type 'FIXED'; accepted: REPORTED, RECTIFICATION_STARTED, RECTIFIED, "
        + "VERIFIED_CLOSED, DEADLINE_EXTENDED, SUPERVISION_ASSIGNED, ENTERPRISE_ACCEPTED, RECHECK_FAILED, REGRADED, SUPERVISION_LIFTED");
    assertThat(e.get(4)).startsWith("unknown type 'UNKNOWN'; accepted: REPORTED,");
    assertThat(e.get(5)).isEqualTo("occurredAt '2026-07-01T09:30:00' has no offset; use ISO-8601 with an offset "
        + "(2026-07-01T09:30:00+08:00) or epoch milliseconds");
    assertThat(e.get(6)).isEqualTo("missing required field 'enterpriseId'");
    assertThat(e.get(7)).isEqualTo("unknown fields 'township', 'colour'; accepted for hazards: eventId, hazardId, "
        + "enterpriseId, type, severity, source, occurredAt, deadline, description, inspectionId, category, clauseId, "
        + "supervision.level, supervision.department, supervision.leader, supervision.measures, "
        + "supervision.responsiblePerson, supervision.fundsYuan, supervision.timeLimit, supervision.contingencyPlan");
    assertThat(e.get(8)).isEqualTo("field 'hazardId' must be a string, got number 8");
    assertThat(e.get(9)).startsWith("a JSON array");
    assertThat(e.get(10)).startsWith("cannot read occurredAt 'yesterday'");
  }

  @Test
  void hazardsGiveTheirCategoryByNameOrSymbolAndTheirClauseById() throws Exception {
    Path csv = tmp.resolve("graded.csv");
    String head = "eventId,hazardId,enterpriseId,type,severity,source,occurredAt,deadline,description,category,clauseId";
    String row = ",H%d,91320413MA1XXXXX0A,REPORTED,MAJOR,FLYING_INSPECTION,2026-07-01T09:30:00+08:00,,,%s,%s";
    Files.writeString(csv, String.join("\n", head,
        "e1" + row.formatted(1, "物的不安全状态", "GM10-3-1"),
        "e2" + row.formatted(2, "MANAGEMENT_DEFECT", ""),
        "e3" + row.formatted(3, "", ""),
        "e4" + row.formatted(4, "人的因素", "GM10-3-1")) + "\n", UTF8);
    LoadResult r = reader.read(csv, RecordKind.HAZARDS, UTF8, good::add);
    assertThat(good).extracting(LoadedRecord::lineNumber).containsExactly(2, 3, 4);
    assertThat(good).extracting(g -> ((HazardEvent) g.record()).getCategory())
        .containsExactly(HazardCategory.UNSAFE_CONDITION, HazardCategory.MANAGEMENT_DEFECT, null);
    assertThat(good).extracting(g -> ((HazardEvent) g.record()).getClauseId()).containsExactly("GM10-3-1", null, null);
    assertThat(byLine(r).get(5)).isEqualTo("unknown category '人的因素'; accepted: 人的不安全行为 (UNSAFE_ACT), "
        + "物的不安全状态 (UNSAFE_CONDITION), 管理缺陷 (MANAGEMENT_DEFECT), 环境因素 (ENVIRONMENT)");
  }

  @Test
  void aSupervisionIsGivenAsDottedColumnsInCsvAndAsAnObjectInJsonLines() throws Exception {
    Path csv = tmp.resolve("supervision.csv");
    Files.writeString(csv, String.join("\n",
        "eventId,hazardId,enterpriseId,type,occurredAt,supervision.level,supervision.department,supervision.leader,"
            + "supervision.fundsYuan,supervision.timeLimit",
        "e1,H1,91320413MA1XXXXX0A,SUPERVISION_ASSIGNED,2026-07-01T09:30:00+08:00,DISTRICT,区应急局,王某,50000,2026-07-31T18:00:00+08:00",
        "e2,H2,91320413MA1XXXXX0A,RECTIFIED,2026-07-01T09:30:00+08:00,,,,,",
        "e3,H3,91320413MA1XXXXX0A,SUPERVISION_ASSIGNED,2026-07-01T09:30:00+08:00,COUNTY,区应急局,,,",
        "e4,H4,91320413MA1XXXXX0A,SUPERVISION_ASSIGNED,2026-07-01T09:30:00+08:00,DISTRICT,区应急局,,much,") + "\n", UTF8);
    LoadResult r = reader.read(csv, RecordKind.HAZARDS, UTF8, good::add);
    assertThat(good).extracting(LoadedRecord::lineNumber).containsExactly(2, 3);
    Supervision s = ((HazardEvent) good.get(0).record()).getSupervision();
    assertThat(s.getLevel()).isEqualTo(SupervisionLevel.DISTRICT);
    assertThat(s.getDepartment()).isEqualTo("区应急局");
    assertThat(s.getLeader()).isEqualTo("王某");
    assertThat(s.getFundsYuan()).isEqualTo(50000.0);
    assertThat(s.getTimeLimit()).isEqualTo(Instant.parse("2026-07-31T10:00:00Z"));
    assertThat(((HazardEvent) good.get(1).record()).getSupervision()).isNull();
    Map<Integer, String> e = byLine(r);
    assertThat(e.get(4)).startsWith("unknown supervision.level 'COUNTY'; accepted: TOWNSHIP, DISTRICT, CITY, PROVINCE");
    assertThat(e.get(5)).isEqualTo("field 'supervision.fundsYuan' must be a number, got 'much'");

    good.clear();
    Path jsonl = tmp.resolve("supervision.jsonl");
    Files.writeString(jsonl, "{\"eventId\":\"e1\",\"hazardId\":\"H1\",\"enterpriseId\":\"91320413MA1XXXXX0A\","
        + "\"type\":\"SUPERVISION_ASSIGNED\",\"occurredAt\":\"2026-07-01T09:30:00+08:00\","
        + "\"supervision\":{\"level\":\"CITY\",\"department\":\"市应急局\",\"measures\":\"停产整改\"}}\n"
        + "{\"eventId\":\"e2\",\"hazardId\":\"H1\",\"enterpriseId\":\"91320413MA1XXXXX0A\","
        + "\"type\":\"SUPERVISION_ASSIGNED\",\"occurredAt\":\"2026-07-01T09:30:00+08:00\","
        + "\"supervision\":{\"level\":\"CITY\",\"dept\":\"市应急局\"}}\n", UTF8);
    LoadResult j = reader.read(jsonl, RecordKind.HAZARDS, UTF8, good::add);
    assertThat(((HazardEvent) good.get(0).record()).getSupervision().getMeasures()).isEqualTo("停产整改");
    assertThat(byLine(j).get(2)).startsWith("unknown field supervision.dept; accepted for hazards:");
  }

  @Test
  void gridsCertificatesAndTheEnterprisesGridParkAndStatusLoad() throws Exception {
    Path grids = tmp.resolve("grids.csv");
    Files.writeString(grids, "gridId,name,townshipId,community,workerName,workerPhone\n"
        + "JC-01,东门社区第1网格,jincheng,东门社区,陈某,0519-2\n", UTF8);
    assertThat(reader.read(grids, RecordKind.GRIDS, UTF8, good::add).ok()).isTrue();
    assertThat(good.get(0).key()).isEqualTo("JC-01");
    assertThat(((Grid) good.get(0).record()).getWorkerName()).isEqualTo("陈某");

    good.clear();
    Path enterprises = tmp.resolve("enterprises.csv");
    Files.writeString(enterprises, "enterpriseId,name,townshipId,sectorId,riskLevel,gridId,parkId,status,specialOperations\n"
        + "91320413MA1XXXXX0A,甲公司,jincheng,machinery,YELLOW,JC-01,jintan-edz,CLOSED,电工作业;焊接与热切割作业\n"
        + "91320413MA1XXXXX0A,乙公司,jincheng,machinery,YELLOW,JC-01,,SHUT,\n", UTF8);
    LoadResult r = reader.read(enterprises, RecordKind.ENTERPRISES, UTF8, good::add);
    Enterprise e = (Enterprise) good.get(0).record();
    assertThat(List.of(e.getGridId(), e.getParkId(), e.getStatus().name())).containsExactly("JC-01", "jintan-edz", "CLOSED");
    assertThat(e.getSpecialOperations()).containsExactly("电工作业", "焊接与热切割作业");
    assertThat(byLine(r).get(3)).startsWith("unknown status 'SHUT'; accepted: OPERATING, CLOSED");

    good.clear();
    Path certificates = tmp.resolve("certificates.csv");
    Files.writeString(certificates, "eventId,certificateId,holderId,holderName,enterpriseId,post,operationType,issuedAt,expiresAt,revoked\n"
        + "c1,T-1,320482199001011234,张某,91320413MA1XXXXX0A,SPECIAL_OPERATOR,电工作业,2024-03-01T00:00:00+08:00,2030-03-01T00:00:00+08:00,false\n"
        + "c2,Z-1,320482199001011235,李某,91320413MA1XXXXX0A,MANAGER,,2024-03-01T00:00:00+08:00,2027-03-01T00:00:00+08:00,\n", UTF8);
    LoadResult c = reader.read(certificates, RecordKind.CERTIFICATES, UTF8, good::add);
    assertThat(good).extracting(g -> g.key()).containsExactly("T-1");
    CertificateEvent t = (CertificateEvent) good.get(0).record();
    assertThat(t.getPost()).isEqualTo(CertificatePost.SPECIAL_OPERATOR);
    assertThat(t.getOperationType()).isEqualTo("电工作业");
    assertThat(t.getExpiresAt()).isEqualTo(Instant.parse("2030-02-28T16:00:00Z")); // midnight in Shanghai
    assertThat(byLine(c).get(3)).startsWith("unknown post 'MANAGER'; accepted: PRINCIPAL, SAFETY_MANAGER, SPECIAL_OPERATOR");
  }

  @Test
  void theRosterAndTheResponsibilityListLoadLikeTheOtherReferenceData() throws Exception {
    Path roster = tmp.resolve("roster.csv");
    Files.writeString(roster, String.join("\n",
        "leaderId,name,role,department,townshipIds,enterpriseIds,phone",
        "L1,王某,TOWNSHIP_LEADER,,jincheng;dongcheng,,0519-1",
        "L2,李某,DEPARTMENT_HEAD,区住房和城乡建设局,,,",
        "L3,赵某,VICE_MAYOR,,,,") + "\n", UTF8);
    LoadResult r = reader.read(roster, RecordKind.ROSTER, UTF8, good::add);
    assertThat(good).extracting(g -> g.key()).containsExactly("L1", "L2");
    Leader first = (Leader) good.get(0).record();
    assertThat(first.getRole()).isEqualTo(LeaderRole.TOWNSHIP_LEADER);
    assertThat(first.getTownshipIds()).containsExactly("jincheng", "dongcheng");
    assertThat(byLine(r).get(4)).startsWith("unknown role 'VICE_MAYOR'; accepted: TOWNSHIP_LEADER, DEPARTMENT_HEAD");

    good.clear();
    Path list = tmp.resolve("responsibilities.csv");
    Files.writeString(list, "sectorId,department\nmachinery,区工业和信息化局\n", UTF8);
    assertThat(reader.read(list, RecordKind.RESPONSIBILITIES, UTF8, good::add).ok()).isTrue();
    assertThat(((Responsibility) good.get(0).record()).getDepartment()).isEqualTo("区工业和信息化局");
    assertThat(good.get(0).key()).isEqualTo("machinery");
  }

  @Test
  void accidentsNameTheirTypeAsGb6441WritesItInCsvAndJsonLines() throws Exception {
    Path csv = tmp.resolve("accidents.csv");
    Files.writeString(csv, String.join("\n",
        "eventId,accidentId,enterpriseId,occurredAt,reportedAt,deaths,seriousInjuries,minorInjuries,directLossYuan,accidentType,description",
        "e1,A1,91320413MA1XXXXX0A,2026-07-01T09:30:00+08:00,2026-07-01T10:00:00+08:00,1,0,2,150000,高处坠落,脚手架",
        "e2,A2,91320413MA1XXXXX0A,2026-07-01T09:30:00+08:00,2026-07-01T10:00:00+08:00,0,3,0,0,中毒和窒息,",
        "e3,A3,91320413MA1XXXXX0A,2026-07-01T09:30:00+08:00,2026-07-01T10:00:00+08:00,0,0,1,0,其它伤害,",
        "e4,A4,91320413MA1XXXXX0A,2026-07-01T09:30:00+08:00,2026-07-01T10:00:00+08:00,0,0,1,0,其他伤害,",
        "e5,A5,91320413MA1XXXXX0A,2026-07-01T09:30:00+08:00,2026-07-01T10:00:00+08:00,0,0,1,0,高空坠落,",
        "e6,A6,91320413MA1XXXXX0A,2026-07-01T09:30:00+08:00,2026-07-01T10:00:00+08:00,one,0,1,0,触电,") + "\n", UTF8);
    LoadResult r = reader.read(csv, RecordKind.ACCIDENTS, UTF8, good::add);
    assertThat(good).extracting(LoadedRecord::lineNumber).containsExactly(2, 3, 4, 5);
    assertThat(good).extracting(g -> ((AccidentEvent) g.record()).getAccidentType()).containsExactly(
        AccidentType.FALL_FROM_HEIGHT, AccidentType.POISONING_AND_SUFFOCATION, AccidentType.OTHER_INJURY,
        AccidentType.OTHER_INJURY);
    AccidentEvent first = (AccidentEvent) good.get(0).record();
    assertThat(first.getDirectLossYuan()).isEqualTo(150000.0);
    assertThat(first.getOccurredAt()).isEqualTo(Instant.parse("2026-07-01T01:30:00Z"));
    Map<Integer, String> e = byLine(r);
    assertThat(e).containsOnlyKeys(6, 7);
    assertThat(e.get(6)).startsWith("unknown accidentType '高空坠落'; accepted: the GB 6441-1986 categories 物体打击、");
    assertThat(e.get(7)).isEqualTo("field 'deaths' must be a whole number, got 'one'");

    good.clear();
    Path jsonl = tmp.resolve("accidents.jsonl");
    Files.writeString(jsonl, "{\"eventId\":\"e1\",\"accidentId\":\"A1\",\"enterpriseId\":\"91320413MA1XXXXX0A\","
        + "\"occurredAt\":\"2026-07-01T09:30:00+08:00\",\"reportedAt\":1782871200000,\"deaths\":0,"
        + "\"seriousInjuries\":0,\"minorInjuries\":1,\"directLossYuan\":0,\"accidentType\":\"其它爆炸\"}\n"
        + "{\"eventId\":\"e2\",\"accidentId\":\"A2\",\"enterpriseId\":\"91320413MA1XXXXX0A\","
        + "\"occurredAt\":\"2026-07-01T09:30:00+08:00\",\"reportedAt\":\"2026-07-01T09:40:00+08:00\",\"deaths\":0,"
        + "\"seriousInjuries\":0,\"minorInjuries\":1,\"directLossYuan\":0,\"accidentType\":\"爆炸\"}\n", UTF8);
    LoadResult j = reader.read(jsonl, RecordKind.ACCIDENTS, UTF8, good::add);
    assertThat(good).extracting(g -> ((AccidentEvent) g.record()).getAccidentType()).containsExactly(AccidentType.OTHER_EXPLOSION);
    assertThat(byLine(j).get(2)).startsWith("unknown accidentType '爆炸'");
  }

  @Test
  void badCsvRowsAreReportedAndGoodOnesLoad() throws Exception {
    LoadResult r = reader.read(resource("violations-bad.csv"), RecordKind.VIOLATIONS, UTF8, good::add);
    assertThat(r.complete()).isTrue();
    assertThat(good).extracting(LoadedRecord::lineNumber).containsExactly(2, 9, 10);
    Map<Integer, String> e = byLine(r);
    assertThat(e).containsOnlyKeys(3, 4, 5, 6, 7, 12);
    assertThat(e.get(12)).startsWith("cannot read occurredAt 'zero'");
    assertThat(e.get(3)).isEqualTo("field 'fineYuan' must be a number, got 'twenty thousand'");
    assertThat(e.get(4)).isEqualTo("unknown action 'PENALTY'; accepted: WARNING, FINE, SUSPENSION, CLOSURE");
    assertThat(e.get(5)).isEqualTo("missing required field 'enterpriseId'");
    assertThat(e.get(6)).isEqualTo("has 6 values but the header has 7 columns");
    assertThat(e.get(7)).startsWith("cannot read occurredAt '2026-07-01 09:30'");

    ViolationEvent fine = (ViolationEvent) good.get(0).record();
    assertThat(fine.getAction()).isEqualTo(ViolationAction.FINE);
    assertThat(fine.getFineYuan()).isEqualTo(20000.0);
    ViolationEvent suspension = (ViolationEvent) good.get(1).record();
    assertThat(suspension.getFineYuan()).isEqualTo(150000.5);
    assertThat(suspension.getOccurredAt()).isEqualTo(Instant.parse("2026-07-01T02:30:00Z"));
  }

  @Test
  void csvListsAndEpochMillisEqualOffsetTimestamps() throws Exception {
    LoadResult r = reader.read(resource("weather.csv"), RecordKind.WEATHER, UTF8, good::add);
    assertThat(r.ok()).as(r.errors().toString()).isTrue();
    WeatherWarning a = (WeatherWarning) good.get(0).record();
    WeatherWarning b = (WeatherWarning) good.get(1).record();
    assertThat(good.get(0).key()).isEqualTo("QX320413-20260715-00001");
    assertThat(a.getTownshipIds()).containsExactly("jincheng", "zhixi");
    assertThat(a.getLevel()).isEqualTo(WarningLevel.ORANGE);
    assertThat(b.getTownshipIds()).isEmpty(); // the whole district
    assertThat(b.getValidFrom()).isEqualTo(a.getValidFrom());
    assertThat(b.getHeadline()).isNull();
  }

  @Test
  void unknownCsvColumnStopsAtTheHeader() throws Exception {
    LoadResult r = reader.read(resource("inspections-unknown-column.csv"), RecordKind.INSPECTIONS, UTF8, good::add);
    assertThat(good).isEmpty();
    assertThat(r.complete()).isFalse();
    assertThat(r.errors()).containsExactly(new LineError(1, "header has unknown column 'remarks'; accepted for "
        + "inspections: eventId, inspectionId, enterpriseId, kind, findings, occurredAt, inspector, unitId"));
  }

  @Test
  void csvHeaderMissingARequiredColumn() throws IOException {
    Path file = tmp.resolve("v.csv");
    Files.writeString(file, "eventId,violationId,action,occurredAt\nv,WF,FINE,0\n");
    LoadResult r = reader.read(file, RecordKind.VIOLATIONS, UTF8, good::add);
    assertThat(r.errors()).singleElement().satisfies(e -> {
      assertThat(e.lineNumber()).isEqualTo(1);
      assertThat(e.reason()).startsWith("header lacks required column enterpriseId;");
    });
  }

  @Test
  void jsonArrayForListsAndWrongTypes() throws IOException {
    Path file = tmp.resolve("w.ndjson");
    Files.writeString(file, String.join("\n",
        "{\"eventId\":\"1\",\"warningId\":\"W\",\"kind\":\"FOG\",\"level\":\"BLUE\",\"townshipIds\":[\"rulin\"],"
            + "\"validFrom\":0,\"validTo\":\"1970-01-01T08:00:00+08:00\"}",
        "{\"eventId\":\"2\",\"warningId\":\"W\",\"kind\":\"FOG\",\"level\":\"BLUE\",\"townshipIds\":\"rulin\","
            + "\"validFrom\":0,\"validTo\":0}",
        "{\"eventId\":\"3\",\"warningId\":\"W\",\"kind\":\"FOG\",\"level\":\"BLUE\",\"validFrom\":1.5,\"validTo\":0}"));
    LoadResult r = reader.read(file, RecordKind.WEATHER, UTF8, good::add);
    assertThat(good).hasSize(1);
    WeatherWarning w = (WeatherWarning) good.get(0).record();
    assertThat(w.getValidFrom()).isEqualTo(w.getValidTo());
    assertThat(w.getTownshipIds()).containsExactly("rulin");
    assertThat(byLine(r).get(2)).isEqualTo("field 'townshipIds' must be a list of strings, got 'rulin'");
    assertThat(byLine(r).get(3)).startsWith("field 'validFrom' must be a timestamp");
  }

  @Test
  void fileProblemsAreClearExceptions() throws IOException {
    assertThatThrownBy(() -> reader.read(tmp.resolve("missing.csv"), RecordKind.HAZARDS, UTF8, good::add))
        .isInstanceOf(LoadException.class).hasMessageStartingWith("file not found: ");
    Path dir = Files.createDirectory(tmp.resolve("dir.jsonl"));
    assertThatThrownBy(() -> reader.read(dir, RecordKind.HAZARDS, UTF8, good::add))
        .isInstanceOf(LoadException.class).hasMessageEndingWith("is a directory, not a file");
    Path txt = Files.writeString(tmp.resolve("data.txt"), "eventId\n");
    assertThatThrownBy(() -> reader.read(txt, RecordKind.HAZARDS, UTF8, good::add))
        .isInstanceOf(LoadException.class).hasMessageContaining("cannot tell the format");
    Path empty = Files.writeString(tmp.resolve("empty.txt"), "");
    LoadResult r = reader.read(empty, RecordKind.HAZARDS, FileFormat.CSV, UTF8, good::add);
    assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.reason()).startsWith("the file is empty"));
  }

  @Test
  void kindsAndFormatsByName() {
    assertThat(RecordKind.fromCliName("weather")).isEqualTo(RecordKind.WEATHER);
    assertThatThrownBy(() -> RecordKind.fromCliName("alerts"))
        .hasMessage("unknown kind 'alerts'; accepted: enterprises, hazards, violations, inspections, weather, accidents, accident-duties, cases, reports, roster, "
            + "responsibilities, grids, sectors, certificates");
    assertThat(FileFormat.fromFileName(Path.of("x.NDJSON"))).contains(FileFormat.JSON_LINES);
    assertThat(FileFormat.fromName("csv")).isEqualTo(FileFormat.CSV);
  }

  private static Map<Integer, String> byLine(LoadResult r) {
    return r.errors().stream().collect(Collectors.toMap(LineError::lineNumber, LineError::reason));
  }

  @Test
  void casesWithPenaltiesFromJsonLinesAndCompactCsv() throws Exception {
    String code = "91320413MA1XXXXX0X";
    Path jsonl = Files.writeString(tmp.resolve("cases.jsonl"), """
        {"eventId":"e1","caseId":"C1","enterpriseId":"%1$s","type":"OPENED","occurredAt":"2026-07-01T09:30:00+08:00","hazardIds":["H1","H2"]}
        {"eventId":"e2","caseId":"C1","enterpriseId":"%1$s","type":"DECIDED","occurredAt":"2026-07-20T09:30:00+08:00","penalties":[{"kind":"FINE","amountYuan":50000},{"kind":"WARNING"}]}
        {"eventId":"e3","caseId":"C1","enterpriseId":"%1$s","type":"DECIDED","occurredAt":"2026-07-20T09:30:00+08:00","penalties":[{"kind":"BRIBE"}]}
        """.formatted(code), UTF8);
    LoadResult r = reader.read(jsonl, RecordKind.CASES, UTF8, good::add);
    assertThat(r.good()).isEqualTo(2);
    assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.reason()).contains("BRIBE"));
    io.fangxian.avro.CaseEvent decided = (io.fangxian.avro.CaseEvent) good.get(1).record();
    assertThat(decided.getPenalties()).extracting(p -> p.getKind().name(), p -> p.getAmountYuan())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("FINE", 50000.0), org.assertj.core.groups.Tuple.tuple("WARNING", null));
    assertThat(((io.fangxian.avro.CaseEvent) good.get(0).record()).getHazardIds()).containsExactly("H1", "H2");

    good.clear();
    Path csv = Files.writeString(tmp.resolve("cases.csv"), """
        eventId,caseId,enterpriseId,type,occurredAt,departmentId,basis,hazardIds,penalties,note
        e2,C1,%1$s,DECIDED,2026-07-20T09:30:00+08:00,yjj,安全生产法 第一百一十二条,H1;H2,FINE:50000;DAILY_FINE:10000;WARNING,
        """.formatted(code), UTF8);
    r = reader.read(csv, RecordKind.CASES, UTF8, good::add);
    assertThat(r.errors()).isEmpty();
    io.fangxian.avro.CaseEvent row = (io.fangxian.avro.CaseEvent) good.get(0).record();
    assertThat(row.getPenalties()).extracting(p -> p.getKind().name(), p -> p.getAmountYuan())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("FINE", 50000.0),
            org.assertj.core.groups.Tuple.tuple("DAILY_FINE", 10000.0), org.assertj.core.groups.Tuple.tuple("WARNING", null));
    assertThat(row.getBasis()).isEqualTo("安全生产法 第一百一十二条");
  }

  @Test
  void reportsFromJsonLinesAndCsvAreKeyedByTheirEnterpriseElseByTheReport() throws Exception {
    String code = "91320413MA1XXXXX0X";
    Path jsonl = Files.writeString(tmp.resolve("reports.jsonl"), """
        {"eventId":"r1","reportId":"R1","type":"RECEIVED","occurredAt":"2026-07-01T09:30:00+08:00","channel":"HOTLINE_12350","enterpriseId":"%1$s","townshipId":"jincheng","anonymous":true,"content":"夜间违规动火"}
        {"eventId":"r2","reportId":"R1","type":"VERIFIED","occurredAt":"2026-07-10T09:30:00+08:00","enterpriseId":"%1$s","substantiated":true,"hazardIds":["H1","H2"]}
        {"eventId":"r3","reportId":"R2","type":"RECEIVED","occurredAt":"2026-07-01T09:30:00+08:00","channel":"LETTER","townshipId":"rulin"}
        {"eventId":"r4","reportId":"R2","type":"PRAISED","occurredAt":"2026-07-01T09:30:00+08:00"}
        """.formatted(code), UTF8);
    LoadResult r = reader.read(jsonl, RecordKind.REPORTS, UTF8, good::add);
    assertThat(r.good()).isEqualTo(3);
    assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.reason()).contains("PRAISED"));
    assertThat(good).extracting(LoadedRecord::key).containsExactly(code, code, "R2");
    assertThat(((io.fangxian.avro.PublicReportEvent) good.get(1).record()).getHazardIds()).containsExactly("H1", "H2");

    good.clear();
    Path csv = Files.writeString(tmp.resolve("reports.csv"), """
        eventId,reportId,type,occurredAt,channel,enterpriseId,townshipId,anonymous,content,substantiated,hazardIds,rewardYuan
        r5,R1,REWARDED,2026-07-20T09:30:00+08:00,,%1$s,,,,,,800
        r6,R3,VERIFIED,2026-07-20T09:30:00+08:00,,,,,,true,H3;H4,
        """.formatted(code), UTF8);
    r = reader.read(csv, RecordKind.REPORTS, UTF8, good::add);
    assertThat(r.errors()).isEmpty();
    io.fangxian.avro.PublicReportEvent rewarded = (io.fangxian.avro.PublicReportEvent) good.get(0).record();
    assertThat(rewarded.getRewardYuan()).isEqualTo(800.0);
    assertThat(good.get(0).key()).isEqualTo(code);
    io.fangxian.avro.PublicReportEvent verified = (io.fangxian.avro.PublicReportEvent) good.get(1).record();
    assertThat(verified.getSubstantiated()).isTrue();
    assertThat(verified.getHazardIds()).containsExactly("H3", "H4");
    assertThat(good.get(1).key()).isEqualTo("R3");
  }
}
