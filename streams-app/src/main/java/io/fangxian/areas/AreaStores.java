package io.fangxian.areas;

import io.fangxian.avro.RecentCounts;
import io.fangxian.avro.internal.AreaUpdate;
import io.fangxian.avro.internal.MonthlyCounts;
import io.fangxian.domain.TopicRegistry;
import io.fangxian.stats.AreaUpdateCodec;
import io.fangxian.store.AreaDayKey;
import io.fangxian.store.AreaHourKey;
import io.fangxian.store.AreaMemberKey;
import io.fangxian.store.AreaMonthKey;
import io.fangxian.store.KeyValueStores;
import io.fangxian.store.StoreNames;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The slice's stores (their names are in {@link StoreNames}): the sums not yet sent on, written by
 * {@link AreaSumsProcessor}; the figures, written by {@link AreaAggregator}; the open hazards and
 * warnings per township, written by {@link AreaRulesProcessor}.
 */
public final class AreaStores {
  private AreaStores() { }

  public static void add(StreamsBuilder builder, TopicRegistry topics) {
    // A sum per area, emptied twice a second: memory, not RocksDB, and written on every event in a
    // compact format of its own (AreaUpdateCodec).
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.AREA_DELTAS),
        Serdes.String(), new AreaUpdateCodec(topics.serde(AreaUpdate.class))).withCachingEnabled());
    KeyValueStores.add(builder, StoreNames.AREA_TOTALS, topics.townshipStats.valueSerde(), true);
    KeyValueStores.add(builder, StoreNames.AREA_DAILY, AreaDayKey.SERDE, topics.serde(RecentCounts.class), true);
    KeyValueStores.add(builder, StoreNames.AREA_HOURLY, AreaHourKey.SERDE, topics.serde(RecentCounts.class), true);
    KeyValueStores.add(builder, StoreNames.AREA_MONTHLY, AreaMonthKey.SERDE, topics.serde(MonthlyCounts.class), true);
    KeyValueStores.add(builder, StoreNames.AREA_OPEN_HAZARDS, AreaMemberKey.SERDE, topics.hazardLedger.valueSerde(), false);
    KeyValueStores.add(builder, StoreNames.AREA_WEATHER, AreaMemberKey.SERDE, topics.weatherWarnings.valueSerde(), false);
  }
}
