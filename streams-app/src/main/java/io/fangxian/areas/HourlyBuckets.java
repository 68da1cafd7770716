package io.fangxian.areas;

import io.fangxian.avro.RecentCounts;
import io.fangxian.stats.AreaFigures;
import io.fangxian.stats.AreaKeys;
import io.fangxian.store.AreaHourKey;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Reads an area's hourly buckets from the store; used by the figures, the rules and the REST API. */
public final class HourlyBuckets {
  private HourlyBuckets() { }

  /** Buckets for epoch hours {@code from..to}, inclusive. */
  public static Map<Long, RecentCounts> read(ReadOnlyKeyValueStore<AreaHourKey, RecentCounts> hourly, String area, long from, long to) {
    Map<Long, RecentCounts> hours = new HashMap<>();
    try (KeyValueIterator<AreaHourKey, RecentCounts> it = hourly.range(new AreaHourKey(area, from), new AreaHourKey(area, to))) {
      it.forEachRemaining(kv -> hours.put(kv.key.epochHour(), kv.value));
    }
    return hours;
  }

  /** The sum over epoch hours {@code from..to}, inclusive. */
  public static RecentCounts sum(ReadOnlyKeyValueStore<AreaHourKey, RecentCounts> hourly, String area, long from, long to) {
    RecentCounts total = AreaFigures.zero();
    for (RecentCounts bucket : read(hourly, area, from, to).values()) {
      total = AreaFigures.sum(total, bucket);
    }
    return total;
  }

  /** The buckets the rolling windows need at {@code nowMs}. */
  public static Map<Long, RecentCounts> window(ReadOnlyKeyValueStore<AreaHourKey, RecentCounts> hourly, String area, long nowMs) {
    long nowHour = AreaKeys.epochHour(nowMs);
    return read(hourly, area, nowHour - AreaFigures.WINDOW_HOURS + 1, nowHour);
  }
}
