package io.fangxian.app;

import io.fangxian.avro.AreaStats;
import io.fangxian.store.StoreNames;
import java.util.function.ToLongFunction;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Sums over the townships this instance holds (active tasks only): added across instances, the district. */
final class LocalFigures {
  private LocalFigures() { }

  static long townshipTotal(KafkaStreams streams, ToLongFunction<AreaStats> figure) {
    ReadOnlyKeyValueStore<String, AreaStats> totals = streams.store(
        StoreQueryParameters.fromNameAndType(StoreNames.AREA_TOTALS, QueryableStoreTypes.keyValueStore()));
    long sum = 0;
    try (KeyValueIterator<String, AreaStats> it = totals.prefixScan("township/", new org.apache.kafka.common.serialization.StringSerializer())) {
      while (it.hasNext()) {
        sum += figure.applyAsLong(it.next().value);
      }
    }
    return sum;
  }

  /** The live (not resolved) alerts this instance holds (active tasks only), for the Alertmanager resends. */
  static java.util.List<io.fangxian.avro.Alert> liveAlerts(KafkaStreams streams) {
    ReadOnlyKeyValueStore<String, io.fangxian.avro.Alert> alerts = streams.store(
        StoreQueryParameters.fromNameAndType(StoreNames.ALERTS, QueryableStoreTypes.keyValueStore()));
    java.util.List<io.fangxian.avro.Alert> live = new java.util.ArrayList<>();
    try (KeyValueIterator<String, io.fangxian.avro.Alert> it = alerts.all()) {
      it.forEachRemaining(kv -> {
        if (kv.value != null && kv.value.getStatus() != io.fangxian.avro.AlertStatus.RESOLVED) {
          live.add(kv.value);
        }
      });
    }
    return live;
  }
}
