package io.fangxian.generate;

import io.fangxian.load.RecordKind;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes records as JSON Lines, one file per kind ({@code enterprises.jsonl}, {@code hazards.jsonl},
 * …) in a directory, in the form {@link RecordFileReader} reads: Avro field names, enum symbols,
 * timestamps as ISO-8601 with the zone's offset, null fields left out. UTF-8 without BOM.
 */
public final class RecordFileWriter implements GeneratorSink, Closeable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final ZoneId zone;
  private final Map<RecordKind, BufferedWriter> writers = new EnumMap<>(RecordKind.class);
  private final Map<RecordKind, Integer> counts = new EnumMap<>(RecordKind.class);

  /** Creates {@code dir} if needed and one (empty) file per kind in it, replacing existing ones. */
  public RecordFileWriter(Path dir, ZoneId zone) throws IOException {
    this.dir = dir;
    this.zone = zone;
    Files.createDirectories(dir);
    for (RecordKind kind : RecordKind.values()) {
      writers.put(kind, Files.newBufferedWriter(file(kind), StandardCharsets.UTF_8));
      counts.put(kind, 0);
    }
  }

  public Path file(RecordKind kind) {
    return dir.resolve(kind.fileName());
  }

  /** Records written so far per kind. */
  public Map<RecordKind, Integer> counts() {
    return Collections.unmodifiableMap(counts);
  }

  public void write(SpecificRecord record) {
    RecordKind kind = RecordKind.of(record);
    try {
      BufferedWriter w = writers.get(kind);
      w.write(toJsonLine(record, zone));
      w.newLine();
      counts.merge(kind, 1, Integer::sum);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file(kind), e);
    }
  }

  @Override public void accept(SpecificRecord record) {
    write(record);
  }

  public void flush() throws IOException {
    for (BufferedWriter w : writers.values()) {
      w.flush();
    }
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (BufferedWriter w : writers.values()) {
      try {
        w.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /** One record as a single line of JSON (no line break). */
  public static String toJsonLine(SpecificRecord record, ZoneId zone) {
    try {
      return JSON.writeValueAsString(toJson(record, zone));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A record as a JSON object; a record inside it (a hazard's supervision) as an object of its own. */
  private static ObjectNode toJson(SpecificRecord record, ZoneId zone) {
    ObjectNode obj = JSON.createObjectNode();
    for (Schema.Field f : record.getSchema().getFields()) {
      Object v = record.get(f.pos());
      if (v == null) {
        continue;
      }
      if (v instanceof Instant t) {
        obj.put(f.name(), DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atZone(zone).toOffsetDateTime()));
      } else if (v instanceof CharSequence s) {
        obj.put(f.name(), s.toString());
      } else if (v instanceof Boolean b) {
        obj.put(f.name(), b);
      } else if (v instanceof Integer i) {
        obj.put(f.name(), i);
      } else if (v instanceof Long l) {
        obj.put(f.name(), l);
      } else if (v instanceof Double d) {
        obj.put(f.name(), d);
      } else if (v instanceof Enum<?> e) {
        obj.put(f.name(), e.name());
      } else if (v instanceof List<?> list) {
        ArrayNode arr = obj.putArray(f.name());
        list.forEach(item -> {
          if (item instanceof SpecificRecord nested) {
            arr.add(toJson(nested, zone)); // a case's penalties
          } else {
            arr.add(item.toString());
          }
        });
      } else if (v instanceof SpecificRecord nested) {
        obj.set(f.name(), toJson(nested, zone));
      } else {
        throw new IllegalArgumentException("cannot write field " + f.name() + " of type " + v.getClass());
      }
    }
    return obj;
  }
}
