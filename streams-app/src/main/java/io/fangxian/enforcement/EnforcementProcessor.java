package io.fangxian.enforcement;

import io.fangxian.avro.AreaType;
import io.fangxian.avro.CaseEvent;
import io.fangxian.avro.HazardState;
import io.fangxian.avro.internal.AreaUpdate;
import io.fangxian.avro.internal.CaseState;
import io.fangxian.avro.internal.HazardCaseWatch;
import io.fangxian.ledger.HazardLifecycle;
import io.fangxian.standing.EnterpriseAreas;
import io.fangxian.stats.AreaKeys;
import io.fangxian.stats.AreaUpdates;
import io.fangxian.store.DueIndex;
import io.fangxian.store.DueKey;
import io.fangxian.store.EnterpriseItemKey;
import io.fangxian.validate.InvalidRecordException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Enforcement cases (行政处罚案件) on the enterprise partition: applies each step in its order
 * ({@link CaseSteps}), keeps each case's decision clock, and watches every major hazard the ledger
 * reports until a case of its enterprise names it. The ledger's changes and the cases are keyed by
 * enterprise on co-partitioned topics, so both reach this one processor.
 *
 * <p>Forwards the count changes of the case figures ({@link CaseFigures}). The wall clock makes a
 * case decision-overdue and a major hazard "without case" through a due index ({@code enforcement-due}):
 * a punctuation reads only what is due; an entry that is no longer needed is dropped when reached.
 */
public final class EnforcementProcessor implements Processor<String, EnforcementInput, String, EnforcementOutput> {
  private static final String CASE = "case:";
  private static final String HAZARD = "hazard:";

  private final CaseSteps steps;
  private final CaseAlerts alerts;
  private final Duration caseWindow;
  private final Duration checkInterval;
  private ProcessorContext<String, EnforcementOutput> context;
  private KeyValueStore<String, CaseState> cases;
  private KeyValueStore<String, HazardCaseWatch> hazards;
  private DueIndex due;
  private KeyValueStore<EnterpriseItemKey, String> dossier;

  /**
   * @param decisionLimit {@code enforcement.decisionLimit} (行政处罚法 第六十条, 90 days)
   * @param caseWindow {@code enforcement.caseWindow} (the product's 15 days)
   * @param checkInterval how often the wall clock is compared with what is due
   * @param alerts the slice's alerts, or null for none
   */
  public EnforcementProcessor(Duration decisionLimit, Duration caseWindow, Duration checkInterval, CaseAlerts alerts) {
    this.steps = new CaseSteps(decisionLimit);
    this.alerts = alerts == null || !alerts.enabled() ? null : alerts;
    this.caseWindow = caseWindow;
    this.checkInterval = checkInterval;
  }

  @Override
  public void init(ProcessorContext<String, EnforcementOutput> context) {
    this.context = context;
    cases = context.getStateStore(EnforcementStores.CASES);
    hazards = context.getStateStore(EnforcementStores.HAZARDS);
    due = new DueIndex(context.getStateStore(EnforcementStores.DUE));
    dossier = context.getStateStore(EnforcementStores.DOSSIER);
    context.schedule(checkInterval, PunctuationType.WALL_CLOCK_TIME, this::clock);
  }

  @Override
  public void process(Record<String, EnforcementInput> record) {
    long now = context.currentSystemTimeMs();
    EnforcementInput in = record.value();
    if (in.step() != null) {
      step(in, now, record.timestamp());
    } else if (in.hazard() != null) {
      hazard(in.hazard(), now, record.timestamp());
    }
  }

  private void step(EnforcementInput in, long now, long timestamp) {
    CaseEvent step = in.step();
    CaseState before = cases.get(step.getCaseId());
    CaseState after;
    try {
      after = steps.apply(before, step, in.enterprise(), now);
    } catch (InvalidRecordException impossible) {
      if (in.refuse() != null) {
        in.refuse().run();
      }
      throw impossible;
    }
    cases.put(after.getCaseId(), after);
    if (before == null) {
      dossier.put(new EnterpriseItemKey(after.getEnterpriseId(), after.getCaseId()), after.getCaseId());
    }
    Long was = before == null || before.getDecisionOverdue() ? null : steps.decisionDueMs(before);
    Long next = after.getDecisionOverdue() ? null : steps.decisionDueMs(after);
    if (was != null && !was.equals(next)) {
      due.delete(was, CASE + after.getCaseId());
    }
    if (next != null) {
      due.put(next, CASE + after.getCaseId());
    }
    forward(after.getCaseId(), CaseFigures.caseChange(before, after), caseAreas(after), timestamp);
    boolean wasOverdue = CaseFigures.overdue(before);
    if (alerts != null && wasOverdue != CaseFigures.overdue(after)) {
      signal(alerts.decisionOverdue(after, !wasOverdue, now), timestamp);
    }
    List<String> newlyNamed = new ArrayList<>(after.getHazardIds());
    if (before != null) {
      newlyNamed.removeAll(before.getHazardIds());
    }
    for (String hazardId : newlyNamed) {
      HazardCaseWatch w = hazards.get(key(after.getEnterpriseId(), hazardId));
      if (w == null) {
        w = HazardCaseWatch.newBuilder().setHazardId(hazardId).setEnterpriseId(after.getEnterpriseId()).build();
      }
      if (w.getCaseId() == null) {
        w.setCaseId(after.getCaseId());
        store(w, null, false, now, timestamp);
      }
    }
  }

  /** A hazard's new state from the ledger: only major hazards, and those a case named, are kept. */
  private void hazard(HazardState s, long now, long timestamp) {
    HazardCaseWatch stored = hazards.get(key(s.getEnterpriseId(), s.getHazardId()));
    boolean openMajor = HazardLifecycle.isOpen(s) && HazardLifecycle.isMajor(s);
    if (stored == null && !openMajor) {
      return;
    }
    HazardCaseWatch w = stored == null
        ? HazardCaseWatch.newBuilder().setHazardId(s.getHazardId()).setEnterpriseId(s.getEnterpriseId()).build()
        : HazardCaseWatch.newBuilder(stored).build();
    w.setKnown(true);
    w.setTownshipId(s.getTownshipId());
    w.setSectorId(s.getSectorId());
    w.setParkIds(new ArrayList<>(s.getParkIds()));
    w.setOpenMajor(openMajor);
    w.setReportedAt(s.getReportedAt());
    store(w, stored, !HazardLifecycle.isOpen(s), now, timestamp);
  }

  /**
   * Stores the watch with its count read at {@code now}, keeps its due entry, forwards a change of
   * the count. A closed hazard is forgotten; so is an open general one no case named (regraded to
   * major again, it starts afresh, as no case named it). One a case named is kept while open: the
   * case still answers it should it be regraded major again.
   *
   * @param stored the watch as stored, or null if it is not or has changed: an unchanged watch (most
   *     ledger steps of an open major hazard) is not written again, nor is its due entry, which
   *     follows from the watch alone
   */
  private void store(HazardCaseWatch w, HazardCaseWatch stored, boolean closed, long now, long timestamp) {
    String key = key(w.getEnterpriseId(), w.getHazardId());
    boolean was = w.getCounted();
    boolean waiting = w.getKnown() && w.getOpenMajor() && w.getCaseId() == null;
    long dueMs = w.getReportedAt() == null ? 0 : w.getReportedAt().plus(caseWindow).toEpochMilli();
    boolean counted = waiting && now >= dueMs;
    w.setCounted(counted);
    if (!closed && w.equals(stored)) {
      return;
    }
    if (closed || (w.getKnown() && !w.getOpenMajor() && w.getCaseId() == null)) {
      hazards.delete(key);
      if (w.getReportedAt() != null) {
        due.delete(dueMs, HAZARD + key);
      }
    } else {
      hazards.put(key, w);
      if (w.getReportedAt() != null) {
        if (waiting && !counted) {
          due.put(dueMs, HAZARD + key);
        } else {
          due.delete(dueMs, HAZARD + key);
        }
      }
    }
    if (was != counted) {
      forward(w.getHazardId(), CaseFigures.hazardWithoutCase(counted ? 1 : -1, w.getReportedAt()),
          EnterpriseAreas.forEvent(w.getTownshipId(), w.getSectorId(), w.getParkIds()), timestamp);
      if (alerts != null) {
        signal(alerts.withoutCase(w, counted, now), timestamp);
      }
    }
  }

  private void clock(long now) {
    for (KeyValue<DueKey, String> entry : due.due(now)) {
      due.delete(entry.key.dueMs(), entry.value);
      if (entry.value.startsWith(CASE)) {
        CaseState before = cases.get(entry.value.substring(CASE.length()));
        if (before == null || before.getDecisionOverdue()) {
          continue;
        }
        CaseState after = steps.withClock(CaseState.newBuilder(before).build(), now);
        if (after.getDecisionOverdue()) {
          cases.put(after.getCaseId(), after);
          forward(after.getCaseId(), CaseFigures.caseChange(before, after), caseAreas(after), now);
          if (alerts != null) {
            signal(alerts.decisionOverdue(after, true, now), now);
          }
        }
      } else {
        HazardCaseWatch w = hazards.get(entry.value.substring(HAZARD.length()));
        if (w != null && !w.getCounted()) {
          store(w, null, false, now, now);
        }
      }
    }
  }

  private void forward(String key, AreaUpdate delta, List<String> areas, long timestamp) {
    if (AreaUpdates.changesCounts(delta)) {
      context.forward(new Record<>(key, new EnforcementOutput(delta, areas, null), timestamp));
    }
  }

  private void signal(io.fangxian.avro.Alert alert, long timestamp) {
    context.forward(new Record<>(alert.getAlertKey(), new EnforcementOutput(null, null, alert), timestamp));
  }

  /** A case answers the hazards of its own enterprise: the watch is keyed by both. */
  static String key(String enterpriseId, String hazardId) {
    return enterpriseId + "|" + hazardId;
  }

  /**
   * The areas a case counts in, the same at every step: its township, sector and parks, and the grid
   * it was opened in. A major hazard without a case counts in no grid, as the ledger's hazards do not.
   */
  private static List<String> caseAreas(CaseState c) {
    List<String> areas = EnterpriseAreas.forEvent(c.getTownshipId(), c.getSectorId(), c.getParkIds());
    if (c.getGridId() != null) {
      areas.add(AreaKeys.area(AreaType.GRID, c.getGridId()));
    }
    return areas;
  }
}
