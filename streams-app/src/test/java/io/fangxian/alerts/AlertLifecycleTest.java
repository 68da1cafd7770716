package io.fangxian.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.avro.Alert;
import io.fangxian.avro.AlertStatus;
import io.fangxian.avro.SubjectType;
import io.fangxian.avro.WarningLevel;
import io.fangxian.domain.ReferenceData;
import io.fangxian.store.DueKey;
import io.fangxian.domain.TopicRegistry;
import io.fangxian.config.RulesConfig;
import io.fangxian.rules.AlertSignals;
import io.fangxian.serde.MockSchemaRegistry;
import io.fangxian.serde.SpecificAvroSerde;
import io.fangxian.metrics.PipelineMetrics;
import io.fangxian.store.StoreNames;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The lifecycle alone, fed signals directly: what gets published, and when. */
class AlertLifecycleTest {
  static final Instant START = Instant.parse("2026-07-01T02:00:00Z");
  final String scope = "lifecycle-" + UUID.randomUUID();
  final Serde<Alert> serde = SpecificAvroSerde.forValues(Alert.class, Map.of("schema.registry.url", "mock://" + scope));
  final TopologyTestDriver driver;
  final TestInputTopic<String, Alert> signals;
  final TestOutputTopic<String, Alert> published;
  final ReferenceData reference = ReferenceData.load();

  AlertLifecycleTest() {
    StreamsBuilder b = new StreamsBuilder();
    b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.ALERTS), Serdes.String(), serde));
    b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.ALERTS_PENDING), Serdes.String(), serde));
    AlertStores.addHandlingReference(b, new TopicRegistry("", Map.of("schema.registry.url", "mock://" + scope)));
    b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.ALERT_HANDLING_DUE),
        DueKey.SERDE, Serdes.String()));
    b.stream("signals", Consumed.with(Serdes.String(), serde))
        .mapValues(AlertInput::signal)
        .process(() -> new AlertLifecycle(RulesConfig.defaults(), reference, PipelineMetrics.NONE), StoreNames.ALERTS,
            StoreNames.ALERTS_PENDING, StoreNames.ALERT_HANDLING_DUE)
        .to("alerts", Produced.with(Serdes.String(), serde));
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "lifecycle-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    driver = new TopologyTestDriver(b.build(), props, START);
    signals = driver.createInputTopic("signals", Serdes.String().serializer(), serde.serializer());
    published = driver.createOutputTopic("alerts", Serdes.String().deserializer(), serde.deserializer());
  }

  @AfterEach
  void close() {
    driver.close();
    MockSchemaRegistry.dropScope(scope);
  }

  private Alert signal(String rule, WarningLevel level) {
    var subject = AlertSignals.areaSubject(SubjectType.TOWNSHIP, "zhixi", reference);
    var text = new AlertSignals.Text("t", "m", "t", "m");
    var evidence = AlertSignals.evidence(Map.of(), Map.of(), List.of(), List.of());
    Alert a = level == null
        ? AlertSignals.resolved(rule, subject, text, evidence, START)
        : AlertSignals.firing(rule, level, subject, text, evidence, START, null);
    signals.pipeInput(a.getAlertKey(), a);
    return a;
  }

  @Test
  void aFlappingCountRuleIsPublishedOnceWhileItFlaps() {
    signal("surge", WarningLevel.YELLOW);
    for (int i = 0; i < 20; i++) { // back and forth every 30 s for 10 minutes
      driver.advanceWallClockTime(Duration.ofSeconds(15));
      signal("surge", null);
      driver.advanceWallClockTime(Duration.ofSeconds(15));
      signal("surge", WarningLevel.YELLOW);
    }
    List<Alert> out = published.readValuesToList();
    assertThat(out).extracting(Alert::getStatus).containsExactly(AlertStatus.FIRING);

    signal("surge", null); // it really falls back: resolved once the hold time has passed
    driver.advanceWallClockTime(Duration.ofMinutes(4));
    assertThat(published.isEmpty()).as("10 + 4 minutes: still within the 15-minute hold").isTrue();
    driver.advanceWallClockTime(Duration.ofMinutes(2));
    assertThat(published.readValuesToList()).extracting(Alert::getStatus).containsExactly(AlertStatus.RESOLVED);
  }

  @Test
  void escalationIsImmediateAndLoweringWaitsForTheHoldTime() {
    signal("surge", WarningLevel.YELLOW);
    signal("surge", WarningLevel.ORANGE);
    signal("surge", WarningLevel.YELLOW);
    assertThat(published.readValuesToList()).extracting(Alert::getStatus, Alert::getLevel).containsExactly(
        org.assertj.core.groups.Tuple.tuple(AlertStatus.FIRING, WarningLevel.YELLOW),
        org.assertj.core.groups.Tuple.tuple(AlertStatus.ESCALATED, WarningLevel.ORANGE));
    driver.advanceWallClockTime(Duration.ofMinutes(16));
    Alert lowered = published.readValue();
    assertThat(lowered.getStatus()).isEqualTo(AlertStatus.DE_ESCALATED);
    assertThat(lowered.getLevel()).isEqualTo(WarningLevel.YELLOW);
    assertThat(lowered.getPreviousLevel()).isEqualTo(WarningLevel.ORANGE);
  }

  @Test
  void lifecycleRulesResolveAtOnceAndRepeatedSignalsAreQuiet() {
    signal("major-hazard", WarningLevel.ORANGE);
    signal("major-hazard", WarningLevel.ORANGE);
    signal("major-hazard", null);
    signal("major-hazard", null);
    assertThat(published.readValuesToList()).extracting(Alert::getStatus)
        .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
    signal("major-hazard", WarningLevel.RED); // fires anew after resolution
    Alert again = published.readValue();
    assertThat(again.getStatus()).isEqualTo(AlertStatus.FIRING);
    assertThat(again.getPreviousLevel()).isNull();
  }

  @Test
  void aResolveForAnAlertThatNeverFiredPublishesNothing() {
    signal("overdue-rectification", null);
    assertThat(published.isEmpty()).isTrue();
  }
}
