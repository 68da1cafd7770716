package io.fangxian.accidents;

import io.fangxian.accident.AccidentDuties;
import io.fangxian.areas.CountChange;
import io.fangxian.avro.AccidentDuty;
import io.fangxian.avro.AreaType;
import io.fangxian.avro.internal.AccidentState;
import io.fangxian.avro.internal.AreaUpdate;
import io.fangxian.standing.EnterpriseAreas;
import io.fangxian.stats.AreaUpdates;
import io.fangxian.store.DueIndex;
import io.fangxian.store.DueKey;
import io.fangxian.store.StoreNames;
import io.fangxian.validate.InvalidRecordException;
import io.fangxian.validate.RejectReason;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The bureau's duties per accident ({@link AccidentDuties}, 493号令 第十、十一条), on the enterprise
 * partitions: each accident's report opens them, each {@code AccidentDuty} records one done, and the
 * wall clock makes them late 2 hours after the report was received. Sends {@code accidentDutiesLate}
 * ±1 to the accident's areas when its answer changes. A duty may arrive before its accident: it is
 * kept and judged once the accident is known. A duty naming another enterprise than its accident's
 * is a dead letter.
 */
final class AccidentDutiesProcessor extends ContextualProcessor<String, DutyInput, String, CountChange> {
  private final Duration checkEvery;
  private KeyValueStore<String, io.fangxian.avro.internal.AccidentDuties> duties;
  private DueIndex due;

  AccidentDutiesProcessor(Duration checkEvery) {
    this.checkEvery = checkEvery;
  }

  @Override
  public void init(ProcessorContext<String, CountChange> context) {
    super.init(context);
    duties = context.getStateStore(StoreNames.ACCIDENT_DUTIES);
    due = new DueIndex(context.getStateStore(StoreNames.ACCIDENT_DUTIES_DUE));
    context.schedule(checkEvery, PunctuationType.WALL_CLOCK_TIME, this::clock);
  }

  @Override
  public void process(Record<String, DutyInput> record) {
    DutyInput in = record.value();
    long now = context().currentSystemTimeMs();
    if (in.accident() != null) {
      AccidentState a = in.accident();
      String id = a.getAccident().getAccidentId();
      var d = orNew(id, a.getAccident().getEnterpriseId());
      Instant before = d.getReceivedAt();
      d.setReceivedAt(a.getAccident().getReportedAt());
      d.setAreas(EnterpriseAreas.forEvent(a.getTownshipId(), a.getSectorId(), a.getParkIds()));
      if (before != null && !before.equals(d.getReceivedAt())) {
        due.delete(AccidentDuties.due(before).toEpochMilli(), id);
      }
      settle(d, now);
    } else {
      AccidentDuty duty = in.duty().event();
      var d = orNew(duty.getAccidentId(), duty.getEnterpriseId());
      if (!d.getEnterpriseId().equals(duty.getEnterpriseId())) {
        in.duty().refuse();
        throw new InvalidRecordException(RejectReason.IMPOSSIBLE_TRANSITION, "accident " + duty.getAccidentId()
            + " belongs to enterprise " + d.getEnterpriseId() + ", not " + duty.getEnterpriseId());
      }
      Map<String, Instant> done = new HashMap<>(d.getDone());
      done.put(duty.getDuty().name(), duty.getDoneAt());
      d.setDone(done);
      settle(d, now);
    }
  }

  private io.fangxian.avro.internal.AccidentDuties orNew(String accidentId, String enterpriseId) {
    var d = duties.get(accidentId);
    return d != null ? d : io.fangxian.avro.internal.AccidentDuties.newBuilder()
        .setAccidentId(accidentId).setEnterpriseId(enterpriseId).build();
  }

  /** Counts the accident late or not as it stands at {@code nowMs}, files when to look again, and stores it. */
  private void settle(io.fangxian.avro.internal.AccidentDuties d, long nowMs) {
    Instant now = Instant.ofEpochMilli(nowMs);
    boolean late = AccidentDuties.late(d.getReceivedAt(), stringKeys(d.getDone()), now);
    if (late != d.getCountedLate() && !d.getAreas().isEmpty()) {
      AreaUpdate delta = AreaUpdates.empty(AreaType.UNKNOWN, "");
      delta.setAccidentDutiesLate(late ? 1 : -1);
      context().forward(new Record<>(d.getAccidentId(), new CountChange(delta, List.copyOf(d.getAreas())), nowMs));
      d.setCountedLate(late);
    }
    if (d.getReceivedAt() != null && !late && AccidentDuties.due(d.getReceivedAt()).isAfter(now)) {
      due.put(AccidentDuties.due(d.getReceivedAt()).toEpochMilli(), d.getAccidentId());
    }
    duties.put(d.getAccidentId(), d);
  }

  private void clock(long nowMs) {
    for (KeyValue<DueKey, String> entry : due.due(nowMs)) {
      due.delete(entry.key.dueMs(), entry.value);
      var d = duties.get(entry.value);
      if (d != null) {
        settle(d, nowMs);
      }
    }
  }

  /** Avro may hand out map keys as Utf8. */
  private static Map<String, Instant> stringKeys(Map<? extends CharSequence, Instant> done) {
    Map<String, Instant> out = new HashMap<>();
    done.forEach((k, v) -> out.put(k.toString(), v));
    return out;
  }
}
