package io.fangxian.app;

import io.fangxian.config.AppConfig;
import io.fangxian.domain.TopicRegistry;
import io.fangxian.domain.Topics;
import io.fangxian.query.QueryServer;
import io.fangxian.avro.AreaStats;
import io.fangxian.metrics.FangxianMetrics;
import io.fangxian.serde.RegistryMismatchException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance as an operator runs it: topics checked, the streams application started and its
 * HTTP endpoints served. Closing it (or Ctrl-C) stops everything in reverse order.
 */
public final class FangxianServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FangxianServer.class);

  private final AppConfig config;
  private final FangxianApp app;
  private final FangxianMetrics metrics;
  private volatile QueryServer http;
  private volatile io.fangxian.notify.AlertmanagerNotifier notifier;
  private volatile io.fangxian.notify.AlertsTopicSource notifierSource;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final CompletableFuture<Duration> ready = new CompletableFuture<>();
  private final Thread shutdownHook;

  private FangxianServer(AppConfig config, FangxianApp app, FangxianMetrics metrics) {
    this.config = config;
    this.app = app;
    this.metrics = metrics;
    this.shutdownHook = new Thread(this::closeQuietly, "fangxian-shutdown");
  }

  public static FangxianServer start(AppConfig config) throws InterruptedException {
    log.info("Starting with {}", config.describe());
    try (Admin admin = Admin.create(config.kafkaClientSettings())) {
      List<String> created = TopicAdmin.createMissing(admin, config.get(AppConfig.TOPIC_PREFIX),
          config.intValue(AppConfig.TOPIC_PARTITIONS), (short) config.intValue(AppConfig.REPLICATION_FACTOR));
      if (!created.isEmpty()) {
        log.info("Created topics {}", created);
      }
      CoPartitioning.check(admin, new TopicRegistry(config.get(AppConfig.TOPIC_PREFIX), config.serdeSettings()));
    }
    FangxianMetrics metrics = new FangxianMetrics();
    FangxianApp app = new FangxianApp(config, advertised(config), metrics, StreamsSettings.deadLetterListener(metrics));
    // One request per schema id used before (0.7 s after a restart): asked while HTTP starts.
    CompletableFuture<List<String>> registryCheck = CompletableFuture.supplyAsync(app::verifyRegistry);
    metrics.bind(app.streams());
    metrics.registerHazardGauges(
        () -> LocalFigures.townshipTotal(app.streams(), AreaStats::getOpenHazards),
        () -> LocalFigures.townshipTotal(app.streams(), AreaStats::getOverdueHazards));
    FangxianServer server = new FangxianServer(config, app, metrics);
    Runtime.getRuntime().addShutdownHook(server.shutdownHook);
    // HTTP first: the health probes answer (503 "not ready") while state is restored.
    try {
      server.http = QueryServer.start(config, advertised(config), app.streams(), app.topics(), app.reference(),
          metrics::scrape);
    } catch (RuntimeException e) {
      registryCheck.cancel(true);
      server.close();
      throw e;
    }
    List<String> registryProblems;
    try {
      registryProblems = registryCheck.join();
    } catch (CompletionException e) {
      server.close();
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
    if (!registryProblems.isEmpty()) {
      server.close();
      throw new RegistryMismatchException(String.join("\n", registryProblems), config.get(AppConfig.REGISTRY_URL), -1);
    }
    app.onFatal(server.http::reportFailure);
    app.start();
    server.startNotifications(config);
    server.watchReadiness();
    server.watchForHangingTransactions();
    return server;
  }

  /**
   * Completes with the time from the process start to the first moment figures could be served
   * (the readiness probe answering UP), which is the time a dashboard stays dark after a restart.
   */
  public CompletableFuture<Duration> ready() {
    return ready;
  }

  private void watchReadiness() {
    Thread watcher = new Thread(() -> {
      while (stopped.getCount() > 0 && http.notReadyReason() != null) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
      if (stopped.getCount() > 0) {
        Duration sinceStart = Duration.ofMillis(System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime());
        log.info("Figures served {} s after the process started", String.format("%.1f", sinceStart.toMillis() / 1000.0));
        ready.complete(sinceStart);
      }
    }, "readiness-watch");
    watcher.setDaemon(true);
    watcher.start();
  }

  /**
   * While the instance has not yet run, looks every 10 s for a transaction that a crash left open
   * on the group's offsets or on the application's topics and that no coordinator will end: it
   * would keep the instance from ever starting (see {@link HangingTransactions}).
   */
  private void watchForHangingTransactions() {
    Set<String> ownTopics = Topics.ALL.stream().map(t -> config.get(AppConfig.TOPIC_PREFIX) + t.name())
        .collect(Collectors.toSet());
    Thread watcher = new Thread(() -> {
      try (Admin admin = Admin.create(config.kafkaClientSettings())) {
        while (stopped.getCount() > 0 && !ready.isDone()) {
          Thread.sleep(10_000);
          if (app.streams().state() == KafkaStreams.State.REBALANCING) {
            try {
              HangingTransactions.abortForApplication(admin, config.get(AppConfig.APPLICATION_ID), ownTopics,
                  Duration.ofSeconds(30), Duration.ofSeconds(10));
            } catch (ExecutionException | TimeoutException e) {
              log.debug("Could not look for hanging transactions: {}", e.toString());
            }
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "hanging-transaction-watch");
    watcher.setDaemon(true);
    watcher.start();
  }

  static String advertised(AppConfig config) {
    String host = config.get(AppConfig.HTTP_ADVERTISED_HOST);
    if (host == null || host.isBlank()) {
      host = config.get(AppConfig.HTTP_HOST);
    }
    return host + ":" + config.get(AppConfig.HTTP_PORT);
  }

  public String httpUrl() {
    String keystore = config.get(AppConfig.HTTP_TLS_KEYSTORE);
    return (keystore == null || keystore.isBlank() ? "http://" : "https://") + advertised(config);
  }

  public FangxianApp app() {
    return app;
  }

  /** The HTTP server (REST API, live feed, dashboard). */
  public QueryServer http() {
    return http;
  }

  /** Blocks until the instance is closed (by Ctrl-C or {@link #close()}). */
  public void awaitShutdown() throws InterruptedException {
    stopped.await();
  }

  /**
   * Pushes alerts to Alertmanager when {@code alertmanager.url} is set: a consumer of the alerts
   * topic in its own group ({@code <application.id>-alertmanager}) beside the Streams threads, and a
   * resend of the live alerts this instance holds.
   */
  private void startNotifications(AppConfig config) {
    io.fangxian.notify.AlertmanagerSettings settings = io.fangxian.notify.AlertmanagerSettings.from(config);
    if (!settings.enabled()) {
      return;
    }
    notifier = new io.fangxian.notify.AlertmanagerNotifier(settings, () -> LocalFigures.liveAlerts(app.streams()),
        metrics.registry());
    notifierSource = new io.fangxian.notify.AlertsTopicSource(config.kafkaClientSettings(),
        config.get(AppConfig.APPLICATION_ID) + "-alertmanager", app.topics().alerts.name(),
        app.topics().alerts.valueSerde().deserializer(), notifier).start();
    log.info("Pushing alerts to Alertmanager at {}", settings.url());
  }

  private void closeQuietly() {
    try {
      if (notifierSource != null) {
        notifierSource.close();
      }
      if (notifier != null) {
        notifier.close();
      }
    } catch (RuntimeException e) {
      log.warn("Error while stopping the Alertmanager push", e);
    }
    try {
      QueryServer h = http;
      if (h != null) {
        h.close();
      }
    } catch (RuntimeException e) {
      log.warn("Error while stopping the HTTP server", e);
    }
    try {
      app.close();
      metrics.close();
    } catch (RuntimeException e) {
      log.warn("Error while stopping", e);
    } finally {
      stopped.countDown();
    }
  }

  @Override
  public void close() {
    closeQuietly();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook is running or ran: nothing to remove
    }
  }
}
