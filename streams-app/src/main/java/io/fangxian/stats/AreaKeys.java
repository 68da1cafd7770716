package io.fangxian.stats;

import io.fangxian.avro.AreaType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Store keys for area figures. Keys sort so that one area's buckets are contiguous and in time
 * order, which lets a range scan read a period: {@code township/jincheng|2026-07-01} for a local
 * day, {@code township/jincheng|h0000493000} for an hour since the epoch.
 */
public final class AreaKeys {
  public static final long HOUR_MS = 3_600_000L;

  private AreaKeys() { }

  public static String area(AreaType type, String id) {
    return type.name().toLowerCase() + "/" + id;
  }

  public static AreaType type(String areaKey) {
    return AreaType.valueOf(areaKey.substring(0, areaKey.indexOf('/')).toUpperCase());
  }

  public static String id(String areaKey) {
    return areaKey.substring(areaKey.indexOf('/') + 1);
  }

  public static String day(String areaKey, LocalDate day) {
    return areaKey + "|" + day;
  }

  public static String day(String areaKey, Instant t, ZoneId zone) {
    return day(areaKey, LocalDate.ofInstant(t, zone));
  }

  public static String hour(String areaKey, long epochHour) {
    return areaKey + "|h" + PaddedKeys.pad(epochHour, 10);
  }

  public static long epochHour(long epochMs) {
    return Math.floorDiv(epochMs, HOUR_MS);
  }

  /** The epoch hour an hourly key names. */
  public static long hourOf(String hourKey) {
    return Long.parseLong(hourKey.substring(hourKey.lastIndexOf("|h") + 2));
  }

  /** The day a daily key names. */
  public static LocalDate dayOf(String dayKey) {
    return LocalDate.parse(dayKey.substring(dayKey.lastIndexOf('|') + 1));
  }
}
