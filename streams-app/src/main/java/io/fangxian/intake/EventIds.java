package io.fangxian.intake;

import java.time.Duration;
import io.fangxian.store.SlicedSweep;
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
  private final Duration retention;
  private final SlicedSweep<String, Long> sweep;
  /**
   * Set when a prune found the kind's range empty, until this kind remembers an id again. A kind
   * that no longer remembers ids (the hazards, whose ledger now holds them) then costs no lookup.
   */
  private boolean empty;

  /** @param kind the kind of event, the prefix of its ids in the store ({@code hazard}) */
  public EventIds(KeyValueStore<String, Long> store, String kind, Duration retention) {
    this.store = store;
    this.prefix = kind + ":";
    this.retention = retention;
    // ';' follows ':': the first key after the kind's range
    this.sweep = new SlicedSweep<>(store, prefix, kind + ";", MAX_PRUNED_PER_RUN);
  }

  public boolean contains(String eventId) {
    return !empty && store.get(prefix + eventId) != null;
  }

  public void remember(String eventId, long nowMs) {
    store.put(prefix + eventId, nowMs);
    empty = false;
  }

  /** Forgets this kind's eventIds older than the retention among the next slice of its range. */
  public void prune(long nowMs) {
    long cutoff = nowMs - retention.toMillis();
    sweep.step(taken -> taken < cutoff);
    empty = sweep.foundNone();
  }
}
