package io.fangxian.store;

import java.time.LocalDate;
import org.apache.kafka.common.serialization.Serde;

/**
 * The key of an area's counts for one local day ({@code area-daily}), written
 * {@code <area>|yyyy-MM-dd}, for example {@code township/jincheng|2026-07-01}: one area's days are
 * contiguous and in order, so a range reads a period.
 */
public record AreaDayKey(String area, LocalDate day) {
  public static final Serde<AreaDayKey> SERDE = KeyText.serde(AreaDayKey::write, AreaDayKey::read);

  static String write(AreaDayKey k) {
    return KeyText.escape(k.area) + KeyText.SEPARATOR + k.day;
  }

  static AreaDayKey read(String s) {
    int end = KeyText.end(s, 0);
    return new AreaDayKey(KeyText.unescape(s.substring(0, end)), LocalDate.parse(s.substring(end + 1)));
  }
}
