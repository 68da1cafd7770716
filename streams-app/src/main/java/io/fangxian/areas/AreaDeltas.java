package io.fangxian.areas;

import io.fangxian.avro.AreaType;
import io.fangxian.avro.internal.AreaUpdate;
import io.fangxian.stats.AreaKeys;
import io.fangxian.stats.AreaUpdates;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The count changes of one enterprise partition, summed per area until the next flush sends each
 * sum on as one AreaUpdate. An area gets one record per flush instead of one per event, which is
 * most of what the area repartition topic used to carry. A sum whose changes span many hours (a
 * history being loaded) is sent at once when it reaches {@link #MAX_PERIODS} of them: the sum is
 * serialized into the store on every change, so its size is the cost of each one.
 *
 * <p>The sums are kept in a changelogged, cached store: they are committed together with the
 * offsets of the events they came from, so a crash between two flushes neither loses nor repeats
 * a count. The map mirrors the store so that adding to a sum does not read it back.
 */
final class AreaDeltas {
  static final int MAX_PERIODS = 8;

  private final ProcessorContext<String, ? super AreaUpdate> context;
  private final KeyValueStore<String, AreaUpdate> pending;
  private final ZoneId zone;
  private final Map<String, AreaUpdate> sums = new LinkedHashMap<>();

  AreaDeltas(ProcessorContext<String, ? super AreaUpdate> context, KeyValueStore<String, AreaUpdate> pending, ZoneId zone) {
    this.context = context;
    this.pending = pending;
    this.zone = zone;
    try (KeyValueIterator<String, AreaUpdate> it = pending.all()) {
      it.forEachRemaining(kv -> sums.put(kv.key, kv.value));
    }
  }

  /** Adds a change (from {@link AreaUpdates}) to the sums of each area it counts in. */
  void add(AreaUpdate delta, List<String> areas) {
    if (!AreaUpdates.changesCounts(delta)) {
      return;
    }
    areas.forEach(area -> add(delta, AreaKeys.type(area), AreaKeys.id(area)));
  }

  private void add(AreaUpdate delta, AreaType type, String id) {
    String area = AreaKeys.area(type, id);
    AreaUpdate sum = AreaUpdates.add(sums.computeIfAbsent(area, a -> AreaUpdates.empty(type, id)), delta, zone);
    if (sum.getPeriods().size() >= MAX_PERIODS || sum.getMonths().size() >= MAX_PERIODS) {
      send(area, sum, context.currentSystemTimeMs());
      sums.remove(area);
    } else {
      pending.put(area, sum);
    }
  }

  /** Sends every sum on, keyed by its area, and starts again from nothing. */
  void flush(long now) {
    sums.forEach((area, sum) -> send(area, sum, now));
    sums.clear();
  }

  private void send(String area, AreaUpdate sum, long now) {
    context.forward(new Record<>(area, sum, now));
    pending.delete(area);
  }
}
