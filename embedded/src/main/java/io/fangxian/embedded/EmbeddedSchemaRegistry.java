package io.fangxian.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apicurio Registry (in-memory storage) as a child JVM on 127.0.0.1, serving the
 * Confluent Schema Registry API at {@link #url()}, with global compatibility BACKWARD
 * (Confluent's default; Apicurio's is NONE).
 *
 * <p>The child is started through a small shell watchdog that kills it when this JVM is gone,
 * even after a SIGKILL, which no shutdown hook would survive.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  /** How long the logs of registries on other ports stay in the cache. */
  static final Duration LOGS_KEPT = Duration.ofDays(1);

  // $1 = pid to watch, the rest = the command. Polls once a second; SIGTERM first, then SIGKILL.
  private static final String WATCHDOG = String.join("\n",
      "p=$1; shift",
      "\"$@\" &",
      "c=$!",
      "trap 'kill $c 2>/dev/null' TERM INT HUP",
      "while kill -0 \"$p\" 2>/dev/null && kill -0 $c 2>/dev/null; do sleep 1; done",
      "kill $c 2>/dev/null",
      "i=0; while kill -0 $c 2>/dev/null && [ $i -lt 10 ]; do sleep 1; i=$((i+1)); done",
      "kill -9 $c 2>/dev/null",
      "wait $c");

  private final int requestedPort;
  private final Path cacheDir;
  private final Path requestedLogFile;
  private final String version;
  private final String maxHeap;
  private final Duration startTimeout;
  private final Path storageDir;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2))
      .build();

  private int port;
  private Path logFile;
  private Process process;
  private Thread shutdownHook;

  private EmbeddedSchemaRegistry(Builder b) {
    this.requestedPort = b.port;
    this.cacheDir = b.cacheDir != null ? b.cacheDir : ApicurioDistribution.defaultCacheDir();
    this.requestedLogFile = b.logFile;
    this.version = b.version;
    this.maxHeap = b.maxHeap;
    this.startTimeout = b.startTimeout;
    this.storageDir = b.storageDir;
  }

  /**
   * Removes the logs that registries on other ports left in the cache more than {@link #LOGS_KEPT}
   * ago: each test run picks a free port, so its log would otherwise stay there for good.
   */
  static void pruneOldLogs(Path cacheDir, Path current, Instant now) {
    Instant before = now.minus(LOGS_KEPT);
    try (Stream<Path> files = Files.list(cacheDir)) {
      List<Path> logs = files.filter(p -> p.getFileName().toString().matches("registry-[0-9]+\\.log") && !p.equals(current))
          .toList();
      for (Path f : logs) {
        if (Files.getLastModifiedTime(f).toInstant().isBefore(before)) {
          Files.deleteIfExists(f);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.debug("could not prune old registry logs in {}: {}", cacheDir, e.toString());
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts the registry and returns once it answers and compatibility is BACKWARD. */
  public synchronized EmbeddedSchemaRegistry start() {
    if (process != null) {
      throw new IllegalStateException("already started");
    }
    long t0 = System.nanoTime();
    Path jar = ApicurioDistribution.runnerJar(version, cacheDir);
    port = requestedPort != 0 ? requestedPort : FreePorts.pick(1)[0];
    logFile = requestedLogFile != null ? requestedLogFile
        : cacheDir.resolve("registry-" + port + ".log");
    if (requestedLogFile == null) {
      pruneOldLogs(cacheDir, logFile, Instant.now());
    }
    List<String> cmd = new ArrayList<>(List.of("sh", "-c", WATCHDOG, "fangxian-registry-watchdog",
        Long.toString(ProcessHandle.current().pid()),
        javaExecutable(),
        "-Xmx" + maxHeap,
        "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1"));
    // Class-data sharing: from an archive of the classes it loaded before, the registry starts in
    // about a third of the time (2.8-4.3 s against 7.7-8.3 s on a loaded 2-core machine), and takes
    // that much less CPU from Kafka starting beside it. The first run writes the archive once it
    // is up (see dumpClassData), so even a run that ends in a kill -9 leaves it for the next.
    Path archive = classDataArchive(cacheDir, version);
    boolean dumpClassData = !Files.isRegularFile(archive) && Files.isExecutable(jcmd());
    if (dumpClassData) {
      cmd.add("-XX:+RecordDynamicDumpInfo");
    } else if (Files.isRegularFile(archive)) {
      cmd.add("-XX:SharedArchiveFile=" + archive);
    }
    cmd.addAll(List.of(
        "-Dquarkus.http.host=127.0.0.1",
        "-Dquarkus.http.port=" + port,
        "-Dquarkus.banner.enabled=false",
        "-jar", jar.toString()));
    try {
      Files.createDirectories(logFile.toAbsolutePath().getParent());
      ProcessBuilder builder = new ProcessBuilder(cmd);
      if (storageDir != null) {
        // Keep schemas across restarts, so records stored in Kafka keep resolving to their ids.
        // WRITE_DELAY=0: H2 writes each commit to its file before Apicurio answers. With H2's
        // default (a background write every 500 ms) a kill -9 lost schemas acknowledged just
        // before it, and the restarted registry handed their ids out again for other schemas.
        Files.createDirectories(storageDir);
        builder.environment().put("REGISTRY_DATASOURCE_URL", h2Url(storageDir));
      }
      process = builder
          .directory(jar.getParent().toFile())
          .redirectErrorStream(true)
          .redirectOutput(logFile.toFile())
          .start();
      process.getOutputStream().close();
    } catch (IOException e) {
      process = null;
      throw new UncheckedIOException("cannot start Apicurio Registry: " + cmd, e);
    }
    shutdownHook = new Thread(this::stopChild, "embedded-registry-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    try {
      awaitReady();
      setGlobalCompatibility("BACKWARD");
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    LOG.info("Apicurio Registry {} ready at {} in {} ms, log in {}", version, url(),
        (System.nanoTime() - t0) / 1_000_000, logFile);
    if (dumpClassData) {
      registryJvm().ifPresent(jvm -> dumpClassData(jvm, archive));
    }
    return this;
  }

  /** One archive per registry version and JVM build: an archive only fits the JVM that wrote it. */
  static Path classDataArchive(Path cacheDir, String version) {
    String vm = System.getProperty("java.vm.version", "unknown").replaceAll("[^A-Za-z0-9._-]", "_");
    return cacheDir.resolve("apicurio-registry-" + version + "-classes-" + vm + ".jsa");
  }

  /**
   * Has the running registry write its loaded classes to an archive ({@code jcmd VM.cds
   * dynamic_dump}), in the background: a few seconds, once per machine. The archive appears under
   * its name only when complete, so a concurrent start uses a whole archive or none.
   */
  private static void dumpClassData(ProcessHandle jvm, Path archive) {
    Thread dumper = new Thread(() -> {
      Path partial = archive.resolveSibling(archive.getFileName() + "." + jvm.pid() + ".tmp");
      try {
        Process jcmd = new ProcessBuilder(jcmd().toString(), Long.toString(jvm.pid()), "VM.cds", "dynamic_dump",
            partial.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
        if (jcmd.waitFor(120, TimeUnit.SECONDS) && jcmd.exitValue() == 0 && Files.size(partial) > 0) {
          Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
          LOG.info("Apicurio Registry's classes archived in {}: it starts faster next time", archive);
        } else {
          jcmd.destroyForcibly();
        }
      } catch (IOException e) {
        LOG.debug("no class-data archive of the registry: {}", e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        try {
          Files.deleteIfExists(partial);
        } catch (IOException e) {
          LOG.debug("cannot delete {}", partial, e);
        }
      }
    }, "registry-class-data");
    dumper.setDaemon(true);
    dumper.start();
  }

  /** The registry's JVM, under the watchdog shell. */
  private Optional<ProcessHandle> registryJvm() {
    return process.descendants().filter(h -> h.info().command().orElse("").endsWith("java")).findFirst();
  }

  private static Path jcmd() {
    return Path.of(System.getProperty("java.home"), "bin", "jcmd");
  }

  /** The Confluent-compatible base URL, e.g. {@code http://127.0.0.1:8081/apis/ccompat/v7}. */
  public String url() {
    if (port == 0) {
      throw new IllegalStateException("not started");
    }
    return "http://127.0.0.1:" + port + "/apis/ccompat/v7";
  }

  public int port() {
    return port;
  }

  /** The registry's own output. */
  public Path logFile() {
    return logFile;
  }

  @Override
  public synchronized void close() {
    if (process == null) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook runs stopChild itself
    }
    stopChild();
    process = null;
  }

  private void stopChild() {
    Process p = process;
    if (p == null) {
      return;
    }
    // The registry JVM first (SIGTERM, Quarkus stops in well under a second), then the watchdog.
    List<ProcessHandle> children = p.descendants().toList();
    children.forEach(ProcessHandle::destroy);
    p.destroy();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    for (ProcessHandle h : children) {
      awaitExit(h, deadline);
    }
    try {
      if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitExit(ProcessHandle h, long deadlineNanos) {
    try {
      h.onExit().get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (Exception e) {
      h.destroyForcibly();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + startTimeout.toNanos();
    HttpRequest probe = HttpRequest.newBuilder(URI.create(url() + "/subjects"))
        .timeout(Duration.ofSeconds(2)).GET().build();
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Apicurio Registry exited with " + process.exitValue()
            + " while starting; see " + logFile + "\n" + tail(logFile));
      }
      try {
        if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for Apicurio Registry", e);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Apicurio Registry not ready on port " + port + " after "
            + startTimeout.toSeconds() + " s; see " + logFile + "\n" + tail(logFile));
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for Apicurio Registry", e);
      }
    }
  }

  private void setGlobalCompatibility(String level) {
    HttpRequest put = HttpRequest.newBuilder(URI.create(url() + "/config"))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", CONTENT_TYPE)
        .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"" + level + "\"}"))
        .build();
    try {
      HttpResponse<String> r = http.send(put, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("setting compatibility " + level + " failed: HTTP "
            + r.statusCode() + " " + r.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("setting compatibility " + level + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** The H2 database in dir that the registry stores its schemas in, written through on every commit. */
  static String h2Url(Path dir) {
    return "jdbc:h2:file:" + dir.toAbsolutePath().resolve("registry") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
  }

  private static String javaExecutable() {
    return ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }

  public static final class Builder {
    private int port;
    private Path cacheDir;
    private Path logFile;
    private String version = System.getProperty("apicurio.version",
        ApicurioDistribution.DEFAULT_VERSION);
    private String maxHeap = "384m";
    private Duration startTimeout = Duration.ofSeconds(60);
    private Path storageDir;

    /** Keep the registry's storage in this directory (H2 file) instead of memory. */
    public Builder storageDir(Path dir) {
      this.storageDir = dir;
      return this;
    }

    /** HTTP port on 127.0.0.1; 0 (default) picks a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Where the distribution is extracted; default {@code ~/.cache/fangxian}. */
    public Builder cacheDir(Path dir) {
      this.cacheDir = dir;
      return this;
    }

    /** Where the registry's output goes; default {@code <cacheDir>/registry-<port>.log}. */
    public Builder logFile(Path file) {
      this.logFile = file;
      return this;
    }

    public Builder version(String version) {
      this.version = version;
      return this;
    }

    /** The child's -Xmx, e.g. "384m". */
    public Builder maxHeap(String maxHeap) {
      this.maxHeap = maxHeap;
      return this;
    }

    public Builder startTimeout(Duration timeout) {
      this.startTimeout = timeout;
      return this;
    }

    public EmbeddedSchemaRegistry build() {
      return new EmbeddedSchemaRegistry(this);
    }
  }
}
