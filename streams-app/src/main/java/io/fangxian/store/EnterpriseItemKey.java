package io.fangxian.store;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The key of an enterprise's own records in its dossier (一企一档) stores: a hazard, violation,
 * inspection or accident, written {@code <enterpriseId>|<id>}; one enterprise's records are
 * contiguous, so a prefix scan reads its file without touching anyone else's.
 */
public record EnterpriseItemKey(String enterpriseId, String id) {
  public static final Serde<EnterpriseItemKey> SERDE = KeyText.serde(EnterpriseItemKey::write, EnterpriseItemKey::read);

  /** The prefix of all the records of one enterprise, for a prefix scan. */
  public static final Serializer<String> ENTERPRISE_PREFIX = KeyText.firstPartPrefix();

  static String write(EnterpriseItemKey k) {
    return KeyText.escape(k.enterpriseId) + KeyText.SEPARATOR + k.id;
  }

  static EnterpriseItemKey read(String s) {
    int end = KeyText.end(s, 0);
    return new EnterpriseItemKey(KeyText.unescape(s.substring(0, end)), s.substring(end + 1));
  }
}
