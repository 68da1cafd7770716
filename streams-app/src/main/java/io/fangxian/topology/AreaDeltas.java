package io.fangxian.topology;

import io.fangxian.avro.AreaType;
import io.fangxian.avro.internal.AreaUpdate;
import io.fangxian.stats.AreaKeys;
import io.fangxian.stats.AreaUpdates;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The count changes of one enterprise partition, summed per area until the next flush sends each
 * sum on as one AreaUpdate. An area gets one record per flush instead of one per event, which is
 * most of what the area repartition topic used to carry.
 *
 * <p>The sums are kept in a changelogged, cached store: they are committed together with the
 * offsets of the events they came from, so a crash between two flushes neither loses nor repeats
 * a count. The map mirrors the store so that adding to a sum does not read it back.
 */
final class AreaDeltas {
  private final KeyValueStore<String, AreaUpdate> pending;
  private final ZoneId zone;
  private final Map<String, AreaUpdate> sums = new LinkedHashMap<>();

  AreaDeltas(KeyValueStore<String, AreaUpdate> pending, ZoneId zone) {
    this.pending = pending;
    this.zone = zone;
    try (KeyValueIterator<String, AreaUpdate> it = pending.all()) {
      it.forEachRemaining(kv -> sums.put(kv.key, kv.value));
    }
  }

  /** Adds a change (from {@link AreaUpdates}) to the sums of a township and a sector. */
  void add(AreaUpdate delta, String townshipId, String sectorId) {
    if (!AreaUpdates.changesCounts(delta)) {
      return;
    }
    add(delta, AreaType.TOWNSHIP, townshipId);
    add(delta, AreaType.SECTOR, sectorId);
  }

  private void add(AreaUpdate delta, AreaType type, String id) {
    String area = AreaKeys.area(type, id);
    AreaUpdate sum = sums.computeIfAbsent(area, a -> AreaUpdates.empty(type, id));
    pending.put(area, AreaUpdates.add(sum, delta, zone));
  }

  /** Sends every sum on, keyed by its area, and starts again from nothing. */
  void flush(ProcessorContext<String, ? super AreaUpdate> context, long now) {
    for (Map.Entry<String, AreaUpdate> sum : sums.entrySet()) {
      context.forward(new Record<>(sum.getKey(), sum.getValue(), now));
      pending.delete(sum.getKey());
    }
    sums.clear();
  }
}
