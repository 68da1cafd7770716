package io.fangxian.serde;

import static io.fangxian.serde.Records.frame;
import static io.fangxian.serde.Records.mockConfig;
import static io.fangxian.serde.Records.uniqueScope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardEvent;
import io.fangxian.avro.HazardEventType;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.ViolationEvent;
import io.fangxian.avro.WeatherWarning;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SpecificAvroSerdeTest {
  private final String scope = uniqueScope();
  private final MockSchemaRegistry registry = MockSchemaRegistry.forScope(scope);

  @AfterEach
  void dropScope() {
    MockSchemaRegistry.dropScope(scope);
  }

  @Test
  void writesTheConfluentWireFormatByteForByte() throws IOException {
    HazardEvent event = Records.hazard("E-1");
    byte[] bytes = SpecificAvroSerde.forValues(HazardEvent.class, mockConfig(scope))
        .serializer().serialize("safety.hazards", event);

    int id = registry.lookup("safety.hazards-value", HazardEvent.getClassSchema());
    ByteArrayOutputStream expectedAvro = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(expectedAvro, null);
    new SpecificDatumWriter<>(HazardEvent.class).write(event, encoder);
    encoder.flush();

    assertThat(bytes[0]).isEqualTo((byte) 0);
    assertThat(java.util.Arrays.copyOfRange(bytes, 1, 5))
        .containsExactly((byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id);
    assertThat(java.util.Arrays.copyOfRange(bytes, 5, bytes.length)).isEqualTo(expectedAvro.toByteArray());
    assertThat(registry.subjects()).containsExactly("safety.hazards-value");
  }

  @Test
  void roundTripsEveryKindOfEvent() {
    assertRoundTrip(HazardEvent.class, "safety.hazards", Records.hazard("E-1"));
    assertRoundTrip(Enterprise.class, "reference.enterprises", Records.enterprise());
    assertRoundTrip(WeatherWarning.class, "safety.weather-warnings", Records.weather());
    assertRoundTrip(ViolationEvent.class, "safety.violations", Records.violation());
    assertRoundTrip(InspectionEvent.class, "safety.inspections", Records.inspection());
    assertThat(registry.subjects()).containsExactlyInAnyOrder("safety.hazards-value", "reference.enterprises-value",
        "safety.weather-warnings-value", "safety.violations-value", "safety.inspections-value");
  }

  private <T extends SpecificRecord> void assertRoundTrip(Class<T> type, String topic, T record) {
    SpecificAvroSerde<T> serde = SpecificAvroSerde.forValues(type, mockConfig(scope));
    T back = serde.deserializer().deserialize(topic, serde.serializer().serialize(topic, record));
    assertThat(back).isEqualTo(record).isInstanceOf(type);
  }

  @Test
  void keySerdeUsesTheKeySubject() {
    SpecificAvroSerde<Enterprise> serde = new SpecificAvroSerde<>(Enterprise.class);
    serde.configure(mockConfig(scope), true);
    serde.serializer().serialize("t", Records.enterprise());
    assertThat(registry.subjects()).containsExactly("t-key");
  }

  @Test
  void nullIsATombstoneBothWays() {
    SpecificAvroSerde<HazardEvent> serde = SpecificAvroSerde.forValues(HazardEvent.class, mockConfig(scope));
    assertThat(serde.serializer().serialize("t", null)).isNull();
    assertThat(serde.deserializer().deserialize("t", null)).isNull();
    assertThat(registry.subjects()).isEmpty();
  }

  @Test
  void readsRecordsWrittenWithTheOldSchemaAndFillsDefaults() throws IOException {
    Schema v1 = new Schema.Parser().parse(Path.of("..", "schemas", "history", "HazardEvent", "v1.avsc").toFile());
    assertThat(v1.getField("inspectionId")).as("v1 predates inspectionId").isNull();
    int v1Id = registry.register("safety.hazards-value", v1);

    GenericRecord old = new GenericData.Record(v1);
    old.put("eventId", "E-old");
    old.put("hazardId", "H-old");
    old.put("enterpriseId", "91320500MA1XXXXX2K");
    old.put("type", new GenericData.EnumSymbol(v1.getField("type").schema(), "RECTIFIED"));
    old.put("severity", null);
    old.put("source", null);
    old.put("occurredAt", Records.T0.toEpochMilli());
    old.put("deadline", null);
    old.put("description", "旧版本");
    ByteArrayOutputStream avro = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(avro, null);
    new GenericDatumWriter<GenericRecord>(v1).write(old, encoder);
    encoder.flush();

    SpecificAvroSerde<HazardEvent> serde = SpecificAvroSerde.forValues(HazardEvent.class, mockConfig(scope));
    HazardEvent read = serde.deserializer().deserialize("safety.hazards", frame(v1Id, avro.toByteArray()));

    assertThat(read.getEventId()).isEqualTo("E-old");
    assertThat(read.getType()).isEqualTo(HazardEventType.RECTIFIED);
    assertThat(read.getOccurredAt()).isEqualTo(Records.T0);
    assertThat(read.getDescription()).isEqualTo("旧版本");
    assertThat(read.getInspectionId()).isNull();

    // The current schema is a BACKWARD-compatible successor, so the upgraded app may register it.
    byte[] current = serde.serializer().serialize("safety.hazards", Records.hazard("E-new"));
    assertThat(WireFormat.schemaId(current)).isNotEqualTo(v1Id);
  }

  @Test
  void refusesToReadAWriterSchemaTheClassCannotRead() {
    byte[] enterprise = SpecificAvroSerde.forValues(Enterprise.class, mockConfig(scope))
        .serializer().serialize("mixed", Records.enterprise());
    int id = WireFormat.schemaId(enterprise);
    SpecificAvroSerde<HazardEvent> serde = SpecificAvroSerde.forValues(HazardEvent.class, mockConfig(scope));

    assertThatThrownBy(() -> serde.deserializer().deserialize("mixed", enterprise))
        .isInstanceOf(SerializationException.class)
        .hasMessageStartingWith("Writer schema id " + id + " (io.fangxian.avro.Enterprise) cannot be read as "
            + "io.fangxian.avro.HazardEvent: ")
        .hasMessageContaining("NAME_MISMATCH");
  }

  @Test
  void unknownSchemaIdNamesTheIdAndTheRegistry() {
    SpecificAvroSerde<HazardEvent> serde = SpecificAvroSerde.forValues(HazardEvent.class, mockConfig(scope));
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", frame(4242, new byte[] {2, 65})))
        .isInstanceOf(SerializationException.class)
        .hasMessageStartingWith("Unknown schema id 4242 in registry mock://" + scope);
  }

  @Test
  void badFramingIsReportedPrecisely() {
    SpecificAvroSerde<HazardEvent> serde = SpecificAvroSerde.forValues(HazardEvent.class, mockConfig(scope));
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", "{\"eventId\":1}".getBytes()))
        .isInstanceOf(SerializationException.class)
        .hasMessage("Unknown magic byte 0x7b (expected 0x00, Confluent wire format)");
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[0]))
        .isInstanceOf(SerializationException.class)
        .hasMessageStartingWith("Record too short (0 bytes)");
  }

  @Test
  void corruptAvroAfterAValidHeaderIsASerializationException() {
    SpecificAvroSerde<HazardEvent> serde = SpecificAvroSerde.forValues(HazardEvent.class, mockConfig(scope));
    byte[] good = serde.serializer().serialize("t", Records.hazard("E-1"));
    byte[] truncated = java.util.Arrays.copyOf(good, 12);
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", truncated))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Cannot decode record with schema id " + WireFormat.schemaId(good) + " from topic 't'");
  }

  @Test
  void withoutAutoRegisterTheSchemaMustAlreadyBeRegistered() {
    Map<String, Object> config = new HashMap<>(mockConfig(scope));
    config.put(SpecificAvroSerializer.AUTO_REGISTER_SCHEMAS, "false");
    SpecificAvroSerde<HazardEvent> serde = SpecificAvroSerde.forValues(HazardEvent.class, config);

    assertThatThrownBy(() -> serde.serializer().serialize("safety.hazards", Records.hazard("E-1")))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("io.fangxian.avro.HazardEvent is not registered under subject 'safety.hazards-value'")
        .hasMessageContaining("mock://" + scope)
        .hasMessageContaining("auto.register.schemas=false");
    assertThat(registry.subjects()).isEmpty();

    int id = registry.register("safety.hazards-value", HazardEvent.getClassSchema());
    byte[] bytes = serde.serializer().serialize("safety.hazards", Records.hazard("E-1"));
    assertThat(WireFormat.schemaId(bytes)).isEqualTo(id);
  }

  @Test
  void registrationRejectedByTheRegistryIsASerializationException() {
    Schema incompatible = new Schema.Parser().parse("""
        {"type":"record","name":"HazardEvent","namespace":"io.fangxian.avro",
         "fields":[{"name":"eventId","type":"long"}]}""");
    registry.register("safety.hazards-value", incompatible);
    SpecificAvroSerde<HazardEvent> serde = SpecificAvroSerde.forValues(HazardEvent.class, mockConfig(scope));

    assertThatThrownBy(() -> serde.serializer().serialize("safety.hazards", Records.hazard("E-1")))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("refused schema io.fangxian.avro.HazardEvent for subject 'safety.hazards-value'")
        .hasMessageContaining("incompatible");
  }

  @Test
  void callsTheRegistryOncePerSchemaNotPerRecord() {
    CountingRegistry counting = new CountingRegistry(registry);
    SpecificAvroSerializer<HazardEvent> serializer = new SpecificAvroSerializer<>(counting);
    SpecificAvroDeserializer<HazardEvent> deserializer = new SpecificAvroDeserializer<>(HazardEvent.class, counting);
    for (int i = 0; i < 500; i++) {
      HazardEvent event = Records.hazard("E-" + i);
      assertThat(deserializer.deserialize("t", serializer.serialize("t", event))).isEqualTo(event);
    }
    assertThat(counting.registers.get()).isEqualTo(1);
    assertThat(counting.getByIds.get()).isEqualTo(1);
  }

  @Test
  void oneSerdeIsSafeToShareAcrossThreads() throws Exception {
    SpecificAvroSerde<HazardEvent> serde = SpecificAvroSerde.forValues(HazardEvent.class, mockConfig(scope));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          for (int i = 0; i < 300; i++) {
            HazardEvent event = Records.hazard("E-" + thread + "-" + i);
            byte[] bytes = serde.serializer().serialize("t", event);
            assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(event);
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(registry.subjects()).containsExactly("t-value");
  }

  @Test
  void unconfiguredSerdeSaysSo() {
    SpecificAvroSerde<HazardEvent> serde = new SpecificAvroSerde<>(HazardEvent.class);
    assertThatThrownBy(() -> serde.serializer().serialize("t", Records.hazard("E-1")))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("before configure()");
  }

  /** Counts calls through to a real registry. */
  static final class CountingRegistry implements SchemaRegistryClient {
    final SchemaRegistryClient delegate;
    final AtomicInteger registers = new AtomicInteger();
    final AtomicInteger getByIds = new AtomicInteger();

    CountingRegistry(SchemaRegistryClient delegate) {
      this.delegate = delegate;
    }

    @Override
    public int register(String subject, Schema schema) {
      registers.incrementAndGet();
      return delegate.register(subject, schema);
    }

    @Override
    public int lookup(String subject, Schema schema) {
      return delegate.lookup(subject, schema);
    }

    @Override
    public Schema getById(int id) {
      getByIds.incrementAndGet();
      return delegate.getById(id);
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
      return delegate.isCompatible(subject, schema);
    }

    @Override
    public String getCompatibility(String subjectOrNull) {
      return delegate.getCompatibility(subjectOrNull);
    }

    @Override
    public void setCompatibility(String subjectOrNull, String level) {
      delegate.setCompatibility(subjectOrNull, level);
    }

    @Override
    public List<String> subjects() {
      return delegate.subjects();
    }

    @Override
    public String url() {
      return delegate.url();
    }
  }
}
