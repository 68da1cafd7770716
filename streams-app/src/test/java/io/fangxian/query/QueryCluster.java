package io.fangxian.query;

import io.fangxian.app.FangxianServer;
import io.fangxian.avro.AccidentEvent;
import io.fangxian.avro.AccidentType;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardEvent;
import io.fangxian.avro.HazardEventType;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.InspectionKind;
import io.fangxian.avro.RiskLevel;
import io.fangxian.avro.Supervision;
import io.fangxian.avro.SupervisionLevel;
import io.fangxian.avro.ViolationAction;
import io.fangxian.avro.ViolationEvent;
import io.fangxian.avro.WarningLevel;
import io.fangxian.avro.WeatherKind;
import io.fangxian.avro.WeatherWarning;
import io.fangxian.config.AppConfig;
import io.fangxian.domain.CreditCode;
import io.fangxian.domain.TopicRegistry;
import io.fangxian.domain.Topics;
import io.fangxian.embedded.EmbeddedKafkaCluster;
import io.fangxian.embedded.FreePorts;
import io.fangxian.embedded.MemoryDirs;
import io.fangxian.embedded.SharedRuntime;
import io.fangxian.serde.MockSchemaRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * N app instances (same application.id) serving HTTP, on a real broker (the test JVM's shared one,
 * with topics of this cluster's own prefix) and the in-memory registry: these tests are about the
 * REST API, and the serdes over a real registry are tested elsewhere (ApicurioRegistryTest,
 * RegistryLossIntegrationTest, and in tools PipelineIntegrationTest and HostileInputTest).
 */
final class QueryCluster implements AutoCloseable {
  static final String TOKEN = "test-token-" + UUID.randomUUID();

  final EmbeddedKafkaCluster kafka;
  final String appId = "fangxian-it-" + UUID.randomUUID().toString().substring(0, 8);
  final String prefix = appId + ".";
  final String registryUrl = "mock://" + appId;
  final TopicRegistry topics;
  final List<FangxianServer> servers = new ArrayList<>();
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final KafkaProducer<String, Object> producer;
  private final SplittableRandom random = new SplittableRandom(20260701);
  private final Path stateRoot;
  private int sequence;

  QueryCluster(EmbeddedKafkaCluster kafka, int instances, Map<String, String> extra) throws Exception {
    this.kafka = kafka;
    try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(kafka.clientConfig())) {
      io.fangxian.app.TopicAdmin.createMissing(admin, prefix, 2, (short) 1);
    }
    topics = new TopicRegistry(prefix, Map.of("schema.registry.url", registryUrl));
    Map<String, Object> p = new HashMap<>(kafka.clientConfig());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    producer = new KafkaProducer<>(p, topics.enterprises.keySerde().serializer(), new AnySerializer());
    stateRoot = MemoryDirs.create("fangxian-query-it-");
    int[] ports = freePorts(instances);
    for (int i = 0; i < instances; i++) {
      Map<String, String> settings = new HashMap<>(Map.of(
          AppConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
          AppConfig.REGISTRY_URL, registryUrl,
          AppConfig.APPLICATION_ID, appId,
          AppConfig.PROCESSING_GUARANTEE, "at_least_once",
          AppConfig.STATE_DIR, stateRoot.resolve("i" + i).toString(),
          AppConfig.TOPIC_PARTITIONS, "2",
          AppConfig.HTTP_HOST, "127.0.0.1",
          AppConfig.HTTP_PORT, Integer.toString(ports[i]),
          AppConfig.HTTP_TOKEN, TOKEN,
          AppConfig.HTTP_RATE_LIMIT, "2000"));
      settings.put(AppConfig.TOPIC_PREFIX, prefix);
      settings.put("kafka.commit.interval.ms", "200");
      settings.putAll(extra);
      servers.add(FangxianServer.start(AppConfig.of(settings).validate()));
    }
  }

  /** Waits until every instance is RUNNING and knows all the others. */
  void awaitRunning(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      boolean ok = servers.stream().allMatch(s -> s.app().streams().state() == KafkaStreams.State.RUNNING
          && s.app().streams().metadataForAllStreamsClients().size() == servers.size());
      if (ok) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("instances not RUNNING in " + timeout + ": "
        + servers.stream().map(s -> s.app().streams().state()).toList());
  }

  String url(int instance) {
    return "http://127.0.0.1:" + servers.get(instance).http().port();
  }

  HttpResponse<String> get(int instance, String pathAndQuery) throws IOException, InterruptedException {
    return get(instance, pathAndQuery, TOKEN);
  }

  HttpResponse<String> post(int instance, String path, String token, String json) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(instance) + path)).timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(int instance, String pathAndQuery, String token) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(instance) + pathAndQuery)).timeout(Duration.ofSeconds(20)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  // --- records ---

  Enterprise enterprise(String township, String sector, RiskLevel risk, boolean keySupervised) throws Exception {
    Enterprise e = Enterprise.newBuilder()
        .setEnterpriseId(CreditCode.generate(random, "320413")).setName("金坛测试企业" + (++sequence) + "有限公司")
        .setTownshipId(township).setSectorId(sector).setRiskLevel(risk).setKeySupervised(keySupervised)
        .setSupervisor(keySupervised ? "王督导" : null)
        .build();
    send(topics.enterprises.name(), e.getEnterpriseId(), e);
    return e;
  }

  void report(Enterprise e, String hazardId, HazardSeverity severity, HazardSource source, Instant at, Instant deadline)
      throws Exception {
    send(topics.hazards.name(), e.getEnterpriseId(), HazardEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString()).setHazardId(hazardId).setEnterpriseId(e.getEnterpriseId())
        .setType(HazardEventType.REPORTED).setSeverity(severity).setSource(source)
        .setOccurredAt(at).setDeadline(deadline).setDescription("测试隐患 " + hazardId).build());
  }

  void step(Enterprise e, String hazardId, HazardEventType type, Instant at) throws Exception {
    send(topics.hazards.name(), e.getEnterpriseId(), HazardEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString()).setHazardId(hazardId).setEnterpriseId(e.getEnterpriseId())
        .setType(type).setOccurredAt(at).build());
  }

  void supervise(Enterprise e, String hazardId, SupervisionLevel level, Instant at) throws Exception {
    send(topics.hazards.name(), e.getEnterpriseId(), HazardEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString()).setHazardId(hazardId).setEnterpriseId(e.getEnterpriseId())
        .setType(HazardEventType.SUPERVISION_ASSIGNED).setOccurredAt(at)
        .setSupervision(Supervision.newBuilder().setLevel(level).setDepartment("区应急局").setLeader("王某").build()).build());
  }

  void violation(Enterprise e, String violationId, ViolationAction action, Double fine, Instant at) throws Exception {
    send(topics.violations.name(), e.getEnterpriseId(), ViolationEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString()).setViolationId(violationId).setEnterpriseId(e.getEnterpriseId())
        .setAction(action).setFineYuan(fine).setOccurredAt(at).build());
  }

  void inspection(Enterprise e, InspectionKind kind, Instant at) throws Exception {
    send(topics.inspections.name(), e.getEnterpriseId(), InspectionEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString()).setInspectionId("I-" + (++sequence)).setEnterpriseId(e.getEnterpriseId())
        .setKind(kind).setFindings(1).setOccurredAt(at).build());
  }

  void accident(Enterprise e, String accidentId, int deaths, int seriousInjuries, AccidentType type, Instant occurredAt,
      Instant reportedAt) throws Exception {
    send(topics.accidents.name(), e.getEnterpriseId(), AccidentEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString()).setAccidentId(accidentId).setEnterpriseId(e.getEnterpriseId())
        .setOccurredAt(occurredAt).setReportedAt(reportedAt).setDeaths(deaths).setSeriousInjuries(seriousInjuries)
        .setMinorInjuries(0).setDirectLossYuan(100_000.0).setAccidentType(type).build());
  }

  void weather(String warningId, WeatherKind kind, WarningLevel level, List<String> townships, Instant from, Instant to)
      throws Exception {
    send(topics.weatherWarnings.name(), warningId, WeatherWarning.newBuilder()
        .setEventId(UUID.randomUUID().toString()).setWarningId(warningId).setKind(kind).setLevel(level)
        .setTownshipIds(townships).setValidFrom(from).setValidTo(to).setHeadline("金坛区气象台发布" + level + "预警").build());
  }

  /** An enterprise record as given (in a grid, a park, closed...), sent. */
  Enterprise enterprise(Enterprise e) throws Exception {
    send(topics.enterprises.name(), e.getEnterpriseId(), e);
    return e;
  }

  void grid(io.fangxian.avro.Grid g) throws Exception {
    send(topics.grids.name(), g.getGridId(), g);
  }

  /** A leader of the roster (reference.roster), sent. */
  void leader(io.fangxian.avro.Leader l) throws Exception {
    send(topics.roster.name(), l.getLeaderId(), l);
  }

  /** A step of an enforcement case (safety.enforcement-cases), sent. */
  void caseStep(io.fangxian.avro.CaseEvent c) throws Exception {
    send(topics.enforcementCases.name(), c.getEnterpriseId(), c);
  }

  /** A step of a public report (safety.public-reports), keyed by its enterprise, else by its reportId, sent. */
  void reportStep(io.fangxian.avro.PublicReportEvent r) throws Exception {
    send(topics.publicReports.name(), r.getEnterpriseId() != null ? r.getEnterpriseId() : r.getReportId(), r);
  }

  void certificate(io.fangxian.avro.CertificateEvent c) throws Exception {
    send(topics.certificates.name(), c.getCertificateId(), c);
  }

  private void send(String topic, String key, Object value) throws Exception {
    producer.send(new ProducerRecord<>(topic, key, value)).get();
  }

  /** Each value with its topic's serde. */
  private final class AnySerializer implements Serializer<Object> {
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public byte[] serialize(String topic, Object data) {
      TopicRegistry.Topic t = List.of(topics.enterprises, topics.hazards, topics.violations, topics.inspections,
          topics.weatherWarnings, topics.accidents, topics.grids, topics.certificates, topics.roster, topics.enforcementCases,
          topics.publicReports)
          .stream()
          .filter(x -> x.name().equals(topic)).findFirst().orElseThrow();
      return t.valueSerde().serializer().serialize(topic, data);
    }
  }

  static int[] freePorts(int n) throws IOException {
    return FreePorts.pick(n);
  }

  @Override
  public void close() {
    for (FangxianServer s : servers) {
      try {
        s.close();
      } catch (RuntimeException e) {
        // keep closing the rest
      }
    }
    producer.close(Duration.ofSeconds(5));
    MockSchemaRegistry.dropScope(appId);
    SharedRuntime.deleteTopics(kafka, prefix, appId + "-"); // its own and its application's internal topics
    MemoryDirs.delete(stateRoot);
  }
}
