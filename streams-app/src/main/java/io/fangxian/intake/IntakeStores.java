package io.fangxian.intake;

import io.fangxian.store.KeyValueStores;
import io.fangxian.store.StoreNames;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;

/**
 * The slice's store: the eventIds seen ({@link StoreNames#EVENT_IDS}), written by {@link DedupProcessor}
 * and, for the ids the old dedup took under {@code hazard:}, read by the ledger until they are pruned.
 * The enterprises table ({@link StoreNames#ENTERPRISES}) is materialized by {@link Intake#enterprises}.
 */
public final class IntakeStores {
  private IntakeStores() { }

  public static void add(StreamsBuilder builder) {
    KeyValueStores.add(builder, StoreNames.EVENT_IDS, Serdes.Long(), false);
  }
}
