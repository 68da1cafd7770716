package io.fangxian.produce;

import io.fangxian.load.RecordKind;
import io.fangxian.serde.SpecificAvroSerializer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes input records to the product's topics, keyed as DESIGN §7 says, in the Confluent wire
 * format. Idempotent with acks=all, so a retry never duplicates a record. Used by load, generate
 * and the demo.
 */
public final class RecordProducer implements AutoCloseable {
  private final KafkaProducer<String, SpecificRecord> producer;
  private final String topicPrefix;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  /**
   * @param clientSettings Kafka client settings (at least bootstrap.servers; security settings pass through)
   * @param serdeSettings the registry settings (schema.registry.url, auth)
   */
  public RecordProducer(Map<String, Object> clientSettings, Map<String, Object> serdeSettings, String topicPrefix) {
    Map<String, Object> props = new HashMap<>(clientSettings);
    props.putAll(serdeSettings);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    SpecificAvroSerializer<SpecificRecord> values = new SpecificAvroSerializer<>();
    values.configure(serdeSettings, false);
    this.producer = new KafkaProducer<>(props, new StringSerializer(), values);
    this.topicPrefix = topicPrefix;
  }

  public void send(RecordKind kind, String key, SpecificRecord value) {
    Exception earlier = failure.get();
    if (earlier != null) {
      throw new IllegalStateException("sending failed: " + earlier.getMessage(), earlier);
    }
    producer.send(new ProducerRecord<>(topicPrefix + kind.topic(), key, value), (metadata, e) -> {
      if (e != null) {
        failure.compareAndSet(null, e);
      } else {
        sent.incrementAndGet();
      }
    });
  }

  public void send(SpecificRecord value) {
    RecordKind kind = RecordKind.of(value);
    send(kind, kind.keyOf(value), value);
  }

  /** Waits until everything sent so far is acknowledged; throws if anything failed. */
  public void flush() {
    producer.flush();
    Exception e = failure.get();
    if (e != null) {
      throw new IllegalStateException("sending failed: " + e.getMessage(), e);
    }
  }

  public long acknowledged() {
    return sent.get();
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(30));
  }
}
