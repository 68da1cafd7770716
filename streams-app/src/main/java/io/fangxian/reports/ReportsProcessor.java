package io.fangxian.reports;

import io.fangxian.avro.internal.AreaUpdate;
import io.fangxian.avro.internal.ReportState;
import io.fangxian.stats.AreaUpdates;
import io.fangxian.store.DueIndex;
import io.fangxian.store.DueKey;
import io.fangxian.store.EnterpriseItemKey;
import io.fangxian.validate.InvalidRecordException;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Public reports (举报): applies each step in its order ({@link ReportSteps}), keeps each report's
 * verification clock, and forwards the count changes of the report figures ({@link ReportFigures})
 * and, for a VERIFIED step naming hazards, one {@link HazardReportLink} per hazard for the ledger.
 * A report naming an enterprise is keyed by it, so it meets the enterprise's hazards on their
 * partition; one naming none is keyed by its reportId.
 *
 * <p>The wall clock makes a report verification-overdue through a due index ({@code reports-due}): a
 * punctuation reads only what is due; an entry no longer needed is dropped when reached.
 */
public final class ReportsProcessor implements Processor<String, ReportsInput, String, ReportsOutput> {
  private final ReportSteps steps;
  private final ReportLimits limits;
  private final Duration checkInterval;
  private ProcessorContext<String, ReportsOutput> context;
  private KeyValueStore<String, ReportState> reports;
  private DueIndex due;
  private KeyValueStore<EnterpriseItemKey, String> dossier;

  /**
   * @param knownTownship whether a townshipId is one of the reference data's
   * @param checkInterval how often the wall clock is compared with what is due
   */
  public ReportsProcessor(ReportLimits limits, Predicate<String> knownTownship, Duration checkInterval) {
    this.steps = new ReportSteps(limits, knownTownship);
    this.limits = limits;
    this.checkInterval = checkInterval;
  }

  @Override
  public void init(ProcessorContext<String, ReportsOutput> context) {
    this.context = context;
    reports = context.getStateStore(ReportsStores.REPORTS);
    due = new DueIndex(context.getStateStore(ReportsStores.DUE));
    dossier = context.getStateStore(ReportsStores.DOSSIER);
    context.schedule(checkInterval, PunctuationType.WALL_CLOCK_TIME, this::clock);
  }

  @Override
  public void process(Record<String, ReportsInput> record) {
    long now = context.currentSystemTimeMs();
    ReportsInput in = record.value();
    ReportState before = reports.get(in.step().getReportId());
    ReportState after;
    try {
      after = steps.apply(before, in.step(), in.enterprise(), now);
    } catch (InvalidRecordException refused) {
      if (in.refuse() != null) {
        in.refuse().run();
      }
      throw refused;
    }
    reports.put(after.getReportId(), after);
    if (before == null && after.getEnterpriseId() != null) {
      dossier.put(new EnterpriseItemKey(after.getEnterpriseId(), after.getReportId()), after.getReportId());
    }
    Long was = waiting(before) ? limits.verificationDueMs(before) : null;
    Long next = waiting(after) ? limits.verificationDueMs(after) : null;
    if (was != null && !was.equals(next)) {
      due.delete(was, after.getReportId());
    }
    if (next != null) {
      due.put(next, after.getReportId());
    }
    forward(after, ReportFigures.change(before, after), record.timestamp());
    // A report naming no enterprise keeps the hazards its verification names, but cannot link them: a
    // hazard is in the ledger of its enterprise's partition, which such a report does not reach.
    if (before != null && before.getVerifiedAt() == null && after.getVerifiedAt() != null && after.getEnterpriseId() != null) {
      for (String hazardId : after.getHazardIds()) {
        context.forward(new Record<>(hazardId, new ReportsOutput(null, null,
            new HazardReportLink(hazardId, after.getEnterpriseId(), after.getReportId())), record.timestamp()));
      }
    }
  }

  /** Waiting for verification and not yet counted overdue: its due entry is needed. */
  private static boolean waiting(ReportState r) {
    return ReportSteps.waitingForVerification(r) && !r.getVerificationOverdue();
  }

  private void clock(long now) {
    for (KeyValue<DueKey, String> entry : due.due(now)) {
      due.delete(entry.key.dueMs(), entry.value);
      ReportState before = reports.get(entry.value);
      if (!waiting(before)) {
        continue;
      }
      ReportState after = steps.withClock(ReportState.newBuilder(before).build(), now);
      if (after.getVerificationOverdue()) {
        reports.put(after.getReportId(), after);
        forward(after, ReportFigures.change(before, after), now);
      } else {
        due.put(limits.verificationDueMs(after), after.getReportId());
      }
    }
  }

  private void forward(ReportState after, AreaUpdate delta, long timestamp) {
    if (AreaUpdates.changesCounts(delta)) {
      List<String> areas = ReportFigures.areas(after);
      context.forward(new Record<>(after.getReportId(), new ReportsOutput(delta, areas, null), timestamp));
    }
  }
}
