package io.fangxian.bench;

import java.util.Map;
import java.util.TreeMap;

/**
 * The five figures the benchmark compares per township and per sector: what the baseline keeps in
 * hash maps and what the pipeline publishes on {@code safety.township-stats} / {@code safety.sector-stats}.
 */
public record AreaCounts(long hazardsReported, long openHazards, long closedHazards, long violations, long inspections) {

  /** Mutable counters for one area, for the baseline's inner loop. */
  static final class Counter {
    long hazardsReported;
    long openHazards;
    long closedHazards;
    long violations;
    long inspections;

    AreaCounts freeze() {
      return new AreaCounts(hazardsReported, openHazards, closedHazards, violations, inspections);
    }
  }

  static Map<String, AreaCounts> freeze(Map<String, Counter> counters) {
    Map<String, AreaCounts> m = new TreeMap<>();
    counters.forEach((k, v) -> m.put(k, v.freeze()));
    return m;
  }
}
