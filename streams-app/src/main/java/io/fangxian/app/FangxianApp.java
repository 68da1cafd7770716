package io.fangxian.app;

import io.fangxian.config.AppConfig;
import io.fangxian.domain.ReferenceData;
import io.fangxian.domain.TopicRegistry;
import io.fangxian.serde.Causes;
import io.fangxian.serde.RegistryMismatchException;
import io.fangxian.serde.RegistryWitness;
import io.fangxian.serde.SchemaRegistryClients;
import io.fangxian.serde.SchemaRegistryException;
import io.fangxian.topology.FangxianTopology;
import io.fangxian.metrics.PipelineMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
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
  private final ReferenceData reference;
  private volatile Consumer<String> onFatal = reason -> { };

  public FangxianApp(AppConfig config, String applicationServer, PipelineMetrics metrics, Properties extra) {
    this.config = config;
    this.topics = new TopicRegistry(config.get(AppConfig.TOPIC_PREFIX), serdeSettings(config));
    Properties props = StreamsSettings.of(config, topics, applicationServer);
    props.putAll(extra);
    // The district's sectors first: its criteria file may name them.
    reference = config.reference(SectorCatalogue.apply(ReferenceData.builtIn(),
        SectorCatalogue.read(config.kafkaClientSettings(), serdeSettings(config), topics.sectors.name())));
    Topology topology = FangxianTopology.build(config.pipeline(), config.rules(), topics, reference, metrics, props);
    streams = new KafkaStreams(topology, props);
    streams.setUncaughtExceptionHandler(e -> {
      RegistryMismatchException mismatch = registryMismatch(e);
      if (mismatch != null) {
        // Reading on would decode records with the wrong schema: stop, say why once, stay not-ready.
        log.error("Stopping: {}", mismatch.getMessage());
        onFatal.accept(mismatch.getMessage());
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
      }
      log.error("Stream thread failed; replacing it", e);
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    streams.setStateListener((now, before) -> log.info("Streams state {} -> {}", before, now));
  }

  /** The registry settings, with the witness of schema ids kept beside this instance's state. */
  static Map<String, Object> serdeSettings(AppConfig config) {
    Map<String, Object> serde = new LinkedHashMap<>(config.serdeSettings());
    serde.putIfAbsent(SchemaRegistryClients.WITNESS_FILE, witnessFile(config).toString());
    return serde;
  }

  static Path witnessFile(AppConfig config) {
    return Path.of(config.get(AppConfig.STATE_DIR), config.get(AppConfig.APPLICATION_ID), "registry-ids.txt");
  }

  /**
   * Asks the registry for every schema id this instance used before. Returns one message per id
   * that the registry lost or now gives to another schema; empty when all is as it was, or when
   * the registry cannot be reached (then each id is checked when it is first read).
   */
  public List<String> verifyRegistry() {
    Map<String, Object> serde = serdeSettings(config);
    String url = String.valueOf(serde.get(SchemaRegistryClients.URL));
    if (url.startsWith(SchemaRegistryClients.MOCK_PREFIX)) {
      return List.of();
    }
    RegistryWitness witness = SchemaRegistryClients.witness(witnessFile(config));
    try {
      List<String> problems = witness.verify(SchemaRegistryClients.uncached(serde));
      log.info("Schema registry answers the {} schema ids this instance used before as it did then: {}",
          witness.size(), problems.isEmpty() ? "yes" : "NO");
      return problems;
    } catch (SchemaRegistryException e) {
      log.warn("Could not check the schema ids this instance used before against the registry ({}); each is"
          + " checked when it is first read", e.getMessage());
      return List.of();
    }
  }

  /** Called once when the application stops for good because its data can no longer be read correctly. */
  public void onFatal(Consumer<String> listener) {
    this.onFatal = listener;
  }

  static RegistryMismatchException registryMismatch(Throwable e) {
    return (RegistryMismatchException) Causes.find(e, RegistryMismatchException.class::isInstance).orElse(null);
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

  /** The reference data the topology was built with, read once at start: the query side names and checks by it. */
  public ReferenceData reference() {
    return reference;
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
