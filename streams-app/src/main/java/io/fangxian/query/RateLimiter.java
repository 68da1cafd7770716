package io.fangxian.query;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client: {@code ratePerSecond} tokens a second, holding at most that many
 * (one second's burst). Buckets idle for a minute are dropped so the map stays small.
 */
final class RateLimiter {
  private static final long IDLE_NANOS = 60_000_000_000L;
  private static final int SWEEP_EVERY = 1024;

  private final double ratePerNano;
  private final double capacity;
  private final LongSupplier nanoClock;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  private int calls;

  RateLimiter(int ratePerSecond, LongSupplier nanoClock) {
    this.capacity = ratePerSecond;
    this.ratePerNano = ratePerSecond / 1e9;
    this.nanoClock = nanoClock;
  }

  boolean enabled() {
    return capacity > 0;
  }

  /** Takes a token for the client; false when its bucket is empty. */
  boolean tryAcquire(String client) {
    if (!enabled()) {
      return true;
    }
    long now = nanoClock.getAsLong();
    if (++calls % SWEEP_EVERY == 0) {
      buckets.values().removeIf(b -> now - b.last > IDLE_NANOS);
    }
    Bucket b = buckets.computeIfAbsent(client, c -> new Bucket(capacity, now));
    synchronized (b) {
      b.tokens = Math.min(capacity, b.tokens + (now - b.last) * ratePerNano);
      b.last = now;
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return true;
      }
      return false;
    }
  }

  private static final class Bucket {
    double tokens;
    long last;

    Bucket(double tokens, long last) {
      this.tokens = tokens;
      this.last = last;
    }
  }
}
