package io.fangxian.cli;

import java.io.Console;

/** Asks the operator a question on the terminal. */
public interface Prompt {
  /** False when there is no terminal to ask on (piped input or output, scripts, CI). */
  boolean available();

  /** The answer, or null when there is no terminal. */
  String ask(String question);

  static Prompt console() {
    return new Prompt() {
      @Override
      public boolean available() {
        return System.console() != null;
      }

      @Override
      public String ask(String question) {
        Console console = System.console();
        return console == null ? null : console.readLine("%s", question);
      }
    };
  }
}
