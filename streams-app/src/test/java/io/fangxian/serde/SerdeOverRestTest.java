package io.fangxian.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fangxian.avro.HazardEvent;
import io.fangxian.serde.FakeRegistry.Response;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The serde against a registry reached over HTTP. */
class SerdeOverRestTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Map<String, Object> config(String url) {
    Map<String, Object> config = new HashMap<>();
    config.put(SchemaRegistryClients.URL, url);
    config.put(SchemaRegistryClients.RETRIES, "1");
    config.put(SchemaRegistryClients.RETRY_BACKOFF_MS, 5);
    return config;
  }

  @Test
  void fetchesEachWriterSchemaOnceForAllSerdesWithTheSameConfig() throws Exception {
    String schema = JSON.writeValueAsString(Map.of("schema", HazardEvent.getClassSchema().toString()));
    try (FakeRegistry fake = new FakeRegistry(r -> r.path().equals("/schemas/ids/7") ? Response.ok(schema)
        : new Response(404, "{\"error_code\":40403,\"message\":\"Schema not found\"}"))) {
      // Written by "another application": framed by hand, so no client here has seen id 7.
      byte[] avro = java.util.Arrays.copyOfRange(SpecificAvroSerde.forValues(HazardEvent.class,
          Records.mockConfig(Records.uniqueScope())).serializer().serialize("t", Records.hazard("E-1")), 5, 10_000);
      byte[] framed = Records.frame(7, avro);

      SpecificAvroSerde<HazardEvent> first = SpecificAvroSerde.forValues(HazardEvent.class, config(fake.url()));
      SpecificAvroSerde<HazardEvent> second = SpecificAvroSerde.forValues(HazardEvent.class, config(fake.url()));
      for (int i = 0; i < 200; i++) {
        assertThat(first.deserializer().deserialize("t", framed).getEventId()).isEqualTo("E-1");
        assertThat(second.deserializer().deserialize("t", framed).getEventId()).isEqualTo("E-1");
      }
      assertThat(fake.count("GET", "/schemas/ids/7")).isEqualTo(1);
      assertThat(fake.requests).hasSize(1);

      assertThatThrownBy(() -> first.deserializer().deserialize("t", Records.frame(8, avro)))
          .isInstanceOf(SerializationException.class)
          .hasMessageStartingWith("Unknown schema id 8 in registry " + fake.url());
    }
  }

  @Test
  void registersOnceAndWritesTheReturnedId() throws Exception {
    try (FakeRegistry fake = new FakeRegistry(r -> Response.ok("{\"id\":1234567}"))) {
      SpecificAvroSerde<HazardEvent> serde = SpecificAvroSerde.forValues(HazardEvent.class, config(fake.url()));
      for (int i = 0; i < 50; i++) {
        byte[] bytes = serde.serializer().serialize("safety.hazards", Records.hazard("E-" + i));
        assertThat(WireFormat.schemaId(bytes)).isEqualTo(1234567);
      }
      assertThat(fake.requests).singleElement()
          .satisfies(r -> assertThat(r.path()).isEqualTo("/subjects/safety.hazards-value/versions"));
    }
  }

  @Test
  void registryDownIsASerializationExceptionNamingTheUrl() throws Exception {
    String closed = FakeRegistry.closedPortUrl();
    Map<String, Object> config = config(closed);
    config.put(SchemaRegistryClients.BASIC_AUTH_USER_INFO, "fangxian:top-secret");
    SpecificAvroSerde<HazardEvent> serde = SpecificAvroSerde.forValues(HazardEvent.class, config);

    assertThatThrownBy(() -> serde.deserializer().deserialize("t", Records.frame(3, new byte[] {2, 65})))
        .isInstanceOf(SerializationException.class)
        .hasMessageStartingWith("Schema registry unreachable at " + closed + ": ")
        .hasMessageNotContaining("top-secret");
    assertThatThrownBy(() -> serde.serializer().serialize("t", Records.hazard("E-1")))
        .isInstanceOf(SerializationException.class)
        .hasMessageStartingWith("Schema registry unreachable at " + closed + ": ")
        .hasMessageNotContaining("top-secret");
  }

  @Test
  void registryRefusalIsSurfacedWithItsErrorCode() throws Exception {
    try (FakeRegistry fake = new FakeRegistry(r -> new Response(409, "{\"error_code\":409,\"message\":"
        + "\"Schema being registered is incompatible with an earlier schema for subject \\\"t-value\\\"\"}"))) {
      SpecificAvroSerde<HazardEvent> serde = SpecificAvroSerde.forValues(HazardEvent.class, config(fake.url()));
      assertThatThrownBy(() -> serde.serializer().serialize("t", Records.hazard("E-1")))
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining("refused schema io.fangxian.avro.HazardEvent for subject 't-value'")
          .hasMessageContaining("409: Schema being registered is incompatible")
          .hasMessageContaining(fake.url());
    }
  }

  @Test
  void withoutAutoRegisterLooksTheSchemaUp() throws Exception {
    try (FakeRegistry fake = new FakeRegistry(r -> r.path().equals("/subjects/known-value")
        ? Response.ok("{\"subject\":\"known-value\",\"version\":2,\"id\":44}")
        : new Response(404, "{\"error_code\":40401,\"message\":\"Subject 'unknown-value' not found.\"}"))) {
      Map<String, Object> config = config(fake.url());
      config.put(SpecificAvroSerializer.AUTO_REGISTER_SCHEMAS, false);
      SpecificAvroSerde<HazardEvent> serde = SpecificAvroSerde.forValues(HazardEvent.class, config);

      assertThat(WireFormat.schemaId(serde.serializer().serialize("known", Records.hazard("E-1")))).isEqualTo(44);
      assertThatThrownBy(() -> serde.serializer().serialize("unknown", Records.hazard("E-1")))
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining("not registered under subject 'unknown-value'")
          .hasMessageContaining("auto.register.schemas=false")
          .hasMessageContaining("Subject 'unknown-value' not found.");
      assertThat(fake.requests).noneMatch(r -> r.path().endsWith("/versions"));
    }
  }
}
