package io.fangxian.app;

import io.fangxian.avro.AreaStats;
import io.fangxian.topology.StoreNames;
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
}
