package io.fangxian.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes specific Avro records in the Confluent wire format, registering (or, with
 * {@code auto.register.schemas=false}, looking up) the record's schema under
 * {@code <topic>-value} or {@code <topic>-key}. Thread-safe.
 */
public class SpecificAvroSerializer<T extends SpecificRecord> implements Serializer<T> {
  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";

  private SchemaRegistryClient registry;
  private boolean isKey;
  private boolean autoRegister = true;
  private final Map<Class<?>, DatumWriter<Object>> writers = new ConcurrentHashMap<>();
  private final Map<TopicClass, Integer> ids = new ConcurrentHashMap<>();

  private record TopicClass(String topic, Class<?> type) { }

  public SpecificAvroSerializer() {
  }

  /** For tests and callers that already hold a client; {@link #configure} may still set the other options. */
  public SpecificAvroSerializer(SchemaRegistryClient registry) {
    this.registry = registry;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.isKey = isKey;
    Object auto = configs.get(AUTO_REGISTER_SCHEMAS);
    this.autoRegister = auto == null || Boolean.parseBoolean(auto.toString().trim());
    if (registry == null || configs.containsKey(SchemaRegistryClients.URL)) {
      this.registry = SchemaRegistryClients.create(configs);
    }
  }

  @Override
  public byte[] serialize(String topic, T record) {
    if (record == null) {
      return null;
    }
    if (registry == null) {
      throw new SerializationException("SpecificAvroSerializer used before configure(): no "
          + SchemaRegistryClients.URL);
    }
    Class<?> type = record.getClass();
    int id = ids.computeIfAbsent(new TopicClass(topic, type), k -> schemaId(topic, record.getSchema()));
    DatumWriter<Object> writer = writers.computeIfAbsent(type,
        k -> new SpecificDatumWriter<>(record.getSchema(), SpecificData.getForClass(k)));
    // One buffer and buffered encoder per thread, reused: the direct encoder wrote byte by byte into
    // a fresh stream that grew by copying, a large share of the pipeline's serialization time.
    Buffer buffer = BUFFERS.get();
    buffer.out.reset();
    buffer.out.writeBytes(WireFormat.header(id));
    try {
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(buffer.out, buffer.encoder);
      buffer.encoder = encoder;
      writer.write(record, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      buffer.encoder = null; // do not reuse an encoder left holding half a record
      throw new SerializationException("Cannot encode " + record.getSchema().getFullName() + " for topic '" + topic
          + "': " + e.getMessage(), e);
    }
    byte[] bytes = buffer.out.toByteArray();
    if (buffer.out.capacity() > MAX_KEPT_BUFFER) {
      BUFFERS.remove(); // a rare huge record: do not keep its buffer
    }
    return bytes;
  }

  private static final int MAX_KEPT_BUFFER = 1024 * 1024;
  private static final ThreadLocal<Buffer> BUFFERS = ThreadLocal.withInitial(Buffer::new);

  private static final class Buffer {
    final Out out = new Out();
    BinaryEncoder encoder;
  }

  /** A reusable output buffer that can say how large it has grown. */
  private static final class Out extends ByteArrayOutputStream {
    Out() {
      super(512);
    }

    int capacity() {
      return buf.length;
    }
  }

  private int schemaId(String topic, Schema schema) {
    String subject = topic + (isKey ? "-key" : "-value");
    try {
      return autoRegister ? registry.register(subject, schema) : registry.lookup(subject, schema);
    } catch (SchemaRegistryException e) {
      if (e.isUnreachable()) {
        // The client already words it "Schema registry unreachable at <url>: ...".
        throw new SerializationException(e.getMessage(), e);
      }
      if (!autoRegister && e.isNotFound()) {
        throw new SerializationException("Schema " + schema.getFullName() + " is not registered under subject '"
            + subject + "' in registry " + registry.url() + " and " + AUTO_REGISTER_SCHEMAS
            + "=false, so it will not be registered: " + e.getMessage(), e);
      }
      throw new SerializationException("Schema registry " + registry.url() + " refused schema "
          + schema.getFullName() + " for subject '" + subject + "': " + e.getMessage(), e);
    }
  }
}
