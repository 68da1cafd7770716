package io.fangxian.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.avro.AccidentEvent;
import io.fangxian.avro.Alert;
import io.fangxian.avro.AlertAction;
import io.fangxian.avro.AreaStats;
import io.fangxian.avro.CaseEvent;
import io.fangxian.avro.PublicReportEvent;
import io.fangxian.avro.CertificateEvent;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.Grid;
import io.fangxian.avro.HazardEvent;
import io.fangxian.avro.HazardState;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.Leader;
import io.fangxian.avro.Responsibility;
import io.fangxian.avro.SectorDefinition;
import io.fangxian.avro.ViolationEvent;
import io.fangxian.avro.WeatherWarning;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Guards schema evolution: every record's current schema must read data written with each
 * version kept in {@code schemas/history/<Record>/} (BACKWARD compatibility, as the registry enforces).
 * When a schema changes, copy the released version into its history folder.
 */
class SchemaEvolutionTest {

  static final Map<String, Schema> CURRENT = Map.ofEntries(
      Map.entry("Leader", Leader.getClassSchema()),
      Map.entry("Responsibility", Responsibility.getClassSchema()),
      Map.entry("AlertAction", AlertAction.getClassSchema()),
      Map.entry("Enterprise", Enterprise.getClassSchema()),
      Map.entry("HazardEvent", HazardEvent.getClassSchema()),
      Map.entry("ViolationEvent", ViolationEvent.getClassSchema()),
      Map.entry("InspectionEvent", InspectionEvent.getClassSchema()),
      Map.entry("WeatherWarning", WeatherWarning.getClassSchema()),
      Map.entry("AccidentEvent", AccidentEvent.getClassSchema()),
      Map.entry("AreaStats", AreaStats.getClassSchema()),
      Map.entry("HazardState", HazardState.getClassSchema()),
      Map.entry("Alert", Alert.getClassSchema()),
      Map.entry("Grid", Grid.getClassSchema()),
      Map.entry("SectorDefinition", SectorDefinition.getClassSchema()),
      Map.entry("CertificateEvent", CertificateEvent.getClassSchema()),
      Map.entry("CaseEvent", CaseEvent.getClassSchema()),
      Map.entry("PublicReportEvent", PublicReportEvent.getClassSchema()));

  static Path historyDir() {
    return Path.of(System.getProperty("history.dir", "history"));
  }

  @TestFactory
  Stream<DynamicTest> currentSchemaReadsEveryEarlierVersion() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (var entry : CURRENT.entrySet()) {
      Path dir = historyDir().resolve(entry.getKey());
      assertThat(dir).as("history folder for " + entry.getKey()).isDirectory();
      try (Stream<Path> versions = Files.list(dir)) {
        for (Path version : versions.sorted().toList()) {
          tests.add(DynamicTest.dynamicTest(entry.getKey() + " reads " + version.getFileName(), () -> {
            Schema old = new Schema.Parser().parse(version.toFile());
            var result = SchemaCompatibility.checkReaderWriterCompatibility(entry.getValue(), old);
            assertThat(result.getType())
                .as("%s: %s", version, result.getDescription())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
          }));
        }
      }
    }
    return tests.stream();
  }

  @Test
  void everyRecordHasHistory() throws IOException {
    try (Stream<Path> dirs = Files.list(historyDir())) {
      assertThat(dirs.map(p -> p.getFileName().toString()).toList())
          .containsExactlyInAnyOrderElementsOf(CURRENT.keySet());
    }
  }

  @Test
  void checkerRejectsAnIncompatibleChange() {
    // A new required field without a default cannot read old data: the guard must notice.
    Schema old = Enterprise.getClassSchema();
    List<Schema.Field> fields = new ArrayList<>();
    old.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
    fields.add(new Schema.Field("licence", Schema.create(Schema.Type.STRING)));
    Schema broken = Schema.createRecord(old.getName(), null, old.getNamespace(), false, fields);
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(broken, old).getType())
        .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
  }

  @Test
  void everyEnumHasADefaultSoProducersCanAddSymbols() {
    for (Schema schema : CURRENT.values()) {
      assertEnumsHaveDefaults(schema, new java.util.HashSet<>());
    }
  }

  private static void assertEnumsHaveDefaults(Schema schema, java.util.Set<String> seen) {
    switch (schema.getType()) {
      case ENUM -> assertThat(schema.getEnumDefault()).as(schema.getFullName()).isNotNull();
      case RECORD -> {
        if (seen.add(schema.getFullName())) {
          schema.getFields().forEach(f -> assertEnumsHaveDefaults(f.schema(), seen));
        }
      }
      case UNION -> schema.getTypes().forEach(t -> assertEnumsHaveDefaults(t, seen));
      case ARRAY -> assertEnumsHaveDefaults(schema.getElementType(), seen);
      case MAP -> assertEnumsHaveDefaults(schema.getValueType(), seen);
      default -> { }
    }
  }
}
