package io.fangxian.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of the commands that change a deployment (reset, clean): its file, and consent. */
final class OperatorOptions {
  @Option(names = "--config", required = true, paramLabel = "FILE",
      description = "Properties file (see docs/configuration.md); FANGXIAN_* environment variables override it.")
  Path config;

  @Option(names = "--yes", description = "Do not ask for confirmation (needed when there is no terminal).")
  boolean yes;
}
