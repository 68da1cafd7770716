package io.fangxian.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fangxian.avro.CaseEvent;
import io.fangxian.avro.CaseEventType;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.Penalty;
import io.fangxian.avro.PenaltyKind;
import io.fangxian.config.AppConfig;
import io.fangxian.domain.TopicRegistry;
import io.fangxian.domain.Topics;
import io.fangxian.embedded.MemoryDirs;
import io.fangxian.generate.DataGenerator;
import io.fangxian.it.Oracle;
import io.fangxian.it.TopicReader;
import io.fangxian.produce.RecordProducer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The whole demo runtime (broker, registry and application: {@code fangxian demo}) as a child JVM,
 * killed with SIGKILL together with the registry JVM it started, at the worst moments of an import:
 * right after the registry acknowledged the application's first schema of its own, right after an
 * application transaction began, and in the middle of the import. Each time it is started again on
 * the same data directory and the import is sent again, as an operator does after a failed import.
 * The import holds every kind the generator writes, enforcement cases among them, and a few cases
 * older than its history (one past its decision limit). At the end every township and sector
 * figure (the seven case figures too) and every ledger status must equal the independent oracle, and each restart must have served figures again (the time is reported).
 */
@Tag("reliability")
@Timeout(900)
class WholeRuntimeCrashTest {
  private static final Pattern SERVED = Pattern.compile("Figures served\\s+([0-9.]+) s after start");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final List<String> report = new ArrayList<>();
  private final int[] ports = freePorts(); // http, kafka, its controller (the next port), registry
  private Path dataDir;
  private Process demo;
  private int starts;
  private int outputAtStart;

  @AfterEach
  void killDemo() throws IOException {
    if (demo != null) {
      killWholeRuntime();
    }
    System.out.println(String.join("\n", report));
    // The data directory is in memory: the demo's log stays beside the test reports, the rest goes.
    MemoryDirs.deleteKeepingLogs(dataDir, "WholeRuntimeCrashTest", "demo.log");
  }

  @Test
  void killedAtAnyMomentOfAnImportItRestartsServesAndEndsEqualToTheOracle() throws Exception {
    // In memory where the machine allows: a kill -9 leaves the files as written, as it does on disk,
    // and each of the five starts recovers the broker's log and opens the stores faster.
    dataDir = MemoryDirs.create("fangxian-whole-crash-");
    List<SpecificRecord> input = new ArrayList<>();
    DataGenerator generator = new DataGenerator(DataGenerator.Config.defaults(Instant.now())
        .withSeed(31).withEnterprises(200).withHistoryDays(40).withDuplicateRate(0.02).withScenarios(false),
        HostileInputTest.collector(input));
    generator.emitReferenceData();
    generator.emitUntil(Instant.now());
    input.addAll(casesOlderThanTheHistory(input, Instant.now()));
    input.addAll(reportsOlderThanTheHistory(input, Instant.now()));
    Oracle oracle = new Oracle();
    input.forEach(oracle::accept);
    assertThat(caseFiguresInPlay(oracle.figures(true, Instant.now())))
        .as("the import opens, decides, transfers and lets a case pass its decision limit, so the comparison holds them")
        .allMatch(n -> n > 0);
    Map<String, Oracle.Figures> reportFigures = oracle.figures(true, Instant.now());
    assertThat(List.of(reportFigures.values().stream().mapToDouble(Oracle.Figures::reportsReceived).sum(),
        reportFigures.values().stream().mapToDouble(Oracle.Figures::reportsSubstantiated).sum(),
        reportFigures.values().stream().mapToDouble(Oracle.Figures::reportsVerificationOverdue).sum(),
        reportFigures.values().stream().mapToDouble(Oracle.Figures::rewardYuan).sum()))
        .as("the import receives, substantiates, rewards and lets a report pass its verification limit").allMatch(n -> n > 0);

    // 1. The first run dies the moment the registry has acknowledged the application's first own schema.
    startDemo();
    Importer importer = Importer.start(input, settings());
    killWhen("the registry acknowledged the application's first own schema",
        () -> subjects().stream().anyMatch(s -> s.startsWith("fangxian-")));
    importer.abandon();

    // 2. The second run dies right after an application transaction began.
    startDemo();
    awaitServing();
    importer = Importer.start(input, settings());
    killWhen("an application transaction began", this::applicationTransactionOngoing);
    importer.abandon();

    // 3. The third run dies with the import half sent.
    startDemo();
    awaitServing();
    importer = Importer.start(input, settings());
    Importer third = importer;
    killWhen("half of the import was acknowledged", () -> third.acknowledged() >= input.size() / 2);
    importer.abandon();

    // 4. The last run gets the whole import and must end exactly where the oracle does.
    startDemo();
    awaitServing();
    importer = Importer.start(input, settings());
    importer.awaitDone();
    log("the whole import was acknowledged (" + input.size() + " records)");

    Map<String, Object> client = Map.of("bootstrap.servers", bootstrap());
    TopicRegistry topics = new TopicRegistry("", settings().serdeSettings());
    await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
      Instant now = Instant.now();
      assertThat(TopicReader.figures(client, topics, topics.townshipStats.name())).isEqualTo(oracle.figures(true, now));
      assertThat(TopicReader.figures(client, topics, topics.sectorStats.name())).isEqualTo(oracle.figures(false, now));
      assertThat(TopicReader.ledgerStatuses(client, topics)).isEqualTo(CrashRestartTest.expectedLedger(input));
    });
    log("figures and ledger equal the oracle's");
    assertThat(TopicReader.readAll(client, Topics.DEAD_LETTERS)).as("no dead letters from good input").isEmpty();

    // 5. A graceful stop (SIGTERM, as Ctrl-C) and a start on the same data directory: same figures.
    stopGracefully();
    startDemo();
    awaitServing();
    assertThat(TopicReader.figures(client, topics, topics.townshipStats.name())).isEqualTo(oracle.figures(true, Instant.now()));
    HttpResponse<String> townships = get("/api/v1/townships");
    assertThat(townships.statusCode()).as(townships.body()).isEqualTo(200);
    assertThat(demoOutput()).doesNotContain("Unknown schema id", "cannot be read as");
  }

  /**
   * Enforcement cases (load --kind cases) the 40 days of history cannot show: one opened 100 days
   * ago and never decided (past the 90-day decision limit), one decided late with a daily fine, one
   * transferred for a crime and closed. Their steps are in order, so the oracle applies them all.
   */
  static List<CaseEvent> casesOlderThanTheHistory(List<SpecificRecord> input, Instant now) {
    Enterprise e = input.stream().filter(Enterprise.class::isInstance).map(Enterprise.class::cast).findFirst().orElseThrow();
    Instant opened = now.minus(Duration.ofDays(100));
    List<CaseEvent> steps = new ArrayList<>();
    steps.add(caseStep("CRASH-OVERDUE", e, CaseEventType.OPENED, opened, List.of()));
    steps.add(caseStep("CRASH-LATE", e, CaseEventType.OPENED, opened, List.of()));
    steps.add(caseStep("CRASH-LATE", e, CaseEventType.DECIDED, opened.plus(Duration.ofDays(95)),
        List.of(new Penalty(PenaltyKind.FINE, 50_000.0), new Penalty(PenaltyKind.DAILY_FINE, 20_000.0))));
    steps.add(caseStep("CRASH-MOVED", e, CaseEventType.OPENED, opened, List.of()));
    steps.add(caseStep("CRASH-MOVED", e, CaseEventType.TRANSFERRED, opened.plus(Duration.ofDays(10)), List.of()));
    steps.add(caseStep("CRASH-MOVED", e, CaseEventType.CLOSED, opened.plus(Duration.ofDays(40)), List.of()));
    return steps;
  }

  private static CaseEvent caseStep(String caseId, Enterprise e, CaseEventType type, Instant at, List<Penalty> penalties) {
    return CaseEvent.newBuilder().setEventId(caseId + "-" + type).setCaseId(caseId).setEnterpriseId(e.getEnterpriseId())
        .setType(type).setOccurredAt(at).setDepartmentId("区应急管理局").setPenalties(new ArrayList<>(penalties))
        .build();
  }

  /**
   * Public reports (load --kind reports) the 40 days of history cannot show: one received 80 days ago,
   * accepted and never verified (past its 60 days from acceptance), one naming no enterprise never
   * accepted (past its 15 + 60 days).
   */
  static List<io.fangxian.avro.PublicReportEvent> reportsOlderThanTheHistory(List<SpecificRecord> input, Instant now) {
    Enterprise e = (Enterprise) input.stream().filter(r -> r instanceof Enterprise).findFirst().orElseThrow();
    Instant received = now.minus(Duration.ofDays(80));
    return List.of(
        reportStep("CRASH-R1", e.getEnterpriseId(), io.fangxian.avro.PublicReportEventType.RECEIVED, received, e.getTownshipId()),
        reportStep("CRASH-R1", e.getEnterpriseId(), io.fangxian.avro.PublicReportEventType.ACCEPTED,
            received.plus(Duration.ofDays(1)), null),
        reportStep("CRASH-R2", null, io.fangxian.avro.PublicReportEventType.RECEIVED, received, "xuebu"));
  }

  private static io.fangxian.avro.PublicReportEvent reportStep(String reportId, String enterpriseId,
      io.fangxian.avro.PublicReportEventType type, Instant at, String townshipId) {
    return io.fangxian.avro.PublicReportEvent.newBuilder().setEventId(reportId + "-" + type).setReportId(reportId)
        .setEnterpriseId(enterpriseId).setType(type).setOccurredAt(at).setTownshipId(townshipId).build();
  }

  /** The district's casesOpened, casesDecisionOverdue, penaltyYuanDecided, dailyFineCases and criminalTransfers. */
  private static List<Double> caseFiguresInPlay(Map<String, Oracle.Figures> byTownship) {
    return List.of(byTownship.values().stream().mapToDouble(Oracle.Figures::casesOpened).sum(),
        byTownship.values().stream().mapToDouble(Oracle.Figures::casesDecisionOverdue).sum(),
        byTownship.values().stream().mapToDouble(Oracle.Figures::penaltyYuanDecided).sum(),
        byTownship.values().stream().mapToDouble(Oracle.Figures::dailyFineCases).sum(),
        byTownship.values().stream().mapToDouble(Oracle.Figures::criminalTransfers).sum());
  }

  private void stopGracefully() throws Exception {
    List<ProcessHandle> children = demo.descendants().toList();
    demo.destroy(); // SIGTERM
    assertThat(demo.waitFor(90, TimeUnit.SECONDS)).as("the demo stops within 90 s of SIGTERM").isTrue();
    for (ProcessHandle child : children) {
      child.onExit().get(30, TimeUnit.SECONDS); // the registry goes with the demo
    }
    log("run " + starts + ": SIGTERM; the demo stopped with exit code " + demo.exitValue());
    demo = null;
  }

  // --- the runtime ---

  private void startDemo() throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    starts++;
    outputAtStart = demoOutput().length();
    // As bin/fangxian starts the demo: C1 only. Its temp directory is the data's, which the test
    // deletes: RocksDB unpacks its native library there at each start, and a killed JVM leaves it.
    demo = new ProcessBuilder(java, "-Xmx1g", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + dataDir, "-cp", cp, "io.fangxian.tools.FangxianTools", "demo", "--no-generator",
        "--data-dir", dataDir.toString(), "--http-port", Integer.toString(ports[0]),
        "--kafka-port", Integer.toString(ports[1]), "--registry-port", Integer.toString(ports[3]))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("demo.log").toFile()))
        .start();
    log("run " + starts + ": started the demo (pid " + demo.pid() + ")");
    // The HTTP server starts after the broker and the registry are up.
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100)).until(() -> {
      assertThat(demo.isAlive()).as("demo alive; its output:\n" + tail()).isTrue();
      return get("/health").statusCode() == 200;
    });
  }

  /** Waits until the restarted runtime serves figures, and reports how long that took from its start. */
  private void awaitServing() {
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
      assertThat(demo.isAlive()).as("demo alive; its output:\n" + tail()).isTrue();
      HttpResponse<String> ready = get("/health/ready");
      assertThat(ready.statusCode()).as("readiness: " + ready.body()).isEqualTo(200);
    });
    // The demo prints the time once its readiness watch sees what the probe just saw.
    String seconds = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
        .until(() -> {
          Matcher m = SERVED.matcher(demoOutput().substring(outputAtStart));
          return m.find() ? m.group(1) : null;
        }, java.util.Objects::nonNull);
    log("run " + starts + ": figures served " + seconds + " s after the process started");
    HttpResponse<String> townships = get("/api/v1/townships");
    assertThat(townships.statusCode()).as(townships.body()).isEqualTo(200);
  }

  private void killWhen(String moment, BooleanSupplier condition) {
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(20)).until(condition::getAsBoolean);
    killWholeRuntime();
    log("run " + starts + ": kill -9 of broker, registry and app: " + moment);
  }

  /** SIGKILL to the demo JVM and everything it started (the registry JVM and its watchdog), at once. */
  private void killWholeRuntime() {
    List<ProcessHandle> all = Stream.concat(Stream.of(demo.toHandle()), demo.descendants()).toList();
    all.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle h : all) {
      try {
        h.onExit().get(20, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("process " + h.pid() + " did not die", e);
      }
    }
    demo = null;
  }

  private boolean applicationTransactionOngoing() {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap()))) {
      for (TransactionListing t : admin.listTransactions().all().get(5, TimeUnit.SECONDS)) {
        if (t.transactionalId().startsWith("fangxian-") && t.state() == TransactionState.ONGOING) {
          return true;
        }
      }
      return false;
    } catch (Exception e) {
      return false;
    }
  }

  private List<String> subjects() {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(registryUrl() + "/subjects"))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? List.of(r.body().replaceAll("[\\[\\]\"]", "").split(",")) : List.of();
    } catch (IOException | InterruptedException e) {
      return List.of();
    }
  }

  /** Four free ports, the second and third consecutive (the broker and its controller). */
  private static int[] freePorts() {
    java.util.Random random = new java.util.Random();
    while (true) {
      int base = 20_000 + random.nextInt(30_000);
      int[] ports = {base, base + 2, base + 3, base + 5};
      if (java.util.Arrays.stream(ports).allMatch(WholeRuntimeCrashTest::isFree)) {
        return ports;
      }
    }
  }

  private static boolean isFree(int port) {
    try (java.net.ServerSocket s = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private HttpResponse<String> get(String path) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports[0] + path))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      return new FailedResponse(e);
    }
  }

  private AppConfig settings() {
    return AppConfig.of(Map.of(AppConfig.BOOTSTRAP_SERVERS, bootstrap(), AppConfig.REGISTRY_URL, registryUrl()));
  }

  private String bootstrap() {
    return "127.0.0.1:" + ports[1];
  }

  private String registryUrl() {
    return "http://127.0.0.1:" + ports[3] + "/apis/ccompat/v7";
  }

  private String demoOutput() {
    try {
      return Files.readString(dataDir.resolve("demo.log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private String tail() {
    String out = demoOutput();
    return out.substring(Math.max(0, out.length() - 4000));
  }

  private void log(String what) {
    report.add(String.format("%tT %s", System.currentTimeMillis(), what));
  }

  /** Sends the whole import in the background, about 2,000 records a second, as `load` would. */
  private static final class Importer {
    private final Thread thread;
    private final AtomicInteger acknowledged = new AtomicInteger();
    private volatile RecordProducer producer;
    private volatile Throwable failure;

    private Importer(List<SpecificRecord> input, AppConfig settings) {
      thread = new Thread(() -> {
        try (RecordProducer p = new RecordProducer(settings.kafkaClientSettings(), settings.serdeSettings(), "")) {
          producer = p;
          for (int i = 0; i < input.size(); i++) {
            p.send(input.get(i));
            if (i % 100 == 99) {
              p.flush();
              acknowledged.set(i + 1);
              Thread.sleep(50);
            }
          }
          p.flush();
          acknowledged.set(input.size());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (Throwable e) {
          failure = e;
        }
      }, "importer");
      thread.setDaemon(true);
    }

    static Importer start(List<SpecificRecord> input, AppConfig settings) {
      Importer importer = new Importer(input, settings);
      importer.thread.start();
      return importer;
    }

    int acknowledged() {
      return acknowledged.get();
    }

    void awaitDone() throws InterruptedException {
      thread.join(TimeUnit.MINUTES.toMillis(4));
      assertThat(failure).as("the importer").isNull();
      assertThat(thread.isAlive()).as("importer still sending after 4 minutes").isFalse();
    }

    /** The runtime it sent to is dead: stop sending, without waiting for what was in flight. */
    void abandon() throws InterruptedException {
      thread.interrupt();
      thread.join(TimeUnit.SECONDS.toMillis(30));
    }
  }

  /** A request that got no answer: status 0. */
  private record FailedResponse(Exception cause) implements HttpResponse<String> {
    @Override public int statusCode() { return 0; }
    @Override public HttpRequest request() { return null; }
    @Override public java.util.Optional<HttpResponse<String>> previousResponse() { return java.util.Optional.empty(); }
    @Override public java.net.http.HttpHeaders headers() { return java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true); }
    @Override public String body() { return String.valueOf(cause); }
    @Override public java.util.Optional<javax.net.ssl.SSLSession> sslSession() { return java.util.Optional.empty(); }
    @Override public URI uri() { return null; }
    @Override public HttpClient.Version version() { return HttpClient.Version.HTTP_1_1; }
  }
}
