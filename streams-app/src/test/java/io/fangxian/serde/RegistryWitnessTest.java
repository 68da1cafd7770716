package io.fangxian.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fangxian.avro.HazardEvent;
import io.fangxian.avro.ViolationEvent;
import io.fangxian.serde.FakeRegistry.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryWitnessTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Schema HAZARD = HazardEvent.getClassSchema();
  private static final Schema VIOLATION = ViolationEvent.getClassSchema();

  @TempDir Path dir;

  private static String schemaBody(Schema schema) throws Exception {
    return JSON.writeValueAsString(Map.of("schema", schema.toString()));
  }

  private RestSchemaRegistryClient client(FakeRegistry fake, Path witnessFile) {
    return RestSchemaRegistryClient.builder(fake.url()).backoff(Duration.ofMillis(5))
        .witness(RegistryWitness.open(witnessFile)).build();
  }

  @Test
  void aRegistryAnsweringAnotherSchemaForAKnownIdIsCaughtAfterARestart() throws Exception {
    Path file = dir.resolve("registry-ids.txt");
    AtomicReference<Schema> id9 = new AtomicReference<>(HAZARD);
    try (FakeRegistry fake = new FakeRegistry(r -> {
      try {
        return r.path().equals("/schemas/ids/9") ? Response.ok(schemaBody(id9.get())) : new Response(404, "{}");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    })) {
      assertThat(client(fake, file).getById(9)).isEqualTo(HAZARD);
      assertThat(Files.readString(file)).startsWith("9 ").contains("io.fangxian.avro.HazardEvent");

      // The registry lost its storage and gave id 9 to another schema; a new process reads id 9.
      id9.set(VIOLATION);
      RestSchemaRegistryClient restarted = client(fake, file);
      assertThatThrownBy(() -> restarted.getById(9))
          .isInstanceOf(RegistryMismatchException.class)
          .hasMessageContaining("Schema registry " + fake.url())
          .hasMessageContaining("schema id 9")
          .hasMessageContaining("io.fangxian.avro.HazardEvent")
          .hasMessageContaining("io.fangxian.avro.ViolationEvent");
      assertThat(RegistryWitness.open(file).verify(restarted)).singleElement().asString()
          .contains("schema id 9").contains("HazardEvent");
    }
  }

  @Test
  void aKnownIdTheRegistryNoLongerHasIsALossNotAnUnknownRecord() throws Exception {
    Path file = dir.resolve("ids.txt");
    Files.writeString(file, "12 " + Long.toHexString(org.apache.avro.SchemaNormalization.parsingFingerprint64(HAZARD))
        + " io.fangxian.avro.HazardEvent\n");
    try (FakeRegistry fake = new FakeRegistry(r -> new Response(404,
        "{\"error_code\":40403,\"message\":\"No content with id/hash 'contentId-12' was found.\"}"))) {
      RestSchemaRegistryClient registry = client(fake, file);
      assertThatThrownBy(() -> registry.getById(12))
          .isInstanceOf(RegistryMismatchException.class)
          .hasMessageContaining("schema id 12")
          .hasMessageContaining("no longer has it");
      assertThatThrownBy(() -> registry.getById(13))
          .as("an id never seen is an ordinary 'not found'")
          .isInstanceOf(SchemaRegistryException.class)
          .isNotInstanceOf(RegistryMismatchException.class);
    }
  }

  @Test
  void registeringRecordsTheIdAndARegistryThatReissuesItIsCaught() throws Exception {
    Path file = dir.resolve("ids.txt");
    try (FakeRegistry fake = new FakeRegistry(r -> Response.ok("{\"id\":3}"))) {
      assertThat(client(fake, file).register("safety.hazards-value", HAZARD)).isEqualTo(3);
      RestSchemaRegistryClient restarted = client(fake, file);
      assertThatThrownBy(() -> restarted.register("safety.violations-value", VIOLATION))
          .isInstanceOf(RegistryMismatchException.class)
          .hasMessageContaining("schema id 3");
    }
  }

  @Test
  void theSameAnswersPassAndALineCutShortByACrashIsIgnored() throws Exception {
    Path file = dir.resolve("ids.txt");
    try (FakeRegistry fake = new FakeRegistry(r -> {
      try {
        return Response.ok(schemaBody(HAZARD));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    })) {
      client(fake, file).getById(4);
      Files.writeString(file, "5 1f", java.nio.file.StandardOpenOption.APPEND);
      RegistryWitness witness = RegistryWitness.open(file);
      assertThat(witness.size()).isEqualTo(1);
      assertThat(witness.verify(client(fake, file))).isEmpty();
    }
  }
}
