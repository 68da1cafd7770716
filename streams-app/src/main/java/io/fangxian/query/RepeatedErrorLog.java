package io.fangxian.query;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Logs an error the first time it happens and then at most once a minute with how often it
 * happened since, so a store that cannot be read does not write the same trace once a second.
 * Errors are told apart by their message.
 */
final class RepeatedErrorLog {
  private static final long QUIET_NANOS = 60_000_000_000L;

  private final Logger log;
  private final LongSupplier nanoClock;
  private final Map<String, long[]> seen = new ConcurrentHashMap<>(); // message → {count since logged, last logged}

  RepeatedErrorLog(Logger log, LongSupplier nanoClock) {
    this.log = log;
    this.nanoClock = nanoClock;
  }

  /** Returns whether this call wrote to the log. */
  boolean error(String message, Throwable cause) {
    long now = nanoClock.getAsLong();
    long[] state = seen.computeIfAbsent(message, m -> new long[] {0, now - QUIET_NANOS});
    long repeats;
    synchronized (state) {
      state[0]++;
      if (now - state[1] < QUIET_NANOS) {
        return false;
      }
      repeats = state[0];
      state[0] = 0;
      state[1] = now;
    }
    if (repeats == 1) {
      log.error(message, cause);
    } else {
      log.error("{} ({} times in the last minute)", message, repeats);
    }
    return true;
  }
}
