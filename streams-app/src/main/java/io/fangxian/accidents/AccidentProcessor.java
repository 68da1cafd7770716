package io.fangxian.accidents;

import io.fangxian.accident.AccidentReport;
import io.fangxian.avro.AccidentEvent;
import io.fangxian.avro.internal.AccidentState;
import io.fangxian.domain.Park;
import io.fangxian.intake.EnrichedEvent;
import io.fangxian.store.EnterpriseItemKey;
import io.fangxian.store.StoreNames;
import io.fangxian.validate.InvalidRecordException;
import io.fangxian.validate.RejectReason;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The current version of each accident, per enterprise partition. A record with an accidentId
 * already held (and a new eventId: resent ones were dropped upstream) is a correction and replaces
 * the accident; the change carries both versions, so the figures move exactly. The township and
 * sector are those of the first report, as for hazards. A correction naming another enterprise is a
 * dead letter ({@code impossible-transition}) and writes nothing.
 */
final class AccidentProcessor extends ContextualProcessor<String, EnrichedEvent<AccidentEvent>, String, AccidentChange> {
  private KeyValueStore<String, AccidentState> accidents;
  private KeyValueStore<EnterpriseItemKey, String> dossier;

  @Override
  public void init(ProcessorContext<String, AccidentChange> context) {
    super.init(context);
    accidents = context.getStateStore(StoreNames.ACCIDENTS);
    dossier = context.getStateStore(StoreNames.DOSSIER_ACCIDENTS);
  }

  @Override
  public void process(Record<String, EnrichedEvent<AccidentEvent>> record) {
    AccidentEvent accident = record.value().event();
    AccidentState before = accidents.get(accident.getAccidentId());
    if (before != null && !before.getAccident().getEnterpriseId().equals(accident.getEnterpriseId())) {
      record.value().refuse();
      throw new InvalidRecordException(RejectReason.IMPOSSIBLE_TRANSITION, "accident " + accident.getAccidentId()
          + " was reported for enterprise " + before.getAccident().getEnterpriseId()
          + "; a correction cannot move it to " + accident.getEnterpriseId());
    }
    AccidentState after = AccidentState.newBuilder()
        .setAccident(accident)
        .setTownshipId(before == null ? record.value().enterprise().getTownshipId() : before.getTownshipId())
        .setSectorId(before == null ? record.value().enterprise().getSectorId() : before.getSectorId())
        .setParkIds(before == null ? Park.idsOf(record.value().enterprise()) : before.getParkIds())
        .setEnterpriseName(record.value().enterprise().getName())
        .build();
    after.setSupplementLate(before != null && (before.getSupplementLate()
        || AccidentReport.supplementLate(before.getAccident(), accident, after.getSectorId())));
    accidents.put(accident.getAccidentId(), after);
    if (before == null) {
      dossier.put(new EnterpriseItemKey(accident.getEnterpriseId(), accident.getAccidentId()), accident.getAccidentId());
    }
    context().forward(new Record<>(accident.getAccidentId(), new AccidentChange(before, after, record.value().enterprise()),
        record.timestamp()));
  }
}
