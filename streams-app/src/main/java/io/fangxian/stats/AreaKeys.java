package io.fangxian.stats;

import io.fangxian.avro.AreaType;

/**
 * Area keys, {@code township/<id>} or {@code sector/<id>}: the key of the area repartition topic
 * and of the area stores. The buckets of an area are keyed by {@code store.AreaDayKey} and
 * {@code store.AreaHourKey}.
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

  public static long epochHour(long epochMs) {
    return Math.floorDiv(epochMs, HOUR_MS);
  }
}
