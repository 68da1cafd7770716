package io.fangxian.flying;

import io.fangxian.avro.internal.Revisit;
import io.fangxian.domain.TopicRegistry;
import io.fangxian.store.DueKey;
import io.fangxian.store.EnterpriseItemKey;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The slice's stores, written only by {@link RevisitProcessor}, on the enterprise partition. Each
 * name is also the stem of its changelog topic, so renaming one loses its state: don't.
 */
public final class RevisitStores {
  /** Flying inspections seen: {@code <enterpriseId>|<inspectionId>} → when (epoch ms), so a hazard naming one is known as its finding. */
  public static final String FLYING_INSPECTIONS = "flying-inspections";
  /** The revisits owed: {@code <enterpriseId>|<anchorId>} → Revisit. */
  public static final String REVISITS = "flying-revisits";
  /** When each revisit not yet done falls due: {@code store.DueKey} → the revisit's key as text. */
  public static final String DUE = "flying-revisits-due";

  private RevisitStores() { }

  public static void add(StreamsBuilder builder, TopicRegistry topics) {
    store(builder, FLYING_INSPECTIONS, EnterpriseItemKey.SERDE, Serdes.Long());
    store(builder, REVISITS, EnterpriseItemKey.SERDE, topics.serde(Revisit.class));
    store(builder, DUE, DueKey.SERDE, Serdes.String());
  }

  private static <K, V> void store(StreamsBuilder builder, String name, Serde<K> keys, Serde<V> values) {
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keys, values)
        .withCachingDisabled());
  }
}
