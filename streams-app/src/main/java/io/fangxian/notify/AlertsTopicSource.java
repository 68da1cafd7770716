package io.fangxian.notify;

import io.fangxian.avro.Alert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code safety.alerts} (committed records only) in its own consumer group and hands each
 * record to the {@link AlertmanagerNotifier}. Apart from the Streams threads: a slow or absent
 * Alertmanager never holds up processing. When the backlog is full it pauses and reads the record
 * again once there is room; it commits only the offsets the notifier delivered, so after a crash the
 * undelivered records are read and pushed again (at least once). A new group starts at the end of
 * the topic: the live alerts reach Alertmanager by the notifier's resends.
 */
public final class AlertsTopicSource implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AlertsTopicSource.class);

  private final KafkaConsumer<String, Alert> consumer;
  private final AlertmanagerNotifier notifier;
  private final String topic;
  private final Thread thread;
  private final Map<TopicPartition, Long> committed = new HashMap<>();
  private volatile boolean running = true;

  public AlertsTopicSource(Map<String, Object> clientSettings, String groupId, String topic, Deserializer<Alert> values,
      AlertmanagerNotifier notifier) {
    Map<String, Object> settings = new HashMap<>(clientSettings);
    settings.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
    this.consumer = new KafkaConsumer<>(settings, new StringDeserializer(), values);
    this.notifier = notifier;
    this.topic = topic;
    this.thread = new Thread(this::run, "fangxian-alertmanager-source");
    thread.setDaemon(true);
  }

  public AlertsTopicSource start() {
    thread.start();
    return this;
  }

  private void run() {
    try {
      consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
          commit();
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
          // Where this instance starts: another may have delivered and committed further meanwhile.
          for (TopicPartition tp : partitions) {
            committed.put(tp, consumer.position(tp));
          }
        }
      });
      boolean paused = false;
      while (running) {
        if (paused && notifier.backlogSize() <= notifier.capacity() / 2) {
          consumer.resume(consumer.assignment());
          paused = false;
        }
        ConsumerRecords<String, Alert> records = consumer.poll(Duration.ofMillis(500));
        boolean full = false;
        for (TopicPartition tp : records.partitions()) {
          for (ConsumerRecord<String, Alert> r : records.records(tp)) {
            if (r.value() == null) {
              continue;
            }
            if (full || !notifier.offer(r.value(), tp, r.offset())) {
              full = true;
              consumer.seek(tp, r.offset()); // read again when there is room
              break;
            }
          }
        }
        if (full) {
          consumer.pause(consumer.assignment());
          paused = true;
        }
        commit();
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      log.error("Reading the alerts for Alertmanager stopped", e);
    } finally {
      try {
        commit();
      } catch (RuntimeException ignored) {
        // closing anyway
      }
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /**
   * Commits, for the partitions held, what Alertmanager has accepted beyond what is committed (never
   * backwards: a record read before a partition moved away and back may be delivered late).
   */
  private void commit() {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    List<TopicPartition> held = new ArrayList<>(consumer.assignment());
    notifier.delivered().forEach((tp, next) -> {
      Long done = committed.get(tp);
      if (held.contains(tp) && (done == null || next > done)) {
        offsets.put(tp, new OffsetAndMetadata(next));
      }
    });
    if (!offsets.isEmpty()) {
      consumer.commitSync(offsets);
      offsets.forEach((tp, o) -> committed.put(tp, o.offset()));
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
