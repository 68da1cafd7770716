package io.fangxian.topology;

/**
 * Zero-padded numbers for sortable store keys, as {@code String.format("%019d", v)} writes them but
 * without a Formatter per call (these keys are built for every event).
 */
final class PaddedKeys {
  private PaddedKeys() { }

  /** Exactly {@code String.format("%019d", v)}. */
  static String pad19(long v) {
    if (v < 0) {
      return String.format("%019d", v);
    }
    String digits = Long.toString(v);
    if (digits.length() >= 19) {
      return digits;
    }
    StringBuilder sb = new StringBuilder(19);
    for (int i = digits.length(); i < 19; i++) {
      sb.append('0');
    }
    return sb.append(digits).toString();
  }
}
