package io.fangxian.alerts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in EXAMPLE responsibility list (监管责任清单), used until the district loads its own:
 * each sector's supervising department, read from {@code reference/responsibilities.csv}, whose
 * header says it is an example. A loaded {@code reference.responsibilities} record for a sector
 * replaces its row.
 */
public final class Responsibilities {
  private static final Map<String, String> BUILT_IN = read();

  private Responsibilities() { }

  public static Optional<String> builtIn(String sectorId) {
    return Optional.ofNullable(BUILT_IN.get(sectorId));
  }

  public static Map<String, String> builtIn() {
    return Collections.unmodifiableMap(BUILT_IN);
  }

  private static Map<String, String> read() {
    Map<String, String> m = new LinkedHashMap<>();
    try (InputStream in = Responsibilities.class.getResourceAsStream("/reference/responsibilities.csv");
         BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      r.lines().filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith("sectorId,")).forEach(l -> {
        String[] cols = l.split(",", 2);
        m.put(cols[0].trim(), cols[1].trim());
      });
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("the built-in reference/responsibilities.csv is broken", e);
    }
    return m;
  }
}
