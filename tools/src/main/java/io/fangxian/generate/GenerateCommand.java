package io.fangxian.generate;

import io.fangxian.config.AppConfig;
import io.fangxian.cli.ConnectionOptions;
import io.fangxian.produce.RecordProducer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Generate realistic Jintan data: enterprises, hazard lifecycles, violations, inspections,",
        "weather warnings, resent duplicates and the scenarios the alert rules catch.",
        "With --out DIR it writes JSON Lines files that `load` reads; otherwise it sends to Kafka,",
        "history first and then live events in real time until --duration passes or Ctrl-C."})
public final class GenerateCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--out", paramLabel = "DIR", description = "Write files to this directory instead of Kafka.")
  Path out;

  @Option(names = "--seed", defaultValue = "20200701", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--enterprises", defaultValue = "400", description = "Number of enterprises (default: ${DEFAULT-VALUE}).")
  int enterprises;

  @Option(names = "--history-days", defaultValue = "30", description = "Days of back-filled history (default: ${DEFAULT-VALUE}).")
  int historyDays;

  @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "PT0S",
      description = "How long to go on producing live events after the history, e.g. PT10M (default: forever to Kafka, none to files).")
  Duration duration;

  @Option(names = "--no-scenarios", description = "Leave out the injected alert scenarios.")
  boolean noScenarios;

  @Option(names = "--duplicate-rate", defaultValue = "0.01", description = "Share of events resent with the same eventId (default: ${DEFAULT-VALUE}).")
  double duplicateRate;

  @Mixin ConnectionOptions connection;

  @Override
  public Integer call() throws Exception {
    DataGenerator.Config config;
    try {
      config = DataGenerator.Config.defaults(Instant.now()).withSeed(seed).withEnterprises(enterprises)
          .withHistoryDays(historyDays).withScenarios(!noScenarios).withDuplicateRate(duplicateRate);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    var console = spec.commandLine().getOut();
    if (out != null) {
      try (RecordFileWriter writer = new RecordFileWriter(out, config.zone())) {
        DataGenerator generator = new DataGenerator(config, writer);
        generator.emitReferenceData();
        int events = generator.emitUntil(config.start().plus(duration));
        console.printf("Wrote %d enterprises and %d events to %s: %s%n", generator.enterprises().size(), events, out, writer.counts());
      }
      return 0;
    }
    AppConfig settings = connection.settings();
    try (RecordProducer producer = new RecordProducer(ConnectionOptions.clientSettings(settings),
        settings.serdeSettings(), settings.get(AppConfig.TOPIC_PREFIX))) {
      GeneratorLoop loop = new GeneratorLoop(new DataGenerator(config, producer::send), producer::flush, Clock.systemUTC(), Duration.ofSeconds(1));
      Thread thread = new Thread(loop, "generator");
      Runtime.getRuntime().addShutdownHook(new Thread(loop::stop));
      thread.start();
      console.println("Generating to " + settings.get(AppConfig.BOOTSTRAP_SERVERS) + (duration.isZero() ? " until Ctrl-C" : " for " + duration));
      console.flush();
      if (duration.isZero()) {
        thread.join();
      } else {
        thread.join(duration.toMillis() + 1000);
        loop.stop();
        thread.join();
      }
      producer.flush();
      console.printf("Sent %d records.%n", producer.acknowledged());
    }
    return 0;
  }
}
