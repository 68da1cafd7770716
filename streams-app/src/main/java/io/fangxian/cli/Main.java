package io.fangxian.cli;

import io.fangxian.config.ConfigException;
import io.fangxian.load.LoadException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "fangxian", mixinStandardHelpOptions = true, version = "fangxian 0.1.0",
    description = "Fangxian (防线): work-safety early warning on Kafka Streams.",
    subcommands = {RunCommand.class, LoadCommand.class, TopicsCommand.class, ResetCommand.class, CleanCommand.class,
        BulletinCommand.class, PlanCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "Missing command: choose one of " + String.join(", ", spec.subcommands().keySet()));
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with errors reported as one line that says what is accepted, never a stack trace. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("fangxian " + commandLine.getCommandName() + ": " + message(e));
      commandLine.getErr().flush();
      return 2;
    });
    return cli;
  }

  static String message(Throwable e) {
    if (e instanceof ConfigException || e instanceof LoadException || e instanceof IllegalArgumentException) {
      return e.getMessage();
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return e.getMessage() + (root != e ? " (" + root.getMessage() + ")" : "");
  }
}
