package io.fangxian.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.cli.Prompt;
import io.fangxian.cli.ResetCommand;
import io.fangxian.config.AppConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResetCommandTest {
  @TempDir Path dir;

  static final Prompt NO_TERMINAL = new Prompt() {
    @Override
    public boolean available() {
      return false;
    }

    @Override
    public String ask(String question) {
      throw new AssertionError("asked without a terminal");
    }
  };

  @Test
  void buildsTheResetToolArguments() {
    AppConfig c = AppConfig.of(Map.of(AppConfig.BOOTSTRAP_SERVERS, "k1:9092,k2:9092", AppConfig.APPLICATION_ID, "fangxian-jintan",
        AppConfig.TOPIC_PREFIX, "jt."));
    assertThat(ResetCommand.resetterArgs(c, false, false, null)).containsExactly(
        "--application-id", "fangxian-jintan", "--bootstrap-server", "k1:9092,k2:9092",
        "--input-topics", "jt.reference.enterprises,jt.safety.hazards,jt.safety.violations,jt.safety.inspections,jt.safety.weather-warnings,jt.safety.accidents,jt.safety.alert-actions,jt.safety.certificates,jt.safety.accident-duties,jt.safety.enforcement-cases,jt.safety.public-reports",
        "--to-earliest");
    assertThat(ResetCommand.resetterArgs(c, true, true, Path.of("/tmp/x.properties")))
        .containsSubsequence("--command-config", "/tmp/x.properties").contains("--dry-run", "--force");
  }

  @Test
  void passesOnlyClientSettingsToTheTool() {
    AppConfig c = AppConfig.of(Map.of(AppConfig.BOOTSTRAP_SERVERS, "k1:9092",
        "kafka.security.protocol", "SASL_SSL", "kafka.sasl.mechanism", "SCRAM-SHA-512",
        "kafka.producer.linger.ms", "5", "kafka.topic.min.insync.replicas", "2"));
    assertThat(ResetCommand.clientSettings(c)).containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry("default.api.timeout.ms", "30000")
        .doesNotContainKeys("bootstrap.servers", "producer.linger.ms", "topic.min.insync.replicas", "linger.ms");
  }

  @Test
  void refusesWithoutYesWhenThereIsNoTerminal() throws Exception {
    Path config = dir.resolve("f.properties");
    // Port 1: if the command tried Kafka before refusing, the test would hang for the timeout.
    Files.writeString(config, "kafka.bootstrap.servers=127.0.0.1:1\napplication.id=fangxian-test\n");
    long t0 = System.nanoTime();
    // The real console prompt: under the test runner stdin is not a terminal.
    CommandRun run = CommandRun.of(new ResetCommand(Map.of(), Prompt.console()), "--config", config.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("Reset of application 'fangxian-test'", "safety.hazards", "earliest", "clean");
    assertThat(run.err().strip()).isEqualTo(
        "error: refusing to reset without confirmation: there is no terminal to ask on; add --yes to confirm");
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5_000);
    assertThat(CommandRun.of(new ResetCommand(Map.of(), NO_TERMINAL), "--config", config.toString()).exitCode()).isEqualTo(1);
  }

  @Test
  void wrongInvocationsAreOneLineErrors() throws Exception {
    CommandRun noConfig = CommandRun.of(new ResetCommand(Map.of(), NO_TERMINAL));
    assertThat(noConfig.exitCode()).isEqualTo(2);
    assertThat(noConfig.err()).contains("Missing required option: '--config=FILE'");

    CommandRun missingFile = CommandRun.of(new ResetCommand(Map.of(), NO_TERMINAL), "--config", dir.resolve("nope").toString(), "--yes");
    assertThat(missingFile.exitCode()).isEqualTo(2);
    assertThat(missingFile.err().strip()).startsWith("error: configuration file").endsWith("does not exist or is not a file");

    Path config = dir.resolve("f.properties");
    Files.writeString(config, "application.id=fangxian\n");
    CommandRun noBootstrap = CommandRun.of(new ResetCommand(Map.of(), NO_TERMINAL), "--config", config.toString(), "--yes");
    assertThat(noBootstrap.exitCode()).isEqualTo(2);
    assertThat(noBootstrap.err().strip()).startsWith("error: kafka.bootstrap.servers is not set").doesNotContain("\n");

    CommandRun badId = CommandRun.of(new ResetCommand(Map.of("FANGXIAN_KAFKA_BOOTSTRAP_SERVERS", "k:9092",
        "FANGXIAN_APPLICATION_ID", "../etc"), NO_TERMINAL), "--config", config.toString(), "--yes");
    assertThat(badId.exitCode()).isEqualTo(2);
    assertThat(badId.err()).contains("application.id=../etc is not accepted");
    assertThat(List.of(noConfig, missingFile, noBootstrap, badId)).allMatch(CommandRun::clean);
  }

  @Test
  void toolErrorsBecomeOneLineWithoutStackTrace() {
    String stderr = """
        ERROR: java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment. Call: listTopics
        java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment. Call: listTopics
        \tat org.apache.kafka.common.internals.KafkaFutureImpl.wrapAndThrow(KafkaFutureImpl.java:45)
        \tat org.apache.kafka.tools.StreamsResetter.execute(StreamsResetter.java:180)
        Caused by: org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment. Call: listTopics
        Skipping invalid partition: x-0
        """;
    assertThat(ResetCommand.errorLines(stderr)).containsExactly(
        "error: Timed out waiting for a node assignment. Call: listTopics", "Skipping invalid partition: x-0");
  }
}
