package io.fangxian.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.avro.Alert;
import io.fangxian.avro.AlertEvidence;
import io.fangxian.avro.AlertStatus;
import io.fangxian.avro.AlertSubject;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardEvent;
import io.fangxian.avro.HazardEventType;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.RiskLevel;
import io.fangxian.avro.SubjectType;
import io.fangxian.avro.WarningLevel;
import io.fangxian.config.AppConfig;
import io.fangxian.config.PipelineConfig;
import io.fangxian.domain.CreditCode;
import io.fangxian.domain.ReferenceData;
import io.fangxian.domain.TopicRegistry;
import io.fangxian.domain.Topics;
import io.fangxian.config.RulesConfig;
import io.fangxian.serde.MockSchemaRegistry;
import io.fangxian.app.StreamsSettings;
import io.fangxian.topology.FangxianTopology;
import io.fangxian.validate.RejectReason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serdes;
import java.nio.file.Path;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FangxianMetricsTest {
  static final Instant START = Instant.parse("2026-07-01T02:00:00Z");

  final FangxianMetrics metrics = new FangxianMetrics();

  @AfterEach
  void close() {
    metrics.close();
  }

  /** The value of the sample line {@code name{labels} value} whose labels include all of {@code labels}. */
  static double sample(String scrape, String name, String... labels) {
    Pattern line = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$", Pattern.MULTILINE);
    Matcher m = line.matcher(scrape);
    while (m.find()) {
      String tags = m.group(1) == null ? "" : m.group(1);
      boolean all = true;
      for (String l : labels) {
        all &= tags.contains(l);
      }
      if (all) {
        return Double.parseDouble(m.group(2));
      }
    }
    throw new AssertionError(name + " " + String.join(",", labels) + " not in scrape:\n" + scrape);
  }

  static Alert alert(String rule, WarningLevel level, AlertStatus status, Instant triggeredAt) {
    return Alert.newBuilder().setAlertKey(rule + ":HAZARD:H-1").setRule(rule).setLevel(level).setStatus(status)
        .setSubject(AlertSubject.newBuilder().setType(SubjectType.HAZARD).setId("H-1").build())
        .setTitleZh("重大事故隐患").setMessageZh("测试")
        .setEvidence(AlertEvidence.newBuilder().build())
        .setTriggeredAt(triggeredAt).setFirstFiredAt(triggeredAt).setEmittedAt(triggeredAt).build();
  }

  @Test
  void businessMetricsAppearInTheScrapeWithTheirTags() {
    metrics.recordIn("safety.hazards");
    metrics.recordIn("safety.hazards");
    metrics.recordIn("reference.enterprises");
    metrics.duplicateDropped("safety.hazards");
    metrics.deadLettered("safety.hazards", RejectReason.UNKNOWN_ENTERPRISE);
    metrics.deadLettered("safety.hazards", RejectReason.UNKNOWN_ENTERPRISE);
    metrics.deadLettered(null, RejectReason.PROCESSING_FAILED);
    Instant t = Instant.now();
    metrics.alertPublished(alert("major-hazard", WarningLevel.ORANGE, AlertStatus.FIRING, t), 2_000);
    metrics.alertPublished(alert("major-hazard", WarningLevel.ORANGE, AlertStatus.FIRING, t), 4_000);
    metrics.alertPublished(alert("major-hazard", WarningLevel.RED, AlertStatus.ESCALATED, t), -5); // clock skew
    metrics.registerHazardGauges(() -> 42, () -> { throw new IllegalStateException("stores migrating"); });

    String s = metrics.scrape();
    assertThat(sample(s, "fangxian_records_in_total", "topic=\"safety.hazards\"")).isEqualTo(2);
    assertThat(sample(s, "fangxian_records_in_total", "topic=\"reference.enterprises\"")).isEqualTo(1);
    assertThat(sample(s, "fangxian_duplicates_dropped_total", "topic=\"safety.hazards\"")).isEqualTo(1);
    assertThat(sample(s, "fangxian_dead_letters_total", "reason=\"unknown-enterprise\"", "topic=\"safety.hazards\"")).isEqualTo(2);
    assertThat(sample(s, "fangxian_dead_letters_total", "reason=\"processing-failed\"", "topic=\"unknown\"")).isEqualTo(1);
    assertThat(sample(s, "fangxian_alerts_published_total", "rule=\"major-hazard\"", "level=\"ORANGE\"", "status=\"FIRING\"")).isEqualTo(2);
    assertThat(sample(s, "fangxian_alerts_published_total", "level=\"RED\"", "status=\"ESCALATED\"")).isEqualTo(1);
    assertThat(sample(s, "fangxian_alert_latency_seconds_count", "rule=\"major-hazard\"")).isEqualTo(3);
    assertThat(sample(s, "fangxian_alert_latency_seconds_sum", "rule=\"major-hazard\"")).isEqualTo(6.0);
    assertThat(sample(s, "fangxian_alert_latency_seconds_max", "rule=\"major-hazard\"")).isEqualTo(4.0);
    assertThat(s).contains("fangxian_alert_latency_seconds_bucket{");
    assertThat(sample(s, "fangxian_alert_latency_percentile_seconds", "quantile=\"0.99\"", "rule=\"major-hazard\"")).isBetween(3.9, 4.1);
    assertThat(sample(s, "fangxian_alert_latency_percentile_seconds", "quantile=\"0.5\"")).isBetween(1.9, 2.1);
    assertThat(sample(s, "fangxian_hazards_open")).isEqualTo(42);
    assertThat(s).containsPattern("(?m)^fangxian_hazards_overdue NaN$");
    // JVM binders
    assertThat(s).contains("jvm_memory_used_bytes", "jvm_gc_", "jvm_threads_live_threads", "jvm_classes_loaded_classes",
        "system_cpu_count", "process_uptime_seconds");
  }

  @Test
  void noSecretReachesTheMetrics(@TempDir Path stateDir) {
    AppConfig config = AppConfig.of(Map.of(AppConfig.BOOTSTRAP_SERVERS, "127.0.0.1:1",
        AppConfig.REGISTRY_URL, "mock://metrics-" + UUID.randomUUID(),
        AppConfig.REGISTRY_USER_INFO, "fangxian:registry-s3cret",
        AppConfig.HTTP_TOKEN, "http-s3cret",
        AppConfig.STATE_DIR, stateDir.toString(),
        "kafka.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"kafka-s3cret\";"));
    TopicRegistry topics = new TopicRegistry("", config.serdeSettings());
    Properties props = StreamsSettings.of(config, topics, "app:8080");
    props.putAll(StreamsSettings.deadLetterListener(metrics));
    try (KafkaStreams streams = new KafkaStreams(
        FangxianTopology.build(config.pipeline(), RulesConfig.defaults(), topics, ReferenceData.load(), metrics, props), props)) {
      metrics.bind(streams);
      metrics.deadLettered(Topics.HAZARDS, RejectReason.UNDESERIALIZABLE);
      String s = metrics.scrape();
      assertThat(s).contains("kafka_stream_", "fangxian_dead_letters_total").doesNotContain("s3cret");
      streams.close(Duration.ofSeconds(5));
    }
  }

  @Test
  void bindsKafkaStreamsOwnMetrics(@TempDir Path stateDir) {
    TopicRegistry topics = new TopicRegistry("", Map.of("schema.registry.url", "mock://metrics-" + UUID.randomUUID()));
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "fangxian-bind-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    // Not started: the client, its thread and its consumers exist and have registered metrics.
    try (KafkaStreams streams = new KafkaStreams(FangxianTopology.build(PipelineConfig.defaults(), topics, ReferenceData.load(), props), props)) {
      metrics.bind(streams);
      String s = metrics.scrape();
      assertThat(s).contains("kafka_stream_thread_process_rate", "kafka_consumer_fetch_manager_records_lag_max",
          "kafka_stream_alive_stream_threads");
      streams.close(Duration.ofSeconds(5));
    }
  }

  /**
   * The real topology with the metrics as PipelineMetrics and, through the Streams config, as the
   * dead-letter handler's listener: this also proves that Streams hands the listener object
   * (not a string) from the config originals to DeadLetterHandler.configure().
   */
  @Test
  void topologyFlowFeedsTheMetrics() {
    String scope = "metrics-" + UUID.randomUUID();
    TopicRegistry topics = new TopicRegistry("", Map.of("schema.registry.url", "mock://" + scope));
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "fangxian-metrics-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, io.fangxian.deadletter.DeadLetterHandler.class);
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, io.fangxian.deadletter.DeadLetterHandler.class);
    props.put(io.fangxian.deadletter.DeadLetterHandler.TOPIC_CONFIG, topics.deadLetters.name());
    props.putAll(StreamsSettings.deadLetterListener(metrics));
    try (TopologyTestDriver driver = new TopologyTestDriver(
        FangxianTopology.build(PipelineConfig.defaults(), RulesConfig.defaults(), topics, ReferenceData.load(), metrics, props), props, START)) {
      TestInputTopic<String, Enterprise> enterprises = driver.createInputTopic(topics.enterprises.name(),
          topics.enterprises.keySerde().serializer(), topics.enterprises.valueSerde().serializer(), START, Duration.ZERO);
      TestInputTopic<String, HazardEvent> hazards = driver.createInputTopic(topics.hazards.name(),
          topics.hazards.keySerde().serializer(), topics.hazards.valueSerde().serializer(), START, Duration.ZERO);
      SplittableRandom random = new SplittableRandom(3);
      Enterprise e = Enterprise.newBuilder().setEnterpriseId(CreditCode.generate(random, "320413"))
          .setName("江苏指标测试有限公司").setTownshipId("jincheng").setSectorId("construction")
          .setRiskLevel(RiskLevel.YELLOW).build();
      enterprises.pipeInput(e.getEnterpriseId(), e);

      HazardEvent major = HazardEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setHazardId("H-1")
          .setEnterpriseId(e.getEnterpriseId()).setType(HazardEventType.REPORTED).setSeverity(HazardSeverity.MAJOR)
          .setSource(HazardSource.SELF_INSPECTION).setOccurredAt(START.minusSeconds(60))
          .setDeadline(START.plus(Duration.ofDays(10))).build();
      hazards.pipeInput(e.getEnterpriseId(), major);
      hazards.pipeInput(e.getEnterpriseId(), major); // resent: a duplicate
      String unknown = CreditCode.generate(random, "320413");
      hazards.pipeInput(unknown, HazardEvent.newBuilder(major).setEventId(UUID.randomUUID().toString())
          .setHazardId("H-2").setEnterpriseId(unknown).build());
      driver.createInputTopic(topics.hazards.name(), Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer())
          .pipeInput(e.getEnterpriseId().getBytes(StandardCharsets.UTF_8), "not avro".getBytes(StandardCharsets.UTF_8));
      driver.advanceWallClockTime(Duration.ofMinutes(1));
    } finally {
      MockSchemaRegistry.dropScope(scope);
    }

    String s = metrics.scrape();
    // The unreadable record fails before the source node, so it is not counted as received.
    assertThat(sample(s, "fangxian_records_in_total", "topic=\"safety.hazards\"")).isEqualTo(3);
    assertThat(sample(s, "fangxian_records_in_total", "topic=\"reference.enterprises\"")).isEqualTo(1);
    assertThat(sample(s, "fangxian_duplicates_dropped_total", "topic=\"safety.hazards\"")).isEqualTo(1);
    assertThat(sample(s, "fangxian_dead_letters_total", "reason=\"undeserializable\"", "topic=\"safety.hazards\"")).isEqualTo(1);
    assertThat(sample(s, "fangxian_dead_letters_total", "reason=\"unknown-enterprise\"")).isEqualTo(1);
    assertThat(sample(s, "fangxian_alerts_published_total", "rule=\"major-hazard\"", "status=\"FIRING\"")).isEqualTo(1);
    assertThat(sample(s, "fangxian_alert_latency_seconds_count", "rule=\"major-hazard\"")).isEqualTo(1);
  }
}
