package io.fangxian.app;

import io.fangxian.config.AppConfig;
import io.fangxian.deadletter.DeadLetterHandler;
import io.fangxian.deadletter.DeadLetterListener;
import io.fangxian.domain.TopicRegistry;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams configuration derived from the application's settings. */
public final class StreamsSettings {
  /** The largest record the application's producer sends (a dead letter of a large input). */
  public static final int MAX_REQUEST_BYTES = 8 * 1024 * 1024;

  /** The commit interval under exactly-once unless {@code kafka.commit.interval.ms} says otherwise. */
  public static final long EXACTLY_ONCE_COMMIT_INTERVAL_MS = 50;

  /** How long the global and restore consumers let the broker hold a fetch with nothing to return. */
  public static final int CATCH_UP_FETCH_WAIT_MS = 20;

  private StreamsSettings() { }

  public static Properties of(AppConfig config, TopicRegistry topics, String applicationServer) {
    Properties p = new Properties();
    p.putAll(config.kafkaClientSettings());
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.get(AppConfig.APPLICATION_ID));
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.get(AppConfig.PROCESSING_GUARANTEE));
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, config.intValue(AppConfig.REPLICATION_FACTOR));
    p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.intValue(AppConfig.STANDBY_REPLICAS));
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.intValue(AppConfig.STREAM_THREADS));
    p.put(StreamsConfig.STATE_DIR_CONFIG, config.get(AppConfig.STATE_DIR));
    // Interactive queries: other instances reach this one's stores here.
    p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
    // Static membership: an instance restarted after a crash rejoins as the member it was and takes
    // its tasks back at once, instead of waiting out the dead member's session (45 s) first.
    p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
        groupInstanceId(config, applicationServer));
    // Unreadable and invalid records become dead letters instead of stopping the application.
    p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
    p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
    p.put(DeadLetterHandler.TOPIC_CONFIG, topics.deadLetters.name());
    p.put("processing.exception.handler.global.enabled", true);
    // Refuse to build a topology with a generated store or internal topic name (KIP-1111): those
    // names change with the code, and a renamed changelog loses its state.
    p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    // Internal topics hold the ledger and counts: keep them as durable as the inputs.
    p.put(StreamsConfig.topicPrefix("min.insync.replicas"),
        Integer.toString(Math.max(1, Math.min(2, config.intValue(AppConfig.REPLICATION_FACTOR) - 1))));
    // Under exactly-once an event's effects become readable when its transaction commits, so the
    // commit interval is most of the latency a dashboard sees: 50 ms instead of Streams' 100 ms
    // brought p99 under 200 ms in the benchmark, for twice the transactions (docs/benchmark.md).
    if (StreamsConfig.EXACTLY_ONCE_V2.equals(config.get(AppConfig.PROCESSING_GUARANTEE))
        && !p.containsKey(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)) {
      p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, EXACTLY_ONCE_COMMIT_INTERVAL_MS);
    }
    // Transactional state stores (KIP-892): uncommitted writes stay in a buffer until the commit, so
    // after a crash under exactly-once the stores on disk are still the committed state and are kept,
    // instead of being wiped and restored from every changelog (docs/benchmark.md, restart after kill -9).
    p.putIfAbsent(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG, true);
    // The global and restore consumers read a topic partition by partition and ask for the next
    // one's offsets while a fetch of the last one may still wait at the broker, which answers a
    // connection's requests in order: each caught-up partition cost fetch.max.wait.ms (500 ms) at
    // start, 2.6 s for the reference lists alone after a kill -9 (docs/benchmark.md).
    if (!p.containsKey(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG)) {
      p.putIfAbsent(StreamsConfig.globalConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), CATCH_UP_FETCH_WAIT_MS);
      p.putIfAbsent(StreamsConfig.restoreConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), CATCH_UP_FETCH_WAIT_MS);
    }
    // A dead letter carries the original record whole, so the producer must take records as large
    // as an input topic may hold (raise max.message.bytes on the inputs and on dead letters alike).
    if (!p.containsKey(ProducerConfig.MAX_REQUEST_SIZE_CONFIG)
        && !p.containsKey(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG))) {
      p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), MAX_REQUEST_BYTES);
    }
    return p;
  }

  /**
   * {@code instance.id} if set, else the advertised HTTP address, which is already unique per
   * instance (interactive queries route by it) and stays the same across restarts. Kafka takes
   * letters, digits, '.', '_' and '-' only; Streams appends the stream thread's index.
   */
  static String groupInstanceId(AppConfig config, String applicationServer) {
    String id = config.get(AppConfig.INSTANCE_ID);
    if (id == null || id.isBlank()) {
      id = applicationServer;
    }
    return config.get(AppConfig.APPLICATION_ID) + "-" + id.trim().replaceAll("[^a-zA-Z0-9._-]", "-");
  }

  /**
   * The property that hands the dead-letter handler its listener. Streams passes its config
   * originals, objects included, to the handler's configure(), so the instance arrives as is.
   */
  public static Properties deadLetterListener(DeadLetterListener listener) {
    Properties p = new Properties();
    p.put(DeadLetterListener.CONFIG, listener);
    return p;
  }
}
