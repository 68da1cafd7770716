package io.fangxian.store;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The key of what is charged to one inspecting unit (a township, department or grid: the
 * scorecard, 考核): an inspection, a hazard or an accident, written {@code <unitId>|<id>}; one unit's
 * entries are contiguous, so a prefix scan reads its scorecard without touching anyone else's.
 */
public record UnitItemKey(String unitId, String id) {
  public static final Serde<UnitItemKey> SERDE = KeyText.serde(UnitItemKey::write, UnitItemKey::read);

  /** The prefix of all the entries of one unit, for a prefix scan. */
  public static final Serializer<String> UNIT_PREFIX = KeyText.firstPartPrefix();

  static String write(UnitItemKey k) {
    return KeyText.escape(k.unitId) + KeyText.SEPARATOR + k.id;
  }

  static UnitItemKey read(String s) {
    int end = KeyText.end(s, 0);
    return new UnitItemKey(KeyText.unescape(s.substring(0, end)), s.substring(end + 1));
  }
}
