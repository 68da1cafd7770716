package io.fangxian.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fangxian.accident.AccidentTypes;
import io.fangxian.avro.AccidentType;
import io.fangxian.avro.HazardCategory;
import io.fangxian.ledger.HazardCategories;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Turns named values (from a JSON object or a CSV row) into a record of one kind, field by field
 * from the Avro schema. JSON values must have the JSON type of the field; CSV values are text.
 */
final class RecordConverter {
  static final String UNKNOWN_SYMBOL = "UNKNOWN";

  /** A value that cannot be converted; the message names the field and what is accepted. */
  static final class BadValue extends Exception {
    BadValue(String message) {
      super(message, null, false, false);
    }
  }

  private final RecordKind kind;
  private final Schema schema;

  RecordConverter(RecordKind kind) {
    this.kind = kind;
    this.schema = kind.schema();
  }

  /** The field names a file may use: a record field's parts as {@code field.part} (supervision.level). */
  String acceptedFields() {
    List<String> names = new ArrayList<>();
    for (Schema.Field f : schema.getFields()) {
      Schema type = nonNull(f.schema());
      if (type.getType() == Schema.Type.RECORD) {
        type.getFields().forEach(part -> names.add(f.name() + "." + part.name()));
      } else {
        names.add(f.name());
      }
    }
    return String.join(", ", names);
  }

  /** The names that are not fields of this kind, in the order given. */
  List<String> unknownNames(Collection<String> names) {
    return names.stream().filter(n -> !isKnown(n)).toList();
  }

  private boolean isKnown(String name) {
    int dot = name.indexOf('.');
    Schema.Field f = schema.getField(dot < 0 ? name : name.substring(0, dot));
    if (f == null) {
      return false;
    }
    Schema type = nonNull(f.schema());
    return type.getType() == Schema.Type.RECORD ? dot < 0 || type.getField(name.substring(dot + 1)) != null : dot < 0;
  }

  /** Required fields (no default, not nullable) missing from {@code names}. */
  List<String> missingRequired(Collection<String> names) {
    return schema.getFields().stream()
        .filter(f -> isRequired(f) && !names.contains(f.name()))
        .map(Schema.Field::name).toList();
  }

  String unknownMessage(List<String> unknown, String what) {
    return "unknown " + what + (unknown.size() > 1 ? "s " : " ")
        + unknown.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "))
        + "; accepted for " + kind.cliName() + ": " + acceptedFields();
  }

  /**
   * @param values field name to value; a missing name, JSON null or blank text means "not given"
   * @param text the values come from CSV, so numbers and booleans are written as text
   */
  SpecificRecordBase convert(Map<String, JsonNode> values, boolean text) throws BadValue {
    List<String> unknown = unknownNames(values.keySet());
    if (!unknown.isEmpty()) {
      throw new BadValue(unknownMessage(unknown, "field"));
    }
    SpecificRecordBase record = kind.newRecord();
    for (Schema.Field f : schema.getFields()) {
      record.put(f.pos(), value("", f, withParts(f, values), text));
    }
    return record;
  }

  /** A record field's value: its JSON object, or the {@code field.part} columns of a CSV row gathered into one. */
  private static JsonNode withParts(Schema.Field f, Map<String, JsonNode> values) {
    JsonNode v = values.get(f.name());
    if (nonNull(f.schema()).getType() != Schema.Type.RECORD || v != null) {
      return v;
    }
    ObjectNode parts = JsonNodeFactory.instance.objectNode();
    values.forEach((name, part) -> {
      if (name.startsWith(f.name() + ".") && !(part.isTextual() && part.asText().isBlank()) && !part.isNull()) {
        parts.set(name.substring(f.name().length() + 1), part);
      }
    });
    return parts.isEmpty() ? null : parts;
  }

  private Object value(String prefix, Schema.Field f, JsonNode v, boolean text) throws BadValue {
    Schema type = nonNull(f.schema());
    boolean absent = v == null || v.isNull() || v.isMissingNode() || (v.isTextual() && v.asText().isBlank());
    if (absent) {
      if (isNullable(f.schema())) {
        return null;
      }
      if (f.hasDefaultValue()) {
        Object d = SpecificData.get().getDefaultValue(f);
        return d instanceof Collection<?> c ? new ArrayList<>(c) : d;
      }
      throw new BadValue("missing required field '" + prefix + f.name() + "'");
    }
    String name = prefix + f.name();
    LogicalType logical = type.getLogicalType();
    switch (type.getType()) {
      case STRING:
        if (!v.isTextual()) {
          throw wrongType(name, "a string", v);
        }
        return v.asText().strip();
      case BOOLEAN:
        if (v.isBoolean()) {
          return v.booleanValue();
        }
        if (text && (v.asText().strip().equalsIgnoreCase("true") || v.asText().strip().equalsIgnoreCase("false"))) {
          return Boolean.parseBoolean(v.asText().strip());
        }
        throw wrongType(name, "true or false", v);
      case INT:
        if (v.isIntegralNumber() && v.canConvertToInt()) {
          return v.intValue();
        }
        if (text) {
          try {
            return Integer.parseInt(v.asText().strip());
          } catch (NumberFormatException e) {
            // fall through
          }
        }
        throw wrongType(name, "a whole number", v);
      case LONG:
        if (logical instanceof LogicalTypes.TimestampMillis) {
          return timestamp(name, v);
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
          return v.longValue();
        }
        if (text) {
          try {
            return Long.parseLong(v.asText().strip());
          } catch (NumberFormatException e) {
            // fall through
          }
        }
        throw wrongType(name, "a whole number", v);
      case DOUBLE:
        double d;
        if (v.isNumber()) {
          d = v.doubleValue();
        } else if (text) {
          try {
            d = Double.parseDouble(v.asText().strip());
          } catch (NumberFormatException e) {
            throw wrongType(name, "a number", v);
          }
        } else {
          throw wrongType(name, "a number", v);
        }
        if (!Double.isFinite(d)) {
          throw wrongType(name, "a finite number", v);
        }
        return d;
      case ENUM:
        if (!v.isTextual()) {
          throw wrongType(name, "one of " + accepted(type), v);
        }
        String symbol = v.asText().strip();
        if (type.getFullName().equals(AccidentType.getClassSchema().getFullName())) {
          // Files name the category as GB 6441-1986 writes it (高处坠落); 其它 is accepted for 其他.
          return AccidentTypes.byName(symbol).orElseThrow(() -> new BadValue("unknown " + name + " '" + symbol
              + "'; accepted: the GB 6441-1986 categories " + String.join("、", AccidentTypes.names().values())));
        }
        if (type.getFullName().equals(HazardCategory.getClassSchema().getFullName())) {
          return HazardCategories.byName(symbol).orElseThrow(() -> new BadValue("unknown " + name + " '" + symbol
              + "'; accepted: " + HazardCategories.names().entrySet().stream()
                  .map(c -> c.getValue() + " (" + c.getKey() + ")").collect(Collectors.joining(", "))));
        }
        if (symbol.equals(UNKNOWN_SYMBOL) || !type.hasEnumSymbol(symbol)) {
          throw new BadValue("unknown " + name + " '" + symbol + "'; accepted: " + accepted(type));
        }
        return SpecificData.get().createEnum(symbol, type);
      case ARRAY:
        if (type.getElementType().getType() == Schema.Type.RECORD) {
          return records(name, f, type.getElementType(), v, text);
        }
        List<String> items = new ArrayList<>();
        if (v.isArray()) {
          for (JsonNode item : v) {
            if (!item.isTextual() || item.asText().isBlank()) {
              throw new BadValue("field '" + name + "' must be a list of non-empty strings, got " + v);
            }
            items.add(item.asText().strip());
          }
        } else if (text) {
          for (String s : v.asText().split(";")) {
            if (!s.isBlank()) {
              items.add(s.strip());
            }
          }
        } else {
          throw wrongType(name, "a list of strings", v);
        }
        return items;
      case RECORD:
        if (!v.isObject()) {
          throw wrongType(name, "an object with the fields " + type.getFields().stream().map(Schema.Field::name)
              .collect(Collectors.joining(", ")), v);
        }
        List<String> unknownParts = new ArrayList<>();
        v.fieldNames().forEachRemaining(part -> {
          if (type.getField(part) == null) {
            unknownParts.add(name + "." + part);
          }
        });
        if (!unknownParts.isEmpty()) {
          throw new BadValue("unknown field" + (unknownParts.size() > 1 ? "s " : " ") + String.join(", ", unknownParts)
              + "; accepted for " + kind.cliName() + ": " + acceptedFields());
        }
        SpecificRecordBase nested = (SpecificRecordBase) SpecificData.get().newRecord(null, type);
        for (Schema.Field part : type.getFields()) {
          nested.put(part.pos(), value(name + ".", part, v.get(part.name()), text));
        }
        return nested;
      default:
        throw new IllegalStateException("unsupported field type " + type + " for " + name);
    }
  }

  /**
   * A list of records (a case's penalties): in JSON a list of objects; in CSV the compact form
   * {@code FINE:50000;DAILY_FINE:10000;WARNING}, items separated by {@code ;}, each item's fields in
   * the schema's order separated by {@code :} (trailing optional fields may be left out).
   */
  private List<Object> records(String name, Schema.Field f, Schema item, JsonNode v, boolean text) throws BadValue {
    List<JsonNode> nodes = new ArrayList<>();
    if (text && v.isTextual() && v.asText().strip().startsWith("[")) {
      try { // a CSV cell may hold the JSON form too: [{"kind":"FINE","amountYuan":50000}]
        v = new com.fasterxml.jackson.databind.ObjectMapper().readTree(v.asText());
        text = false;
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new BadValue("field '" + name + "' starts with [ but is not a JSON list: " + e.getOriginalMessage());
      }
    }
    if (v.isArray()) {
      v.forEach(nodes::add);
    } else if (text) {
      for (String one : v.asText().split(";")) {
        if (one.isBlank()) {
          continue;
        }
        String[] parts = one.split(":", -1);
        if (parts.length > item.getFields().size()) {
          throw new BadValue("field '" + name + "' item '" + one.strip() + "' has more than the "
              + item.getFields().size() + " parts " + item.getFields().stream().map(Schema.Field::name)
                  .collect(Collectors.joining(":")));
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < parts.length; i++) {
          node.put(item.getFields().get(i).name(), parts[i].strip());
        }
        nodes.add(node);
      }
    } else {
      throw wrongType(name, "a list of objects", v);
    }
    Schema.Field asItem = new Schema.Field(f.name(), item);
    List<Object> records = new ArrayList<>();
    for (JsonNode node : nodes) {
      records.add(value(name.substring(0, name.length() - f.name().length()), asItem, node, text));
    }
    return records;
  }

  /** ISO-8601 with an offset, or epoch milliseconds (a JSON number or digits). */
  static Instant timestamp(String name, JsonNode v) throws BadValue {
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return Instant.ofEpochMilli(v.longValue());
    }
    if (!v.isTextual()) {
      throw wrongType(name, "a timestamp (ISO-8601 with offset, e.g. 2026-07-01T09:30:00+08:00, or epoch milliseconds)", v);
    }
    String s = v.asText().strip();
    if (s.matches("-?\\d{1,19}")) {
      try {
        return Instant.ofEpochMilli(Long.parseLong(s));
      } catch (NumberFormatException e) {
        // fall through to the message below
      }
    }
    try {
      return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().truncatedTo(ChronoUnit.MILLIS);
    } catch (DateTimeParseException e) {
      String why = "cannot read " + name + " '" + s + "'";
      try {
        LocalDateTime.parse(s);
        why = name + " '" + s + "' has no offset";
      } catch (DateTimeParseException ignored) {
        // not even a local date-time
      }
      throw new BadValue(why + "; use ISO-8601 with an offset (2026-07-01T09:30:00+08:00) or epoch milliseconds");
    }
  }

  private static BadValue wrongType(String name, String expected, JsonNode v) {
    String got = v.isTextual() ? "'" + v.asText() + "'" : v.getNodeType().name().toLowerCase() + " " + v;
    return new BadValue("field '" + name + "' must be " + expected + ", got " + got);
  }

  private static String accepted(Schema enumSchema) {
    return enumSchema.getEnumSymbols().stream().filter(s -> !s.equals(UNKNOWN_SYMBOL)).collect(Collectors.joining(", "));
  }

  static boolean isRequired(Schema.Field f) {
    return !f.hasDefaultValue() && !isNullable(f.schema());
  }

  private static boolean isNullable(Schema s) {
    return s.getType() == Schema.Type.UNION && s.getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.NULL);
  }

  private static Schema nonNull(Schema s) {
    if (s.getType() != Schema.Type.UNION) {
      return s;
    }
    return s.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst().orElseThrow();
  }
}
