package io.fangxian.serde;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-framed Avro into the generated class {@code T}, resolving the writer's schema
 * (fetched once per id from the registry) to the class's schema, so data written with an older
 * compatible schema is read with the new fields at their defaults. Thread-safe.
 */
public class SpecificAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {
  private final Class<T> type;
  private final Schema readerSchema;
  private final SpecificData model;
  private SchemaRegistryClient registry;
  private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();
  /** One decoder per thread, re-pointed at each record instead of allocated for it. */
  private static final ThreadLocal<BinaryDecoder> DECODERS = new ThreadLocal<>();

  public SpecificAvroDeserializer(Class<T> type) {
    this.type = Objects.requireNonNull(type, "type");
    this.model = SpecificData.getForClass(type);
    this.readerSchema = model.getSchema(type);
  }

  /** For tests and callers that already hold a client. */
  public SpecificAvroDeserializer(Class<T> type, SchemaRegistryClient registry) {
    this(type);
    this.registry = registry;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    if (registry == null || configs.containsKey(SchemaRegistryClients.URL)) {
      this.registry = SchemaRegistryClients.create(configs);
    }
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    if (registry == null) {
      throw new SerializationException("SpecificAvroDeserializer used before configure(): no "
          + SchemaRegistryClients.URL);
    }
    int id = WireFormat.schemaId(data);
    DatumReader<T> reader = readers.computeIfAbsent(id, this::reader);
    try {
      BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, WireFormat.HEADER_SIZE,
          data.length - WireFormat.HEADER_SIZE, DECODERS.get());
      DECODERS.set(decoder);
      return reader.read(null, decoder);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("Cannot decode record with schema id " + id + " from topic '" + topic
          + "' as " + readerSchema.getFullName() + " (" + (data.length - WireFormat.HEADER_SIZE)
          + " bytes of Avro): " + e, e);
    }
  }

  private DatumReader<T> reader(int id) {
    Schema writerSchema;
    try {
      writerSchema = registry.getById(id);
    } catch (SchemaRegistryException e) {
      if (e.isUnreachable()) {
        // The client already words it "Schema registry unreachable at <url>: ...".
        throw new SerializationException(e.getMessage(), e);
      }
      if (e.isNotFound()) {
        throw new SerializationException("Unknown schema id " + id + " in registry " + registry.url() + ": "
            + e.getMessage(), e);
      }
      throw new SerializationException("Cannot fetch schema id " + id + " from registry " + registry.url() + ": "
          + e.getMessage(), e);
    }
    String problem = AvroCompatibility.problem(readerSchema, writerSchema);
    if (problem != null) {
      throw new SerializationException("Writer schema id " + id + " (" + writerSchema.getFullName()
          + ") cannot be read as " + readerSchema.getFullName() + ": " + problem);
    }
    return new SpecificDatumReader<>(writerSchema, readerSchema, model);
  }
}
