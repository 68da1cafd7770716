package io.fangxian.flying;

import io.fangxian.avro.internal.Revisit;
import io.fangxian.store.EnterpriseItemKey;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The 交办 / 回头看 figures of each unit from the revisits held here: every revisit counts for the
 * township it was assigned to and for the department of its sector (the responsibility list's, as
 * {@code departmentOf} answers now). Over several partitions they add up: each revisit lives on one.
 */
public final class RevisitFigures {
  /**
   * @param assignedHazards flying inspections' findings assigned (交办) to the unit
   * @param revisitsDue revisits owed (one per flying inspection with findings at an enterprise)
   * @param revisitsDone done by the due time
   * @param revisitsDoneLate done after it
   * @param revisitsOverdue past the due time on the wall clock with none held
   */
  public record Tally(long assignedHazards, long revisitsDue, long revisitsDone, long revisitsDoneLate, long revisitsOverdue) {
    static final Tally ZERO = new Tally(0, 0, 0, 0, 0);

    Tally plus(Revisit r) {
      Revisits.Status s = Revisits.status(r);
      return new Tally(assignedHazards + r.getHazardIds().size(), revisitsDue + 1,
          revisitsDone + (s == Revisits.Status.DONE ? 1 : 0), revisitsDoneLate + (s == Revisits.Status.DONE_LATE ? 1 : 0),
          revisitsOverdue + (s == Revisits.Status.OVERDUE ? 1 : 0));
    }
  }

  private RevisitFigures() { }

  /** By unitId: the townships and the departments; {@code unitId} non-null keeps that unit only. */
  public static Map<String, Tally> byUnit(ReadOnlyKeyValueStore<EnterpriseItemKey, Revisit> revisits,
      Function<String, String> departmentOf, String unitId) {
    Map<String, Tally> byUnit = new TreeMap<>();
    try (KeyValueIterator<EnterpriseItemKey, Revisit> it = revisits.all()) {
      it.forEachRemaining(kv -> {
        Revisit r = kv.value;
        add(byUnit, r.getTownshipId(), r, unitId);
        String department = departmentOf.apply(r.getSectorId());
        if (department != null && !department.equals(r.getTownshipId())) {
          add(byUnit, department, r, unitId);
        }
      });
    }
    return byUnit;
  }

  private static void add(Map<String, Tally> byUnit, String unit, Revisit r, String only) {
    if (unit != null && (only == null || only.equals(unit))) {
      byUnit.put(unit, byUnit.getOrDefault(unit, Tally.ZERO).plus(r));
    }
  }
}
