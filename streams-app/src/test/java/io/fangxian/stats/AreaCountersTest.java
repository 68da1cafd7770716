package io.fangxian.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.avro.AreaStats;
import io.fangxian.avro.AreaType;
import io.fangxian.avro.internal.AreaUpdate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** Holds the one list of counters against the schemas, so a counter added to them is not left out. */
class AreaCountersTest {
  private static final List<String> NOT_COUNTERS = List.of("areaType", "areaId", "periods", "months", "hazard", "weather");

  /** An update where counter number i (in schema order) is i + 1, and each map holds one entry. */
  private static AreaUpdate numbered() {
    AreaUpdate d = AreaUpdates.empty(AreaType.SECTOR, "construction");
    int i = 0;
    for (Schema.Field f : AreaUpdate.getClassSchema().getFields()) {
      if (NOT_COUNTERS.contains(f.name())) {
        continue;
      }
      i++;
      switch (f.schema().getType()) {
        case INT -> d.put(f.pos(), i);
        case DOUBLE -> d.put(f.pos(), i + 0.5);
        case MAP -> d.put(f.pos(), new HashMap<>(Map.of("K" + i, (long) i)));
        default -> throw new AssertionError("a counter of a type the sums do not know: " + f);
      }
    }
    return d;
  }

  @Test
  void theZeroRecordsBuiltByHandEqualTheSchemaDefaults() {
    assertThat(AreaUpdates.empty(AreaType.SECTOR, "construction"))
        .isEqualTo(AreaUpdate.newBuilder().setAreaType(AreaType.SECTOR).setAreaId("construction").build());
    assertThat(MonthlyFigures.zero()).isEqualTo(io.fangxian.avro.internal.MonthlyCounts.newBuilder().build());
  }

  @Test
  void addingTwoUpdatesAddsEveryCounterOfTheSchema() {
    AreaUpdate sum = numbered();
    AreaCounters.addAll(sum, numbered());
    AreaUpdate once = numbered();
    for (Schema.Field f : AreaUpdate.getClassSchema().getFields()) {
      if (NOT_COUNTERS.contains(f.name())) {
        continue;
      }
      Object expected = switch (f.schema().getType()) {
        case INT -> 2 * (Integer) once.get(f.pos());
        case DOUBLE -> 2 * (Double) once.get(f.pos());
        default -> Map.of(((Map<?, ?>) once.get(f.pos())).keySet().iterator().next(),
            2 * (Long) ((Map<?, ?>) once.get(f.pos())).values().iterator().next());
      };
      assertThat(sum.get(f.pos())).as(f.name()).isEqualTo(expected);
    }
    assertThat(AreaCounters.changesAny(sum)).isTrue();
    assertThat(AreaCounters.changesAny(AreaUpdates.empty(AreaType.TOWNSHIP, "jincheng"))).isFalse();
  }

  @Test
  void theAllTimeFiguresAddEveryCounterOfAnUpdate() {
    AreaUpdate d = numbered();
    AreaStats totals = AreaFigures.empty(AreaType.SECTOR, "construction", null);
    AreaCounters.addAll(totals, d);
    for (Schema.Field f : AreaUpdate.getClassSchema().getFields()) {
      if (NOT_COUNTERS.contains(f.name())) {
        continue;
      }
      Schema.Field total = AreaStats.getClassSchema().getField(f.name());
      if (total == null) {
        total = AreaStats.getClassSchema().getField(f.name() + "Total");
      }
      assertThat(total).as("the figures' field for " + f.name()).isNotNull();
      Object value = d.get(f.pos());
      Object expected = value instanceof Integer n ? (Object) n.longValue() : value;
      assertThat(totals.get(total.pos())).as(f.name()).isEqualTo(expected);
    }
  }
}
