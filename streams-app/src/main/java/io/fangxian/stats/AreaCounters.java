package io.fangxian.stats;

import io.fangxian.avro.AreaStats;
import io.fangxian.avro.internal.AreaUpdate;
import java.util.Map;

/**
 * The counters an event changes in its township and its sector, listed once: an {@link AreaUpdate}
 * carries changes to them, and the all-time {@link AreaStats} add them up. A counter added to
 * both schemas is added here, and every sum picks it up ({@code AreaCountersTest} holds this list
 * against the schemas). The whole-number counters are constants with their own code rather than
 * getter and setter lambdas: updates are summed for every event, and one virtual call per counter
 * costs a fraction of three lambda calls.
 */
enum AreaCounters {
  HAZARDS_REPORTED {
    @Override int of(AreaUpdate d) {
      return d.getHazardsReported();
    }

    @Override void add(AreaUpdate sum, AreaUpdate d) {
      sum.setHazardsReported(sum.getHazardsReported() + d.getHazardsReported());
    }

    @Override void add(AreaStats totals, AreaUpdate d) {
      totals.setHazardsReported(totals.getHazardsReported() + d.getHazardsReported());
    }
  },
  MAJOR_HAZARDS_REPORTED {
    @Override int of(AreaUpdate d) {
      return d.getMajorHazardsReported();
    }

    @Override void add(AreaUpdate sum, AreaUpdate d) {
      sum.setMajorHazardsReported(sum.getMajorHazardsReported() + d.getMajorHazardsReported());
    }

    @Override void add(AreaStats totals, AreaUpdate d) {
      totals.setMajorHazardsReported(totals.getMajorHazardsReported() + d.getMajorHazardsReported());
    }
  },
  OPEN_HAZARDS {
    @Override int of(AreaUpdate d) {
      return d.getOpenHazards();
    }

    @Override void add(AreaUpdate sum, AreaUpdate d) {
      sum.setOpenHazards(sum.getOpenHazards() + d.getOpenHazards());
    }

    @Override void add(AreaStats totals, AreaUpdate d) {
      totals.setOpenHazards(totals.getOpenHazards() + d.getOpenHazards());
    }
  },
  OPEN_MAJOR_HAZARDS {
    @Override int of(AreaUpdate d) {
      return d.getOpenMajorHazards();
    }

    @Override void add(AreaUpdate sum, AreaUpdate d) {
      sum.setOpenMajorHazards(sum.getOpenMajorHazards() + d.getOpenMajorHazards());
    }

    @Override void add(AreaStats totals, AreaUpdate d) {
      totals.setOpenMajorHazards(totals.getOpenMajorHazards() + d.getOpenMajorHazards());
    }
  },
  OVERDUE_HAZARDS {
    @Override int of(AreaUpdate d) {
      return d.getOverdueHazards();
    }

    @Override void add(AreaUpdate sum, AreaUpdate d) {
      sum.setOverdueHazards(sum.getOverdueHazards() + d.getOverdueHazards());
    }

    @Override void add(AreaStats totals, AreaUpdate d) {
      totals.setOverdueHazards(totals.getOverdueHazards() + d.getOverdueHazards());
    }
  },
  CLOSED_HAZARDS {
    @Override int of(AreaUpdate d) {
      return d.getClosedHazards();
    }

    @Override void add(AreaUpdate sum, AreaUpdate d) {
      sum.setClosedHazards(sum.getClosedHazards() + d.getClosedHazards());
    }

    @Override void add(AreaStats totals, AreaUpdate d) {
      totals.setClosedHazards(totals.getClosedHazards() + d.getClosedHazards());
    }
  },
  VIOLATIONS {
    @Override int of(AreaUpdate d) {
      return d.getViolations();
    }

    @Override void add(AreaUpdate sum, AreaUpdate d) {
      sum.setViolations(sum.getViolations() + d.getViolations());
    }

    @Override void add(AreaStats totals, AreaUpdate d) {
      totals.setViolations(totals.getViolations() + d.getViolations());
    }
  },
  INSPECTIONS {
    @Override int of(AreaUpdate d) {
      return d.getInspections();
    }

    @Override void add(AreaUpdate sum, AreaUpdate d) {
      sum.setInspections(sum.getInspections() + d.getInspections());
    }

    @Override void add(AreaStats totals, AreaUpdate d) {
      totals.setInspections(totals.getInspections() + d.getInspections());
    }
  };

  private static final AreaCounters[] ALL = values();

  abstract int of(AreaUpdate d);

  abstract void add(AreaUpdate sum, AreaUpdate d);

  abstract void add(AreaStats totals, AreaUpdate d);

  /** {@code sum} plus the changes of {@code d}, in place. */
  static void addAll(AreaUpdate sum, AreaUpdate d) {
    for (AreaCounters c : ALL) {
      c.add(sum, d);
    }
    sum.setFineYuan(sum.getFineYuan() + d.getFineYuan());
    merge(sum.getInspectionsByKind(), d.getInspectionsByKind());
    merge(sum.getHazardsBySource(), d.getHazardsBySource());
  }

  /** The all-time figures plus the changes of {@code d}, in place. */
  static void addAll(AreaStats totals, AreaUpdate d) {
    for (AreaCounters c : ALL) {
      c.add(totals, d);
    }
    totals.setFineYuanTotal(totals.getFineYuanTotal() + d.getFineYuan());
    merge(totals.getInspectionsByKind(), d.getInspectionsByKind());
    merge(totals.getHazardsBySource(), d.getHazardsBySource());
  }

  /** Whether {@code d} changes any counter (a hazard state or a weather warning alone does not). */
  static boolean changesAny(AreaUpdate d) {
    for (AreaCounters c : ALL) {
      if (c.of(d) != 0) {
        return true;
      }
    }
    return false;
  }

  /** Adds {@code from}'s counts into {@code into}. Avro may hand out its map keys as Utf8: keys are stored as strings. */
  private static void merge(Map<String, Long> into, Map<String, Long> from) {
    from.forEach((k, v) -> into.merge(k.toString(), v, Long::sum));
  }
}
