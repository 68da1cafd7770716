package io.fangxian.store;

import java.util.Locale;
import org.apache.kafka.common.serialization.Serde;

/**
 * The key of the enterprise-rule index ({@code enterprise-checks}): when an enterprise's alerts
 * must be looked at again, and which, written {@code <due ms, 19 digits>|<kind>|<enterpriseId>}.
 */
public record CheckKey(long dueMs, Kind kind, String enterpriseId) {
  public static final Serde<CheckKey> SERDE = KeyText.serde(CheckKey::write, CheckKey::read);

  /** What falls due: a self-inspection lapse, or a repeat-violator window to judge again. */
  public enum Kind {
    LAPSE, REPEAT;

    final String word = name().toLowerCase(Locale.ROOT);
  }

  /** The lower bound of a range over everything due: see {@link DueKey#FIRST} for why not null. */
  public static final CheckKey FIRST = new CheckKey(0, null, null);

  /** An inclusive upper bound for a range over everything due at or before {@code ms}. */
  public static CheckKey throughMs(long ms) {
    return new CheckKey(ms + 1, null, null); // writes "<ms + 1>|", before every key due at ms + 1
  }

  static String write(CheckKey k) {
    String due = PaddedKeys.pad19(k.dueMs) + KeyText.SEPARATOR;
    return k.kind == null ? due : due + k.kind.word + KeyText.SEPARATOR + k.enterpriseId;
  }

  static CheckKey read(String s) {
    int dueEnd = KeyText.end(s, 0);
    int kindEnd = KeyText.end(s, dueEnd + 1);
    return new CheckKey(KeyText.number(s, 0, dueEnd),
        Kind.valueOf(s.substring(dueEnd + 1, kindEnd).toUpperCase(Locale.ROOT)), s.substring(kindEnd + 1));
  }
}
