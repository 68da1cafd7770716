package io.fangxian.serde;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for a generated Avro class in the Confluent wire format (see {@link SpecificAvroSerializer}
 * and {@link SpecificAvroDeserializer}). One instance may be shared by all stream threads.
 */
public class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {
  private final Class<T> type;
  private final SpecificAvroSerializer<T> serializer;
  private final SpecificAvroDeserializer<T> deserializer;

  public SpecificAvroSerde(Class<T> type) {
    this.type = type;
    this.serializer = new SpecificAvroSerializer<>();
    this.deserializer = new SpecificAvroDeserializer<>(type);
  }

  /** A value serde, already configured. */
  public static <T extends SpecificRecord> SpecificAvroSerde<T> forValues(Class<T> type, Map<String, ?> configs) {
    SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
    serde.configure(configs, false);
    return serde;
  }

  /** A key serde, already configured. */
  public static <T extends SpecificRecord> SpecificAvroSerde<T> forKeys(Class<T> type, Map<String, ?> configs) {
    SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
    serde.configure(configs, true);
    return serde;
  }

  public Class<T> type() {
    return type;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    serializer.configure(configs, isKey);
    deserializer.configure(configs, isKey);
  }

  @Override
  public Serializer<T> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<T> deserializer() {
    return deserializer;
  }
}
