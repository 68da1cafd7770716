package io.fangxian.accidents;

import io.fangxian.areas.CountChange;
import io.fangxian.avro.AccidentDuty;
import io.fangxian.avro.AccidentEvent;
import io.fangxian.avro.Alert;
import io.fangxian.config.PipelineConfig;
import io.fangxian.domain.TopicRegistry;
import io.fangxian.intake.EnrichedEvent;
import io.fangxian.intake.Intake;
import io.fangxian.standing.EnterpriseAreas;
import io.fangxian.stats.AreaUpdates;
import io.fangxian.store.StoreNames;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/** The accidents slice's part of the topology: the current version of each accident, its counts, its alerts and the bureau's duties. */
public final class Accidents {
  private Accidents() { }

  /**
   * @param accidents each accident's change (a new accident, or a correction replacing its current version)
   * @param dutyCounts the counts of the bureau's duties, done and overdue
   */
  public record Output(KStream<String, AccidentChange> accidents, KStream<String, CountChange> counts,
      KStream<String, Alert> signals, KStream<String, CountChange> dutyCounts) { }

  /** @param intake where the accident duties' events come in */
  public static Output add(KStream<String, EnrichedEvent<AccidentEvent>> accidentEvents, Intake intake,
      TopicRegistry topics, PipelineConfig config, AccidentRules accidentRules) {
    // The current version of each (corrections replace it), its counts and its alerts.
    KStream<String, AccidentChange> accidents = accidentEvents.process(AccidentProcessor::new,
        Named.as("accidents"), StoreNames.ACCIDENTS, StoreNames.DOSSIER_ACCIDENTS);
    KStream<String, CountChange> counts = accidents.mapValues(
        c -> new CountChange(AreaUpdates.accident(c.before() == null ? null : c.before().getAccident(),
            c.after().getAccident()),
            EnterpriseAreas.forEvent(c.after().getTownshipId(), c.after().getSectorId(), c.after().getParkIds())),
        Named.as("accident-counts"));
    KStream<String, Alert> signals = accidents.process(() -> new AccidentRulesProcessor(accidentRules),
        Named.as("accident-rules"));
    // The bureau's duties once it has the report (493号令 第十、十一条), recorded as they are done.
    KStream<String, CountChange> dutyCounts = accidents
        .mapValues(c -> DutyInput.accident(c.after()), Named.as("accident-duties-opened"))
        .merge(intake.events(topics.accidentDuties, "accident-duty", "accident-duties", AccidentDuty::getEventId)
                .mapValues(DutyInput::duty, Named.as("accident-duties-done")),
            Named.as("merge-accident-duties"))
        .process(() -> new AccidentDutiesProcessor(config.deadlineCheckInterval()), Named.as("accident-duties"),
            StoreNames.ACCIDENT_DUTIES, StoreNames.ACCIDENT_DUTIES_DUE);
    return new Output(accidents, counts, signals, dutyCounts);
  }
}
