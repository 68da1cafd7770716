package io.fangxian.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.avro.RecentCounts;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The rolling windows kept between publishes ({@link AreaFigures.Windows}): adding changes one by
 * one gives what reading every bucket afresh gives, whatever the hours and signs of the changes.
 */
class AreaWindowsTest {
  private static final long NOW_MS = 1_780_000_000_000L;
  private static final long NOW_HOUR = AreaKeys.epochHour(NOW_MS);

  private static RecentCounts counts(SplittableRandom r) {
    return new RecentCounts((long) r.nextInt(-3, 6), (long) r.nextInt(-1, 2), (long) r.nextInt(0, 4),
        (long) r.nextInt(0, 4), (long) r.nextInt(0, 2), (long) r.nextInt(0, 2), (long) r.nextInt(0, 2));
  }

  @Test
  void changesAddedOneByOneEqualTheWindowsReadFromTheBuckets() {
    for (int seed = 0; seed < 50; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      Map<Long, RecentCounts> buckets = new HashMap<>();
      for (int i = 0; i < 200; i++) {
        buckets.merge(NOW_HOUR - r.nextInt(0, 800), counts(r), AreaFigures::sum);
      }
      AreaFigures.Windows kept = AreaFigures.Windows.of(buckets, NOW_MS);
      for (int i = 0; i < 100; i++) {
        long hour = NOW_HOUR - r.nextInt(-5, 800); // a few in the future, some older than every window
        RecentCounts change = counts(r);
        buckets.merge(hour, change, AreaFigures::sum);
        kept = kept.plus(hour, change);
      }
      AreaFigures.Windows read = AreaFigures.Windows.of(buckets, NOW_MS);
      assertThat(kept).as("seed " + seed).isEqualTo(read);
    }
  }

  @Test
  void eachWindowCountsTheCurrentHourAndTheHoursBeforeIt() {
    RecentCounts one = new RecentCounts(1L, 0L, 0L, 0L, 0L, 0L, 0L);
    Map<Long, RecentCounts> buckets = Map.of(NOW_HOUR, one, NOW_HOUR - 23, one, NOW_HOUR - 24, one,
        NOW_HOUR - 167, one, NOW_HOUR - 168, one, NOW_HOUR - 719, one, NOW_HOUR - 720, one, NOW_HOUR + 1, one);
    AreaFigures.Windows w = AreaFigures.Windows.of(buckets, NOW_MS);
    assertThat(w.last24h().getHazardsReported()).isEqualTo(2);
    assertThat(w.last7d().getHazardsReported()).isEqualTo(4);
    assertThat(w.last30d().getHazardsReported()).isEqualTo(6);
  }
}
