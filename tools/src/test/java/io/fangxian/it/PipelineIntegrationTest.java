package io.fangxian.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fangxian.app.FangxianApp;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardEvent;
import io.fangxian.avro.PublicReportEvent;
import io.fangxian.avro.PublicReportEventType;
import io.fangxian.avro.HazardEventType;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.ViolationEvent;
import io.fangxian.avro.WeatherWarning;
import io.fangxian.config.AppConfig;
import io.fangxian.domain.CreditCode;
import io.fangxian.domain.TopicRegistry;
import io.fangxian.embedded.EmbeddedKafkaCluster;
import io.fangxian.embedded.EmbeddedSchemaRegistry;
import io.fangxian.embedded.MemoryDirs;
import io.fangxian.embedded.SharedRuntime;
import io.fangxian.generate.DataGenerator;
import io.fangxian.generate.GeneratorSink;
import io.fangxian.produce.RecordProducer;
import io.fangxian.metrics.PipelineMetrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole pipeline on a real broker and a real Apicurio registry (the test JVM's shared ones,
 * with topics of its own prefix), exactly-once: a generated data set (with resent events and
 * events for unknown enterprises) goes in, and every township's and sector's figures must equal an
 * independent computation from the same input.
 */
@Tag("integration")
@ExtendWith(SharedRuntime.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(300)
class PipelineIntegrationTest {
  static final String APP_ID = "fangxian-it";
  static final String PREFIX = APP_ID + ".";
  EmbeddedKafkaCluster kafka;
  EmbeddedSchemaRegistry registry;
  FangxianApp app;
  AppConfig settings;
  TopicRegistry topics;
  final Oracle oracle = new Oracle();
  final List<SpecificRecord> input = new ArrayList<>();
  Path state;

  @BeforeAll
  void start(EmbeddedKafkaCluster kafka, EmbeddedSchemaRegistry registry) throws Exception {
    this.kafka = kafka;
    this.registry = registry;
    try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(kafka.clientConfig())) {
      io.fangxian.app.TopicAdmin.createMissing(admin, PREFIX, 3, (short) 1);
    }
    state = MemoryDirs.create("fangxian-it-");
    settings = AppConfig.of(Map.of(
        AppConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
        AppConfig.REGISTRY_URL, registry.url(),
        AppConfig.STATE_DIR, state.toString(),
        AppConfig.TOPIC_PREFIX, PREFIX,
        AppConfig.APPLICATION_ID, APP_ID)).validate();
    topics = new TopicRegistry(PREFIX, settings.serdeSettings());
    app = new FangxianApp(settings, "127.0.0.1:0", PipelineMetrics.NONE, new Properties()).start();
  }

  @AfterAll
  void stop() throws Exception {
    if (app != null) {
      app.close();
    }
    if (kafka != null) {
      SharedRuntime.deleteTopics(kafka, PREFIX, APP_ID + "-");
    }
    MemoryDirs.delete(state);
  }

  @Test
  void everyFigureEqualsAnIndependentComputationAndBadInputIsDeadLettered() throws Exception {
    DataGenerator generator = new DataGenerator(DataGenerator.Config.defaults(Instant.now())
        .withSeed(7).withEnterprises(120).withHistoryDays(20).withDuplicateRate(0.03), collector());
    generator.emitReferenceData();
    generator.emitUntil(Instant.now());
    // Events for an enterprise nobody registered: dead letters, not counted.
    String stranger = CreditCode.generate(new SplittableRandom(99), "320413");
    input.add(HazardEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setHazardId("STRANGER-1")
        .setEnterpriseId(stranger).setType(HazardEventType.REPORTED).setSeverity(HazardSeverity.MAJOR)
        .setSource(HazardSource.PUBLIC_REPORT).setOccurredAt(Instant.now().minusSeconds(60)).build());

    // Public reports older than the generated history, so that the verification clock has run out for some.
    Enterprise named = (Enterprise) input.get(1);
    Instant longAgo = Instant.now().minus(Duration.ofDays(80));
    input.addAll(List.of(
        report("IT-R1", named, PublicReportEventType.RECEIVED, longAgo, b -> b.setTownshipId(named.getTownshipId())),
        report("IT-R1", named, PublicReportEventType.ACCEPTED, longAgo.plus(Duration.ofDays(2)), b -> { }), // overdue at 62 days
        report("IT-R2", null, PublicReportEventType.RECEIVED, longAgo, b -> b.setTownshipId("rulin")),        // never accepted: overdue at 75 days
        report("IT-R3", named, PublicReportEventType.RECEIVED, longAgo, b -> b.setTownshipId(named.getTownshipId())),
        report("IT-R3", named, PublicReportEventType.ACCEPTED, longAgo.plus(Duration.ofDays(30)), b -> { }), // accepted late: overdue at 75 days
        report("IT-R4", named, PublicReportEventType.RECEIVED, longAgo, b -> b.setTownshipId(named.getTownshipId())),
        report("IT-R4", named, PublicReportEventType.REJECTED, longAgo.plus(Duration.ofDays(1)), b -> { }),
        report("IT-R5", named, PublicReportEventType.RECEIVED, Instant.now().minus(Duration.ofDays(70)),
            b -> b.setTownshipId(named.getTownshipId())),                                                   // not yet: due at 75 days
        report("IT-R6", named, PublicReportEventType.RECEIVED, longAgo, b -> b.setTownshipId(named.getTownshipId())),
        report("IT-R6", named, PublicReportEventType.ACCEPTED, longAgo.plus(Duration.ofDays(1)), b -> { }),
        report("IT-R6", named, PublicReportEventType.VERIFIED, longAgo.plus(Duration.ofDays(9)), b -> b.setSubstantiated(true)),
        report("IT-R6", named, PublicReportEventType.REWARDED, longAgo.plus(Duration.ofDays(20)), b -> b.setRewardYuan(1_500.0))));

    try (RecordProducer producer = new RecordProducer(settings.kafkaClientSettings(), settings.serdeSettings(), PREFIX)) {
      input.forEach(producer::send);
      producer.flush();
    }
    input.forEach(oracle::accept);
    long duplicates = input.stream().filter(r -> !(r instanceof Enterprise)).count()
        - input.stream().map(PipelineIntegrationTest::eventKey).distinct().count();
    assertThat(duplicates).as("the data set resends some events").isPositive();

    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
      Instant now = Instant.now();
      assertThat(published(topics.townshipStats.name())).isEqualTo(oracle.figures(true, now));
      assertThat(published(topics.sectorStats.name())).isEqualTo(oracle.figures(false, now));
    });
    assertThat(deadLetterReasons()).containsExactly("unknown-enterprise");
    assertThat(app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
    Map<String, Oracle.Figures> byTownship = oracle.figures(true, Instant.now());
    assertThat(byTownship.values().stream().mapToLong(Oracle.Figures::reportsVerificationOverdue).sum())
        .as("the oracle's report figures are not all zero").isGreaterThanOrEqualTo(3);
    assertThat(byTownship.values().stream().mapToLong(Oracle.Figures::reportsSubstantiated).sum()).isPositive();
    assertThat(byTownship.values().stream().mapToDouble(Oracle.Figures::rewardYuan).sum()).isGreaterThanOrEqualTo(1_500.0);

    // Malformed bytes, then a good record: the bytes are dead letters, the record is counted.
    Enterprise some = (Enterprise) input.get(0);
    try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      byte[] key = some.getEnterpriseId().getBytes(StandardCharsets.UTF_8);
      raw.send(new ProducerRecord<>(topics.hazards.name(), key, "garbage".getBytes(StandardCharsets.UTF_8)));
      raw.send(new ProducerRecord<>(topics.hazards.name(), key, new byte[] {0, 0, 0, 0x7f, 0x7f, 1, 2}));
      raw.flush();
    }
    HazardEvent good = HazardEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setHazardId("AFTER-GARBAGE")
        .setEnterpriseId(some.getEnterpriseId()).setType(HazardEventType.REPORTED).setSeverity(HazardSeverity.GENERAL)
        .setSource(HazardSource.GRID_PATROL).setOccurredAt(Instant.now().minusSeconds(5)).build();
    try (RecordProducer producer = new RecordProducer(settings.kafkaClientSettings(), settings.serdeSettings(), PREFIX)) {
      producer.send(good);
      producer.flush();
    }
    oracle.accept(good);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
        assertThat(published(topics.townshipStats.name()).get(some.getTownshipId()))
            .isEqualTo(oracle.figures(true, Instant.now()).get(some.getTownshipId())));
    assertThat(deadLetterReasons()).containsExactlyInAnyOrder("unknown-enterprise", "undeserializable", "undeserializable");
    assertThat(app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
  }

  private static PublicReportEvent report(String reportId, Enterprise e, PublicReportEventType type, Instant at,
      java.util.function.Consumer<PublicReportEvent.Builder> more) {
    PublicReportEvent.Builder b = PublicReportEvent.newBuilder().setEventId(UUID.randomUUID().toString())
        .setReportId(reportId).setType(type).setOccurredAt(at).setEnterpriseId(e == null ? null : e.getEnterpriseId());
    more.accept(b);
    return b.build();
  }

  private GeneratorSink collector() {
    return input::add;
  }

  private static String eventKey(SpecificRecord r) {
    if (r instanceof HazardEvent e) {
      return "h" + e.getEventId();
    } else if (r instanceof ViolationEvent e) {
      return "v" + e.getEventId();
    } else if (r instanceof InspectionEvent e) {
      return "i" + e.getEventId();
    } else if (r instanceof WeatherWarning w) {
      return "w" + w.getEventId();
    }
    return null;
  }

  private List<String> deadLetterReasons() {
    List<String> reasons = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : TopicReader.readAll(kafka.clientConfig(), topics.deadLetters.name())) {
      reasons.add(new String(r.headers().lastHeader("fangxian.error.reason").value(), StandardCharsets.UTF_8));
    }
    return reasons;
  }

  private Map<String, Oracle.Figures> published(String topic) {
    return TopicReader.figures(kafka.clientConfig(), topics, topic);
  }

}
