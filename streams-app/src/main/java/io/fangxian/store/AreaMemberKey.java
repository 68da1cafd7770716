package io.fangxian.store;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The key of something an area rule keeps per township: an open hazard ({@code area-open-hazards})
 * or a weather warning ({@code area-weather}), written {@code <area>|<id>}; one area's members are
 * contiguous, so a prefix scan reads them.
 */
public record AreaMemberKey(String area, String id) {
  public static final Serde<AreaMemberKey> SERDE = KeyText.serde(AreaMemberKey::write, AreaMemberKey::read);

  /** The prefix of all the members of one area, for a prefix scan. */
  public static final Serializer<String> AREA_PREFIX = KeyText.firstPartPrefix();

  static String write(AreaMemberKey k) {
    return KeyText.escape(k.area) + KeyText.SEPARATOR + k.id;
  }

  static AreaMemberKey read(String s) {
    int end = KeyText.end(s, 0);
    return new AreaMemberKey(KeyText.unescape(s.substring(0, end)), s.substring(end + 1));
  }
}
