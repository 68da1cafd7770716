package io.fangxian.store;

import java.time.YearMonth;
import org.apache.kafka.common.serialization.Serde;

/**
 * The key of an area's figures for one local month ({@code area-monthly}), written
 * {@code <area>|yyyy-MM}, for example {@code township/jincheng|2026-11}: one area's months are
 * contiguous and in order.
 */
public record AreaMonthKey(String area, YearMonth month) {
  public static final Serde<AreaMonthKey> SERDE = KeyText.serde(AreaMonthKey::write, AreaMonthKey::read);

  static String write(AreaMonthKey k) {
    return KeyText.escape(k.area) + KeyText.SEPARATOR + k.month;
  }

  static AreaMonthKey read(String s) {
    int end = KeyText.end(s, 0);
    return new AreaMonthKey(KeyText.unescape(s.substring(0, end)), YearMonth.parse(s.substring(end + 1)));
  }
}
