package io.fangxian.web;

import io.fangxian.store.EnterpriseItemKey;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * This instance's own state stores (active partitions only), as the local queries read them: a store
 * that has no partition here is empty, one that cannot be read now is a 503.
 */
public final class LocalState {
  private final KafkaStreams streams;
  private final HostInfo self;

  public LocalState(KafkaStreams streams, HostInfo self) {
    this.streams = streams;
    this.self = self;
  }

  /** The store, or empty when no partition of it is active here; 503 while it is not queryable. */
  public <V> Optional<ReadOnlyKeyValueStore<String, V>> store(String name) {
    if (streams.state() != KafkaStreams.State.RUNNING) {
      throw ApiException.unavailable("the application is " + streams.state()
          + " (rebalancing or restoring state); try again shortly");
    }
    try {
      return Optional.of(streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore())));
    } catch (InvalidStateStoreException e) {
      boolean holdsSome = streams.streamsMetadataForStore(name).stream().anyMatch(m -> m.hostInfo().equals(self));
      if (!holdsSome && streams.state() == KafkaStreams.State.RUNNING) {
        return Optional.empty();
      }
      throw ApiException.unavailable("store " + name + " is not queryable on this instance now; try again shortly");
    }
  }

  /**
   * Each value an enterprise holds in a store keyed by {@code <enterpriseId>|<item>} (the dossier
   * indexes), by a prefix scan of its own entries; nothing when no partition of the store is here.
   */
  public <V> void eachOfEnterprise(String storeName, String enterpriseId, Consumer<V> each) {
    this.<EnterpriseItemKey, V>keyedStore(storeName).ifPresent(s -> {
      try (KeyValueIterator<EnterpriseItemKey, V> it = s.prefixScan(enterpriseId, EnterpriseItemKey.ENTERPRISE_PREFIX)) {
        it.forEachRemaining(kv -> each.accept(kv.value));
      }
    });
  }

  /** {@link #store} for a store keyed by records of {@code io.fangxian.store} rather than strings. */
  @SuppressWarnings("unchecked")
  public <K, V> Optional<ReadOnlyKeyValueStore<K, V>> keyedStore(String name) {
    return this.<V>store(name).map(s -> (ReadOnlyKeyValueStore<K, V>) (ReadOnlyKeyValueStore<?, V>) s);
  }
}
