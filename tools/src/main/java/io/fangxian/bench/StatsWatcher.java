package io.fangxian.bench;

import io.fangxian.avro.AreaStats;
import io.fangxian.domain.TopicRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the published township and sector figures (read_committed) as a dashboard would, keeping
 * the latest per area, and says when they equal the expected figures.
 */
final class StatsWatcher implements AutoCloseable {
  private final KafkaConsumer<String, byte[]> consumer;
  private final TopicRegistry topics;
  private final Map<String, AreaCounts> townships = new TreeMap<>();
  private final Map<String, AreaCounts> sectors = new TreeMap<>();
  private long lastChangeNanos = System.nanoTime();

  StatsWatcher(Map<String, Object> clientSettings, TopicRegistry topics) {
    this.topics = topics;
    Map<String, Object> props = new HashMap<>(clientSettings);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-stats-watcher");
    consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : List.of(topics.townshipStats.name(), topics.sectorStats.name())) {
      consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    }
    consumer.assign(partitions);
    // Only what this run publishes: earlier runs' figures are on the same topics.
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
  }

  /** Polls once; returns whether anything changed. */
  boolean poll(Duration timeout) {
    boolean changed = false;
    for (ConsumerRecord<String, byte[]> r : consumer.poll(timeout)) {
      AreaStats s = topics.townshipStats.valueSerde().deserializer().deserialize(r.topic(), r.value());
      AreaCounts c = new AreaCounts(s.getHazardsReported(), s.getOpenHazards(), s.getClosedHazards(),
          s.getViolations(), s.getInspections());
      Map<String, AreaCounts> target = r.topic().equals(topics.townshipStats.name()) ? townships : sectors;
      if (!c.equals(target.put(r.key(), c))) {
        changed = true;
      }
    }
    if (changed) {
      lastChangeNanos = System.nanoTime();
    }
    return changed;
  }

  boolean matches(Map<String, AreaCounts> expectedTownships, Map<String, AreaCounts> expectedSectors) {
    return nonZero(townships).equals(nonZero(expectedTownships)) && nonZero(sectors).equals(nonZero(expectedSectors));
  }

  /** Areas with no counts at all (a weather warning alone creates one) are left out of the comparison. */
  static Map<String, AreaCounts> nonZero(Map<String, AreaCounts> m) {
    Map<String, AreaCounts> r = new TreeMap<>(m);
    r.values().removeIf(c -> c.equals(new AreaCounts(0, 0, 0, 0, 0)));
    return r;
  }

  long lastChangeNanos() {
    return lastChangeNanos;
  }

  Map<String, AreaCounts> townships() {
    return townships;
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
