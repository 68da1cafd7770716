package io.fangxian.enterprises;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Reads the entries of an index sorted by due time (hazard deadlines, enterprise checks) that are
 * due, at most {@link #MAX_PER_CHECK} at a time: a punctuation reads only what is due, however many
 * hazards are open, and a backlog (after a history load or downtime) is worked off in slices.
 */
// Left for the index DueIndex does not fit: enterprise-checks is keyed by CheckKey.
final class DueEntries {
  static final int MAX_PER_CHECK = 2_000;

  private DueEntries() { }

  /**
   * @param first the index's lowest key ({@code DueKey.FIRST}: never null, see there why)
   * @param through an inclusive upper bound for everything due now ({@code DueKey.throughMs})
   */
  static <K> List<KeyValue<K, String>> upTo(KeyValueStore<K, String> index, K first, K through) {
    List<KeyValue<K, String>> due = new ArrayList<>();
    try (KeyValueIterator<K, String> it = index.range(first, through)) {
      while (it.hasNext() && due.size() < MAX_PER_CHECK) {
        due.add(it.next());
      }
    }
    return due;
  }
}
