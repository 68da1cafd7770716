package io.fangxian.stats;

import io.fangxian.avro.AreaStats;
import io.fangxian.avro.internal.AreaUpdate;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * The counters an event changes in its township and its sector, listed once: an {@link AreaUpdate}
 * carries changes to them, and the all-time {@link AreaStats} add them up. A counter added to both
 * schemas is added to {@link #WHOLE_NUMBERS}, and every sum picks it up; {@code AreaCountersTest}
 * holds the list against the schemas.
 */
final class AreaCounters {
  /** Field names: an int change in AreaUpdate, a long total of the same name in AreaStats. */
  static final List<String> WHOLE_NUMBERS = List.of("hazardsReported", "majorHazardsReported", "openHazards",
      "openMajorHazards", "overdueHazards", "closedHazards", "rectifiedHazards", "violations", "inspections",
      "accidents", "accidentDeaths", "accidentSeriousInjuries", "accidentMinorInjuries", "accidentsGeneral",
      "accidentsLarger", "accidentsMajor", "accidentsEspeciallyMajor", "accidentsReportedLate",
      "unclassifiedMajorHazardsReported", "openUnclassifiedMajorHazards", "verificationOverdueHazards",
      "openMajorHazardsUnsupervised", "enterprises", "inspectedLast30d", "inspectedLast90d", "inspectedLast365d",
      "neverInspected", "keyAreaEnterprises", "keyAreaInspectedLast90d", "nonCompliantEnterprises",
      "certificatesExpiringWithin30d", "certificatesExpired", "certificatesReviewOverdue", "patrolledLast90d",
      "writeOffReviewsOverdue", "accidentsSuspectedLateReport", "accidentDutiesLate", "casesOpened", "casesOpen", "casesDecisionOverdue",
      "dailyFineCases", "criminalTransfers", "openMajorHazardsWithoutCase", "reportsReceived", "reportsSubstantiated",
      "reportsVerificationOverdue");

  private static final int[] IN_UPDATE = positions(AreaUpdate.getClassSchema(), Schema.Type.INT);
  private static final int[] IN_STATS = positions(AreaStats.getClassSchema(), Schema.Type.LONG);

  private AreaCounters() { }

  /** {@code sum} plus the changes of {@code d}, in place. */
  static void addAll(AreaUpdate sum, AreaUpdate d) {
    for (int field : IN_UPDATE) {
      sum.put(field, (Integer) sum.get(field) + (Integer) d.get(field));
    }
    sum.setFineYuan(sum.getFineYuan() + d.getFineYuan());
    sum.setAccidentDirectLossYuan(sum.getAccidentDirectLossYuan() + d.getAccidentDirectLossYuan());
    sum.setPenaltyYuanDecided(sum.getPenaltyYuanDecided() + d.getPenaltyYuanDecided());
    sum.setRewardYuan(sum.getRewardYuan() + d.getRewardYuan());
    merge(sum.getInspectionsByKind(), d.getInspectionsByKind());
    merge(sum.getHazardsBySource(), d.getHazardsBySource());
    merge(sum.getHazardsByCategory(), d.getHazardsByCategory());
    merge(sum.getMajorHazardsByClause(), d.getMajorHazardsByClause());
    merge(sum.getSupervisedMajorHazardsByLevel(), d.getSupervisedMajorHazardsByLevel());
  }

  /** The all-time figures plus the changes of {@code d}, in place. */
  static void addAll(AreaStats totals, AreaUpdate d) {
    for (int i = 0; i < IN_UPDATE.length; i++) {
      totals.put(IN_STATS[i], (Long) totals.get(IN_STATS[i]) + (Integer) d.get(IN_UPDATE[i]));
    }
    totals.setFineYuanTotal(totals.getFineYuanTotal() + d.getFineYuan());
    totals.setAccidentDirectLossYuan(totals.getAccidentDirectLossYuan() + d.getAccidentDirectLossYuan());
    totals.setPenaltyYuanDecided(totals.getPenaltyYuanDecided() + d.getPenaltyYuanDecided());
    totals.setRewardYuan(totals.getRewardYuan() + d.getRewardYuan());
    merge(totals.getInspectionsByKind(), d.getInspectionsByKind());
    merge(totals.getHazardsBySource(), d.getHazardsBySource());
    merge(totals.getHazardsByCategory(), d.getHazardsByCategory());
    merge(totals.getMajorHazardsByClause(), d.getMajorHazardsByClause());
    merge(totals.getSupervisedMajorHazardsByLevel(), d.getSupervisedMajorHazardsByLevel());
  }

  /**
   * Whether {@code d} changes any counter (a hazard state or a weather warning alone does not). An
   * accident's correction may change only its loss, or only the hour it happened in: those count too.
   */
  static boolean changesAny(AreaUpdate d) {
    for (int field : IN_UPDATE) {
      if ((Integer) d.get(field) != 0) {
        return true;
      }
    }
    return d.getFineYuan() != 0 || d.getAccidentDirectLossYuan() != 0 || d.getPenaltyYuanDecided() != 0 || d.getRewardYuan() != 0
        || !d.getMajorHazardsByClause().isEmpty()
        || !d.getSupervisedMajorHazardsByLevel().isEmpty()
        || d.getPeriods().stream().anyMatch(p -> p.getCounts().getAccidents() != 0)
        || !d.getMonths().isEmpty();
  }

  /**
   * Adds {@code from}'s counts into {@code into}; a count that comes to zero is removed (a regrade
   * or a closure takes a count back). Avro may hand out its map keys as Utf8: keys are stored as strings.
   */
  private static void merge(Map<String, Long> into, Map<String, Long> from) {
    from.forEach((k, v) -> into.merge(k.toString(), v, (a, b) -> a + b == 0 ? null : a + b));
  }

  private static int[] positions(Schema schema, Schema.Type type) {
    return WHOLE_NUMBERS.stream().mapToInt(name -> {
      Schema.Field field = schema.getField(name);
      if (field == null || field.schema().getType() != type) {
        throw new IllegalStateException(schema.getName() + " has no " + type + " field " + name);
      }
      return field.pos();
    }).toArray();
  }
}
