package io.fangxian.store;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Forgets what has expired in a key range of a store, a slice at a time from a cursor, so that a
 * large store is worked through over several punctuations and none of them runs long.
 */
public final class SlicedSweep<K, V> {
  private final KeyValueStore<K, V> store;
  private final K first;
  private final K end;
  private final int slice;
  private K cursor;
  private boolean foundNone;

  /**
   * @param first the range's lowest key, or null for the whole store
   * @param end the first key after the range, or null for the whole store's end
   * @param slice how many entries one step reads at most
   */
  public SlicedSweep(KeyValueStore<K, V> store, K first, K end, int slice) {
    this.store = store;
    this.first = first;
    this.end = end;
    this.slice = slice;
  }

  /** Deletes the expired entries among the next slice of the range, then moves the cursor on. */
  public void step(Predicate<V> expired) {
    boolean fromStart = cursor == null;
    List<K> gone = new ArrayList<>();
    K last = null;
    int seen = 0;
    try (KeyValueIterator<K, V> it = fromStart && first == null ? store.all() : store.range(fromStart ? first : cursor, end)) {
      while (it.hasNext() && seen < slice) {
        KeyValue<K, V> entry = it.next();
        seen++;
        last = entry.key;
        if (expired.test(entry.value)) {
          gone.add(entry.key);
        }
      }
      cursor = it.hasNext() ? last : null;
    }
    gone.forEach(store::delete);
    foundNone = fromStart && seen == 0;
  }

  /** Whether the last step read the whole range and found it empty. */
  public boolean foundNone() {
    return foundNone;
  }
}
