package io.fangxian.app;

import io.fangxian.config.AppConfig;
import io.fangxian.domain.ReferenceData;
import io.fangxian.domain.TopicRegistry;
import io.fangxian.topology.FangxianTopology;
import io.fangxian.topology.PipelineMetrics;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One running instance of the pipeline: the topology in a KafkaStreams client. */
public final class FangxianApp implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FangxianApp.class);

  private final AppConfig config;
  private final TopicRegistry topics;
  private final KafkaStreams streams;

  public FangxianApp(AppConfig config, String applicationServer, PipelineMetrics metrics, Properties extra) {
    this.config = config;
    this.topics = new TopicRegistry(config.get(AppConfig.TOPIC_PREFIX), config.serdeSettings());
    Properties props = StreamsSettings.of(config, topics, applicationServer);
    props.putAll(extra);
    Topology topology = FangxianTopology.build(config.pipeline(), config.rules(), topics, ReferenceData.load(), metrics,
        props);
    streams = new KafkaStreams(topology, props);
    streams.setUncaughtExceptionHandler(e -> {
      log.error("Stream thread failed; replacing it", e);
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    streams.setStateListener((now, before) -> log.info("Streams state {} -> {}", before, now));
  }

  public FangxianApp start() {
    streams.start();
    return this;
  }

  public KafkaStreams streams() {
    return streams;
  }

  public TopicRegistry topics() {
    return topics;
  }

  public AppConfig config() {
    return config;
  }

  /**
   * Stops cleanly and leaves the consumer group, so the partitions move to the other instances
   * (or to this one restarted) at once rather than after the session timeout.
   */
  @Override
  public void close() {
    streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
        .withTimeout(Duration.ofSeconds(30)));
  }
}
