package io.fangxian.generate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives a {@link DataGenerator} with the wall clock: history and reference data first, then
 * each second the events that have fallen due, until stopped.
 */
public final class GeneratorLoop implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(GeneratorLoop.class);

  private final DataGenerator generator;
  private final Runnable flush;
  private final Clock clock;
  private final Duration tick;
  private volatile boolean running = true;
  private volatile long emitted;

  public GeneratorLoop(DataGenerator generator, Runnable flush, Clock clock, Duration tick) {
    this.generator = generator;
    this.flush = flush;
    this.clock = clock;
    this.tick = tick;
  }

  @Override
  public void run() {
    try {
      generator.emitReferenceData();
      flush.run();
      while (running) {
        emitted += generator.emitUntil(Instant.now(clock));
        flush.run();
        Thread.sleep(tick.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.error("The data generator stopped", e);
    }
  }

  public long emitted() {
    return emitted;
  }

  public void stop() {
    running = false;
  }
}
