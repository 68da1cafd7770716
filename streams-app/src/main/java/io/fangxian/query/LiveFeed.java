package io.fangxian.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fangxian.alerts.AlertViews.AlertView;
import io.fangxian.areas.AreaViews.AreaFigures;
import io.fangxian.avro.Alert;
import io.fangxian.avro.AreaStats;
import io.fangxian.domain.ReferenceData;
import io.fangxian.domain.TopicRegistry;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live feed behind {@code GET /api/v1/stream}: a plain consumer (no group: it assigns every
 * partition and starts at the end, reading committed records only) on the alerts and the
 * township/sector stats topics, pushing each record to every connected client as a Server-Sent
 * Event {@code alert} or {@code stats}, in the same JSON as the REST answers.
 */
final class LiveFeed implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);
  private static final long PING_MS = 15_000;

  private final Map<String, Object> consumerSettings;
  private final TopicRegistry topics;
  private final ObjectMapper mapper;
  private final ReferenceData reference;
  private final List<SseClient> clients = new CopyOnWriteArrayList<>();
  private final Thread thread;
  private volatile boolean closed;
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private volatile boolean positioned;

  LiveFeed(Map<String, Object> kafkaClientSettings, TopicRegistry topics, ObjectMapper mapper, ReferenceData reference) {
    Map<String, Object> p = new HashMap<>(kafkaClientSettings);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "fangxian-live-" + UUID.randomUUID());
    p.remove(ConsumerConfig.GROUP_ID_CONFIG);
    this.consumerSettings = p;
    this.topics = topics;
    this.mapper = mapper;
    this.reference = reference;
    this.thread = new Thread(this::run, "fangxian-live-feed");
    this.thread.setDaemon(true);
  }

  LiveFeed start() {
    thread.start();
    return this;
  }

  void add(SseClient client) {
    clients.add(client);
    client.onClose(() -> clients.remove(client));
    client.sendComment("connected");
  }

  int clientCount() {
    return clients.size();
  }

  /** True once the consumer has its partitions and positions at their ends. */
  boolean positioned() {
    return positioned;
  }

  private void run() {
    long lastPing = System.currentTimeMillis();
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerSettings, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      consumer = c;
      Deserializer<Alert> alerts = topics.alerts.valueSerde().deserializer();
      Deserializer<AreaStats> stats = topics.townshipStats.valueSerde().deserializer();
      while (!closed) {
        if (c.assignment().isEmpty() && !assign(c)) {
          sleep(1000);
          continue;
        }
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
          if (r.value() == null) {
            continue;
          }
          try {
            if (r.topic().equals(topics.alerts.name())) {
              broadcast("alert", mapper.writeValueAsString(AlertView.from(alerts.deserialize(r.topic(), r.headers(), r.value()), System.currentTimeMillis())));
            } else {
              broadcast("stats", mapper.writeValueAsString(
                  AreaFigures.from(stats.deserialize(r.topic(), r.headers(), r.value()), reference)));
            }
          } catch (Exception e) {
            log.warn("Live feed skips an unreadable record at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.toString());
          }
        }
        if (!positioned && !c.assignment().isEmpty()) {
          c.assignment().forEach(c::position); // resolves the seek to the end
          positioned = true;
        }
        if (System.currentTimeMillis() - lastPing > PING_MS) {
          lastPing = System.currentTimeMillis();
          for (SseClient client : clients) {
            send(client, null, "ping");
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      if (!closed) {
        log.error("Live feed stopped", e);
      }
    } finally {
      clients.forEach(SseClient::close);
    }
  }

  private boolean assign(KafkaConsumer<byte[], byte[]> c) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : List.of(topics.alerts.name(), topics.townshipStats.name(), topics.sectorStats.name())) {
      try {
        List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(5));
        if (infos != null) {
          infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
        }
      } catch (WakeupException e) {
        throw e;
      } catch (RuntimeException e) {
        log.debug("Live feed cannot describe {} yet: {}", topic, e.toString());
      }
    }
    if (partitions.isEmpty()) {
      return false;
    }
    c.assign(partitions);
    c.seekToEnd(partitions);
    return true;
  }

  private void broadcast(String event, String json) {
    for (SseClient client : clients) {
      send(client, event, json);
    }
  }

  private void send(SseClient client, String event, String data) {
    if (client.terminated()) {
      clients.remove(client);
      return;
    }
    try {
      if (event == null) {
        client.sendComment(data);
      } else {
        client.sendEvent(event, data);
      }
    } catch (RuntimeException e) {
      clients.remove(client);
    }
  }

  private void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    }
  }

  @Override
  public void close() {
    closed = true;
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
