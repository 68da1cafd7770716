package io.fangxian.enterprises;

/**
 * The value of the self-inspection store, one long: the time of the enterprise's last
 * self-inspection, or, negated, the time it was first watched when it has never self-inspected.
 */
final class SelfInspectionMark {
  private SelfInspectionMark() { }

  static long inspectedAt(long ms) {
    return ms;
  }

  static long watchedSince(long ms) {
    return -ms;
  }

  static boolean inspected(long mark) {
    return mark >= 0;
  }

  static long since(long mark) {
    return Math.abs(mark);
  }
}
