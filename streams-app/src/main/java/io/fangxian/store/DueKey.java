package io.fangxian.store;

import org.apache.kafka.common.serialization.Serde;

/**
 * The key of the hazard deadline index ({@code hazard-deadlines}): when a hazard is due next,
 * then its id, written {@code <due ms, 19 digits>|<hazardId>} so that the index sorts by due time.
 */
public record DueKey(long dueMs, String hazardId) {
  public static final Serde<DueKey> SERDE = KeyText.serde(DueKey::write, DueKey::read);

  /**
   * The lower bound of a range over everything due: pass it rather than null. Kafka Streams 4.4's
   * transactional RocksDB store ignores the upper bound of {@code range(null, to)} (it seeks to the
   * first key and never stops), so a null lower bound would read entries not yet due.
   */
  public static final DueKey FIRST = new DueKey(0, "");

  /** An inclusive upper bound for a range over everything due at or before {@code ms}. */
  public static DueKey throughMs(long ms) {
    return new DueKey(ms + 1, ""); // sorts before every key due at ms + 1; no hazard has an empty id
  }

  static String write(DueKey k) {
    return PaddedKeys.pad19(k.dueMs) + KeyText.SEPARATOR + k.hazardId;
  }

  static DueKey read(String s) {
    int end = KeyText.end(s, 0);
    return new DueKey(KeyText.number(s, 0, end), s.substring(end + 1));
  }
}
