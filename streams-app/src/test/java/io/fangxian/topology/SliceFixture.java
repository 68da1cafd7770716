package io.fangxian.topology;

import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardState;
import io.fangxian.config.PipelineConfig;
import io.fangxian.deadletter.DeadLetterHandler;
import io.fangxian.domain.TopicRegistry;
import io.fangxian.hazards.LedgerChange;
import io.fangxian.intake.EventValidator;
import io.fangxian.intake.Intake;
import io.fangxian.intake.IntakeStores;
import io.fangxian.metrics.PipelineMetrics;
import io.fangxian.serde.MockSchemaRegistry;
import io.fangxian.store.ReferenceTables;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * A TopologyTestDriver on one slice: a test adds the slice to {@link #builder} on top of the intake
 * (validation, enrichment from the enterprises table, dedup), then {@link #start}s it. The settings,
 * registry scope and clock are those of {@link TopologyFixture}, which drives the whole topology.
 */
public final class SliceFixture implements AutoCloseable {
  /** The test topic that stands in for the hazards slice, for the slices that take the ledger's changes. */
  private static final String LEDGER = "test-ledger-changes";
  private final String scope = "slice-" + UUID.randomUUID();
  public final PipelineConfig config = PipelineConfig.defaults();
  public final TopicRegistry topics = new TopicRegistry(config.topicPrefix(), Map.of("schema.registry.url", "mock://" + scope));
  private final Properties settings = TopologyFixture.streamsSettings(scope, config);
  public final StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(settings)));
  public final Intake intake;
  /** The enterprises the intake validated, for the slices that watch them. */
  public final KStream<String, Enterprise> enterprises;
  private Topology topology;
  private TopologyTestDriver driver;

  public SliceFixture() {
    IntakeStores.add(builder);
    intake = new Intake(builder, new EventValidator(config.maxFutureSkew(), config.earliestEventTime()), config,
        PipelineMetrics.NONE);
    enterprises = intake.enterprises(topics.enterprises);
  }

  /** Builds what the test added and starts the driver at {@link TopologyFixture#START}. */
  public TopologyTestDriver start() {
    topology = builder.build();
    driver = new TopologyTestDriver(topology, settings, TopologyFixture.START);
    return driver;
  }

  public Topology topology() {
    return topology;
  }

  public <V> TestInputTopic<String, V> input(TopicRegistry.Topic<String, V> topic) {
    return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
  }

  public TestOutputTopic<byte[], byte[]> deadLetters() {
    return driver.createOutputTopic(topics.deadLetters.name(), Serdes.ByteArray().deserializer(),
        Serdes.ByteArray().deserializer());
  }

  /** The reasons of the dead letters sent since the last call, oldest first. */
  public List<String> deadLetterReasons() {
    return deadLetters().readRecordsToList().stream()
        .map(r -> new String(r.headers().lastHeader(DeadLetterHandler.REASON).value(), StandardCharsets.UTF_8)).toList();
  }

  /**
   * The hazard ledger's changes, as a slice that takes them gets them from the hazards slice: each
   * HazardState piped into {@link #ledger()} becomes the change {@code change} makes of it.
   */
  public KStream<String, LedgerChange> ledgerChanges(Function<HazardState, LedgerChange> change) {
    return builder.stream(LEDGER, Consumed.with(Serdes.String(), topics.hazardLedger.valueSerde()).withName("test-ledger"))
        .mapValues(change::apply, Named.as("test-ledger-change"));
  }

  /** Where a test pipes the hazards of {@link #ledgerChanges}. */
  public TestInputTopic<String, HazardState> ledger() {
    return driver.createInputTopic(LEDGER, Serdes.String().serializer(), topics.hazardLedger.valueSerde().serializer());
  }

  /** The grid workers (a reminder names them), as the assembler adds them for the slices that read them. */
  public void gridsTable() {
    ReferenceTables.addGrids(builder, topics);
  }

  /** Lists an enterprise, so the events naming it are enriched. */
  public void listed(Enterprise... enterprises) {
    TestInputTopic<String, Enterprise> input = input(topics.enterprises);
    for (Enterprise e : enterprises) {
      input.pipeInput(e.getEnterpriseId(), e);
    }
  }

  @Override
  public void close() {
    if (driver != null) {
      driver.close();
    }
    MockSchemaRegistry.dropScope(scope);
  }
}
