package io.fangxian.alerts;

import io.fangxian.avro.Leader;
import io.fangxian.avro.Responsibility;
import io.fangxian.domain.TopicRegistry;
import io.fangxian.store.DueKey;
import io.fangxian.store.KeyValueStores;
import io.fangxian.store.StoreNames;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The slice's stores (their names are in {@link StoreNames}): the alerts, the changes waiting for
 * their hold time and the handling limits, written only by {@link AlertLifecycle}; and the global
 * tables its escalation chain is read from.
 */
public final class AlertStores {
  private AlertStores() { }

  public static void add(StreamsBuilder builder, TopicRegistry topics) {
    KeyValueStores.add(builder, StoreNames.ALERTS, topics.alerts.valueSerde(), false);
    KeyValueStores.add(builder, StoreNames.ALERTS_PENDING, topics.alerts.valueSerde(), false);
    KeyValueStores.add(builder, StoreNames.ALERT_HANDLING_DUE, DueKey.SERDE, Serdes.String(), false);
  }

  /**
   * The roster and the responsibility list as global tables: every instance holds them whole, so an
   * alert on any partition finds its chain. Added last, so the numbers of the other sub-topologies
   * (and so their task directories) stay as they were.
   */
  static void addHandlingReference(StreamsBuilder builder, TopicRegistry topics) {
    builder.globalTable(topics.roster.name(), Consumed.with(Serdes.String(), topics.roster.valueSerde()).withName("roster-source"),
        Materialized.<String, Leader, KeyValueStore<Bytes, byte[]>>as(StoreNames.ROSTER)
            .withKeySerde(Serdes.String()).withValueSerde(topics.roster.valueSerde()));
    builder.globalTable(topics.responsibilities.name(),
        Consumed.with(Serdes.String(), topics.responsibilities.valueSerde()).withName("responsibilities-source"),
        Materialized.<String, Responsibility, KeyValueStore<Bytes, byte[]>>as(StoreNames.RESPONSIBILITIES)
            .withKeySerde(Serdes.String()).withValueSerde(topics.responsibilities.valueSerde()));
  }
}
