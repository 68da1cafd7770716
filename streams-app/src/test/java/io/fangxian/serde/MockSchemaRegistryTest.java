package io.fangxian.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardEvent;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MockSchemaRegistryTest {
  private final String scope = Records.uniqueScope();
  private final MockSchemaRegistry registry = MockSchemaRegistry.forScope(scope);

  private static final Schema V1 = SchemaBuilder.record("Thing").namespace("t").fields()
      .requiredString("id").endRecord();
  private static final Schema V2_WITH_DEFAULT = SchemaBuilder.record("Thing").namespace("t").fields()
      .requiredString("id").name("colour").type().stringType().stringDefault("red").endRecord();
  private static final Schema V2_REQUIRED_FIELD = SchemaBuilder.record("Thing").namespace("t").fields()
      .requiredString("id").requiredInt("weight").endRecord();

  @AfterEach
  void drop() {
    MockSchemaRegistry.dropScope(scope);
  }

  @Test
  void scopesAreSharedUntilDropped() {
    assertThat(MockSchemaRegistry.forScope(scope)).isSameAs(registry);
    assertThat(SchemaRegistryClients.create(Records.mockConfig(scope))).isSameAs(registry);
    assertThat(MockSchemaRegistry.forScope(scope + "-other")).isNotSameAs(registry);
    MockSchemaRegistry.dropScope(scope + "-other");

    registry.register("s", V1);
    MockSchemaRegistry.dropScope(scope);
    assertThat(MockSchemaRegistry.forScope(scope).subjects()).isEmpty();
  }

  @Test
  void idsAreGlobalAndStable() {
    int hazard = registry.register("a-value", HazardEvent.getClassSchema());
    int enterprise = registry.register("b-value", Enterprise.getClassSchema());
    assertThat(enterprise).isGreaterThan(hazard);
    assertThat(registry.register("a-value", HazardEvent.getClassSchema())).isEqualTo(hazard);
    assertThat(registry.register("c-value", HazardEvent.getClassSchema())).as("same schema, other subject")
        .isEqualTo(hazard);
    assertThat(registry.lookup("c-value", HazardEvent.getClassSchema())).isEqualTo(hazard);
    assertThat(registry.getById(enterprise)).isEqualTo(Enterprise.getClassSchema());
    assertThat(registry.subjects()).containsExactly("a-value", "b-value", "c-value");
  }

  @Test
  void backwardCompatibilityIsEnforcedByDefault() {
    assertThat(registry.getCompatibility(null)).isEqualTo("BACKWARD");
    registry.register("things-value", V1);
    assertThat(registry.isCompatible("things-value", V2_WITH_DEFAULT)).isTrue();
    assertThat(registry.isCompatible("things-value", V2_REQUIRED_FIELD)).isFalse();

    assertThatThrownBy(() -> registry.register("things-value", V2_REQUIRED_FIELD))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("incompatible with an earlier schema for subject 'things-value' (BACKWARD)")
        .hasMessageContaining("READER_FIELD_MISSING_DEFAULT_VALUE")
        .hasMessageContaining("weight")
        .satisfies(e -> assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(409));

    int v2 = registry.register("things-value", V2_WITH_DEFAULT);
    assertThat(registry.getById(v2)).isEqualTo(V2_WITH_DEFAULT);
  }

  @Test
  void compatibilityLevelsPerSubject() {
    registry.register("things-value", V1);
    registry.setCompatibility("things-value", "NONE");
    assertThat(registry.getCompatibility("things-value")).isEqualTo("NONE");
    assertThat(registry.getCompatibility("other")).isEqualTo("BACKWARD");
    assertThat(registry.isCompatible("things-value", V2_REQUIRED_FIELD)).isTrue();

    registry.setCompatibility("things-value", "FORWARD");
    // Old readers cannot fill a field removed without a default.
    Schema withoutId = SchemaBuilder.record("Thing").namespace("t").fields().optionalString("note").endRecord();
    assertThat(registry.isCompatible("things-value", withoutId)).isFalse();
    assertThat(registry.isCompatible("things-value", V2_REQUIRED_FIELD)).isTrue();

    assertThatThrownBy(() -> registry.setCompatibility(null, "SIDEWAYS"))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("Invalid compatibility level SIDEWAYS");
  }

  @Test
  void missingThingsAreNotFound() {
    assertThat(registry.isCompatible("nobody", V1)).as("a new subject accepts anything").isTrue();
    assertThatThrownBy(() -> registry.lookup("nobody", V1))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("Subject 'nobody' not found")
        .satisfies(e -> assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(40401));
    registry.register("somebody", V1);
    assertThatThrownBy(() -> registry.lookup("somebody", V2_WITH_DEFAULT))
        .isInstanceOf(SchemaRegistryException.class)
        .satisfies(e -> assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(40403));
    assertThatThrownBy(() -> registry.getById(777))
        .isInstanceOf(SchemaRegistryException.class)
        .satisfies(e -> assertThat(((SchemaRegistryException) e).isNotFound()).isTrue());
  }
}
