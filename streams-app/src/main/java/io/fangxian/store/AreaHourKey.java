package io.fangxian.store;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;

/**
 * The key of an area's counts for one hour since the epoch ({@code area-hourly}), written
 * {@code <area>|h<epoch hour, 10 digits>}, for example {@code township/jincheng|h0000493000}.
 */
public record AreaHourKey(String area, long epochHour) {
  public static final Serde<AreaHourKey> SERDE = KeyText.serde(AreaHourKey::write, AreaHourKey::read);

  static String write(AreaHourKey k) {
    return KeyText.escape(k.area) + KeyText.SEPARATOR + 'h' + PaddedKeys.pad(k.epochHour, 10);
  }

  static AreaHourKey read(String s) {
    int end = KeyText.end(s, 0);
    if (end + 1 >= s.length() || s.charAt(end + 1) != 'h') {
      throw new SerializationException("hourly key '" + s + "' lacks its 'h'");
    }
    return new AreaHourKey(KeyText.unescape(s.substring(0, end)), KeyText.number(s, end + 2, s.length()));
  }
}
