package io.fangxian.load;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** How records are laid out in a file. */
public enum FileFormat {
  /** One JSON object per line (.jsonl, .ndjson, .json). */
  JSON_LINES,
  /** A header row of field names, then one record per row (.csv). */
  CSV;

  /** The format its extension implies, if any. */
  public static Optional<FileFormat> fromFileName(Path file) {
    Path name = file.getFileName();
    String n = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
    if (n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".json")) {
      return Optional.of(JSON_LINES);
    }
    if (n.endsWith(".csv")) {
      return Optional.of(CSV);
    }
    return Optional.empty();
  }

  /** A format by name as typed on a command line: json, jsonl, ndjson or csv. */
  public static FileFormat fromName(String name) {
    return switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
      case "json", "jsonl", "ndjson", "json_lines", "json-lines" -> JSON_LINES;
      case "csv" -> CSV;
      default -> throw new IllegalArgumentException("unknown format '" + name + "'; accepted: jsonl, csv");
    };
  }
}
