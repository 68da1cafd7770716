package io.fangxian.flying;

import io.fangxian.avro.InspectionEvent;
import io.fangxian.config.PipelineConfig;
import io.fangxian.config.RulesConfig;
import io.fangxian.hazards.LedgerChange;
import io.fangxian.intake.EnrichedEvent;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * The flying-inspection slice's part of the topology (交办 and 回头看): a flying inspection's findings
 * assigned to the township and the department, and the revisit they owe. Inspections and the ledger's
 * new hazards meet on the enterprise partition. Its figures are read from its stores; it sends nothing on.
 */
public final class Flying {
  private Flying() { }

  /**
   * @param inspections the inspections the dossier filed (each once)
   * @param ledger the hazard ledger's changes
   */
  public static void add(KStream<String, EnrichedEvent<InspectionEvent>> inspections, KStream<String, LedgerChange> ledger,
      PipelineConfig config, RulesConfig rules) {
    inspections
        .mapValues(i -> RevisitInput.inspection(i.event()), Named.as("revisit-inspections"))
        .merge(ledger
            .filter((hazardId, c) -> c.before() == null, Named.as("revisit-reported-only"))
            .mapValues(c -> RevisitInput.hazard(c.after(), c.inspectionId()), Named.as("revisit-hazards")),
            Named.as("merge-revisit-hazards"))
        .process(() -> new RevisitProcessor(rules.flying().revisitWithin(), config.deadlineCheckInterval()),
            Named.as("flying-revisits"), RevisitStores.INSPECTIONS, RevisitStores.REVISITS, RevisitStores.DUE);
  }
}
