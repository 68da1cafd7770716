package io.fangxian.serde;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

final class AvroCompatibility {
  private AvroCompatibility() {
  }

  /** Why data written with {@code writer} cannot be read with {@code reader}, or null if it can. */
  static String problem(Schema reader, Schema writer) {
    return describe(SchemaCompatibility.checkReaderWriterCompatibility(reader, writer));
  }

  static String describe(SchemaPairCompatibility result) {
    if (result.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (SchemaCompatibility.Incompatibility i : result.getResult().getIncompatibilities()) {
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append(i.getType()).append(" at ").append(i.getLocation()).append(": ").append(i.getMessage());
    }
    return sb.length() > 0 ? sb.toString() : result.getDescription();
  }
}
