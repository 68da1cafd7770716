package io.fangxian.ops;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs one command as the CLI would and keeps what it printed. */
record CommandRun(int exitCode, String out, String err) {
  static CommandRun of(Object command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int rc = new CommandLine(command).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
    return new CommandRun(rc, out.toString(), err.toString());
  }

  /** No Java stack trace in the output. */
  boolean clean() {
    return !(out + err).contains("\tat ") && !(out + err).contains("Exception in thread");
  }
}
