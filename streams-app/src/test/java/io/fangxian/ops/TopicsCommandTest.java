package io.fangxian.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.cli.TopicsCommand;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicsCommandTest {
  @Test
  void withoutAClusterItSaysWhereToGiveOne() {
    CommandRun run = CommandRun.of(new TopicsCommand(Map.of()));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).startsWith("error: kafka.bootstrap.servers is not set")
        .contains("--bootstrap-server", "FANGXIAN_KAFKA_BOOTSTRAP_SERVERS").doesNotContain("\n");
  }

  @Test
  void wrongSettingsNameTheKey() {
    CommandRun run = CommandRun.of(new TopicsCommand(Map.of("FANGXIAN_TOPIC_PARTITIONS", "0")), "--bootstrap-server", "k:9092");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo("error: topic.partitions=0 must be 1 or more");
    CommandRun unknownOption = CommandRun.of(new TopicsCommand(Map.of()), "--partitions", "3");
    assertThat(unknownOption.exitCode()).isEqualTo(2);
    assertThat(unknownOption.err()).contains("Unknown options: '--partitions'");
    assertThat(unknownOption.clean()).isTrue();
  }
}
