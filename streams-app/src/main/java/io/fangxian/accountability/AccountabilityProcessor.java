package io.fangxian.accountability;

import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.internal.UnitHazard;
import io.fangxian.store.EnterpriseItemKey;
import io.fangxian.store.UnitItemKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Charges each inspecting unit with what it found, what it missed and the accidents after it
 * inspected (考核), on the enterprise partition where inspections, reports and accidents of one
 * enterprise meet. Whichever of an inspection and a report comes second looks the other up in the
 * enterprise's entries, so a late inspection is charged as if it had come in order. Every charge is a
 * put under {@code <unitId>|<item>}: a hazard counts once per unit however often it is charged.
 * Forwards nothing; the scorecards are read from the {@code unit-*} stores.
 */
public final class AccountabilityProcessor implements Processor<String, AccountabilityInput, Void, Void> {
  private final Misses misses;
  private KeyValueStore<EnterpriseItemKey, InspectionEvent> inspections;
  private KeyValueStore<EnterpriseItemKey, UnitHazard> hazards;
  private KeyValueStore<EnterpriseItemKey, Long> accidents;
  private KeyValueStore<UnitItemKey, Long> unitInspections;
  private KeyValueStore<UnitItemKey, Long> unitFound;
  private KeyValueStore<UnitItemKey, UnitHazard> unitMissed;
  private KeyValueStore<UnitItemKey, Long> unitAccidents;

  public AccountabilityProcessor(Misses misses) {
    this.misses = misses;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    inspections = context.getStateStore(AccountabilityStores.INSPECTIONS);
    hazards = context.getStateStore(AccountabilityStores.HAZARDS);
    accidents = context.getStateStore(AccountabilityStores.ACCIDENTS);
    unitInspections = context.getStateStore(AccountabilityStores.UNIT_INSPECTIONS);
    unitFound = context.getStateStore(AccountabilityStores.UNIT_FOUND);
    unitMissed = context.getStateStore(AccountabilityStores.UNIT_MISSED);
    unitAccidents = context.getStateStore(AccountabilityStores.UNIT_ACCIDENTS);
  }

  @Override
  public void process(Record<String, AccountabilityInput> record) {
    AccountabilityInput in = record.value();
    if (in == null || !in.relevant()) {
      return;
    }
    if (in.inspection() != null) {
      inspected(in.enterpriseId(), in.inspection());
    } else if (in.hazard() != null) {
      reported(in.enterpriseId(), in.hazard());
    } else {
      accident(in.enterpriseId(), in.accident());
    }
  }

  /** An inspection by a named unit: counted once (its first version), then charged with what came before it arrived. */
  private void inspected(String enterpriseId, InspectionEvent inspection) {
    EnterpriseItemKey key = new EnterpriseItemKey(enterpriseId, inspection.getInspectionId());
    if (inspections.get(key) != null) {
      return; // a later version of an inspection already counted: the first stands
    }
    inspections.put(key, inspection);
    String unit = inspection.getUnitId();
    unitInspections.put(new UnitItemKey(unit, inspection.getInspectionId()), inspection.getOccurredAt().toEpochMilli());
    boolean charged = Misses.charged(inspection.getKind());
    List<EnterpriseItemKey> credited = new ArrayList<>();
    try (KeyValueIterator<EnterpriseItemKey, UnitHazard> it = hazards.prefixScan(enterpriseId, EnterpriseItemKey.ENTERPRISE_PREFIX)) {
      it.forEachRemaining(kv -> {
        UnitHazard h = kv.value;
        if (inspection.getInspectionId().equals(h.getInspectionId())) {
          unitFound.put(new UnitItemKey(unit, h.getHazardId()), h.getReportedAt().toEpochMilli());
          if (!h.getFoundByOthers()) {
            credited.add(kv.key); // kept only for this inspection
          }
        }
        if (charged && h.getFoundByOthers() && misses.within(inspection.getOccurredAt(), h.getReportedAt())) {
          unitMissed.put(new UnitItemKey(unit, h.getHazardId()), h);
        }
      });
    }
    credited.forEach(hazards::delete);
    if (charged) {
      try (KeyValueIterator<EnterpriseItemKey, Long> it = accidents.prefixScan(enterpriseId, EnterpriseItemKey.ENTERPRISE_PREFIX)) {
        it.forEachRemaining(kv -> {
          if (misses.within(inspection.getOccurredAt(), Instant.ofEpochMilli(kv.value))) {
            unitAccidents.put(new UnitItemKey(unit, kv.key.id()), kv.value);
          }
        });
      }
    }
  }

  /**
   * A hazard just reported: credited to the unit whose inspection found it, charged to the units that
   * missed it. Kept for inspections still to come only when it may be charged (found by others) or
   * its inspection has not arrived yet.
   */
  private void reported(String enterpriseId, UnitHazard hazard) {
    boolean[] credited = {false};
    try (KeyValueIterator<EnterpriseItemKey, InspectionEvent> it = inspections.prefixScan(enterpriseId, EnterpriseItemKey.ENTERPRISE_PREFIX)) {
      it.forEachRemaining(kv -> {
        InspectionEvent i = kv.value;
        if (Objects.equals(hazard.getInspectionId(), i.getInspectionId())) {
          unitFound.put(new UnitItemKey(i.getUnitId(), hazard.getHazardId()), hazard.getReportedAt().toEpochMilli());
          credited[0] = true;
        }
        if (hazard.getFoundByOthers() && Misses.charged(i.getKind()) && misses.within(i.getOccurredAt(), hazard.getReportedAt())) {
          unitMissed.put(new UnitItemKey(i.getUnitId(), hazard.getHazardId()), hazard);
        }
      });
    }
    if (hazard.getFoundByOthers() || !credited[0]) {
      hazards.put(new EnterpriseItemKey(enterpriseId, hazard.getHazardId()), hazard);
    }
  }

  /** An accident: charged apart to every unit that inspected the enterprise within the window before it. */
  private void accident(String enterpriseId, AccountabilityInput.Accident accident) {
    accidents.put(new EnterpriseItemKey(enterpriseId, accident.accidentId()), accident.occurredAt().toEpochMilli());
    try (KeyValueIterator<EnterpriseItemKey, InspectionEvent> it = inspections.prefixScan(enterpriseId, EnterpriseItemKey.ENTERPRISE_PREFIX)) {
      it.forEachRemaining(kv -> {
        InspectionEvent i = kv.value;
        if (Misses.charged(i.getKind()) && misses.within(i.getOccurredAt(), accident.occurredAt())) {
          unitAccidents.put(new UnitItemKey(i.getUnitId(), accident.accidentId()), accident.occurredAt().toEpochMilli());
        }
      });
    }
  }
}
