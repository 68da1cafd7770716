package io.fangxian.store;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The key of an enterprise's remembered violations ({@code enterprise-violations}), written
 * {@code <enterpriseId>|<occurred ms, 19 digits>|<violationId>}: one enterprise's violations are
 * contiguous and in time order.
 */
public record ViolationKey(String enterpriseId, long occurredAtMs, String violationId) {
  public static final Serde<ViolationKey> SERDE = KeyText.serde(ViolationKey::write, ViolationKey::read);

  /** The prefix of all the violations of one enterprise, for a prefix scan. */
  public static final Serializer<String> ENTERPRISE_PREFIX = KeyText.firstPartPrefix();

  /** Sorts before every violation of the enterprise at {@code ms} (no violation has an empty id). */
  public static ViolationKey firstAt(String enterpriseId, long ms) {
    return new ViolationKey(enterpriseId, ms, "");
  }

  static String write(ViolationKey k) {
    return KeyText.escape(k.enterpriseId) + KeyText.SEPARATOR + PaddedKeys.pad19(k.occurredAtMs) + KeyText.SEPARATOR
        + k.violationId;
  }

  static ViolationKey read(String s) {
    int idEnd = KeyText.end(s, 0);
    int timeEnd = KeyText.end(s, idEnd + 1);
    return new ViolationKey(KeyText.unescape(s.substring(0, idEnd)), KeyText.number(s, idEnd + 1, timeEnd),
        s.substring(timeEnd + 1));
  }
}
