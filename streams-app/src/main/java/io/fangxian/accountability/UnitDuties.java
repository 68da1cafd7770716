package io.fangxian.accountability;

import io.fangxian.avro.HazardState;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.InspectionKind;
import io.fangxian.avro.Leader;
import io.fangxian.ledger.HazardLifecycle;
import io.fangxian.store.EnterpriseItemKey;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The scorecard figures read from other slices' stores when asked (no store of their own): late
 * 挂牌督办 reviews from the ledger, and the linked leaders' visits from the dossier's inspections. Over
 * several partitions they add up: each hazard and inspection lives on one.
 */
public final class UnitDuties {
  private UnitDuties() { }

  /**
   * 挂牌督办 major hazards whose write-off review (核销, due writeOffReview.within after the enterprise's
   * acceptance) came after its due time, or is past it now while the hazard is open, by the supervising
   * department the assignment names.
   */
  public static Map<String, Long> lateSupervisionReviews(ReadOnlyKeyValueStore<String, HazardState> ledger, long nowMs) {
    Map<String, Long> byDepartment = new TreeMap<>();
    try (KeyValueIterator<String, HazardState> it = ledger.all()) {
      it.forEachRemaining(kv -> {
        HazardState h = kv.value;
        Instant due = h.getWriteOffReviewDue();
        if (h.getSupervision() == null || due == null) {
          return;
        }
        boolean late = h.getClosedAt() != null ? h.getClosedAt().isAfter(due)
            : HazardLifecycle.isOpen(h) && (h.getWriteOffReviewOverdue() || due.toEpochMilli() <= nowMs);
        if (late) {
          byDepartment.merge(h.getSupervision().getDepartment(), 1L, Long::sum);
        }
      });
    }
    return byDepartment;
  }

  /**
   * Each linked leader's visits this calendar quarter (挂钩督导): LINKED_SUPERVISION inspections whose
   * unitId is the leader's id, or whose inspector is the leader's id or roster name. A leader is linked
   * when the roster gives it townships or enterprises. A name two leaders share goes to the first by id.
   */
  public static Map<String, Long> linkedVisits(ReadOnlyKeyValueStore<String, Leader> roster,
      ReadOnlyKeyValueStore<EnterpriseItemKey, InspectionEvent> inspections, Instant now, ZoneId zone) {
    Map<String, String> leaderOf = new HashMap<>();
    Map<String, String> byName = new TreeMap<>();
    try (KeyValueIterator<String, Leader> it = roster.all()) {
      it.forEachRemaining(kv -> {
        Leader l = kv.value;
        if (l != null && !(l.getTownshipIds().isEmpty() && l.getEnterpriseIds().isEmpty())) {
          leaderOf.put(l.getLeaderId(), l.getLeaderId());
          byName.merge(l.getName(), l.getLeaderId(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }
      });
    }
    byName.forEach(leaderOf::putIfAbsent);
    Map<String, Long> byLeader = new TreeMap<>();
    if (leaderOf.isEmpty()) {
      return byLeader;
    }
    Instant quarterStart = quarterStart(now, zone);
    try (KeyValueIterator<EnterpriseItemKey, InspectionEvent> it = inspections.all()) {
      it.forEachRemaining(kv -> {
        InspectionEvent i = kv.value;
        if (i.getKind() != InspectionKind.LINKED_SUPERVISION || i.getOccurredAt().isBefore(quarterStart)
            || i.getOccurredAt().isAfter(now)) {
          return;
        }
        String leader = i.getUnitId() != null && leaderOf.containsKey(i.getUnitId()) ? leaderOf.get(i.getUnitId())
            : i.getInspector() != null ? leaderOf.get(i.getInspector()) : null;
        if (leader != null) {
          byLeader.merge(leader, 1L, Long::sum);
        }
      });
    }
    return byLeader;
  }

  /** The first instant of the calendar quarter {@code now} falls in, in {@code zone}. */
  public static Instant quarterStart(Instant now, ZoneId zone) {
    LocalDate d = now.atZone(zone).toLocalDate();
    return LocalDate.of(d.getYear(), ((d.getMonthValue() - 1) / 3) * 3 + 1, 1).atStartOfDay(zone).toInstant();
  }
}
