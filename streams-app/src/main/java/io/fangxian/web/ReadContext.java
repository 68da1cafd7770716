package io.fangxian.web;

import io.fangxian.config.RulesConfig;
import io.fangxian.domain.ReferenceData;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.LongSupplier;

/**
 * What a slice's REST resource reads with: this instance's stores, the router that asks the other
 * instances, the reference lists the topology was built with, the local zone, the clock and the rules.
 */
public record ReadContext(LocalState state, Router router, ReferenceData reference, ZoneId zone, LongSupplier clock,
                          RulesConfig rules) {
  public long nowMs() {
    return clock.getAsLong();
  }

  public Instant now() {
    return Instant.ofEpochMilli(clock.getAsLong());
  }
}
