package io.fangxian.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fangxian.app.TopicAdmin;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardEvent;
import io.fangxian.avro.HazardEventType;
import io.fangxian.avro.HazardState;
import io.fangxian.config.AppConfig;
import io.fangxian.domain.TopicRegistry;
import io.fangxian.domain.Topics;
import io.fangxian.embedded.EmbeddedKafkaCluster;
import io.fangxian.embedded.EmbeddedRuntime;
import io.fangxian.embedded.EmbeddedSchemaRegistry;
import io.fangxian.embedded.MemoryDirs;
import io.fangxian.generate.DataGenerator;
import io.fangxian.it.Oracle;
import io.fangxian.it.TopicReader;
import io.fangxian.produce.RecordProducer;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Crashes while events flow, on a real three-broker KRaft cluster (replication factor 3,
 * min.insync.replicas 2) with two application instances (exactly_once_v2, one standby replica,
 * their own state dirs, one application.id). Each instance is a child JVM running
 * {@code fangxian run --config FILE}; a crash is {@code kill -9} ({@link Process#destroyForcibly()}),
 * after which the instance is started again on the same state dir. One broker is also stopped and
 * started again mid-stream. At the end the figures and the ledger must equal an independent
 * computation from the input: nothing lost, nothing counted twice.
 */
@Tag("reliability")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(900)
class CrashRestartTest {
  static final String APP_ID = "fangxian-crash";

  EmbeddedKafkaCluster kafka;
  EmbeddedSchemaRegistry registry;
  EmbeddedRuntime runtime;
  Path dir;
  TopicRegistry topics;
  AppConfig settings;
  final Instance[] instances = new Instance[2];
  final List<String> chaosLog = new ArrayList<>();

  /** One application instance as a child JVM. */
  final class Instance {
    final int n;
    final Path config;
    final Path log;
    Process process;
    int starts;

    Instance(int n) throws IOException {
      this.n = n;
      this.config = dir.resolve("instance-" + n + ".properties");
      this.log = dir.resolve("instance-" + n + ".log");
      Properties p = new Properties();
      p.setProperty(AppConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
      p.setProperty(AppConfig.REGISTRY_URL, registry.url());
      p.setProperty(AppConfig.APPLICATION_ID, APP_ID);
      p.setProperty(AppConfig.PROCESSING_GUARANTEE, "exactly_once_v2");
      p.setProperty(AppConfig.REPLICATION_FACTOR, "3");
      p.setProperty(AppConfig.STANDBY_REPLICAS, "1");
      p.setProperty(AppConfig.TOPIC_PARTITIONS, "3");
      p.setProperty(AppConfig.STATE_DIR, dir.resolve("state-" + n).toString());
      p.setProperty(AppConfig.HTTP_PORT, Integer.toString(18480 + n));
      // A killed member is noticed after its session times out: 10 s rather than 45 s.
      p.setProperty("kafka.session.timeout.ms", "10000");
      p.setProperty("kafka.heartbeat.interval.ms", "2000");
      try (Writer w = Files.newBufferedWriter(config)) {
        p.store(w, "instance " + n);
      }
    }

    void start() throws IOException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      // Its temp directory in the test's: RocksDB unpacks its native library there at each start, and
      // a killed JVM leaves it behind.
      ProcessBuilder pb = new ProcessBuilder(java, "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
          "-Djava.io.tmpdir=" + dir, "-cp", cp, "io.fangxian.cli.Main", "run", "--config", config.toString());
      pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      process = pb.start();
      starts++;
      chaos("started instance " + n + " (pid " + process.pid() + ")");
    }

    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
      chaos("kill -9 instance " + n + " (pid " + process.pid() + ")");
    }
  }

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("fangxian-crash");
    runtime = EmbeddedRuntime.start(EmbeddedKafkaCluster.builder().brokers(3), EmbeddedSchemaRegistry.builder());
    kafka = runtime.kafka();
    registry = runtime.registry();
    try (Admin admin = Admin.create(kafka.clientConfig())) {
      TopicAdmin.createMissing(admin, "", 3, (short) 3);
    }
    settings = AppConfig.of(Map.of(AppConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers(), AppConfig.REGISTRY_URL, registry.url()));
    topics = new TopicRegistry("", settings.serdeSettings());
    for (int i = 0; i < 2; i++) {
      instances[i] = new Instance(i);
      instances[i].start();
    }
  }

  @AfterAll
  void stop() throws Exception {
    for (Instance i : instances) {
      if (i != null && i.process != null) {
        i.kill();
      }
    }
    if (runtime != null) {
      runtime.close();
    }
    // The instances' logs stay beside the test reports; their state (over a GB) goes.
    MemoryDirs.deleteKeepingLogs(dir, "CrashRestartTest", Arrays.stream(instances).filter(Objects::nonNull)
        .map(i -> i.log.getFileName().toString()).toArray(String[]::new));
  }

  @Test
  void killsAndABrokerRestartLoseNothingAndCountNothingTwice() throws Exception {
    List<SpecificRecord> input = new ArrayList<>();
    DataGenerator generator = new DataGenerator(DataGenerator.Config.defaults(Instant.now())
        .withSeed(23).withEnterprises(150).withHistoryDays(15).withDuplicateRate(0.03).withScenarios(false),
        HostileInputTest.collector(input));
    generator.emitReferenceData();
    generator.emitUntil(Instant.now());
    Oracle oracle = new Oracle();
    input.forEach(oracle::accept);

    // Events flow for about 80 s while instances are killed and a broker stops.
    AtomicReference<Throwable> producerFailure = new AtomicReference<>();
    Thread feeder = new Thread(() -> {
      try (RecordProducer producer = new RecordProducer(settings.kafkaClientSettings(), settings.serdeSettings(), "")) {
        int perTick = Math.max(1, input.size() / 160);
        for (int i = 0; i < input.size(); i++) {
          producer.send(input.get(i));
          if (i % perTick == perTick - 1) {
            Thread.sleep(500);
          }
        }
        producer.flush();
      } catch (Throwable e) {
        producerFailure.set(e);
      }
    }, "feeder");
    long t0 = System.nanoTime();
    feeder.start();

    sleepUntil(t0, 12);
    instances[0].kill();
    sleepUntil(t0, 15);
    instances[0].start();
    sleepUntil(t0, 27);
    instances[1].kill();
    sleepUntil(t0, 29);
    instances[1].start();
    sleepUntil(t0, 40);
    kafka.stopBroker(1);
    chaos("stopped broker 1");
    sleepUntil(t0, 52);
    instances[0].kill();
    instances[0].start();
    chaos("(instance 0 restarted at once, while broker 1 is down)");
    sleepUntil(t0, 60);
    kafka.startBroker(1);
    chaos("started broker 1");
    sleepUntil(t0, 70);
    instances[1].kill();
    sleepUntil(t0, 72);
    instances[1].start();
    feeder.join(TimeUnit.MINUTES.toMillis(4));
    assertThat(producerFailure.get()).as("the feeder's producer").isNull();
    chaos("all " + input.size() + " input records acknowledged");

    Map<String, String> ledger = expectedLedger(input);
    await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(5)).untilAsserted(() -> {
      Instant now = Instant.now();
      Map<String, Oracle.Figures> townships = published(topics.townshipStats.name());
      Map<String, Oracle.Figures> sectors = published(topics.sectorStats.name());
      Map<String, String> statuses = TopicReader.ledgerStatuses(kafka.clientConfig(), topics);
      Map<String, Oracle.Figures> expectedTownships = oracle.figures(true, now);
      Map<String, Oracle.Figures> expectedSectors = oracle.figures(false, now);
      chaos(String.format("differing: %d townships, %d sectors, %d hazards", differing(townships, expectedTownships),
          differing(sectors, expectedSectors), differing(statuses, ledger)));
      assertThat(townships).isEqualTo(expectedTownships);
      assertThat(sectors).isEqualTo(expectedSectors);
      assertThat(statuses).isEqualTo(ledger);
    });
    chaos("figures and ledger equal the oracle's");
    assertThat(readAll(Topics.DEAD_LETTERS)).as("no dead letters from good input").isEmpty();
    for (Instance i : instances) {
      assertThat(i.process.isAlive()).as("instance " + i.n + " alive").isTrue();
    }
    System.out.println(String.join("\n", chaosLog));
  }

  /** How many keys either map lacks or holds with another value. */
  private static long differing(Map<String, ?> actual, Map<String, ?> expected) {
    Set<String> keys = new HashSet<>(actual.keySet());
    keys.addAll(expected.keySet());
    return keys.stream().filter(k -> !Objects.equals(actual.get(k), expected.get(k))).count();
  }

  private void chaos(String what) {
    chaosLog.add(String.format("%tT %s", System.currentTimeMillis(), what));
  }

  private static void sleepUntil(long t0, int seconds) throws InterruptedException {
    long wait = t0 + TimeUnit.SECONDS.toNanos(seconds) - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }

  /** hazardId → status after the accepted events, computed like the oracle (first REPORTED wins, steps only forward). */
  static Map<String, String> expectedLedger(List<SpecificRecord> input) {
    Set<String> enterprises = new HashSet<>();
    Set<String> seen = new HashSet<>();
    Map<String, Integer> step = new TreeMap<>();
    for (SpecificRecord r : input) {
      if (r instanceof Enterprise e) {
        enterprises.add(e.getEnterpriseId());
      } else if (r instanceof HazardEvent h && enterprises.contains(h.getEnterpriseId()) && seen.add(h.getEventId())) {
        Integer now = step.get(h.getHazardId());
        int s = switch (h.getType()) {
          case REPORTED -> 0;
          case RECTIFICATION_STARTED -> 1;
          case RECTIFIED -> 2;
          case ENTERPRISE_ACCEPTED -> 3;
          case VERIFIED_CLOSED -> 4;
          default -> -1;
        };
        if (h.getType() == HazardEventType.RECHECK_FAILED) {
          if (now != null && (now == 2 || now == 3)) {
            step.put(h.getHazardId(), 1); // a failed re-check returns it to rectification
          }
        } else if (h.getType() == HazardEventType.REPORTED ? now == null : now != null && now < 4 && s > now) {
          step.put(h.getHazardId(), s);
        }
      }
    }
    String[] names = {"REPORTED", "RECTIFICATION_STARTED", "RECTIFIED", "ENTERPRISE_ACCEPTED", "VERIFIED_CLOSED"};
    Map<String, String> m = new TreeMap<>();
    step.forEach((id, s) -> m.put(id, names[s]));
    return m;
  }

  private Map<String, Oracle.Figures> published(String topic) {
    return TopicReader.figures(kafka.clientConfig(), topics, topic);
  }

  private List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
    return TopicReader.readAll(kafka.clientConfig(), topic);
  }
}
