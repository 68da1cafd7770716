package io.fangxian.hazards;

import io.fangxian.areas.CountChange;
import io.fangxian.avro.Alert;
import io.fangxian.avro.HazardEvent;
import io.fangxian.avro.internal.AreaUpdate;
import io.fangxian.config.PipelineConfig;
import io.fangxian.config.RulesConfig;
import io.fangxian.domain.ReferenceData;
import io.fangxian.domain.TopicRegistry;
import io.fangxian.enterprises.EnterpriseActivity;
import io.fangxian.intake.EnrichedEvent;
import io.fangxian.metrics.PipelineMetrics;
import io.fangxian.reports.ReportsOutput;
import io.fangxian.rules.AreaRules;
import io.fangxian.rules.HazardRules;
import io.fangxian.standing.EnterpriseAreas;
import io.fangxian.stats.AreaUpdates;
import io.fangxian.store.StoreNames;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/** The hazards slice's part of the topology: the ledger, and what its changes mean for the counts and the rules. */
public final class Hazards {
  private Hazards() { }

  /**
   * What the ledger's changes become.
   *
   * @param ledger each change of a hazard, keyed by hazardId
   * @param toTownship the open major and weather-sensitive hazards, for the area rules of their township
   * @param selfReported the hazards an enterprise reported itself: a self-inspection, for the enterprise rules
   */
  public record Output(KStream<String, LedgerChange> ledger, KStream<String, CountChange> counts,
      KStream<String, AreaUpdate> toTownship, KStream<String, Alert> signals,
      KStream<String, EnterpriseActivity> selfReported) { }

  /**
   * @param hazards the hazard events, not deduplicated: the ledger does that, from the eventIds each
   *     hazard's state keeps
   * @param reports the public reports' steps: the hazards a VERIFIED step names are linked to them
   */
  public static Output add(KStream<String, EnrichedEvent<HazardEvent>> hazards, KStream<String, ReportsOutput> reports,
      TopicRegistry topics, PipelineConfig config, RulesConfig rules, ReferenceData reference, PipelineMetrics metrics,
      HazardRules hazardRules, AreaRules areaRules) {
    KStream<String, LedgerInput> reportLinks = reports
        .filter((key, out) -> out.link() != null, Named.as("report-links-only"))
        .mapValues(out -> LedgerInput.link(out.link()), Named.as("report-links"));
    KStream<String, LedgerChange> ledger = hazards
        .mapValues(LedgerInput::event, Named.as("ledger-hazard-events"))
        .merge(reportLinks, Named.as("merge-report-links"))
        .process(() -> new LedgerProcessor(config, rules, reference.criteria(), metrics), Named.as("ledger"),
            StoreNames.HAZARD_LEDGER, StoreNames.HAZARD_DEADLINES, StoreNames.DOSSIER_HAZARDS, StoreNames.HAZARD_REPORT_LINKS,
            StoreNames.EVENT_IDS);
    ledger
        .filter((hazardId, change) -> change.stored(), Named.as("ledger-stored"))
        .mapValues(LedgerChange::after, Named.as("ledger-state"))
        .to(topics.hazardLedger.name(), Produced.with(Serdes.String(), topics.hazardLedger.valueSerde())
            .withName("hazard-ledger-sink"));
    KStream<String, CountChange> counts = ledger.mapValues(
        c -> new CountChange(AreaUpdates.hazard(c.before(), c.after()),
            EnterpriseAreas.forEvent(c.after().getTownshipId(), c.after().getSectorId(), c.after().getParkIds())),
        Named.as("hazard-counts"));
    KStream<String, AreaUpdate> toTownship = ledger.process(() -> new HazardsToTownship(areaRules),
        Named.as("hazards-to-township"));
    KStream<String, Alert> signals = ledger.process(() -> new HazardRulesProcessor(hazardRules),
        Named.as("hazard-rules"), StoreNames.ENTERPRISE_HAZARD_ALERTS);
    KStream<String, EnterpriseActivity> selfReported = ledger
        .filter((hazardId, change) -> change.selfReported(), Named.as("self-reported-only"))
        .mapValues(c -> EnterpriseActivity.selfInspected(c.enterprise(), c.after().getReportedAt()),
            Named.as("enterprise-self-reported"));
    return new Output(ledger, counts, toTownship, signals, selfReported);
  }
}
