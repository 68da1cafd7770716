package io.fangxian.config;

import java.util.List;

/** A setting is missing or wrong; the message names the key and what it accepts, for every mistake found. */
public final class ConfigException extends RuntimeException {
  private final List<String> mistakes;

  public ConfigException(String message) {
    super(message);
    this.mistakes = List.of(message);
  }

  /** Several mistakes at once: one line each, so a file is fixed in one go. */
  public ConfigException(List<String> mistakes) {
    super(mistakes.size() == 1 ? mistakes.get(0)
        : mistakes.size() + " mistakes in the settings:\n  - " + String.join("\n  - ", mistakes));
    this.mistakes = List.copyOf(mistakes);
  }

  /** Each mistake, in the order found. */
  public List<String> mistakes() {
    return mistakes;
  }
}
