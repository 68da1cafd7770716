package io.fangxian.serde;

import java.util.Optional;
import java.util.function.Predicate;

/** Finds the registry or (de)serialization failure behind an exception that Kafka has wrapped. */
public final class Causes {
  private Causes() { }

  /** The first of {@code e} and its causes that matches. */
  public static Optional<Throwable> find(Throwable e, Predicate<Throwable> matches) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (matches.test(t)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
