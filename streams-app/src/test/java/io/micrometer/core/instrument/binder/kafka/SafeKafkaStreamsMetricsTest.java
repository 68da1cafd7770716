package io.micrometer.core.instrument.binder.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.Test;

class SafeKafkaStreamsMetricsTest {
  private final AtomicInteger nativeReads = new AtomicInteger();

  private KafkaMetric gauge(String name, String group) {
    Gauge<Long> value = (config, now) -> {
      nativeReads.incrementAndGet();
      return 1L;
    };
    return new KafkaMetric(new Object(), new MetricName(name, group, "", Map.of("store-id", "alerts")), value,
        new MetricConfig(), Time.SYSTEM);
  }

  @Test
  void theUncommittedBytesGaugeIsLeftOutWithoutBeingRead() {
    KafkaMetric uncommitted = gauge("uncommitted-bytes", "stream-state-metrics");
    KafkaMetric iterators = gauge("num-open-iterators", "stream-state-metrics");
    Map<MetricName, KafkaMetric> all = Map.of(uncommitted.metricName(), uncommitted, iterators.metricName(), iterators);

    assertThat(SafeKafkaStreamsMetrics.safe(all)).containsOnlyKeys(iterators.metricName());
    assertThat(nativeReads).hasValue(0);
  }
}
