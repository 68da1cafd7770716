package io.fangxian.accountability;

import io.fangxian.accidents.AccidentChange;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.config.RulesConfig;
import io.fangxian.hazards.LedgerChange;
import io.fangxian.intake.EnrichedEvent;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * The accountability slice's part of the topology: the scorecards of the inspecting units (考核). Each
 * unit's inspections, the hazards they found, the hazards flying inspections and public reports found
 * soon after (漏检) and the accidents; inspections, the ledger's new hazards and new accidents meet on
 * the enterprise partition. Its figures are read from its stores; it sends nothing on.
 */
public final class Accountability {
  private Accountability() { }

  /**
   * @param inspections the inspections the dossier filed (each once)
   * @param ledger the hazard ledger's changes
   * @param accidents each accident's change
   */
  public static void add(KStream<String, EnrichedEvent<InspectionEvent>> inspections, KStream<String, LedgerChange> ledger,
      KStream<String, AccidentChange> accidents, RulesConfig rules) {
    inspections
        .mapValues(i -> AccountabilityInput.inspection(i.event()), Named.as("accountability-inspections"))
        .merge(ledger
            .filter((hazardId, c) -> c.before() == null, Named.as("accountability-reported-only"))
            .mapValues(c -> AccountabilityInput.hazard(c.after(), c.inspectionId()), Named.as("accountability-hazards")),
            Named.as("merge-accountability-hazards"))
        .merge(accidents
            .filter((accidentId, c) -> c.before() == null, Named.as("accountability-new-accidents-only"))
            .mapValues(c -> AccountabilityInput.accident(c.after().getAccident().getEnterpriseId(),
                c.after().getAccident().getAccidentId(), c.after().getAccident().getOccurredAt()),
                Named.as("accountability-accidents")),
            Named.as("merge-accountability-accidents"))
        .process(() -> new AccountabilityProcessor(new Misses(rules.accountability().window())), Named.as("accountability"),
            AccountabilityStores.INSPECTIONS, AccountabilityStores.HAZARDS, AccountabilityStores.ACCIDENTS,
            AccountabilityStores.UNIT_INSPECTIONS, AccountabilityStores.UNIT_FOUND, AccountabilityStores.UNIT_MISSED,
            AccountabilityStores.UNIT_ACCIDENTS);
  }
}
