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
  /**
   * The supervisors' inspections that can be a revisit (ROUTINE, LINKED_SUPERVISION, FLYING), first
   * version of each: {@code <enterpriseId>|<inspectionId>} → InspectionEvent. A FLYING one tells a
   * hazard naming it that it is a flying inspection's finding; any of them found here when a revisit
   * is opened is its revisit, so the order in which inspections and findings arrive does not matter.
   * One entry per such inspection, as the dossier keeps them.
   */
  public static final String INSPECTIONS = "revisit-inspections";
  /** The revisits owed: {@code <enterpriseId>|<anchorId>} → Revisit. */
  public static final String REVISITS = "flying-revisits";
  /** When each revisit not yet done falls due: {@code store.DueKey} → the revisit's key as text. */
  public static final String DUE = "flying-revisits-due";

  private RevisitStores() { }

  public static void add(StreamsBuilder builder, TopicRegistry topics) {
    store(builder, INSPECTIONS, EnterpriseItemKey.SERDE, topics.inspections.valueSerde());
    store(builder, REVISITS, EnterpriseItemKey.SERDE, topics.serde(Revisit.class));
    store(builder, DUE, DueKey.SERDE, Serdes.String());
  }

  private static <K, V> void store(StreamsBuilder builder, String name, Serde<K> keys, Serde<V> values) {
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keys, values)
        .withCachingDisabled());
  }
}
