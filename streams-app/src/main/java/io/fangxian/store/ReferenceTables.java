package io.fangxian.store;

import io.fangxian.avro.Grid;
import io.fangxian.domain.TopicRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Reference lists that more than one slice reads, as global tables the assembler adds once: the
 * grids (网格) and who works each, which the enterprises' standing and the area rules read.
 */
public final class ReferenceTables {
  private ReferenceTables() { }

  public static void addGrids(StreamsBuilder builder, TopicRegistry topics) {
    builder.globalTable(topics.grids.name(), Consumed.with(Serdes.String(), topics.grids.valueSerde()).withName("grids-source"),
        Materialized.<String, Grid, KeyValueStore<Bytes, byte[]>>as(StoreNames.GRIDS)
            .withKeySerde(Serdes.String()).withValueSerde(topics.grids.valueSerde()));
  }
}
