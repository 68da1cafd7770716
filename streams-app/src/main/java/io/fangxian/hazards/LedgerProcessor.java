package io.fangxian.hazards;

import io.fangxian.avro.HazardEvent;
import io.fangxian.avro.HazardState;
import io.fangxian.avro.internal.HazardReportLinks;
import io.fangxian.config.PipelineConfig;
import io.fangxian.config.RulesConfig;
import io.fangxian.domain.HazardCriteria;
import io.fangxian.intake.EnrichedEvent;
import io.fangxian.intake.EventIds;
import io.fangxian.ledger.HazardLifecycle;
import io.fangxian.metrics.PipelineMetrics;
import io.fangxian.reports.HazardReportLink;
import io.fangxian.store.DueIndex;
import io.fangxian.store.DueKey;
import io.fangxian.store.EnterpriseItemKey;
import io.fangxian.store.StoreNames;
import io.fangxian.validate.InvalidRecordException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The hazard ledger (整改"一本账"), per enterprise partition: moves each hazard through its closed
 * loop and keeps the index of when each open hazard is due next, so the wall clock can make it
 * overdue and raise its overdue alert step by step. Forwards one {@link LedgerChange} per change,
 * keyed by hazardId.
 *
 * <p>A public report's VERIFIED step that names a hazard ({@link HazardReportLink}) adds the report to
 * the hazard's {@code reportIds}: at once when the ledger holds the hazard, else kept in
 * {@code hazard-report-links} until the hazard is reported, whichever comes first.
 *
 * <p>An impossible step is refused before anything is written: the event becomes a dead letter
 * and leaves no other trace (see {@link EnrichedEvent#refuse()}).
 *
 * <p>Hazard events are deduplicated here, from the state each hazard already carries: its
 * {@code eventIds}. So the ledger's own write remembers the event, and no store of ids is written
 * per event. A hazard stored before that field existed knows only the events it took since, so the
 * ids the {@code event-ids} store took under {@code hazard:} before are still looked up (a read,
 * not a write) until their retention ends and they are pruned.
 */
final class LedgerProcessor implements Processor<String, LedgerInput, String, LedgerChange> {
  private final PipelineConfig config;
  private final PipelineMetrics metrics;
  private final HazardLifecycle lifecycle;
  private final List<Duration> overdueSteps;
  private ProcessorContext<String, LedgerChange> context;
  private KeyValueStore<String, HazardState> ledger;
  private DueIndex deadlines;
  private KeyValueStore<EnterpriseItemKey, String> dossier;
  private KeyValueStore<String, HazardReportLinks> links;
  private EventIds takenBefore;

  LedgerProcessor(PipelineConfig config, RulesConfig rules, HazardCriteria criteria, PipelineMetrics metrics) {
    this.config = config;
    this.metrics = metrics;
    this.lifecycle = new HazardLifecycle(criteria, rules.majorHazardSupervision().after(), rules.writeOffReview().within());
    this.overdueSteps = rules.overdueRectification().steps().stream().map(RulesConfig.Step::after).toList();
  }

  @Override
  public void init(ProcessorContext<String, LedgerChange> context) {
    this.context = context;
    ledger = context.getStateStore(StoreNames.HAZARD_LEDGER);
    deadlines = new DueIndex(context.getStateStore(StoreNames.HAZARD_DEADLINES));
    dossier = context.getStateStore(StoreNames.DOSSIER_HAZARDS);
    links = context.getStateStore(StoreNames.HAZARD_REPORT_LINKS);
    takenBefore = new EventIds(context.getStateStore(StoreNames.EVENT_IDS), "hazard", config.dedupRetention());
    context.schedule(config.deadlineCheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::deadlinesDue);
    context.schedule(EventIds.PRUNE_EVERY, PunctuationType.WALL_CLOCK_TIME, takenBefore::prune);
  }

  @Override
  public void process(Record<String, LedgerInput> input) {
    if (input.value().link() != null) {
      link(input.value().link(), input.timestamp());
      return;
    }
    Record<String, EnrichedEvent<HazardEvent>> record = input.withValue(input.value().event());
    HazardEvent hazard = record.value().event();
    long now = context.currentSystemTimeMs();
    HazardState before = ledger.get(hazard.getHazardId());
    if (before != null && (HazardLifecycle.applied(before, hazard.getEventId()) || takenBefore.contains(hazard.getEventId()))) {
      metrics.duplicateDropped(context.recordMetadata());
      return;
    }
    HazardState after;
    try {
      after = lifecycle.apply(before, hazard, record.value().enterprise(), now);
    } catch (InvalidRecordException impossible) {
      record.value().refuse();
      throw impossible;
    }
    if (before == null) {
      HazardReportLinks waiting = links.get(after.getHazardId());
      if (waiting != null && waiting.getEnterpriseId().equals(after.getEnterpriseId())) {
        after.setReportIds(new ArrayList<>(waiting.getReportIds()));
        links.delete(after.getHazardId());
      }
    }
    store(before, after, now);
    if (before == null) {
      dossier.put(new EnterpriseItemKey(after.getEnterpriseId(), after.getHazardId()), after.getHazardId());
    }
    context.forward(record.withKey(after.getHazardId())
        .withValue(new LedgerChange(before, after, record.value().enterprise(), true,
            hazard.getInspectionId())));
  }

  /**
   * A report named the hazard: it joins the hazard's reportIds, or waits for the hazard. A hazard of
   * another enterprise of the same id is not the one the report named: the link waits for its own.
   */
  private void link(HazardReportLink link, long timestamp) {
    HazardState before = ledger.get(link.hazardId());
    if (before != null && before.getEnterpriseId().equals(link.enterpriseId())) {
      if (before.getReportIds().contains(link.reportId())) {
        return;
      }
      HazardState after = HazardState.newBuilder(before).build();
      List<String> reportIds = new ArrayList<>(before.getReportIds());
      reportIds.add(link.reportId());
      after.setReportIds(reportIds);
      ledger.put(after.getHazardId(), after);
      context.forward(new Record<>(after.getHazardId(), new LedgerChange(before, after, null, true, null), timestamp));
      return;
    }
    HazardReportLinks waiting = links.get(link.hazardId());
    if (waiting == null || !waiting.getEnterpriseId().equals(link.enterpriseId())) {
      waiting = HazardReportLinks.newBuilder().setHazardId(link.hazardId()).setEnterpriseId(link.enterpriseId()).build();
    }
    if (!waiting.getReportIds().contains(link.reportId())) {
      List<String> reportIds = new ArrayList<>(waiting.getReportIds());
      reportIds.add(link.reportId());
      waiting.setReportIds(reportIds);
      links.put(link.hazardId(), waiting);
    }
  }

  /**
   * The ledger, and the deadline index: one entry per open hazard, at the next time it is due.
   * Most steps change neither, and then the index is not written at all. An entry already due but
   * not yet reached by the punctuation may stay behind after a closure or an extension; the
   * punctuation finds the hazard closed or not yet overdue and only drops it.
   */
  private void store(HazardState before, HazardState after, long now) {
    ledger.put(after.getHazardId(), after);
    Long was = before == null ? null : nextDue(before, now);
    Long next = nextDue(after, now);
    if (!Objects.equals(was, next)) {
      if (was != null) {
        deadlines.delete(was, after.getHazardId());
      }
      if (next != null) {
        deadlines.put(next, after.getHazardId());
      }
    }
  }

  /**
   * When an open hazard must be looked at again, after {@code after}: its deadline (to mark it
   * overdue), the next overdue step after it (the overdue alert's level rises), or for a major
   * hazard without supervision the time it counts as unsupervised, or when the department's
   * write-off review falls due; null if never.
   */
  Long nextDue(HazardState s, long after) {
    if (!HazardLifecycle.isOpen(s)) {
      return null;
    }
    Long next = null;
    if (HazardLifecycle.isMajor(s) && s.getSupervision() == null) {
      long due = lifecycle.supervisionDueMs(s);
      next = due > after ? due : null;
    }
    if (s.getWriteOffReviewDue() != null) {
      long due = s.getWriteOffReviewDue().toEpochMilli();
      next = earlier(next, due > after ? due : null);
    }
    if (s.getDeadline() == null) {
      return next;
    }
    long deadline = s.getDeadline().toEpochMilli();
    next = earlier(next, deadline > after ? deadline : null);
    for (Duration step : overdueSteps) {
      long due = deadline + step.toMillis();
      next = earlier(next, due > after ? due : null);
    }
    return next;
  }

  private static Long earlier(Long a, Long b) {
    return a == null ? b : b == null ? a : Long.valueOf(Math.min(a, b));
  }

  private void deadlinesDue(long now) {
    for (KeyValue<DueKey, String> entry : deadlines.due(now)) {
      deadlines.delete(entry.key.dueMs(), entry.value);
      HazardState before = ledger.get(entry.value);
      if (before == null || !HazardLifecycle.isOpen(before)) {
        continue;
      }
      HazardState after = lifecycle.withClock(HazardState.newBuilder(before).build(), now);
      boolean changed = !after.equals(before); // an overdue step falling due changes no state
      if (changed) {
        ledger.put(after.getHazardId(), after);
      }
      Long next = nextDue(after, now);
      if (next != null) {
        deadlines.put(next, after.getHazardId());
      }
      // Even when nothing changed: an overdue step is due, and the rules raise the level.
      context.forward(new Record<>(after.getHazardId(), new LedgerChange(before, after, null, changed, null), now));
    }
  }
}
