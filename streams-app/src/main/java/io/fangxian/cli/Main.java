package io.fangxian.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "fangxian", mixinStandardHelpOptions = true, version = "fangxian 0.1.0",
    description = "Fangxian (防线): work-safety early warning on Kafka Streams.",
    subcommands = {TopicsCommand.class, ResetCommand.class, CleanCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: choose one of demo, run, load, generate.");
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }
}
