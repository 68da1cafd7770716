package io.fangxian.enforcement;

import io.fangxian.areas.CountChange;
import io.fangxian.avro.Alert;
import io.fangxian.avro.CaseEvent;
import io.fangxian.config.PipelineConfig;
import io.fangxian.config.RulesConfig;
import io.fangxian.domain.ReferenceData;
import io.fangxian.domain.TopicRegistry;
import io.fangxian.hazards.LedgerChange;
import io.fangxian.intake.EnrichedEvent;
import io.fangxian.intake.Intake;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * The enforcement slice's part of the topology (行政处罚案件): each case's steps and clock, and every
 * major hazard of the ledger until a case names it. Cases and ledger meet on the enterprise partition.
 */
public final class Enforcement {
  private Enforcement() { }

  public record Output(KStream<String, CountChange> counts, KStream<String, Alert> signals) { }

  /** @param ledger the hazard ledger's changes */
  public static Output add(Intake intake, KStream<String, LedgerChange> ledger, TopicRegistry topics,
      PipelineConfig config, RulesConfig rules, ReferenceData reference) {
    KStream<String, EnrichedEvent<CaseEvent>> steps = intake.events(topics.enforcementCases, "case", CaseEvent::getEventId);
    KStream<String, EnforcementOutput> enforcement = steps
        .mapValues(c -> EnforcementInput.step(c.event(), c.enterprise(), c::refuse), Named.as("case-steps"))
        .merge(ledger.mapValues(c -> EnforcementInput.hazard(c.after()), Named.as("ledger-to-enforcement")),
            Named.as("merge-ledger-to-enforcement"))
        .process(() -> new EnforcementProcessor(rules.enforcement().decisionLimit(), rules.enforcement().caseWindow(),
            config.deadlineCheckInterval(), new CaseAlerts(rules.enforcement(), reference, config.zone())),
            Named.as("enforcement"), EnforcementStores.CASES, EnforcementStores.HAZARDS, EnforcementStores.DUE,
            EnforcementStores.DOSSIER);
    KStream<String, CountChange> counts = enforcement
        .filter((key, out) -> out.delta() != null, Named.as("case-counts-only"))
        .mapValues(out -> new CountChange(out.delta(), out.areas()), Named.as("case-counts"));
    KStream<String, Alert> signals = enforcement
        .filter((key, out) -> out.signal() != null, Named.as("case-signals-only"))
        .mapValues(EnforcementOutput::signal, Named.as("case-signals"));
    return new Output(counts, signals);
  }
}
