package io.fangxian.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.management.JMException;
import javax.management.ObjectName;
import kafka.server.BrokerServer;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real Kafka brokers in KRaft mode inside this JVM, for the demo and the integration tests.
 * Every node is a combined broker + controller bound to 127.0.0.1. One node uses a dynamic
 * ("standalone") quorum; several nodes use a static {@code controller.quorum.voters}.
 *
 * <p>Ports: with a first port P, node i listens for clients on P + i and for the quorum on
 * P + brokerCount + i. With first port 0 free ports are chosen; for a kept data dir they are
 * remembered in {@code ports.properties} there and reused on the next start.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);
  private static final String PORTS_FILE = "ports.properties";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private final int brokerCount;
  private final Path dataDir;
  private final boolean tempDataDir;
  private final int firstPort;
  private final Map<String, String> extraProperties;
  private final KafkaRaftServer[] servers;
  private int[] brokerPorts;
  private int[] controllerPorts;
  private boolean started;

  public EmbeddedKafkaCluster(int brokerCount, Path dataDir, int firstPort,
      Map<String, String> extraProperties) {
    if (brokerCount < 1) {
      throw new IllegalArgumentException("brokerCount must be >= 1: " + brokerCount);
    }
    if (firstPort < 0 || firstPort + 2 * brokerCount > 65536) {
      throw new IllegalArgumentException("bad first port: " + firstPort);
    }
    this.brokerCount = brokerCount;
    this.tempDataDir = dataDir == null;
    try {
      this.dataDir = tempDataDir ? Files.createTempDirectory("fangxian-kafka-") : dataDir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.firstPort = firstPort;
    this.extraProperties = Map.copyOf(extraProperties == null ? Map.of() : extraProperties);
    this.servers = new KafkaRaftServer[brokerCount];
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Formats storage when needed and starts all nodes; returns once every broker is unfenced. */
  public EmbeddedKafkaCluster start() {
    synchronized (this) {
      if (started) {
        throw new IllegalStateException("already started");
      }
      started = true;
    }
    long t0 = System.nanoTime();
    try {
      synchronized (this) {
        assignPorts();
        String clusterId = existingClusterId();
        if (clusterId == null) {
          clusterId = Uuid.randomUuid().toString();
        }
        for (int i = 0; i < brokerCount; i++) {
          formatIfNeeded(i, clusterId);
        }
      }
      // With a static quorum each node's startup blocks until a majority of controllers is up,
      // so the nodes must start in parallel.
      List<CompletableFuture<Void>> startups = IntStream.range(0, brokerCount)
          .mapToObj(i -> CompletableFuture.runAsync(() -> startBroker(i), runnable -> {
            Thread t = new Thread(runnable, "embedded-kafka-start-" + i);
            t.setDaemon(true);
            t.start();
          }))
          .toList();
      CompletableFuture.allOf(startups.toArray(CompletableFuture[]::new))
          .get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException("interrupted while starting Kafka", e);
    } catch (TimeoutException e) {
      close();
      throw new IllegalStateException("Kafka did not start within " + START_TIMEOUT.toSeconds()
          + " s (data in " + dataDir + ")", e);
    } catch (ExecutionException | IOException | RuntimeException e) {
      close();
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new IllegalStateException("Kafka failed to start in " + dataDir + ": " + cause, cause);
    }
    LOG.info("Kafka ({} broker(s)) ready at {} in {} ms, data in {}", brokerCount,
        bootstrapServers(), (System.nanoTime() - t0) / 1_000_000, dataDir);
    return this;
  }

  public String bootstrapServers() {
    if (brokerPorts == null) {
      throw new IllegalStateException("not started");
    }
    return IntStream.of(brokerPorts).mapToObj(p -> "127.0.0.1:" + p)
        .collect(Collectors.joining(","));
  }

  public int brokerCount() {
    return brokerCount;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Client settings (bootstrap servers) for an Admin, producer or consumer of this cluster. */
  public Map<String, Object> clientConfig() {
    return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
  }

  /** Clean shutdown of node i; its log dir is kept for {@link #startBroker(int)}. */
  public void stopBroker(int i) {
    KafkaRaftServer server;
    synchronized (this) {
      server = servers[i];
      servers[i] = null;
    }
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
    }
  }

  /** (Re)starts node i on its existing log dir; blocks until the broker has caught up. */
  public void startBroker(int i) {
    KafkaRaftServer server;
    synchronized (this) {
      if (brokerPorts == null) {
        throw new IllegalStateException("not started");
      }
      if (servers[i] != null) {
        throw new IllegalStateException("broker " + i + " is running");
      }
      server = new KafkaRaftServer(new KafkaConfig(nodeConfig(i), false), Time.SYSTEM);
      servers[i] = server;
    }
    if (brokerCount == 1 && !shutDownCleanly(i)) {
      fenceStaleRegistration(i);
    }
    try {
      server.startup();
    } catch (RuntimeException e) {
      synchronized (this) {
        servers[i] = null;
      }
      server.shutdown();
      throw e;
    }
  }

  @Override
  public void close() {
    List<KafkaRaftServer> running = new ArrayList<>();
    synchronized (this) {
      for (int i = 0; i < brokerCount; i++) {
        if (servers[i] != null) {
          running.add(servers[i]);
          servers[i] = null;
        }
      }
    }
    // A broker's clean shutdown needs the controller quorum's approval, and each KafkaRaftServer
    // stops its controller right after its broker: stopped one after another, the last broker
    // would wait 5 minutes for a quorum that is gone. So all brokers stop first, in parallel,
    // then the controllers.
    inParallel(running, server -> brokerOf(server).ifPresent(BrokerServer::shutdown));
    inParallel(running, server -> {
      server.shutdown();
      server.awaitShutdown();
    });
    if (tempDataDir) {
      deleteRecursively(dataDir);
    }
  }

  private static void inParallel(List<KafkaRaftServer> servers, Consumer<KafkaRaftServer> action) {
    List<Thread> threads = new ArrayList<>();
    for (KafkaRaftServer server : servers) {
      Thread t = new Thread(() -> {
        try {
          action.accept(server);
        } catch (RuntimeException e) {
          LOG.warn("error stopping a Kafka node", e);
        }
      }, "embedded-kafka-stop");
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** The broker half of a combined node (a private field: Kafka has no accessor for it). */
  private static Optional<BrokerServer> brokerOf(KafkaRaftServer server) {
    try {
      Field f = KafkaRaftServer.class.getDeclaredField("broker");
      f.setAccessible(true);
      scala.Option<?> broker = (scala.Option<?>) f.get(server);
      return broker.isDefined() ? Optional.of((BrokerServer) broker.get()) : Optional.empty();
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.debug("cannot reach the broker of a KafkaRaftServer; stopping it as a whole", e);
      return Optional.empty();
    }
  }

  private Map<String, String> nodeConfig(int i) {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("process.roles", "broker,controller");
    c.put("node.id", Integer.toString(i));
    c.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPorts[i]
        + ",CONTROLLER://127.0.0.1:" + controllerPorts[i]);
    c.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPorts[i]
        + ",CONTROLLER://127.0.0.1:" + controllerPorts[i]);
    c.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    c.put("controller.listener.names", "CONTROLLER");
    c.put("inter.broker.listener.name", "PLAINTEXT");
    if (brokerCount == 1) {
      c.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPorts[0]);
    } else {
      c.put("controller.quorum.voters", IntStream.range(0, brokerCount)
          .mapToObj(n -> n + "@127.0.0.1:" + controllerPorts[n])
          .collect(Collectors.joining(",")));
    }
    c.put("log.dirs", nodeDir(i).resolve("logs").toString());
    String rf = Integer.toString(Math.min(brokerCount, 3));
    String minIsr = Integer.toString(Math.min(brokerCount, 2));
    c.put("offsets.topic.replication.factor", rf);
    c.put("offsets.topic.num.partitions", "5");
    c.put("transaction.state.log.replication.factor", rf);
    c.put("transaction.state.log.min.isr", minIsr);
    c.put("transaction.state.log.num.partitions", "5");
    c.put("share.coordinator.state.topic.replication.factor", rf);
    c.put("share.coordinator.state.topic.min.isr", minIsr);
    c.put("group.initial.rebalance.delay.ms", "0");
    c.put("default.replication.factor", rf);
    // A restarted node cannot register again until its old session expired (default 9 s).
    c.put("broker.heartbeat.interval.ms", "500");
    c.put("broker.session.timeout.ms", "4000");
    // After a kill -9 the broker recovers every log (202 in a demo) before it answers. That work
    // waits on fsyncs (producer snapshots, indexes) more than on the CPU: with 8 threads instead of
    // Kafka's 2 the logs loaded in 3.3-3.6 s against 3.8-4.8 s on the same, loaded, 2-core machine.
    c.put("num.recovery.threads.per.data.dir", "8");
    if (brokerCount == 1) {
      // A lone voter waits one election timeout (1-2 s by default) before it leads again.
      c.put("controller.quorum.election.timeout.ms", "200");
    }
    c.putAll(extraProperties);
    return c;
  }

  /**
   * A single node killed during a transaction commit must not take its partitions back from the
   * metadata it had before the crash. Its replayed metadata still names it leader of every
   * partition under its old registration; the new controller fences that registration a session
   * later (the partitions are leaderless) and only then elects the node again. A transaction
   * coordinator that completes the interrupted commit inside that window finds no leader for
   * some partitions, takes them for deleted and skips their markers (Kafka's
   * TransactionMarkerChannelManager): their transaction stays open for ever, and Streams never
   * finishes restoring the changelog, or never sees stable committed offsets. So the controller
   * alone starts first and fences the old registration; the broker then starts from metadata in
   * which it leads nothing until it is registered again.
   */
  private void fenceStaleRegistration(int i) {
    long t0 = System.nanoTime();
    Map<String, String> config = new LinkedHashMap<>(nodeConfig(i));
    config.put("process.roles", "controller");
    config.put("listeners", "CONTROLLER://127.0.0.1:" + controllerPorts[i]);
    config.remove("advertised.listeners");
    config.remove("inter.broker.listener.name");
    config.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT");
    // No broker runs now: fence the old registration soon.
    config.put("broker.session.timeout.ms", "500");
    config.put("broker.heartbeat.interval.ms", "250");
    KafkaRaftServer controller = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
    controller.startup();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!(controllerMetric("ActiveControllerCount") == 1 && controllerMetric("ActiveBrokerCount") == 0)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the controller did not fence the registration of node " + i
              + " left by a crash within 60 s");
        }
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while fencing the registration left by a crash", e);
    } finally {
      controller.shutdown();
      controller.awaitShutdown();
    }
    LOG.info("Node {} was not shut down cleanly: fenced its old registration in {} ms", i,
        (System.nanoTime() - t0) / 1_000_000);
  }

  /** A gauge of this JVM's Kafka controller (KafkaController metrics over JMX), -1 while it has none. */
  private static long controllerMetric(String name) {
    try {
      Object value = ManagementFactory.getPlatformMBeanServer()
          .getAttribute(new ObjectName("kafka.controller:type=KafkaController,name=" + name), "Value");
      return ((Number) value).longValue();
    } catch (JMException e) {
      return -1;
    }
  }

  /**
   * Kafka leaves a file in a log dir when it shut down cleanly. A node that never ran has no
   * metadata log segment yet (formatting writes only a checkpoint).
   */
  private boolean shutDownCleanly(int i) {
    Path logs = nodeDir(i).resolve("logs");
    if (Files.exists(logs.resolve(".kafka_cleanshutdown"))) {
      return true;
    }
    try (Stream<Path> metadata = Files.list(logs.resolve("__cluster_metadata-0"))) {
      return metadata.noneMatch(p -> p.getFileName().toString().endsWith(".log"));
    } catch (IOException e) {
      return true; // no metadata log: never ran
    }
  }

  private Path nodeDir(int i) {
    return dataDir.resolve("node-" + i);
  }

  private void formatIfNeeded(int i, String clusterId) throws IOException {
    Path logs = nodeDir(i).resolve("logs");
    if (Files.exists(logs.resolve("meta.properties"))) {
      return;
    }
    Files.createDirectories(nodeDir(i));
    Path configFile = nodeDir(i).resolve("server.properties");
    Properties props = new Properties();
    props.putAll(nodeConfig(i));
    try (OutputStream out = Files.newOutputStream(configFile)) {
      props.store(out, "written by EmbeddedKafkaCluster for kafka-storage format");
    }
    List<String> args = new ArrayList<>(List.of(
        "format", "--cluster-id", clusterId, "--config", configFile.toString()));
    if (brokerCount == 1) {
      args.add("--standalone");
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int rc;
    try (PrintStream ps = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      rc = StorageTool.execute(args.toArray(String[]::new), ps);
    } catch (Exception e) {
      throw new IllegalStateException("kafka-storage format failed for " + logs + ": "
          + e.getMessage() + "\n" + output.toString(StandardCharsets.UTF_8), e);
    }
    if (rc != 0) {
      throw new IllegalStateException("kafka-storage format exited with " + rc + " for " + logs
          + ":\n" + output.toString(StandardCharsets.UTF_8));
    }
  }

  /** The cluster id of an already formatted node of a kept data dir, else null. */
  private String existingClusterId() throws IOException {
    for (int i = 0; i < brokerCount; i++) {
      Path meta = nodeDir(i).resolve("logs").resolve("meta.properties");
      if (Files.exists(meta)) {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(meta)) {
          props.load(in);
        }
        return props.getProperty("cluster.id");
      }
    }
    return null;
  }

  private void assignPorts() throws IOException {
    brokerPorts = new int[brokerCount];
    controllerPorts = new int[brokerCount];
    if (firstPort != 0) {
      for (int i = 0; i < brokerCount; i++) {
        brokerPorts[i] = firstPort + i;
        controllerPorts[i] = firstPort + brokerCount + i;
      }
      return;
    }
    // The quorum's own addresses are recorded in a kept data dir, so a restart reuses them.
    Path portsFile = dataDir.resolve(PORTS_FILE);
    if (!tempDataDir && Files.exists(portsFile)) {
      Properties props = new Properties();
      try (InputStream in = Files.newInputStream(portsFile)) {
        props.load(in);
      }
      if (props.getProperty("broker." + (brokerCount - 1)) != null) {
        for (int i = 0; i < brokerCount; i++) {
          brokerPorts[i] = Integer.parseInt(props.getProperty("broker." + i));
          controllerPorts[i] = Integer.parseInt(props.getProperty("controller." + i));
        }
        return;
      }
    }
    int[] free = FreePorts.pick(2 * brokerCount);
    for (int i = 0; i < brokerCount; i++) {
      brokerPorts[i] = free[i];
      controllerPorts[i] = free[brokerCount + i];
    }
    if (!tempDataDir) {
      Files.createDirectories(dataDir);
      Properties props = new Properties();
      for (int i = 0; i < brokerCount; i++) {
        props.setProperty("broker." + i, Integer.toString(brokerPorts[i]));
        props.setProperty("controller." + i, Integer.toString(controllerPorts[i]));
      }
      try (OutputStream out = Files.newOutputStream(portsFile)) {
        props.store(out, "ports chosen by EmbeddedKafkaCluster (first port 0)");
      }
    }
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          LOG.debug("cannot delete {}", p, e);
        }
      });
    } catch (IOException e) {
      LOG.warn("cannot delete {}", dir, e);
    }
  }

  public static final class Builder {
    private int brokers = 1;
    private Path dataDir;
    private int firstPort;
    private final Map<String, String> properties = new LinkedHashMap<>();

    public Builder brokers(int count) {
      this.brokers = count;
      return this;
    }

    /** Where to keep the brokers' data across runs; null (default) = a temp dir deleted on close. */
    public Builder dataDir(Path dir) {
      this.dataDir = dir;
      return this;
    }

    /** First client port; 0 (default) picks free ports. */
    public Builder firstPort(int port) {
      this.firstPort = port;
      return this;
    }

    /** An extra broker property; it overrides the defaults. */
    public Builder brokerProperty(String key, String value) {
      properties.put(key, value);
      return this;
    }

    public Builder brokerProperties(Map<String, String> props) {
      properties.putAll(props);
      return this;
    }

    public EmbeddedKafkaCluster build() {
      return new EmbeddedKafkaCluster(brokers, dataDir, firstPort, properties);
    }
  }
}
