package io.fangxian.store;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Adds the persistent key-value stores a slice declares (its {@code XxxStores}).
 *
 * <p>Only the stores whose few keys are written over and over (the sums and figures of each area)
 * are cached: the cache turns their many writes per commit into one. The others are keyed by
 * event, hazard, enterprise or alert, are rarely written twice before a commit, and would only
 * fill the thread's cache. When that cache is full, each new entry evicts an entry *of the same
 * store*, so a hot store sharing it with a large one ends up writing every change through.
 */
public final class KeyValueStores {
  private KeyValueStores() { }

  /** A store keyed by a string (an id, or a key of the form {@code <kind>:<id>}). */
  public static <V> void add(StreamsBuilder builder, String name, Serde<V> values, boolean cached) {
    add(builder, name, Serdes.String(), values, cached);
  }

  public static <K, V> void add(StreamsBuilder builder, String name, Serde<K> keys, Serde<V> values, boolean cached) {
    var store = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keys, values);
    builder.addStateStore(cached ? store.withCachingEnabled() : store.withCachingDisabled());
  }
}
