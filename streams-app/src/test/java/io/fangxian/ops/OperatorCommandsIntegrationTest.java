package io.fangxian.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.cli.Prompt;
import io.fangxian.cli.ResetCommand;
import io.fangxian.cli.TopicsCommand;
import io.fangxian.domain.Topics;
import io.fangxian.embedded.EmbeddedKafkaCluster;
import io.fangxian.embedded.SharedRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * topics and reset against a real broker (the test JVM's shared one): each test has a topic prefix
 * and an application id of its own.
 */
@Tag("integration")
@ExtendWith(SharedRuntime.class)
class OperatorCommandsIntegrationTest {
  static EmbeddedKafkaCluster kafka;
  static Admin admin;
  @TempDir Path dir;

  @BeforeAll
  static void start(EmbeddedKafkaCluster shared) {
    kafka = shared;
    admin = Admin.create(kafka.clientConfig());
  }

  @AfterAll
  static void stop() {
    if (admin != null) {
      admin.close();
    }
    if (kafka != null) {
      SharedRuntime.deleteTopics(kafka, "drift.", "fresh.", "rs.", "reset-it-");
    }
  }

  Path config(String text) throws Exception {
    Path f = dir.resolve("fangxian.properties");
    Files.writeString(f, "kafka.bootstrap.servers=" + kafka.bootstrapServers() + "\n" + text);
    return f;
  }

  @Test
  void topicsReportsDriftAndCreatesTheMissingOnes() throws Exception {
    admin.createTopics(List.of(
        new NewTopic("drift." + Topics.HAZARDS, 2, (short) 1),
        new NewTopic("drift." + Topics.TOWNSHIP_STATS, 3, (short) 1),
        new NewTopic("drift." + Topics.ALERTS, 3, (short) 1).configs(Map.of("cleanup.policy", "compact")))).all().get();
    visible("drift." + Topics.HAZARDS, "drift." + Topics.TOWNSHIP_STATS, "drift." + Topics.ALERTS);
    Path config = config("topic.prefix=drift.\ntopic.partitions=3\n");

    CommandRun check = CommandRun.of(new TopicsCommand(Map.of()), "--config", config.toString());
    assertThat(check.exitCode()).as(check.out() + check.err()).isEqualTo(1);
    assertThat(line(check.out(), "drift.safety.hazards ")).contains("2 (want 3)", "DRIFT");
    assertThat(line(check.out(), "drift.safety.township-stats ")).contains("delete (want compact)", "DRIFT");
    assertThat(line(check.out(), "drift.safety.alerts ")).contains("compact (want delete)", "DRIFT");
    assertThat(line(check.out(), "drift.reference.enterprises ")).contains("MISSING");
    assertThat(check.out()).contains(Topics.ALL.size() + " of " + Topics.ALL.size() + " topics differ", "--create");

    CommandRun create = CommandRun.of(new TopicsCommand(Map.of()), "--config", config.toString(), "--create");
    assertThat(create.exitCode()).isEqualTo(1); // the three wrong ones are reported, never changed
    assertThat(create.out()).contains("Created " + (Topics.ALL.size() - 3) + " topic(s)", "3 of " + Topics.ALL.size() + " topics differ")
        .doesNotContain("MISSING");
    assertThat(line(create.out(), "drift.reference.enterprises ")).contains("compact", "ok");

    // A wrong replication factor, and the command line's --bootstrap-server wins over the file.
    Path other = dir.resolve("other.properties");
    Files.writeString(other, "kafka.bootstrap.servers=127.0.0.1:1\ntopic.prefix=drift.\ntopic.partitions=3\nreplication.factor=2\n");
    CommandRun rf = CommandRun.of(new TopicsCommand(Map.of()), "--config", other.toString(), "--bootstrap-server", kafka.bootstrapServers());
    assertThat(line(rf.out(), "drift.safety.violations ")).contains("1 (want 2)", "DRIFT");
  }

  @Test
  void topicsCreatesEverythingAndThenAllIsWell() throws Exception {
    Path config = config("");
    CommandRun create = CommandRun.of(new TopicsCommand(Map.of("FANGXIAN_TOPIC_PREFIX", "fresh.", "FANGXIAN_TOPIC_PARTITIONS", "2")),
        "--config", config.toString(), "--create");
    assertThat(create.exitCode()).as(create.out() + create.err()).isZero();
    assertThat(create.out()).contains("Created " + Topics.ALL.size() + " topic(s)", "All " + Topics.ALL.size() + " topics as configured.");
    CommandRun again = CommandRun.of(new TopicsCommand(Map.of("FANGXIAN_TOPIC_PREFIX", "fresh.", "FANGXIAN_TOPIC_PARTITIONS", "2")),
        "--config", config.toString());
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).doesNotContain("Created");
    assertThat(again.clean()).isTrue();
    // What the demo starts on when its data directory already holds topics.
    assertThat(io.fangxian.app.TopicAdmin.existingPartitions(admin, "fresh.")).hasValue(2);
    assertThat(io.fangxian.app.TopicAdmin.existingPartitions(admin, "none.")).isEmpty();
  }

  @Test
  void resetRewindsTheInputsAndDeletesInternalTopics() throws Exception {
    String app = "reset-it";
    String prefix = "rs.";
    try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(kafka.clientConfig())) {
      io.fangxian.app.TopicAdmin.createMissing(admin, prefix, 1, (short) 1);
    }
    admin.createTopics(List.of(new NewTopic(app + "-hazard-ledger-changelog", 1, (short) 1))).all().get();
    visible(app + "-hazard-ledger-changelog", prefix + Topics.HAZARDS);
    try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
        new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < 3; i++) {
        producer.send(new ProducerRecord<>(prefix + Topics.HAZARDS, "k", "v" + i)).get();
      }
    }
    TopicPartition hazards = new TopicPartition(prefix + Topics.HAZARDS, 0);
    admin.alterConsumerGroupOffsets(app, Map.of(hazards, new OffsetAndMetadata(3))).all().get();
    Path config = config("application.id=" + app + "\ntopic.prefix=" + prefix + "\n");

    CommandRun dryRun = CommandRun.of(new ResetCommand(Map.of(), Prompt.console()), "--config", config.toString(), "--dry-run");
    assertThat(dryRun.exitCode()).as(dryRun.out() + dryRun.err()).isZero();
    assertThat(dryRun.out()).contains("Dry run", app + "-hazard-ledger-changelog");
    assertThat(committed(app, hazards)).isEqualTo(3);

    CommandRun reset = CommandRun.of(new ResetCommand(Map.of(), Prompt.console()), "--config", config.toString(), "--yes");
    assertThat(reset.exitCode()).as(reset.out() + reset.err()).isZero();
    assertThat(reset.out()).contains("Deleting inferred internal topics [" + app + "-hazard-ledger-changelog]");
    assertThat(committed(app, hazards)).isZero();
    assertThat(admin.listTopics().names().get()).doesNotContain(app + "-hazard-ledger-changelog").contains(hazards.topic());
    assertThat(reset.clean()).isTrue();
    assertThat(admin.listOffsets(Map.of(hazards, OffsetSpec.latest())).all().get().get(hazards).offset()).isEqualTo(3);
  }

  private static void visible(String... topics) {
    Awaitility.await().atMost(Duration.ofSeconds(15))
        .until(() -> admin.listTopics().names().get().containsAll(List.of(topics)));
  }

  private static long committed(String group, TopicPartition tp) throws Exception {
    return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().get(tp).offset();
  }

  private static String line(String text, String start) {
    return text.lines().filter(l -> l.startsWith(start)).findFirst().orElseThrow(() -> new AssertionError(start + " not in\n" + text));
  }
}
