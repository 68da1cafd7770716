package io.fangxian.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.avro.internal.MonthlyCounts;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** A month's figures are summed and tested for zero field by field, every field of the schema included. */
class MonthlyFiguresTest {
  /** Field number i (in schema order) is {@code factor × (i + 1)}. */
  private static MonthlyCounts numbered(long factor) {
    MonthlyCounts m = MonthlyFigures.zero();
    for (Schema.Field f : MonthlyCounts.getClassSchema().getFields()) {
      m.put(f.pos(), value(f, factor * (f.pos() + 1)));
    }
    return m;
  }

  private static Object value(Schema.Field f, long n) {
    return switch (f.schema().getType()) {
      case LONG -> n;
      case DOUBLE -> n + 0.25;
      default -> throw new AssertionError("a month's field of a type the sums do not know: " + f);
    };
  }

  @Test
  void theSumAddsEveryField() {
    MonthlyCounts sum = MonthlyFigures.sum(numbered(1), numbered(10));
    for (Schema.Field f : MonthlyCounts.getClassSchema().getFields()) {
      Object expected = f.schema().getType() == Schema.Type.DOUBLE
          ? (Object) (11.0 * (f.pos() + 1) + 0.5) : (Object) (11L * (f.pos() + 1));
      assertThat(sum.get(f.pos())).as(f.name()).isEqualTo(expected);
    }
  }

  @Test
  void aMonthIsZeroOnlyWhenEveryFieldIs() {
    assertThat(MonthlyFigures.isZero(MonthlyFigures.zero())).isTrue();
    for (Schema.Field f : MonthlyCounts.getClassSchema().getFields()) {
      MonthlyCounts one = MonthlyFigures.zero();
      one.put(f.pos(), value(f, -1));
      assertThat(MonthlyFigures.isZero(one)).as(f.name()).isFalse();
    }
  }
}
