package io.fangxian.stats;

import io.fangxian.avro.internal.MonthlyCounts;
import org.apache.avro.Schema;

/** Arithmetic on a month's figures (the bulletin's): every field is summed, whatever it is. */
public final class MonthlyFigures {
  private MonthlyFigures() { }

  /** Every field zero; by hand, as the builder looks up each field's schema default (all 0). */
  public static MonthlyCounts zero() {
    return new MonthlyCounts();
  }

  /** {@code a + b}, field by field, as a new record. */
  public static MonthlyCounts sum(MonthlyCounts a, MonthlyCounts b) {
    MonthlyCounts s = zero();
    for (Schema.Field f : MonthlyCounts.getClassSchema().getFields()) {
      int i = f.pos();
      if (f.schema().getType() == Schema.Type.DOUBLE) {
        s.put(i, (Double) a.get(i) + (Double) b.get(i));
      } else {
        s.put(i, (Long) a.get(i) + (Long) b.get(i));
      }
    }
    return s;
  }

  /** Whether every field is zero: a change that changes nothing. */
  public static boolean isZero(MonthlyCounts c) {
    return c.equals(zero());
  }
}
