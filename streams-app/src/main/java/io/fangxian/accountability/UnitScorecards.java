package io.fangxian.accountability;

import io.fangxian.avro.internal.UnitHazard;
import io.fangxian.store.UnitItemKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads the units' figures from the slice's {@code unit-*} stores: all units, or one by a prefix
 * scan. Over a store that spans several partitions each unit's entries are summed, which is right
 * because every entry lives on one partition only (its enterprise's).
 */
public final class UnitScorecards {
  private final ReadOnlyKeyValueStore<UnitItemKey, Long> inspections;
  private final ReadOnlyKeyValueStore<UnitItemKey, Long> found;
  private final ReadOnlyKeyValueStore<UnitItemKey, UnitHazard> missed;
  private final ReadOnlyKeyValueStore<UnitItemKey, Long> accidents;

  public UnitScorecards(ReadOnlyKeyValueStore<UnitItemKey, Long> inspections, ReadOnlyKeyValueStore<UnitItemKey, Long> found,
      ReadOnlyKeyValueStore<UnitItemKey, UnitHazard> missed, ReadOnlyKeyValueStore<UnitItemKey, Long> accidents) {
    this.inspections = inspections;
    this.found = found;
    this.missed = missed;
    this.accidents = accidents;
  }

  /** Every unit held here, by unitId. */
  public Map<String, UnitTally> all(Instant now) {
    return tally(null, now);
  }

  /** One unit's figures held here (zeros when it has none). */
  public UnitTally unit(String unitId, Instant now) {
    return tally(unitId, now).getOrDefault(unitId, UnitTally.zero(unitId));
  }

  private Map<String, UnitTally> tally(String unitId, Instant now) {
    Map<String, long[]> counts = new TreeMap<>();
    long d30 = now.minus(Duration.ofDays(30)).toEpochMilli();
    long d90 = now.minus(Duration.ofDays(90)).toEpochMilli();
    long d365 = now.minus(Duration.ofDays(365)).toEpochMilli();
    each(inspections, unitId, (unit, at) -> {
      long[] c = counts.computeIfAbsent(unit, u -> new long[8]);
      c[0] += at >= d30 ? 1 : 0;
      c[1] += at >= d90 ? 1 : 0;
      c[2] += at >= d365 ? 1 : 0;
      c[3]++;
    });
    each(found, unitId, (unit, at) -> counts.computeIfAbsent(unit, u -> new long[8])[4]++);
    each(missed, unitId, (unit, hazard) -> {
      long[] c = counts.computeIfAbsent(unit, u -> new long[8]);
      c[5]++;
      c[6] += hazard.getMajor() ? 1 : 0;
    });
    each(accidents, unitId, (unit, at) -> counts.computeIfAbsent(unit, u -> new long[8])[7]++);
    Map<String, UnitTally> tallies = new TreeMap<>();
    counts.forEach((unit, c) -> tallies.put(unit, new UnitTally(unit, c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7])));
    return tallies;
  }

  private static <V> void each(ReadOnlyKeyValueStore<UnitItemKey, V> store, String unitId, BiConsumer<String, V> action) {
    try (KeyValueIterator<UnitItemKey, V> it = unitId == null ? store.all() : store.prefixScan(unitId, UnitItemKey.UNIT_PREFIX)) {
      it.forEachRemaining(kv -> action.accept(kv.key.unitId(), kv.value));
    }
  }
}
