package io.fangxian.flying;

import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.HazardState;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.InspectionKind;
import io.fangxian.avro.internal.Revisit;
import io.fangxian.store.DueIndex;
import io.fangxian.store.DueKey;
import io.fangxian.store.EnterpriseItemKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * 交办 and 回头看 ({@link Revisits}) on the enterprise partition, where an enterprise's inspections
 * and hazards meet. A hazard found by a flying inspection (source FLYING_INSPECTION, or naming a FLYING
 * inspection seen before it) joins the revisit of that inspection, opened with its first finding; the
 * earliest supervisory inspection of the enterprise after the flying one, whichever arrived first, is
 * the revisit; the wall clock marks those past due with none (the due index, as the other slices'
 * deadlines). Judged on event time. Forwards nothing: the figures are read from {@code flying-revisits}.
 */
public final class RevisitProcessor implements Processor<String, RevisitInput, Void, Void> {
  private final Duration within;
  private final Duration checkInterval;
  private KeyValueStore<EnterpriseItemKey, InspectionEvent> inspections;
  private KeyValueStore<EnterpriseItemKey, Revisit> revisits;
  private DueIndex due;

  public RevisitProcessor(Duration within, Duration checkInterval) {
    this.within = within;
    this.checkInterval = checkInterval;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    inspections = context.getStateStore(RevisitStores.INSPECTIONS);
    revisits = context.getStateStore(RevisitStores.REVISITS);
    due = new DueIndex(context.getStateStore(RevisitStores.DUE));
    context.schedule(checkInterval, PunctuationType.WALL_CLOCK_TIME, this::clock);
  }

  @Override
  public void process(Record<String, RevisitInput> record) {
    RevisitInput in = record.value();
    if (in == null) {
      return;
    }
    if (in.inspection() != null) {
      inspected(in.enterpriseId(), in.inspection());
    } else if (in.hazard() != null) {
      reported(in.hazard(), in.inspectionId());
    }
  }

  private void inspected(String enterpriseId, InspectionEvent inspection) {
    if (!Revisits.REVISIT_KINDS.contains(inspection.getKind())) {
      return;
    }
    EnterpriseItemKey key = new EnterpriseItemKey(enterpriseId, inspection.getInspectionId());
    if (inspections.get(key) != null) {
      return; // a later version of an inspection already held: the first stands
    }
    inspections.put(key, inspection);
    Instant at = inspection.getOccurredAt();
    if (inspection.getKind() == InspectionKind.FLYING) {
      Revisit opened = revisits.get(key); // its findings came first: the revisit runs from the inspection itself
      if (opened != null && at.isBefore(opened.getFoundAt())) {
        moveFoundAt(key, opened, at);
      }
    }
    List<KeyValue<EnterpriseItemKey, Revisit>> changed = new ArrayList<>();
    try (KeyValueIterator<EnterpriseItemKey, Revisit> it = revisits.prefixScan(enterpriseId, EnterpriseItemKey.ENTERPRISE_PREFIX)) {
      it.forEachRemaining(kv -> {
        Revisit r = kv.value;
        if (follows(inspection, r) && (r.getRevisitedAt() == null || at.isBefore(r.getRevisitedAt()))) {
          changed.add(KeyValue.pair(kv.key, Revisit.newBuilder(r).setRevisitedAt(at)
              .setRevisitInspectionId(inspection.getInspectionId()).build()));
        }
      });
    }
    for (KeyValue<EnterpriseItemKey, Revisit> kv : changed) {
      revisits.put(kv.key, kv.value);
      due.delete(kv.value.getDueAt().toEpochMilli(), text(kv.key));
    }
  }

  private static boolean follows(InspectionEvent inspection, Revisit r) {
    return inspection.getOccurredAt().isAfter(r.getFoundAt()) && !inspection.getInspectionId().equals(r.getAnchorId());
  }

  /** The flying inspection arrived after its findings: the revisit runs from it, and may have been made already. */
  private void moveFoundAt(EnterpriseItemKey key, Revisit r, Instant foundAt) {
    Revisit moved = earliestRevisitHeld(key.enterpriseId(),
        Revisit.newBuilder(r).setFoundAt(foundAt).setDueAt(foundAt.plus(within)).build());
    if (r.getRevisitedAt() == null) {
      due.delete(r.getDueAt().toEpochMilli(), text(key));
    }
    if (moved.getRevisitedAt() == null) {
      due.put(moved.getDueAt().toEpochMilli(), text(key));
    }
    revisits.put(key, moved);
  }

  private void reported(HazardState hazard, String inspectionId) {
    String enterpriseId = hazard.getEnterpriseId();
    InspectionEvent named = inspectionId == null ? null : inspections.get(new EnterpriseItemKey(enterpriseId, inspectionId));
    Instant flyingAt = named != null && named.getKind() == InspectionKind.FLYING ? named.getOccurredAt() : null;
    if (hazard.getSource() != HazardSource.FLYING_INSPECTION && flyingAt == null) {
      return;
    }
    String anchor = inspectionId != null ? inspectionId : hazard.getHazardId();
    EnterpriseItemKey key = new EnterpriseItemKey(enterpriseId, anchor);
    Revisit r = revisits.get(key);
    if (r == null) {
      Instant foundAt = flyingAt != null ? flyingAt : hazard.getReportedAt();
      r = Revisit.newBuilder().setEnterpriseId(enterpriseId).setAnchorId(anchor).setTownshipId(hazard.getTownshipId())
          .setSectorId(hazard.getSectorId()).setFoundAt(foundAt).setDueAt(foundAt.plus(within))
          .setHazardIds(new ArrayList<>()).setMajorHazards(0).setRevisitedAt(null).setRevisitInspectionId(null)
          .setOverdue(false).build();
      r = earliestRevisitHeld(enterpriseId, r);
      if (r.getRevisitedAt() == null) {
        due.put(r.getDueAt().toEpochMilli(), text(key));
      }
    }
    if (r.getHazardIds().contains(hazard.getHazardId())) {
      return;
    }
    List<String> ids = new ArrayList<>(r.getHazardIds());
    ids.add(hazard.getHazardId());
    revisits.put(key, Revisit.newBuilder(r).setHazardIds(ids)
        .setMajorHazards(r.getMajorHazards() + (hazard.getSeverity() == HazardSeverity.MAJOR ? 1 : 0)).build());
  }

  /** A new revisit with the earliest inspection already held that follows it, if any. */
  private Revisit earliestRevisitHeld(String enterpriseId, Revisit r) {
    InspectionEvent[] earliest = {null};
    try (KeyValueIterator<EnterpriseItemKey, InspectionEvent> it = inspections.prefixScan(enterpriseId, EnterpriseItemKey.ENTERPRISE_PREFIX)) {
      it.forEachRemaining(kv -> {
        if (follows(kv.value, r) && (earliest[0] == null || kv.value.getOccurredAt().isBefore(earliest[0].getOccurredAt()))) {
          earliest[0] = kv.value;
        }
      });
    }
    boolean earlier = earliest[0] != null
        && (r.getRevisitedAt() == null || earliest[0].getOccurredAt().isBefore(r.getRevisitedAt()));
    return !earlier ? r : Revisit.newBuilder(r).setRevisitedAt(earliest[0].getOccurredAt())
        .setRevisitInspectionId(earliest[0].getInspectionId()).build();
  }

  /** Marks overdue the revisits past due with none held. */
  private void clock(long nowMs) {
    for (KeyValue<DueKey, String> entry : due.due(nowMs)) {
      due.delete(entry.key.dueMs(), entry.value);
      EnterpriseItemKey key = EnterpriseItemKey.SERDE.deserializer().deserialize(null, entry.value.getBytes(StandardCharsets.UTF_8));
      Revisit r = revisits.get(key);
      if (r != null && r.getRevisitedAt() == null && !r.getOverdue()) {
        revisits.put(key, Revisit.newBuilder(r).setOverdue(true).build());
      }
    }
  }

  private static String text(EnterpriseItemKey key) {
    return new String(EnterpriseItemKey.SERDE.serializer().serialize(null, key), StandardCharsets.UTF_8);
  }
}
