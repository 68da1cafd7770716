package io.fangxian.tools;

import io.fangxian.bench.BenchCommand;
import io.fangxian.cli.Main;
import io.fangxian.demo.DemoCommand;
import io.fangxian.generate.GenerateCommand;
import picocli.CommandLine;

/**
 * The command line of bin/fangxian: the product's commands (run, load, topics, reset, clean) and
 * the tools that are no part of a deployment: demo, generate and bench.
 */
public final class FangxianTools {
  private FangxianTools() { }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    return Main.commandLine()
        .addSubcommand(new DemoCommand())
        .addSubcommand(new GenerateCommand())
        .addSubcommand(new BenchCommand());
  }
}
