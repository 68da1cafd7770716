package io.fangxian.accident;

import io.fangxian.avro.AccidentType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Chinese names of the GB 6441-1986 accident categories (事故类别), read from
 * {@code reference/accident-types.csv}, whose header comment names the source. Files for
 * {@code load} give the category by its Chinese name; both spellings 其他 and 其它 are accepted.
 */
public final class AccidentTypes {
  private static final Map<AccidentType, String> NAMES = new EnumMap<>(AccidentType.class);
  private static final Map<String, AccidentType> BY_NAME = new HashMap<>();

  static {
    try (InputStream in = AccidentTypes.class.getResourceAsStream("/reference/accident-types.csv");
         BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      boolean header = true;
      while ((line = r.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        if (header) {
          header = false;
          continue;
        }
        String[] cols = line.split(",");
        AccidentType type = AccidentType.valueOf(cols[2].trim());
        NAMES.put(type, cols[1].trim());
        BY_NAME.put(cols[1].trim(), type);
        BY_NAME.put(cols[1].trim().replace("其他", "其它"), type);
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("the built-in reference/accident-types.csv is broken", e);
    }
  }

  private AccidentTypes() { }

  /** The category's name as the standard writes it, e.g. 高处坠落. */
  public static String nameZh(AccidentType type) {
    return NAMES.getOrDefault(type, type.name());
  }

  /** The category for a Chinese name (其他 or 其它), or for its English symbol. */
  public static Optional<AccidentType> byName(String name) {
    String n = name.trim();
    AccidentType t = BY_NAME.get(n);
    if (t == null && NAMES.keySet().stream().anyMatch(k -> k.name().equals(n))) {
      t = AccidentType.valueOf(n);
    }
    return Optional.ofNullable(t);
  }

  /** Every name accepted, for error messages. */
  public static Map<AccidentType, String> names() {
    return Collections.unmodifiableMap(NAMES);
  }
}
