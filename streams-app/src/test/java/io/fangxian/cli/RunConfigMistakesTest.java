package io.fangxian.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `run --config` with a file of three mistakes names all three at once, before starting anything. */
class RunConfigMistakesTest {
  @Test
  void everyMistakeIsNamedInOneGo(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("fangxian.properties"), String.join("\n",
        "kafka.bootstrap.servers=127.0.0.1:9092", "schema.registry.url=http://127.0.0.1:8081",
        "kafka.bootstrap.server=127.0.0.1:9093", "num.stream.threads=0", "processing.guarantee=exactly_once", ""));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int rc = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
        .execute("run", "--config", file.toString());
    assertThat(rc).isEqualTo(2);
    assertThat(err.toString()).contains("3 mistakes in the settings",
        "kafka.bootstrap.server is not a setting of the Kafka clients or Kafka Streams; did you mean kafka.bootstrap.servers?",
        "num.stream.threads=0 must be 1 or more", "processing.guarantee=exactly_once is not accepted")
        .doesNotContain("\tat ");
  }
}
