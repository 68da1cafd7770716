package io.fangxian.metrics;

import io.fangxian.avro.Alert;
import io.fangxian.deadletter.DeadLetterListener;
import io.fangxian.metrics.PipelineMetrics;
import io.fangxian.validate.RejectReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.SafeKafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The application's metrics in one Prometheus registry: JVM, Kafka Streams' own metrics and the
 * pipeline's business metrics. Tags carry only topic names, rule ids, levels, statuses and
 * reject reasons, never configuration values, so no secret can reach {@code /metrics}.
 */
public final class FangxianMetrics implements PipelineMetrics, DeadLetterListener, AutoCloseable {
  /** The Content-Type of {@link #scrape()} (Prometheus text format 0.0.4). */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  public static final String RECORDS_IN = "fangxian.records.in";
  public static final String DEAD_LETTERS = "fangxian.dead.letters";
  public static final String DUPLICATES_DROPPED = "fangxian.duplicates.dropped";
  public static final String ALERTS_PUBLISHED = "fangxian.alerts.published";
  public static final String ALERT_LATENCY = "fangxian.alert.latency";
  public static final String ALERT_LATENCY_PERCENTILE = "fangxian.alert.latency.percentile";
  public static final String HAZARDS_OPEN = "fangxian.hazards.open";
  public static final String HAZARDS_OVERDUE = "fangxian.hazards.overdue";

  private static final String UNKNOWN = "unknown";
  private static final double[] PERCENTILES = {0.5, 0.95, 0.99};

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  // The hot path looks meters up by tag values; caching them avoids building Tags per record.
  private final Map<String, Counter> recordsIn = new ConcurrentHashMap<>();
  private final Map<String, Counter> duplicates = new ConcurrentHashMap<>();
  private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();
  private final Map<String, Counter> alerts = new ConcurrentHashMap<>();
  private final Map<String, Timer> latencies = new ConcurrentHashMap<>();
  private SafeKafkaStreamsMetrics streamsMetrics;

  public FangxianMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  /**
   * Adds the metrics of a Kafka Streams client (its threads, tasks, stores and clients), but those
   * unsafe to read off the stream thread ({@link SafeKafkaStreamsMetrics}).
   */
  public synchronized void bind(KafkaStreams streams) {
    if (streamsMetrics != null) {
      streamsMetrics.close();
    }
    streamsMetrics = new SafeKafkaStreamsMetrics(streams);
    streamsMetrics.bindTo(registry);
  }

  /**
   * Gauges of the open and the overdue hazards (this instance's share of the ledger). A supplier
   * that throws (e.g. stores not queryable during a rebalance) reads as NaN, not as 0.
   */
  public void registerHazardGauges(LongSupplier open, LongSupplier overdue) {
    gauge(HAZARDS_OPEN, "Hazards open (reported, not yet verified and closed)", open);
    gauge(HAZARDS_OVERDUE, "Open hazards past their rectification deadline", overdue);
  }

  private void gauge(String name, String description, LongSupplier supplier) {
    Gauge.builder(name, supplier, FangxianMetrics::read)
        .description(description)
        .strongReference(true)
        .register(registry);
  }

  private static double read(LongSupplier supplier) {
    try {
      return supplier.getAsLong();
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }

  @Override
  public void recordIn(String topic) {
    recordsIn.computeIfAbsent(name(topic), t -> Counter.builder(RECORDS_IN)
        .description("Records read from an input topic, before validation")
        .tag("topic", t).register(registry)).increment();
  }

  @Override
  public void duplicateDropped(String topic) {
    duplicates.computeIfAbsent(name(topic), t -> Counter.builder(DUPLICATES_DROPPED)
        .description("Resent events (eventId already processed) that were dropped")
        .tag("topic", t).register(registry)).increment();
  }

  @Override
  public void deadLettered(String sourceTopic, RejectReason reason) {
    String topic = name(sourceTopic);
    String code = reason == null ? UNKNOWN : reason.code();
    deadLetters.computeIfAbsent(code + '\u0000' + topic, k -> Counter.builder(DEAD_LETTERS)
        .description("Records sent to the dead-letter topic, by reason and source topic")
        .tag("reason", code).tag("topic", topic).register(registry)).increment();
  }

  @Override
  public void alertPublished(Alert alert, long latencyMs) {
    String rule = name(alert.getRule());
    String level = alert.getLevel() == null ? UNKNOWN : alert.getLevel().name();
    String status = alert.getStatus() == null ? UNKNOWN : alert.getStatus().name();
    alerts.computeIfAbsent(rule + '\u0000' + level + '\u0000' + status, k -> Counter.builder(ALERTS_PUBLISHED)
        .description("Alert records published (firing, escalated, de-escalated, resolved)")
        .tag("rule", rule).tag("level", level).tag("status", status).register(registry)).increment();
    latencies.computeIfAbsent(rule, this::latencyTimer).record(Math.max(0, latencyMs), TimeUnit.MILLISECONDS);
  }

  private Timer latencyTimer(String rule) {
    Timer timer = Timer.builder(ALERT_LATENCY)
        .description("From the triggering event's time to the alert's publication")
        .tag("rule", rule)
        .publishPercentiles(PERCENTILES)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofDays(1))
        .register(registry);
    // A Prometheus histogram family cannot also carry quantiles, so the registry drops the
    // client-side percentiles; they are published as gauges of their own. Across replicas use
    // histogram_quantile() over the buckets instead: these per-instance values do not add up.
    for (double p : PERCENTILES) {
      Gauge.builder(ALERT_LATENCY_PERCENTILE, timer, t -> percentile(t, p))
          .description("Alert latency percentile on this instance (recent window)")
          .baseUnit("seconds")
          .tag("rule", rule).tag("quantile", Double.toString(p))
          .register(registry);
    }
    return timer;
  }

  private static double percentile(Timer timer, double p) {
    for (ValueAtPercentile v : timer.takeSnapshot().percentileValues()) {
      if (v.percentile() == p) {
        return v.value(TimeUnit.SECONDS);
      }
    }
    return Double.NaN;
  }

  private static String name(String s) {
    return s == null || s.isEmpty() ? UNKNOWN : s;
  }

  /** Everything in the Prometheus text format, for {@code GET /metrics}. */
  public String scrape() {
    return registry.scrape();
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  @Override
  public synchronized void close() {
    if (streamsMetrics != null) {
      streamsMetrics.close();
      streamsMetrics = null;
    }
    gc.close();
    registry.close();
  }
}
