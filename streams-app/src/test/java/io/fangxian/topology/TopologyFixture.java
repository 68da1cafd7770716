package io.fangxian.topology;

import io.fangxian.app.StreamsSettings;
import io.fangxian.avro.AccidentDuty;
import io.fangxian.avro.AccidentEvent;
import io.fangxian.avro.AccidentType;
import io.fangxian.avro.Alert;
import io.fangxian.avro.AlertAction;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardEvent;
import io.fangxian.avro.HazardEventType;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.InspectionKind;
import io.fangxian.avro.Leader;
import io.fangxian.avro.Responsibility;
import io.fangxian.avro.RiskLevel;
import io.fangxian.avro.ViolationAction;
import io.fangxian.avro.ViolationEvent;
import io.fangxian.avro.WarningLevel;
import io.fangxian.avro.WeatherKind;
import io.fangxian.avro.WeatherWarning;
import io.fangxian.config.AppConfig;
import io.fangxian.config.PipelineConfig;
import io.fangxian.config.RulesConfig;
import io.fangxian.domain.CreditCode;
import io.fangxian.domain.ReferenceData;
import io.fangxian.domain.TopicRegistry;
import io.fangxian.embedded.MemoryDirs;
import io.fangxian.metrics.PipelineMetrics;
import io.fangxian.rules.AlertSignals;
import io.fangxian.serde.MockSchemaRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** A TopologyTestDriver on the real topology with a mock registry scope of its own. */
public final class TopologyFixture implements AutoCloseable {
  public static final Instant START = Instant.parse("2026-07-01T02:00:00Z"); // 10:00 in Shanghai
  /** The drivers' state stores, in memory where the machine allows (see MemoryDirs). */
  static final Path STATE_DIR = MemoryDirs.root().resolve("fangxian-topology-tests");

  final String scope = "topology-" + UUID.randomUUID();
  final Map<String, Object> serdeConfig = Map.of("schema.registry.url", "mock://" + scope);
  final PipelineConfig config;
  final ReferenceData reference = ReferenceData.load();
  final TopicRegistry topics;
  final TopologyTestDriver driver;
  final TestInputTopic<String, Enterprise> enterprises;
  final TestInputTopic<String, HazardEvent> hazards;
  final TestInputTopic<String, ViolationEvent> violations;
  final TestInputTopic<String, InspectionEvent> inspections;
  final TestInputTopic<String, WeatherWarning> weather;
  final TestInputTopic<String, AccidentEvent> accidents;
  final TestInputTopic<String, AccidentDuty> accidentDuties;
  final TestInputTopic<String, AlertAction> alertActions;
  final TestInputTopic<String, Leader> roster;
  final TestInputTopic<String, Responsibility> responsibilities;
  final TestInputTopic<String, io.fangxian.avro.Grid> grids;
  final TestInputTopic<String, io.fangxian.avro.CertificateEvent> certificates;
  final TestInputTopic<String, io.fangxian.avro.CaseEvent> cases;
  final TestInputTopic<String, io.fangxian.avro.PublicReportEvent> reports;
  final TestOutputTopic<String, io.fangxian.avro.AreaStats> gridStats;
  final TestOutputTopic<String, io.fangxian.avro.AreaStats> parkStats;
  final TestInputTopic<byte[], byte[]> rawHazards;
  final TestOutputTopic<String, Alert> alerts;
  final TestOutputTopic<String, io.fangxian.avro.AreaStats> townshipStats;
  final TestOutputTopic<String, io.fangxian.avro.AreaStats> sectorStats;
  final TestOutputTopic<String, io.fangxian.avro.HazardState> ledger;
  final TestOutputTopic<byte[], byte[]> deadLetters;
  private final SplittableRandom random = new SplittableRandom(7);
  private int sequence;

  TopologyFixture() {
    this(PipelineConfig.defaults());
  }

  TopologyFixture(PipelineConfig config) {
    this(config, RulesConfig.defaults());
  }

  TopologyFixture(PipelineConfig config, RulesConfig rules) {
    this.config = config;
    topics = new TopicRegistry(config.topicPrefix(), serdeConfig);
    Properties props = streamsSettings(scope, config);
    driver = new TopologyTestDriver(FangxianTopology.build(config, rules, topics, reference, PipelineMetrics.NONE, props),
        props, START);
    enterprises = input(topics.enterprises);
    hazards = input(topics.hazards);
    violations = input(topics.violations);
    inspections = input(topics.inspections);
    weather = input(topics.weatherWarnings);
    accidents = input(topics.accidents);
    accidentDuties = input(topics.accidentDuties);
    alertActions = input(topics.alertActions);
    roster = input(topics.roster);
    responsibilities = input(topics.responsibilities);
    grids = input(topics.grids);
    certificates = input(topics.certificates);
    cases = input(topics.enforcementCases);
    reports = input(topics.publicReports);
    gridStats = output(topics.gridStats);
    parkStats = output(topics.parkStats);
    alerts = output(topics.alerts);
    rawHazards = driver.createInputTopic(topics.hazards.name(), Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
    townshipStats = output(topics.townshipStats);
    sectorStats = output(topics.sectorStats);
    ledger = output(topics.hazardLedger);
    deadLetters = driver.createOutputTopic(topics.deadLetters.name(), Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
  }

  /**
   * The production settings ({@link StreamsSettings}: the dead-letter handlers, the naming check),
   * for an application id and registry scope of the test's own, at least once. Under exactly-once
   * the test driver loses the dead letter of a record that cannot be deserialized: that record is
   * never processed, so no commit follows its send, and the driver's MockProducer.clear() drops the
   * sends of the open transaction when it collects the output. Exactly-once is tested against real
   * brokers (PipelineIntegrationTest, HostileInputTest).
   */
  public static Properties streamsSettings(String scope, PipelineConfig config) {
    AppConfig app = AppConfig.of(Map.of(
        AppConfig.APPLICATION_ID, "fangxian-test-" + scope,
        AppConfig.BOOTSTRAP_SERVERS, "unused:9092",
        AppConfig.REGISTRY_URL, "mock://" + scope,
        AppConfig.TOPIC_PREFIX, config.topicPrefix(),
        AppConfig.STATE_DIR, STATE_DIR.toString(), // the driver deletes its application's state on close
        AppConfig.PROCESSING_GUARANTEE, "at_least_once"));
    return StreamsSettings.of(app, new TopicRegistry(config.topicPrefix(), app.serdeSettings()), "localhost:8080");
  }

  private <V> TestInputTopic<String, V> input(TopicRegistry.Topic<String, V> topic) {
    return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer(), START, Duration.ZERO);
  }

  private <V> TestOutputTopic<String, V> output(TopicRegistry.Topic<String, V> topic) {
    return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
  }

  Instant now() {
    return START.plusMillis(elapsedMs);
  }

  private long elapsedMs;

  void advance(Duration d) {
    elapsedMs += d.toMillis();
    driver.advanceWallClockTime(d);
  }

  /** Lets the enterprise partitions send their summed count changes on to the areas. */
  void flushAreaCounts() {
    advance(config.statsPublishInterval().dividedBy(2));
  }

  /** Lets the summed count changes reach the areas, then the stats punctuation publish what changed. */
  void publish() {
    flushAreaCounts();
    advance(config.statsPublishInterval());
  }

  String newCode() {
    return CreditCode.generate(random, "320413");
  }

  Enterprise enterprise(String township, String sector) {
    return enterprise(Enterprise.newBuilder()
        .setEnterpriseId(newCode()).setName("江苏测试企业" + (++sequence) + "有限公司")
        .setTownshipId(township).setSectorId(sector).setRiskLevel(RiskLevel.YELLOW)
        .build());
  }

  Enterprise enterprise(Enterprise e) {
    enterprises.pipeInput(e.getEnterpriseId(), e);
    return e;
  }

  WeatherWarning warning(String id, WarningLevel level, List<String> townships, Instant from, Instant to) {
    WeatherWarning w = WeatherWarning.newBuilder().setEventId(UUID.randomUUID().toString()).setWarningId(id)
        .setKind(level == WarningLevel.BLUE ? WeatherKind.HEAVY_RAIN : WeatherKind.HIGH_TEMPERATURE).setLevel(level).setTownshipIds(townships)
        .setValidFrom(from).setValidTo(to).build();
    weather.pipeInput(id, w);
    return w;
  }

  /**
   * Alerts published since the last call, as the rules published them: records that only move an
   * alert up the handling chain (the clock passed a 签收 or 反馈 limit) are left out here and tested
   * in {@code AlertHandlingTest}.
   */
  List<Alert> newAlerts() {
    return alerts.readValuesToList().stream()
        .filter(a -> a.getHandling() == null || a.getHandling().getEscalatedTo() == null)
        .filter(a -> !STANDING_RULES.contains(a.getRule())).toList();
  }

  /**
   * The rules of coverage and certificates speak of every enterprise the tests list (a key-area one
   * without certificates fires): they are left out of {@link #newAlerts()} and read here, in
   * {@code EnterpriseStandingTest}.
   */
  static final java.util.Set<String> STANDING_RULES = java.util.Set.of(AlertSignals.COVERAGE_GAP,
      AlertSignals.CERTIFICATE_NONCOMPLIANT, AlertSignals.CERTIFICATE_EXPIRY, AlertSignals.CERTIFICATE_REVIEW);

  List<Alert> newStandingAlerts() {
    return alerts.readValuesToList().stream()
        .filter(a -> a.getHandling() == null || a.getHandling().getEscalatedTo() == null)
        .filter(a -> STANDING_RULES.contains(a.getRule())).toList();
  }

  HazardEvent report(Enterprise e, String hazardId, HazardSeverity severity, HazardSource source, Instant at, Instant deadline) {
    HazardEvent h = HazardEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString()).setHazardId(hazardId).setEnterpriseId(e.getEnterpriseId())
        .setType(HazardEventType.REPORTED).setSeverity(severity).setSource(source)
        .setOccurredAt(at).setDeadline(deadline).build();
    hazards.pipeInput(e.getEnterpriseId(), h);
    return h;
  }

  HazardEvent step(Enterprise e, String hazardId, HazardEventType type, Instant at) {
    HazardEvent h = HazardEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString()).setHazardId(hazardId).setEnterpriseId(e.getEnterpriseId())
        .setType(type).setOccurredAt(at).build();
    hazards.pipeInput(e.getEnterpriseId(), h);
    return h;
  }

  HazardEvent extend(Enterprise e, String hazardId, Instant newDeadline, Instant at) {
    HazardEvent h = HazardEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString()).setHazardId(hazardId).setEnterpriseId(e.getEnterpriseId())
        .setType(HazardEventType.DEADLINE_EXTENDED).setDeadline(newDeadline).setOccurredAt(at).build();
    hazards.pipeInput(e.getEnterpriseId(), h);
    return h;
  }

  ViolationEvent violation(Enterprise e, ViolationAction action, Double fine, Instant at) {
    ViolationEvent v = ViolationEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString()).setViolationId("V-" + (++sequence)).setEnterpriseId(e.getEnterpriseId())
        .setAction(action).setFineYuan(fine).setOccurredAt(at).build();
    violations.pipeInput(e.getEnterpriseId(), v);
    return v;
  }

  InspectionEvent inspection(Enterprise e, InspectionKind kind, Instant at) {
    InspectionEvent i = InspectionEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString()).setInspectionId("I-" + (++sequence)).setEnterpriseId(e.getEnterpriseId())
        .setKind(kind).setFindings(1).setOccurredAt(at).build();
    inspections.pipeInput(e.getEnterpriseId(), i);
    return i;
  }

  /** An inspection by a named unit (township, department or grid), sent. */
  InspectionEvent inspection(Enterprise e, InspectionKind kind, Instant at, String unitId) {
    InspectionEvent i = InspectionEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString()).setInspectionId("I-" + (++sequence)).setEnterpriseId(e.getEnterpriseId())
        .setKind(kind).setFindings(1).setOccurredAt(at).setUnitId(unitId).build();
    inspections.pipeInput(e.getEnterpriseId(), i);
    return i;
  }

  /** A hazard reported as found by a named inspection, sent. */
  HazardEvent reportFoundBy(String inspectionId, Enterprise e, String hazardId, HazardSeverity severity,
      HazardSource source, Instant at) {
    HazardEvent h = HazardEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString()).setHazardId(hazardId).setEnterpriseId(e.getEnterpriseId())
        .setType(HazardEventType.REPORTED).setSeverity(severity).setSource(source)
        .setOccurredAt(at).setDeadline(at.plus(Duration.ofDays(30))).setInspectionId(inspectionId).build();
    hazards.pipeInput(e.getEnterpriseId(), h);
    return h;
  }

  /** An accident (or, with an accidentId already sent, its correction) with a new eventId, sent. */
  AccidentEvent accident(Enterprise e, String accidentId, int deaths, int seriousInjuries, double lossYuan,
      AccidentType type, Instant occurredAt, Instant reportedAt) {
    AccidentEvent a = AccidentEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString()).setAccidentId(accidentId).setEnterpriseId(e.getEnterpriseId())
        .setOccurredAt(occurredAt).setReportedAt(reportedAt)
        .setDeaths(deaths).setSeriousInjuries(seriousInjuries).setMinorInjuries(0).setDirectLossYuan(lossYuan)
        .setAccidentType(type).build();
    accidents.pipeInput(e.getEnterpriseId(), a);
    return a;
  }

  /** A step of an enforcement case with a new eventId, sent under its enterprise. */
  io.fangxian.avro.CaseEvent caseStep(Enterprise e, String caseId, io.fangxian.avro.CaseEventType type, Instant at,
      List<String> hazardIds, List<io.fangxian.avro.Penalty> penalties) {
    io.fangxian.avro.CaseEvent c = io.fangxian.avro.CaseEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString()).setCaseId(caseId).setEnterpriseId(e.getEnterpriseId())
        .setType(type).setOccurredAt(at).setDepartmentId("yjj").setHazardIds(hazardIds).setPenalties(penalties).build();
    cases.pipeInput(e.getEnterpriseId(), c);
    return c;
  }

  /** An accident as built, sent under its enterprise. */
  AccidentEvent accident(AccidentEvent a) {
    accidents.pipeInput(a.getEnterpriseId(), a);
    return a;
  }

  /** The last published figures for each key. */
  static <V> Map<String, V> latest(TestOutputTopic<String, V> topic) {
    return topic.readKeyValuesToMap();
  }

  @Override
  public void close() {
    driver.close();
    MockSchemaRegistry.dropScope(scope);
  }
}
