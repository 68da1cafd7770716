package io.fangxian.domain;

import io.fangxian.avro.WarningLevel;
import io.fangxian.avro.WeatherKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which colours each kind of weather warning signal has (a 高温 warning is yellow, orange or red,
 * never blue), read from {@code reference/weather-warning-levels.csv}, whose header names the source.
 */
public final class WeatherSignals {
  private static final Map<WeatherKind, Set<WarningLevel>> LEVELS = new EnumMap<>(WeatherKind.class);
  private static final Map<WeatherKind, String> NAMES = new EnumMap<>(WeatherKind.class);

  static {
    try (InputStream in = WeatherSignals.class.getResourceAsStream("/reference/weather-warning-levels.csv");
         BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      r.lines().filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith("kind,")).forEach(line -> {
        String[] cols = line.split(",", 4);
        WeatherKind kind = WeatherKind.valueOf(cols[0].trim());
        Set<WarningLevel> levels = EnumSet.noneOf(WarningLevel.class);
        Arrays.stream(cols[2].split(";")).map(String::trim).map(WarningLevel::valueOf).forEach(levels::add);
        LEVELS.put(kind, levels);
        NAMES.put(kind, cols[1].trim());
      });
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("the built-in reference/weather-warning-levels.csv is broken", e);
    }
  }

  private WeatherSignals() { }

  /** The colours a warning of this kind can have; every colour for a kind the file does not list. */
  public static Set<WarningLevel> levels(WeatherKind kind) {
    return LEVELS.getOrDefault(kind, EnumSet.of(WarningLevel.BLUE, WarningLevel.YELLOW, WarningLevel.ORANGE, WarningLevel.RED));
  }

  public static String nameZh(WeatherKind kind) {
    return NAMES.getOrDefault(kind, kind.name());
  }
}
