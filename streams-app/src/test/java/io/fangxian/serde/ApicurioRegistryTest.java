package io.fangxian.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fangxian.avro.HazardEvent;
import io.fangxian.avro.HazardEventType;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardSource;
import io.fangxian.embedded.EmbeddedSchemaRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The client and serde against a real registry: Apicurio's Confluent-compatible API. */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApicurioRegistryTest {
  EmbeddedSchemaRegistry registry;
  Map<String, Object> config;

  @BeforeAll
  void start() {
    registry = EmbeddedSchemaRegistry.builder().build().start();
    config = Map.of("schema.registry.url", registry.url());
  }

  @AfterAll
  void stop() {
    registry.close();
  }

  private static HazardEvent hazard() {
    return HazardEvent.newBuilder().setEventId("e-1").setHazardId("H-1").setEnterpriseId("91350100M000100Y43")
        .setType(HazardEventType.REPORTED).setSeverity(HazardSeverity.MAJOR).setSource(HazardSource.FLYING_INSPECTION)
        .setOccurredAt(Instant.parse("2026-07-01T01:30:00Z")).setInspectionId("JC-9").build();
  }

  @Test
  void aRecordRoundTripsThroughTheRegistry() {
    var serde = SpecificAvroSerde.forValues(HazardEvent.class, config);
    byte[] bytes = serde.serializer().serialize("rt.hazards", hazard());
    assertThat(bytes[0]).isZero();
    int id = WireFormat.schemaId(bytes);
    SchemaRegistryClient client = SchemaRegistryClients.create(config);
    assertThat(client.subjects()).contains("rt.hazards-value");
    assertThat(client.getById(id)).isEqualTo(HazardEvent.getClassSchema());
    // A fresh deserializer (no shared cache) fetches the schema by id from the registry.
    var reader = new SpecificAvroDeserializer<>(HazardEvent.class,
        RestSchemaRegistryClient.builder(registry.url()).build());
    assertThat(reader.deserialize("rt.hazards", bytes)).isEqualTo(hazard());
  }

  @Test
  void aRecordWrittenWithTheOldSchemaIsReadWithTheNewOne() throws Exception {
    Schema v1 = new Schema.Parser().parse(Path.of(System.getProperty("user.dir")).getParent()
        .resolve("schemas/history/HazardEvent/v1.avsc").toFile());
    SchemaRegistryClient client = RestSchemaRegistryClient.builder(registry.url()).build();
    int id = client.register("evolve.hazards-value", v1);
    GenericRecord old = new GenericData.Record(v1);
    old.put("eventId", "e-old");
    old.put("hazardId", "H-old");
    old.put("enterpriseId", "91350100M000100Y43");
    old.put("type", new GenericData.EnumSymbol(v1.getField("type").schema(), "RECTIFIED"));
    old.put("severity", null);
    old.put("source", null);
    old.put("occurredAt", 1_782_000_000_000L);
    old.put("deadline", null);
    old.put("description", "旧版本写入");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(WireFormat.header(id));
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(v1).write(old, encoder);
    encoder.flush();

    HazardEvent read = SpecificAvroSerde.forValues(HazardEvent.class, config).deserializer()
        .deserialize("evolve.hazards", out.toByteArray());
    assertThat(read.getHazardId()).isEqualTo("H-old");
    assertThat(read.getDescription()).isEqualTo("旧版本写入");
    assertThat(read.getInspectionId()).as("a field added since v1 takes its default").isNull();

    // The registry keeps the subject BACKWARD compatible: the current schema may follow v1 ...
    assertThat(client.isCompatible("evolve.hazards-value", HazardEvent.getClassSchema())).isTrue();
    // ... but a schema that cannot read v1 data is refused, with the registry's own words.
    Schema breaking = Schema.createRecord("HazardEvent", null, "io.fangxian.avro", false,
        List.of(new Schema.Field("renamed", Schema.create(Schema.Type.STRING))));
    assertThat(client.isCompatible("evolve.hazards-value", breaking)).isFalse();
    assertThatThrownBy(() -> client.register("evolve.hazards-value", breaking))
        .isInstanceOf(SchemaRegistryException.class).hasMessageContaining("evolve.hazards-value");
  }

  @Test
  void anUnknownIdSaysSo() {
    byte[] bytes = hazardBytesWithId(987_654);
    assertThatThrownBy(() -> SpecificAvroSerde.forValues(HazardEvent.class, config).deserializer().deserialize("x", bytes))
        .isInstanceOf(SerializationException.class).hasMessageContaining("987654");
  }

  private byte[] hazardBytesWithId(int id) {
    byte[] valid = SpecificAvroSerde.forValues(HazardEvent.class, config).serializer().serialize("ids.hazards", hazard());
    byte[] header = WireFormat.header(id);
    System.arraycopy(header, 0, valid, 0, header.length);
    return valid;
  }
}
