package io.fangxian.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fangxian.tools.FangxianTools;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code fangxian bench} small, through the command line, so the command cannot rot: every
 * figure must be there and positive. No timing is asserted: the machine is shared and noisy.
 */
@Tag("integration")
@Timeout(600)
class BenchSmokeTest {

  /** Enough for every figure to be there and the pipelines' figures to be compared; the bench itself runs millions. */
  static final int EVENTS = 10_000;

  static final List<String> POSITIVE = List.of(
      "/input/events", "/input/enterprises", "/input/produceSeconds",
      "/baseline/seconds", "/baseline/eventsPerSec", "/baseline/processCpuMicrosPerEvent", "/baseline/workerCpuMicrosPerEvent",
      "/atLeastOnce/seconds", "/atLeastOnce/eventsPerSec", "/atLeastOnce/processCpuMicrosPerEvent",
      "/atLeastOnce/appThreadsCpuMicrosPerEvent", "/atLeastOnce/startupSeconds",
      "/exactlyOnce/seconds", "/exactlyOnce/eventsPerSec", "/exactlyOnce/processCpuMicrosPerEvent",
      "/exactlyOnce/appThreadsCpuMicrosPerEvent", "/exactlyOnce/startupSeconds",
      "/footprint/heapUsedAfterGcMb", "/footprint/stateOnDiskMb",
      "/ratios/atLeastOnceOverBaseline", "/ratios/exactlyOnceOverAtLeastOnce", "/ratios/exactlyOnceOverBaseline",
      "/ratios/changelogRecordsPerEvent", "/ratios/restoreOverRaw", "/ratios/p99Ms",
      "/latency/offeredRate", "/latency/sent", "/latency/received", "/latency/p50Ms", "/latency/p99Ms", "/latency/maxMs",
      "/restore/changelogTopics", "/restore/changelogRecords", "/restore/recordsRestored", "/restore/appSecondsToRunning",
      "/restore/appRecordsPerSec", "/restore/rawConsumerSeconds", "/restore/rawRecordsPerSec", "/restore/appOverRaw",
      "/totalSeconds", "/machine/cores");

  @Test
  void smallRunWritesEveryFigure(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("bench.json");
    StringWriter text = new StringWriter();
    var cli = FangxianTools.commandLine();
    cli.setOut(new PrintWriter(text, true));
    int rc = cli.execute("bench", "--events", Integer.toString(EVENTS), "--rate", "100", "--latency-seconds", "3",
        "--out", out.toString());
    assertThat(rc).as(text.toString()).isZero();
    assertThat(text.toString()).contains("(a) baseline", "(c) pipeline exactly_once_v2", "p99", "footprint of (c)");

    JsonNode json = new ObjectMapper().readTree(Files.readString(out));
    for (String field : POSITIVE) {
      JsonNode v = json.at(field);
      assertThat(v.isNumber()).as(field + " is a number in " + json.toPrettyString()).isTrue();
      assertThat(v.asDouble()).as(field).isPositive();
    }
    assertThat(json.at("/input/events").asLong()).isEqualTo(EVENTS);
    assertThat(json.at("/atLeastOnce/figuresMatchBaseline").isBoolean()).isTrue();
    assertThat(json.at("/exactlyOnce/figuresMatchBaseline").isBoolean()).isTrue();
    // Not timing: correctness of what was measured.
    assertThat(json.at("/exactlyOnce/figuresMatchBaseline").asBoolean()).isTrue();
    assertThat(json.at("/latency/received").asLong()).isEqualTo(json.at("/latency/sent").asLong());
    assertThat(json.at("/ratios/changelogRecordsPerEvent").asDouble())
        .isEqualTo(Math.round(json.at("/restore/changelogRecords").asDouble() / EVENTS * 100) / 100.0);
    assertThat(json.at("/ratios/exactlyOnceOverBaseline").asDouble()).isEqualTo(Math.round(
        json.at("/exactlyOnce/eventsPerSec").asDouble() / json.at("/baseline/eventsPerSec").asDouble() * 1000) / 1000.0);
  }

  @Test
  void badArgumentsGetAClearMessage() {
    StringWriter err = new StringWriter();
    var cli = FangxianTools.commandLine();
    cli.setErr(new PrintWriter(err, true));
    assertThat(cli.execute("bench", "--events", "10")).isNotZero();
    assertThat(err.toString()).contains("--events must be at least 1000").doesNotContain("Exception");
  }
}
