package io.fangxian.store;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * An index of what falls due when ({@link DueKey}: due time, then id), over a store its processor
 * alone writes. The wall clock drains it in slices of {@link #MAX_PER_CHECK}; the caller deletes or
 * moves each entry it is handed.
 *
 * <p>A drain resumes where the last one ended instead of at the start of the store: every entry
 * before that point was handed out and deleted, and RocksDB would walk over their tombstones on
 * every drain until a compaction. An entry put before that point (a deadline already past, from a
 * history) moves it back. The point is kept in memory only: after a restart the first drain reads
 * from the start.
 */
public final class DueIndex {
  public static final int MAX_PER_CHECK = 2_000;

  private final KeyValueStore<DueKey, String> store;
  /** Every entry due at or before this was handed out; -1 until the first drain. */
  private long drainedThrough = -1;

  public DueIndex(KeyValueStore<DueKey, String> store) {
    this.store = store;
  }

  public void put(long dueMs, String id) {
    store.put(new DueKey(dueMs, id), id);
    if (dueMs <= drainedThrough) {
      drainedThrough = dueMs - 1;
    }
  }

  public void delete(long dueMs, String id) {
    store.delete(new DueKey(dueMs, id));
  }

  /** The entries due at or before {@code nowMs}, at most {@link #MAX_PER_CHECK}, earliest first. */
  public List<KeyValue<DueKey, String>> due(long nowMs) {
    List<KeyValue<DueKey, String>> due = new ArrayList<>();
    // never a null lower bound: see DueKey.FIRST
    DueKey from = drainedThrough < 0 ? DueKey.FIRST : new DueKey(drainedThrough + 1, "");
    try (KeyValueIterator<DueKey, String> it = store.range(from, DueKey.throughMs(nowMs))) {
      while (it.hasNext() && due.size() < MAX_PER_CHECK) {
        due.add(it.next());
      }
      // a full slice may have left entries of its last due time behind: the next drain starts there
      drainedThrough = it.hasNext() ? due.get(due.size() - 1).key.dueMs() - 1 : Math.max(drainedThrough, nowMs);
    }
    return due;
  }
}
