package io.fangxian.intake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One kind's eventIds in the {@code event-ids} store: each kind keeps its ids under its own prefix
 * ({@code hazard:<id>}), with the wall-clock time they were taken, and forgets them after the
 * retention, a slice at a time so no punctuation runs long.
 */
public final class EventIds {
  /** Bounds one prune, so a backlog is worked off in slices. */
  static final int MAX_PRUNED_PER_RUN = 5_000;
  public static final Duration PRUNE_EVERY = Duration.ofSeconds(15);

  private final KeyValueStore<String, Long> store;
  private final String prefix;
  private final String prefixEnd;
  private final Duration retention;
  private String pruneCursor;

  /** @param kind the kind of event, the prefix of its ids in the store ({@code hazard}) */
  public EventIds(KeyValueStore<String, Long> store, String kind, Duration retention) {
    this.store = store;
    this.prefix = kind + ":";
    this.prefixEnd = kind + ";"; // ';' follows ':': the first key after the kind's range
    this.retention = retention;
  }

  public boolean contains(String eventId) {
    return store.get(prefix + eventId) != null;
  }

  public void remember(String eventId, long nowMs) {
    store.put(prefix + eventId, nowMs);
  }

  /** Forgets this kind's eventIds older than the retention among the next slice of its range. */
  public void prune(long nowMs) {
    long cutoff = nowMs - retention.toMillis();
    List<String> expired = new ArrayList<>();
    String last = null;
    int seen = 0;
    try (KeyValueIterator<String, Long> it = store.range(pruneCursor == null ? prefix : pruneCursor, prefixEnd)) {
      while (it.hasNext() && seen < MAX_PRUNED_PER_RUN) {
        KeyValue<String, Long> entry = it.next();
        seen++;
        last = entry.key;
        if (entry.value < cutoff) {
          expired.add(entry.key);
        }
      }
      pruneCursor = it.hasNext() ? last : null;
    }
    expired.forEach(store::delete);
  }
}
