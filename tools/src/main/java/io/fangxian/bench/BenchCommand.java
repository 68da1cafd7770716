package io.fangxian.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Benchmark on this machine (embedded broker and registry): a plain consumer doing the same",
        "counting, the pipeline at_least_once and exactly_once_v2 on the same data, latency at a fixed",
        "rate and state-restore speed. Prints a table and writes JSON. See docs/benchmark.md."})
public final class BenchCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--events", defaultValue = "1000000", paramLabel = "N",
      description = "Events to write and process (default: ${DEFAULT-VALUE}; at least 1000).")
  long events;

  @Option(names = "--rate", defaultValue = "1000", paramLabel = "R",
      description = "Offered rate in events/s for the latency measurement (default: ${DEFAULT-VALUE}).")
  int rate;

  @Option(names = "--latency-seconds", defaultValue = "30", paramLabel = "S",
      description = "How long the latency measurement offers its rate (default: ${DEFAULT-VALUE}).")
  int latencySeconds;

  @Option(names = "--partitions", defaultValue = "3", description = "Partitions per topic (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--seed", defaultValue = "20200701", description = "Data generator seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", defaultValue = "bench-results/bench.json", paramLabel = "FILE",
      description = "Where to write the figures as JSON (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--timeout", defaultValue = "PT30M", paramLabel = "DURATION",
      description = "Give up on a run that takes longer than this, ISO-8601 (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Option(names = "--app-setting", paramLabel = "KEY=VALUE",
      description = {"An application setting for the pipeline runs, as in a config file, to try a setting out;",
          "repeatable, e.g. --app-setting kafka.commit.interval.ms=50 (kafka.* go to the Streams config)."})
  java.util.Map<String, String> appSettings = new java.util.LinkedHashMap<>();

  @Override
  public Integer call() throws Exception {
    Duration runTimeout;
    try {
      runTimeout = Duration.parse(timeout);
    } catch (RuntimeException e) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--timeout " + timeout + " is not an ISO-8601 duration such as PT10M");
    }
    Benchmark.Options options;
    try {
      options = new Benchmark.Options(events, rate, latencySeconds, partitions, seed, out, runTimeout, appSettings);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    new Benchmark(options, spec.commandLine().getOut()).run();
    return 0;
  }
}
