package io.fangxian.alerts;

import io.fangxian.avro.Alert;
import io.fangxian.config.RulesConfig;
import io.fangxian.domain.ReferenceData;
import io.fangxian.domain.TopicRegistry;
import io.fangxian.intake.Intake;
import io.fangxian.metrics.PipelineMetrics;
import io.fangxian.store.StoreNames;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The alerts slice's part of the topology: the rules' signals and the handling actions meet in
 * {@link AlertLifecycle}, the one writer of the alerts (签收, 反馈, 核查, 消警; escalation by the clock).
 */
public final class Alerts {
  private Alerts() { }

  /**
   * Adds the lifecycle and, last of the whole topology, the global tables of the escalation chain
   * (see {@link AlertStores#addHandlingReference}): call it after every other slice.
   *
   * @param signals the enterprise side's signals (enterprise, hazard, accident, standing and case rules)
   * @param areaSignals the area rules' signals
   */
  public static void add(StreamsBuilder builder, KStream<String, Alert> signals, KStream<String, Alert> areaSignals,
      Intake intake, TopicRegistry topics, RulesConfig rules, ReferenceData reference, PipelineMetrics metrics) {
    KStream<String, AlertInput> published = signals
        .repartition(Repartitioned.<String, Alert>as(StoreNames.ALERT_SIGNALS_REPARTITION)
            .withKeySerde(Serdes.String()).withValueSerde(topics.alerts.valueSerde()))
        // The area side's signals come by a topic of their own, so the enterprise side, the area side
        // and the alerts are three sub-topologies, each scaling with its own partitions. Each side's
        // own order is kept; between the sides there was none before either (they wrote to the one
        // topic from different tasks).
        .merge(areaSignals.repartition(Repartitioned.<String, Alert>as(StoreNames.AREA_ALERT_SIGNALS_REPARTITION)
            .withKeySerde(Serdes.String()).withValueSerde(topics.alerts.valueSerde())), Named.as("merge-signals"))
        .mapValues(AlertInput::signal, Named.as("alert-signal-input"));

    // Handling (签收, 反馈, 核查, 消警) on the alert-key partitions: the actions topic is partitioned as
    // the alert-signals repartition topic is, so an alert and its actions meet in one task, and one
    // processor, the only writer of the alerts and their clocks.
    KStream<String, AlertInput> actions = intake.validated(topics.alertActions, "validate-alert-actions")
        .mapValues(AlertInput::action, Named.as("alert-action-input"));
    published.merge(actions, Named.as("merge-handling"))
        .process(() -> new AlertLifecycle(rules, reference, metrics), Named.as("alert-lifecycle"),
            StoreNames.ALERTS, StoreNames.ALERTS_PENDING, StoreNames.ALERT_HANDLING_DUE)
        .to(topics.alerts.name(), Produced.with(Serdes.String(), topics.alerts.valueSerde()).withName("alerts-sink"));
    AlertStores.addHandlingReference(builder, topics);
  }
}
