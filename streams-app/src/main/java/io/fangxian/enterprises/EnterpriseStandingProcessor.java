package io.fangxian.enterprises;

import io.fangxian.areas.CountChange;
import io.fangxian.avro.Alert;
import io.fangxian.avro.CertificateEvent;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.Grid;
import io.fangxian.avro.internal.AreaUpdate;
import io.fangxian.avro.internal.EnterpriseStanding;
import io.fangxian.domain.ReferenceData;
import io.fangxian.rules.StandingRules;
import io.fangxian.standing.CertificateCheck;
import io.fangxian.standing.EnterpriseAreas;
import io.fangxian.standing.StandingCounters;
import io.fangxian.store.DueIndex;
import io.fangxian.store.DueKey;
import io.fangxian.store.StoreNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The standing of each enterprise: coverage (when someone other than itself last inspected it) and
 * its key posts' certificates. Each change, and the clock moving an inspection out of a window or a
 * certificate towards expiry, sends the difference between what the enterprise counts for now and
 * what it last counted for, to every area it is in (township, sector, grid, parks). An enterprise
 * that moves grid or closes takes its counts back from where they were. The certificate rules speak
 * when compliance or the expiring certificates change.
 */
final class EnterpriseStandingProcessor extends ContextualProcessor<String, StandingInput, String, StandingOutput> {
  private final StandingCounters counters;
  private final ReferenceData reference;
  private final StandingRules rules;
  private final Duration checkEvery;
  private KeyValueStore<String, EnterpriseStanding> standings;
  private DueIndex due;
  private TimestampedKeyValueStore<String, Grid> grids;

  EnterpriseStandingProcessor(ReferenceData reference, StandingRules rules, Duration checkEvery) {
    this.counters = new StandingCounters(reference, rules.reviewNotice());
    this.reference = reference;
    this.rules = rules;
    this.checkEvery = checkEvery;
  }

  @Override
  public void init(ProcessorContext<String, StandingOutput> context) {
    super.init(context);
    standings = context.getStateStore(StoreNames.ENTERPRISE_STANDING);
    due = new DueIndex(context.getStateStore(StoreNames.STANDING_DUE));
    grids = context.getStateStore(StoreNames.GRIDS);
    context.schedule(checkEvery, PunctuationType.WALL_CLOCK_TIME, this::clock);
  }

  @Override
  public void process(Record<String, StandingInput> record) {
    String id = record.key();
    StandingInput input = record.value();
    EnterpriseStanding s = standings.get(id);
    if (s == null) {
      s = EnterpriseStanding.newBuilder().build();
    }
    Enterprise before = s.getEnterprise();
    switch (input.kind()) {
      case LISTED -> s.setEnterprise(input.enterprise());
      case INSPECTED -> {
        if (s.getLastInspectedAt() != null && !input.inspectedAt().isAfter(s.getLastInspectedAt())) {
          return; // an older inspection than the one known changes nothing
        }
        s.setLastInspectedAt(input.inspectedAt());
      }
      case PATROLLED -> {
        if (s.getLastPatrolledAt() != null && !input.inspectedAt().isAfter(s.getLastPatrolledAt())) {
          return;
        }
        s.setLastPatrolledAt(input.inspectedAt());
      }
      case CERTIFICATE -> {
        CertificateEvent c = input.certificate();
        List<CertificateEvent> held = new ArrayList<>(s.getCertificates());
        held.removeIf(h -> h.getCertificateId().equals(c.getCertificateId()));
        if (c.getEnterpriseId().equals(id)) {
          held.add(c);
        }
        s.setCertificates(held);
      }
    }
    boolean rulesAsked = input.kind() == StandingInput.Kind.LISTED || input.kind() == StandingInput.Kind.CERTIFICATE;
    recount(id, s, before, rulesAsked, context().currentSystemTimeMs());
  }

  /** Sends the difference of the counts, says what the rules say, and files the next time it is due. */
  private void recount(String id, EnterpriseStanding s, Enterprise before, boolean rulesAsked, long nowMs) {
    Instant now = Instant.ofEpochMilli(nowMs);
    Enterprise e = s.getEnterprise();
    AreaUpdate counted = s.getCounted() == null ? StandingCounters.zero() : s.getCounted();
    CertificateCheck.Result result = e == null ? null : counters.certificates().check(e, s.getCertificates(), now);
    AreaUpdate next = counters.at(s, result, now);
    List<String> areas = StandingCounters.counts(e) ? EnterpriseAreas.of(e) : List.of();
    if (areas.equals(s.getCountedAreas())) {
      if (!StandingCounters.same(counted, next)) {
        send(id, new CountChange(StandingCounters.difference(counted, next), areas), nowMs);
      }
    } else {
      if (!s.getCountedAreas().isEmpty()) {
        send(id, new CountChange(StandingCounters.difference(counted, StandingCounters.zero()), s.getCountedAreas()), nowMs);
      }
      if (!areas.isEmpty()) {
        send(id, new CountChange(StandingCounters.difference(StandingCounters.zero(), next), areas), nowMs);
      }
    }
    boolean complianceMoved = counted.getNonCompliantEnterprises() != next.getNonCompliantEnterprises()
        || counted.getCertificatesExpiringWithin30d() != next.getCertificatesExpiringWithin30d()
        || counted.getCertificatesReviewOverdue() != next.getCertificatesReviewOverdue();
    if (e != null && (rulesAsked || complianceMoved)) {
      // Only what may fire, or resolve what may be live: a compliant enterprise with nothing
      // expiring, and nothing before, has nothing to say (most of them, on every reload of the list).
      boolean active = StandingCounters.counts(e);
      boolean applies = active && reference.inKeyArea(e);
      if ((applies && !result.compliant()) || counted.getNonCompliantEnterprises() > 0) {
        signal(rules.compliance(e, applies, result, now), nowMs);
      }
      List<CertificateEvent> expiring = active ? result.expiring() : List.of();
      if (!expiring.isEmpty() || counted.getCertificatesExpiringWithin30d() > 0) {
        signal(rules.expiry(e, expiring, gridWorker(e), now), nowMs);
      }
    } else if (e == null && before != null) {
      signal(rules.compliance(before, false, CertificateCheck.Result.NONE, now), nowMs);
      signal(rules.expiry(before, List.of(), null, now), nowMs);
      signal(rules.review(before, CertificateCheck.Result.NONE, null, now), nowMs);
    }
    int dueSoon = e != null && StandingCounters.counts(e) ? result.reviewDueSoon().size() : 0;
    boolean reviewsMoved = dueSoon != s.getReviewsDueSoon()
        || counted.getCertificatesReviewOverdue() != next.getCertificatesReviewOverdue();
    if (e != null && (rulesAsked || reviewsMoved)
        && (dueSoon > 0 || next.getCertificatesReviewOverdue() > 0 || s.getReviewsDueSoon() > 0
            || counted.getCertificatesReviewOverdue() > 0)) {
      CertificateCheck.Result shown = StandingCounters.counts(e) ? result : CertificateCheck.Result.NONE;
      signal(rules.review(e, shown, gridWorker(e), now), nowMs);
    }
    s.setReviewsDueSoon(dueSoon);
    s.setCounted(next);
    s.setCountedAreas(areas);
    Instant dueAt = counters.nextChange(s, now);
    if (!Objects.equals(dueAt, s.getDueAt())) {
      if (s.getDueAt() != null) {
        due.delete(s.getDueAt().toEpochMilli(), id);
      }
      if (dueAt != null) {
        due.put(dueAt.toEpochMilli(), id);
      }
      s.setDueAt(dueAt);
    }
    if (e == null && s.getLastInspectedAt() == null && s.getLastPatrolledAt() == null && s.getCertificates().isEmpty()) {
      standings.delete(id);
    } else {
      standings.put(id, s);
    }
  }

  /** The clock: recounts the enterprises whose standing is due (in slices, see {@link DueIndex}). */
  private void clock(long nowMs) {
    for (KeyValue<DueKey, String> entry : due.due(nowMs)) {
      due.delete(entry.key.dueMs(), entry.value);
      EnterpriseStanding s = standings.get(entry.value);
      if (s != null && s.getDueAt() != null && s.getDueAt().toEpochMilli() == entry.key.dueMs()) {
        s.setDueAt(null);
        recount(entry.value, s, s.getEnterprise(), false, nowMs);
      }
    }
  }

  /** Who the expiry reminder goes to: the grid worker of the enterprise's grid, where known. */
  private String gridWorker(Enterprise e) {
    if (e.getGridId() == null) {
      return null;
    }
    ValueAndTimestamp<Grid> grid = grids.get(e.getGridId());
    if (grid == null || grid.value() == null || grid.value().getWorkerName() == null) {
      return e.getGridId() + " 网格员(未登记)";
    }
    return "网格员 " + grid.value().getWorkerName() + "(" + grid.value().getName() + ")";
  }

  private void send(String id, CountChange change, long nowMs) {
    context().forward(new Record<>(id, new StandingOutput(change, null), nowMs));
  }

  private void signal(Optional<Alert> signal, long nowMs) {
    signal.ifPresent(a -> context().forward(new Record<>(a.getAlertKey(), new StandingOutput(null, a), nowMs)));
  }
}
