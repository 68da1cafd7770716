package io.fangxian.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Wrong arguments get one line that says what is accepted, never a stack trace. */
class CliArgumentsTest {
  record Result(int code, String out, String err) { }

  static Result run(String... args) {
    CommandLine cli = FangxianTools.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  private static void assertNoStackTrace(Result r) {
    assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception in thread");
  }

  @Test
  void noCommandNamesTheCommands() {
    Result r = run();
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("Missing command").contains("demo").contains("load").contains("generate").contains("run");
    assertNoStackTrace(r);
  }

  @Test
  void anUnknownKindListsTheAcceptedOnes(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("x.jsonl"), "{}\n");
    Result r = run("load", "--kind", "hazard", file.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("hazard").contains("enterprises, hazards, violations, inspections, weather");
    assertNoStackTrace(r);
  }

  @Test
  void anUnknownEncodingSaysWhichAreAccepted(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("x.csv"), "a\n");
    Result r = run("load", "--kind", "hazards", "--encoding", "KLINGON", file.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("KLINGON").contains("UTF-8, GBK, GB18030");
    assertNoStackTrace(r);
  }

  @Test
  void aMissingFileIsOneLine(@TempDir Path dir) {
    Result r = run("load", "--kind", "hazards", dir.resolve("nope.csv").toString(), "--bootstrap-server", "127.0.0.1:1");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip().lines().count()).isEqualTo(1);
    assertThat(r.err()).contains("nope.csv");
    assertNoStackTrace(r);
  }

  @Test
  void anUnknownOptionIsRefused() {
    Result r = run("demo", "--kafka-prot", "1");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--kafka-prot");
    assertNoStackTrace(r);
  }

  @Test
  void demoRefusesAMissingConfigurationFileBeforeStartingAnything(@TempDir Path dir) {
    Result r = run("demo", "--config", dir.resolve("none.properties").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("none.properties").contains("does not exist");
    assertNoStackTrace(r);
  }

  @Test
  void aBadPortIsRefused() {
    Result r = run("demo", "--http-port", "70000");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("70000").contains("1-65535");
  }

  @Test
  void runRefusesAnIncompleteConfigurationNamingTheKey(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("fangxian.properties"), "schema.registry.url=http://registry:8081\n");
    Result r = run("run", "--config", config.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("kafka.bootstrap.servers").contains("FANGXIAN_KAFKA_BOOTSTRAP_SERVERS");
    assertNoStackTrace(r);
  }

  @Test
  void runRefusesAWrongValueNamingWhatIsAccepted(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("fangxian.properties"),
        "kafka.bootstrap.servers=k:9092\nschema.registry.url=http://r:8081\nprocessing.guarantee=exactly_once\n");
    Result r = run("run", "--config", config.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("processing.guarantee=exactly_once").contains("exactly_once_v2 or at_least_once");
  }

  @Test
  void generateWritesFilesThatLoadCanRead(@TempDir Path dir) throws Exception {
    Result r = run("generate", "--out", dir.toString(), "--enterprises", "30", "--history-days", "3");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Wrote 30 enterprises");
    assertThat(dir.resolve("enterprises.jsonl")).exists();
    assertThat(Files.readAllLines(dir.resolve("enterprises.jsonl"))).hasSize(30);
    assertThat(dir.resolve("hazards.jsonl")).exists();
  }
}
