package io.fangxian.cli;

import io.fangxian.app.FangxianServer;
import io.fangxian.config.AppConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the application against an existing Kafka cluster and schema registry.")
final class RunCommand implements Callable<Integer> {

  @Option(names = "--config", required = true, paramLabel = "FILE",
      description = "Properties file (see docs/configuration.md); FANGXIAN_* environment variables override it.")
  Path config;

  @Override
  public Integer call() throws Exception {
    AppConfig settings = AppConfig.load(config, System.getenv()).validate();
    try (FangxianServer runtime = FangxianServer.start(settings)) {
      System.out.println("Fangxian running: application " + settings.get(AppConfig.APPLICATION_ID)
          + ", HTTP " + runtime.httpUrl() + " (Ctrl-C stops it)");
      runtime.awaitShutdown();
    }
    return 0;
  }
}
