package io.fangxian.store;

/**
 * Zero-padded numbers for sortable store keys, as {@code String.format("%0<width>d", v)} writes
 * them but without a Formatter per call (these keys are built for every event, and a Formatter
 * looks up the locale's digits each time).
 */
public final class PaddedKeys {
  private PaddedKeys() { }

  /** Exactly {@code String.format("%019d", v)}. */
  public static String pad19(long v) {
    return pad(v, 19);
  }

  /** Exactly {@code String.format("%0" + width + "d", v)}. */
  public static String pad(long v, int width) {
    if (v < 0) {
      return String.format("%0" + width + "d", v);
    }
    String digits = Long.toString(v);
    if (digits.length() >= width) {
      return digits;
    }
    StringBuilder sb = new StringBuilder(width);
    for (int i = digits.length(); i < width; i++) {
      sb.append('0');
    }
    return sb.append(digits).toString();
  }
}
