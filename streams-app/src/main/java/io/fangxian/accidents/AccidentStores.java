package io.fangxian.accidents;

import io.fangxian.avro.internal.AccidentDuties;
import io.fangxian.avro.internal.AccidentState;
import io.fangxian.domain.TopicRegistry;
import io.fangxian.store.DueKey;
import io.fangxian.store.EnterpriseItemKey;
import io.fangxian.store.KeyValueStores;
import io.fangxian.store.StoreNames;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;

/**
 * The slice's stores (their names are in {@link StoreNames}): each accident's current version and
 * the dossier's accidents, written by {@link AccidentProcessor}; the bureau's duties and when they
 * fall due, written by {@link AccidentDutiesProcessor}.
 */
public final class AccidentStores {
  private AccidentStores() { }

  public static void add(StreamsBuilder builder, TopicRegistry topics) {
    KeyValueStores.add(builder, StoreNames.ACCIDENTS, topics.serde(AccidentState.class), false);
    KeyValueStores.add(builder, StoreNames.ACCIDENT_DUTIES, topics.serde(AccidentDuties.class), false);
    KeyValueStores.add(builder, StoreNames.ACCIDENT_DUTIES_DUE, DueKey.SERDE, Serdes.String(), false);
    KeyValueStores.add(builder, StoreNames.DOSSIER_ACCIDENTS, EnterpriseItemKey.SERDE, Serdes.String(), false);
  }
}
