package io.fangxian.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fangxian.app.FangxianApp;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardEvent;
import io.fangxian.avro.HazardEventType;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.ViolationAction;
import io.fangxian.avro.ViolationEvent;
import io.fangxian.avro.WeatherWarning;
import io.fangxian.config.AppConfig;
import io.fangxian.domain.CreditCode;
import io.fangxian.domain.TopicRegistry;
import io.fangxian.domain.Topics;
import io.fangxian.embedded.EmbeddedKafkaCluster;
import io.fangxian.embedded.EmbeddedSchemaRegistry;
import io.fangxian.embedded.MemoryDirs;
import io.fangxian.embedded.SharedRuntime;
import io.fangxian.generate.DataGenerator;
import io.fangxian.generate.GeneratorSink;
import io.fangxian.it.Oracle;
import io.fangxian.it.TopicReader;
import io.fangxian.produce.RecordProducer;
import io.fangxian.serde.SchemaRegistryClients;
import io.fangxian.serde.SpecificAvroSerializer;
import io.fangxian.serde.WireFormat;
import io.fangxian.metrics.PipelineMetrics;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Thousands of malformed records interleaved with a good data set, exactly-once, on a real broker
 * and registry (the test JVM's shared ones): every bad record becomes exactly one dead letter with
 * a reason header, the application never stops or replaces its thread, and every good record is
 * counted (the figures equal an independent computation from the good input alone).
 */
@Tag("integration")
@ExtendWith(SharedRuntime.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(400)
class HostileInputTest {
  static final String KIND = "test.hostile.kind";
  static final int EIGHT_MB = 8 * 1024 * 1024;
  static final String APP_ID = "fangxian-hostile";
  /** The test JVM's broker and registry are shared: this test's topics have a prefix of their own. */
  static final String PREFIX = APP_ID + ".";

  EmbeddedKafkaCluster kafka;
  EmbeddedSchemaRegistry registry;
  FangxianApp app;
  AppConfig settings;
  TopicRegistry topics;
  Path state;
  final List<String> transitions = new CopyOnWriteArrayList<>();

  @BeforeAll
  void start(EmbeddedKafkaCluster kafka, EmbeddedSchemaRegistry registry) throws Exception {
    this.kafka = kafka;
    this.registry = registry;
    // Records of megabytes must get in (and their dead letters out): raise the limit on those topics.
    try (Admin admin = Admin.create(kafka.clientConfig())) {
      admin.createTopics(List.of(
          new NewTopic(PREFIX + Topics.HAZARDS, 3, (short) 1).configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "" + EIGHT_MB)),
          new NewTopic(PREFIX + Topics.DEAD_LETTERS, 3, (short) 1).configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "" + EIGHT_MB))))
          .all().get();
    }
    try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(kafka.clientConfig())) {
      io.fangxian.app.TopicAdmin.createMissing(admin, PREFIX, 3, (short) 1);
    }
    state = MemoryDirs.create("fangxian-hostile-");
    settings = AppConfig.of(Map.of(
        AppConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
        AppConfig.REGISTRY_URL, registry.url(),
        AppConfig.STATE_DIR, state.toString(),
        AppConfig.TOPIC_PREFIX, PREFIX,
        AppConfig.APPLICATION_ID, APP_ID)).validate();
    topics = new TopicRegistry(PREFIX, settings.serdeSettings());
    app = new FangxianApp(settings, "127.0.0.1:0", PipelineMetrics.NONE, new Properties());
    app.streams().setStateListener((now, before) -> transitions.add(before + "->" + now));
    app.start();
    await().atMost(Duration.ofSeconds(60)).until(() -> app.streams().state() == KafkaStreams.State.RUNNING);
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.close();
    }
    if (kafka != null) {
      SharedRuntime.deleteTopics(kafka, PREFIX, APP_ID + "-");
    }
    MemoryDirs.delete(state);
  }

  @Test
  void everyBadRecordIsADeadLetterWithAReasonAndEveryGoodOneIsCounted() throws Exception {
    Set<String> threadsBefore = threadNames();
    List<SpecificRecord> good = new ArrayList<>();
    DataGenerator generator = new DataGenerator(DataGenerator.Config.defaults(Instant.now())
        .withSeed(11).withEnterprises(100).withHistoryDays(10).withDuplicateRate(0.02).withScenarios(false), collector(good));
    generator.emitReferenceData();
    generator.emitUntil(Instant.now());
    Oracle oracle = new Oracle();
    good.forEach(oracle::accept);
    List<String> known = good.stream().filter(r -> r instanceof Enterprise).map(r -> ((Enterprise) r).getEnterpriseId()).toList();

    Hostile hostile = new Hostile(known);
    Map<String, Integer> sentByKind = new TreeMap<>();
    Map<String, Object> rawProps = new HashMap<>(kafka.clientConfig());
    rawProps.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, EIGHT_MB);
    rawProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    rawProps.put(ProducerConfig.ACKS_CONFIG, "all");
    SplittableRandom rnd = new SplittableRandom(5);
    try (RecordProducer producer = new RecordProducer(settings.kafkaClientSettings(), settings.serdeSettings(), PREFIX);
         KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(rawProps, new ByteArraySerializer(), new ByteArraySerializer())) {
      int enterprises = known.size();
      for (int i = 0; i < good.size(); i++) {
        producer.send(good.get(i));
        // After the reference data, five bad records per good one on average, of every kind in turn.
        if (i >= enterprises) {
          int n = rnd.nextInt(11);
          for (int k = 0; k < n; k++) {
            Hostile.Bad bad = hostile.next(rnd);
            RecordHeaders headers = new RecordHeaders();
            headers.add(KIND, bad.kind().getBytes(StandardCharsets.UTF_8));
            raw.send(new ProducerRecord<>(PREFIX + bad.topic(), null, bad.key(), bad.value(), headers));
            sentByKind.merge(bad.kind(), 1, Integer::sum);
          }
        }
      }
      producer.flush();
      raw.flush();
    }
    int badTotal = sentByKind.values().stream().mapToInt(Integer::intValue).sum();
    assertThat(badTotal).as("bad records sent").isGreaterThan(2000);
    assertThat(sentByKind).containsKeys(Hostile.KINDS.keySet().toArray(String[]::new));

    await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
      assertThat(readAll(topics.deadLetters.name()).size()).isGreaterThanOrEqualTo(badTotal);
      Instant now = Instant.now();
      assertThat(published(topics.townshipStats.name())).isEqualTo(oracle.figures(true, now));
      assertThat(published(topics.sectorStats.name())).isEqualTo(oracle.figures(false, now));
    });

    List<ConsumerRecord<byte[], byte[]>> dead = readAll(topics.deadLetters.name());
    assertThat(dead).as("one dead letter per bad record, none for good ones").hasSize(badTotal);
    Map<String, Map<String, Long>> reasonsByKind = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : dead) {
      var reason = r.headers().lastHeader("fangxian.error.reason");
      assertThat(reason).as("reason header").isNotNull();
      var kind = r.headers().lastHeader(KIND);
      assertThat(kind).as("original headers kept").isNotNull();
      reasonsByKind.computeIfAbsent(new String(kind.value(), StandardCharsets.UTF_8), k -> new TreeMap<>())
          .merge(new String(reason.value(), StandardCharsets.UTF_8), 1L, Long::sum);
    }
    Map<String, Long> counted = reasonsByKind.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
        e -> e.getValue().values().stream().mapToLong(Long::longValue).sum(), (a, b) -> a, TreeMap::new));
    assertThat(counted).isEqualTo(sentByKind.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
        e -> (long) e.getValue(), (a, b) -> a, TreeMap::new)));
    reasonsByKind.forEach((kind, reasons) ->
        assertThat(reasons.keySet()).as("reasons for " + kind).containsOnly(Hostile.KINDS.get(kind)));

    assertThat(app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
    assertThat(transitions).as("state changes after start").containsExactly("CREATED->REBALANCING", "REBALANCING->RUNNING");
    assertThat(threadNames()).as("no stream thread replaced").isEqualTo(threadsBefore);
  }

  private Set<String> threadNames() {
    return app.streams().metadataForLocalThreads().stream().map(ThreadMetadata::threadName).collect(Collectors.toSet());
  }

  /** The bad records, one kind after another. */
  final class Hostile {
    record Bad(String kind, String topic, byte[] key, byte[] value) { }

    /** Each kind and the reason its dead letter must give. */
    static final Map<String, String> KINDS = new TreeMap<>(Map.ofEntries(
        Map.entry("random-bytes", "undeserializable"),
        Map.entry("wrong-magic-byte", "undeserializable"),
        Map.entry("unknown-schema-id", "undeserializable"),
        Map.entry("wrong-schema", "undeserializable"),
        Map.entry("missing-required-field", "undeserializable"),
        Map.entry("null-value", "missing-field"),
        Map.entry("empty-ids", "missing-field"),
        Map.entry("time-too-old", "event-time-too-old"),
        Map.entry("time-in-future", "event-time-in-future"),
        Map.entry("megabyte-string", "invalid-field"),
        Map.entry("invalid-enterprise-code", "invalid-enterprise-code"),
        Map.entry("key-mismatch", "key-mismatch"),
        Map.entry("unknown-enterprise", "unknown-enterprise")));
    final List<String> order = new ArrayList<>(KINDS.keySet());
    final List<String> known;
    final SpecificAvroSerializer<SpecificRecord> serializer = new SpecificAvroSerializer<>();
    final int junkSchemaId;
    final Schema junkSchema;
    int i;
    int megabytes;

    Hostile(List<String> known) throws Exception {
      this.known = known;
      serializer.configure(settings.serdeSettings(), false);
      // A HazardEvent schema without the required eventId, registered under a subject of its own.
      junkSchema = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"HazardEvent\",\"namespace\":\"io.fangxian.avro\","
          + "\"fields\":[{\"name\":\"hazardId\",\"type\":\"string\"},{\"name\":\"enterpriseId\",\"type\":\"string\"}]}");
      junkSchemaId = SchemaRegistryClients.create(settings.serdeSettings()).register("hostile-junk-value", junkSchema);
    }

    Bad next(SplittableRandom rnd) throws Exception {
      String kind = order.get(i++ % order.size());
      String enterprise = known.get(rnd.nextInt(known.size()));
      byte[] key = enterprise.getBytes(StandardCharsets.UTF_8);
      HazardEvent ok = hazard(enterprise, Instant.now().minusSeconds(30));
      return switch (kind) {
        case "random-bytes" -> {
          byte[] b = new byte[rnd.nextInt(300)];
          for (int j = 0; j < b.length; j++) {
            b[j] = (byte) rnd.nextInt(256);
          }
          if (b.length > 0 && b[0] == 0) {
            b[0] = 7;
          }
          yield new Bad(kind, Topics.HAZARDS, key, b);
        }
        case "wrong-magic-byte" -> {
          byte[] b = serializer.serialize(Topics.HAZARDS, ok);
          b[0] = 1;
          yield new Bad(kind, Topics.HAZARDS, key, b);
        }
        case "unknown-schema-id" -> {
          byte[] b = serializer.serialize(Topics.HAZARDS, ok);
          System.arraycopy(WireFormat.header(987_654), 0, b, 0, WireFormat.HEADER_SIZE);
          yield new Bad(kind, Topics.HAZARDS, key, b);
        }
        case "wrong-schema" -> {
          ViolationEvent v = ViolationEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setViolationId("V-" + i)
              .setEnterpriseId(enterprise).setAction(ViolationAction.WARNING).setOccurredAt(Instant.now().minusSeconds(30)).build();
          // A valid ViolationEvent, with its registered id, on the hazards topic.
          yield new Bad(kind, Topics.HAZARDS, key, serializer.serialize(Topics.VIOLATIONS, v));
        }
        case "missing-required-field" -> {
          GenericRecord g = new GenericData.Record(junkSchema);
          g.put("hazardId", "H-JUNK-" + i);
          g.put("enterpriseId", enterprise);
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          out.writeBytes(WireFormat.header(junkSchemaId));
          BinaryEncoder enc = EncoderFactory.get().directBinaryEncoder(out, null);
          new GenericDatumWriter<GenericRecord>(junkSchema).write(g, enc);
          enc.flush();
          yield new Bad(kind, Topics.HAZARDS, key, out.toByteArray());
        }
        case "null-value" -> new Bad(kind, Topics.INSPECTIONS, key, null);
        case "empty-ids" -> {
          ok.setEventId(i % 2 == 0 ? "" : "   ");
          yield new Bad(kind, Topics.HAZARDS, key, serializer.serialize(Topics.HAZARDS, ok));
        }
        case "time-too-old" -> {
          ok.setOccurredAt(i % 2 == 0 ? Instant.ofEpochMilli(0) : Instant.ofEpochMilli(Long.MIN_VALUE / 2));
          yield new Bad(kind, Topics.HAZARDS, key, serializer.serialize(Topics.HAZARDS, ok));
        }
        case "time-in-future" -> {
          ok.setOccurredAt(i % 2 == 0 ? Instant.parse("2999-01-01T00:00:00Z") : Instant.ofEpochMilli(Long.MAX_VALUE / 2));
          yield new Bad(kind, Topics.HAZARDS, key, serializer.serialize(Topics.HAZARDS, ok));
        }
        case "megabyte-string" -> {
          // A few records of megabytes; the rest of this kind are merely too long (100 kB).
          int size = megabytes++ < 4 ? 2 * 1024 * 1024 + rnd.nextInt(1000) : 100_000;
          ok.setDescription("隐".repeat(size / 3));
          yield new Bad(kind, Topics.HAZARDS, key, serializer.serialize(Topics.HAZARDS, ok));
        }
        case "invalid-enterprise-code" -> {
          String bad = switch (i % 3) {
            case 0 -> enterprise.substring(0, 17) + (enterprise.charAt(17) == '0' ? '1' : '0'); // wrong check character
            case 1 -> "not-a-credit-code";
            default -> "9132041" + "X".repeat(11);
          };
          ok.setEnterpriseId(bad);
          yield new Bad(kind, Topics.HAZARDS, bad.getBytes(StandardCharsets.UTF_8), serializer.serialize(Topics.HAZARDS, ok));
        }
        case "key-mismatch" -> {
          String other = known.get((known.indexOf(enterprise) + 1) % known.size());
          yield new Bad(kind, Topics.HAZARDS, other.getBytes(StandardCharsets.UTF_8), serializer.serialize(Topics.HAZARDS, ok));
        }
        case "unknown-enterprise" -> {
          String stranger = CreditCode.generate(rnd, "320413");
          ok.setEnterpriseId(stranger);
          yield new Bad(kind, Topics.HAZARDS, stranger.getBytes(StandardCharsets.UTF_8), serializer.serialize(Topics.HAZARDS, ok));
        }
        default -> throw new IllegalStateException(kind);
      };
    }

    HazardEvent hazard(String enterprise, Instant at) {
      return HazardEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setHazardId("HOSTILE-" + i)
          .setEnterpriseId(enterprise).setType(HazardEventType.REPORTED).setSeverity(HazardSeverity.GENERAL)
          .setSource(HazardSource.GRID_PATROL).setOccurredAt(at).build();
    }
  }

  static GeneratorSink collector(List<SpecificRecord> into) {
    return into::add;
  }

  private Map<String, Oracle.Figures> published(String topic) {
    return TopicReader.figures(kafka.clientConfig(), topics, topic);
  }

  private List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
    return TopicReader.readAll(kafka.clientConfig(), topic);
  }
}
