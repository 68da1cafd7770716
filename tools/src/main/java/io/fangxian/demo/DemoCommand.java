package io.fangxian.demo;

import io.fangxian.app.FangxianServer;
import io.fangxian.app.TopicAdmin;
import io.fangxian.config.AppConfig;
import io.fangxian.config.DemoWriteTokens;
import io.fangxian.domain.ReferenceData;
import io.fangxian.embedded.EmbeddedKafkaCluster;
import io.fangxian.embedded.EmbeddedRuntime;
import io.fangxian.embedded.EmbeddedSchemaRegistry;
import io.fangxian.generate.DataGenerator;
import io.fangxian.generate.GeneratorLoop;
import io.fangxian.produce.RecordProducer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Everything on this machine: a Kafka broker (KRaft), a schema registry (Apicurio,",
        "Confluent-compatible API), the streams application with its REST API and dashboard, and a",
        "generator of realistic data. Ctrl-C stops it all."})
public final class DemoCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--http-port", defaultValue = "8080", description = "REST API and dashboard port (default: ${DEFAULT-VALUE}).")
  int httpPort;

  @Option(names = "--kafka-port", defaultValue = "9092",
      description = "Kafka broker port; the controller uses the next one (default: ${DEFAULT-VALUE}).")
  int kafkaPort;

  @Option(names = "--registry-port", defaultValue = "8081", description = "Schema registry port (default: ${DEFAULT-VALUE}).")
  int registryPort;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Keep broker data, registry schemas and application state here (default: a temporary directory, deleted on exit).")
  Path dataDir;

  @Option(names = "--partitions", description = "Partitions per topic (default: as the topics already in the data "
      + "directory have, else 1: the demo runs one stream thread, and each more partition only adds tasks whose stores "
      + "are opened at every start).")
  Integer partitions;

  @Option(names = "--no-generator", description = "Do not generate data: feed it yourself with `load` or any Kafka client.")
  boolean noGenerator;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Settings as `run --config` takes them (write tokens, rules file, criteria file…); the demo's own "
          + "Kafka, registry, HTTP port, partitions and data directory replace those of the file. Write tokens in the file "
          + "replace the two the demo makes otherwise.")
  Path configFile;

  @Option(names = "--seed", defaultValue = "20200701", description = "Generator seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws Exception {
    for (int port : new int[] {httpPort, kafkaPort, registryPort}) {
      if (port < 1 || port > 65535) {
        throw new CommandLine.ParameterException(spec.commandLine(), "port " + port + " is not in 1-65535");
      }
    }
    if (partitions != null && partitions < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--partitions must be 1 or more");
    }
    // A mistake in the file is reported before anything starts.
    AppConfig fromFile = configFile == null ? AppConfig.of(Map.of()) : AppConfig.load(configFile, Map.of());
    // Two write tokens for the run (a district officer, one township's linked leader), unless the file has its own.
    DemoWriteTokens tokens = DemoWriteTokens.forRun(fromFile, fromFile.reference(ReferenceData.builtIn()), new SecureRandom());
    Path base = dataDir != null ? Files.createDirectories(dataDir) : Files.createTempDirectory("fangxian-demo");
    var out = spec.commandLine().getOut();
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    // Ctrl-C: let the main thread close everything in order (and delete a temporary data
    // directory) before the JVM halts.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stop.countDown();
      try {
        stopped.await(60, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "demo-stop"));

    out.println("Starting Kafka, the schema registry and Fangxian…");
    out.flush();
    try (EmbeddedRuntime runtime = EmbeddedRuntime.start(
            EmbeddedKafkaCluster.builder().brokers(1).dataDir(base.resolve("kafka")).firstPort(kafkaPort),
            EmbeddedSchemaRegistry.builder().port(registryPort).storageDir(base.resolve("registry")))) {
      EmbeddedKafkaCluster kafka = runtime.kafka();
      EmbeddedSchemaRegistry registry = runtime.registry();
      AppConfig settings = tokens.applyTo(fromFile)
          .with(AppConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers())
          .with(AppConfig.REGISTRY_URL, registry.url())
          .with(AppConfig.HTTP_PORT, Integer.toString(httpPort))
          .with(AppConfig.TOPIC_PARTITIONS, Integer.toString(partitions != null ? partitions : existingPartitions(fromFile, kafka)))
          .with(AppConfig.STATE_DIR, base.resolve("state").toString())
          .validate();
      try (FangxianServer server = FangxianServer.start(settings);
           RecordProducer producer = new RecordProducer(settings.kafkaClientSettings(), settings.serdeSettings(), "")) {
        GeneratorLoop loop = null;
        Thread generator = null;
        if (!noGenerator) {
          DataGenerator.Config config = DataGenerator.Config.defaults(Instant.now()).withSeed(seed);
          loop = new GeneratorLoop(new DataGenerator(config, producer::send), producer::flush, Clock.systemUTC(), Duration.ofSeconds(1));
          generator = new Thread(loop, "generator");
          generator.setDaemon(true);
          generator.start();
        }
        out.println();
        out.println("Fangxian demo is running (Ctrl-C stops it):");
        out.println("  Dashboard and REST API   " + server.httpUrl() + "/   (API under /api/v1, e.g. /api/v1/townships)");
        out.println("  Kafka bootstrap server   " + kafka.bootstrapServers());
        out.println("  Schema registry          " + registry.url() + "   (Confluent API; Avro, TopicNameStrategy)");
        out.println("  Data directory           " + base + (dataDir == null ? " (temporary)" : ""));
        out.println("  Generator                " + (noGenerator ? "off: load data with `bin/fangxian load`" : "on, seed " + seed));
        out.println("  Sign for an alert (签收) in the dashboard (it asks for the token once) or with curl; see the README.");
        tokens.bannerLines().forEach(out::println);
        out.flush();
        server.ready().thenAccept(sinceStart -> {
          out.printf("  Figures served           %.1f s after start%n", sinceStart.toMillis() / 1000.0);
          out.flush();
        });
        stop.await();
        out.println("Stopping…");
        out.flush();
        if (loop != null) {
          loop.stop();
          generator.join(5000);
        }
      }
    } finally {
      if (dataDir == null) {
        deleteQuietly(base);
      }
      stopped.countDown();
    }
    return 0;
  }

  /** The partitions the topics of an earlier run of this data directory have, or 1 for a new one. */
  private static int existingPartitions(AppConfig settings, EmbeddedKafkaCluster kafka) throws InterruptedException {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      return TopicAdmin.existingPartitions(admin, settings.get(AppConfig.TOPIC_PREFIX)).orElse(1);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (Exception ignored) {
      // a temporary directory: the OS cleans it eventually
    }
  }
}
