package io.micrometer.core.instrument.binder.kafka;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Kafka Streams' metrics for Micrometer ({@link KafkaStreamsMetrics}), without the ones that must
 * not be read off the stream thread.
 *
 * <p>Kafka 4.4's {@code uncommitted-bytes} gauge (transactional state stores, KIP-892) asks the
 * store's RocksDB write batch for its size in native code, from whatever thread reads it. Micrometer
 * reads every metric's value on its own thread each minute (to see which are numbers), and a
 * Prometheus scrape reads the bound gauges on the HTTP thread. When the stream thread has just closed
 * the batch (a commit, a task closed in a rebalance), the JVM dies in
 * {@code WriteBatch.getDataSize} (SIGSEGV, seen in a crash test's instance). Left out, it is never
 * read off the stream thread.
 *
 * <p>It lives in Micrometer's package because {@link KafkaMetrics}' constructor taking a metrics
 * supplier is package-private.
 */
public final class SafeKafkaStreamsMetrics extends KafkaMetrics {
  /** Metric names unsafe to read from another thread than the stream thread. */
  public static final Set<String> UNSAFE = Set.of("uncommitted-bytes");

  public SafeKafkaStreamsMetrics(KafkaStreams streams) {
    super(() -> safe(streams.metrics()));
  }

  /** The metrics without the {@link #UNSAFE} ones; no metric's value is read. */
  public static Map<MetricName, ? extends Metric> safe(Map<MetricName, ? extends Metric> metrics) {
    return metrics.entrySet().stream().filter(e -> !UNSAFE.contains(e.getKey().name()))
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
  }
}
