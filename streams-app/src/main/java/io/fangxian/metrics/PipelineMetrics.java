package io.fangxian.metrics;

import java.util.Optional;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** What the topology reports as it goes; the application binds it to Micrometer. */
public interface PipelineMetrics {
  PipelineMetrics NONE = new PipelineMetrics() { };

  /** A record arrived on an input topic (before validation). */
  default void recordIn(String topic) { }

  /** A resent event (its eventId was already processed) was dropped. */
  default void duplicateDropped(String topic) { }

  /** A resent event was dropped, counted by the topic it was read from. */
  default void duplicateDropped(Optional<RecordMetadata> source) {
    duplicateDropped(source.map(RecordMetadata::topic).orElse("?"));
  }

  /** An alert record was published; latency is from the triggering event's time to now. */
  default void alertPublished(io.fangxian.avro.Alert alert, long latencyMs) { }
}
