package io.fangxian.topology;

import io.fangxian.accidents.AccidentRules;
import io.fangxian.accidents.AccidentStores;
import io.fangxian.accidents.Accidents;
import io.fangxian.accountability.Accountability;
import io.fangxian.accountability.AccountabilityStores;
import io.fangxian.alerts.AlertStores;
import io.fangxian.alerts.Alerts;
import io.fangxian.areas.AreaStores;
import io.fangxian.areas.Areas;
import io.fangxian.avro.AccidentEvent;
import io.fangxian.avro.Alert;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardEvent;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.ViolationEvent;
import io.fangxian.avro.internal.AreaUpdate;
import io.fangxian.config.PipelineConfig;
import io.fangxian.config.RulesConfig;
import io.fangxian.domain.ReferenceData;
import io.fangxian.domain.TopicRegistry;
import io.fangxian.dossier.Dossier;
import io.fangxian.dossier.DossierStores;
import io.fangxian.enforcement.Enforcement;
import io.fangxian.enforcement.EnforcementStores;
import io.fangxian.enterprises.EnterpriseActivity;
import io.fangxian.enterprises.EnterpriseRules;
import io.fangxian.enterprises.EnterpriseStores;
import io.fangxian.enterprises.Enterprises;
import io.fangxian.flying.Flying;
import io.fangxian.flying.RevisitStores;
import io.fangxian.hazards.HazardStores;
import io.fangxian.hazards.Hazards;
import io.fangxian.intake.EnrichedEvent;
import io.fangxian.intake.EventValidator;
import io.fangxian.intake.Intake;
import io.fangxian.intake.IntakeStores;
import io.fangxian.metrics.PipelineMetrics;
import io.fangxian.reports.Reports;
import io.fangxian.reports.ReportsStores;
import io.fangxian.rules.AreaRules;
import io.fangxian.rules.HazardRules;
import io.fangxian.rules.StandingRules;
import io.fangxian.store.ReferenceTables;
import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * The processing graph of DESIGN §3 and nothing else. Each kind of event has its own chain; each
 * step is a small processor that does one job, owns its stores and passes on a typed record.
 *
 * <pre>
 * reference.enterprises → validate ─┬→ table "enterprises" (read by enrich and the enterprise rules)
 *                                   └→ listed ─────────────────────────────────────────────┐
 * safety.hazards → validate → enrich → ledger (dedup) ─┬→ safety.hazard-ledger              │
 *                                       (LedgerChange) ├→ counts ──────────┐                │
 *                                                      ├→ to township ─────┼───────────────┼──→ area updates
 *                                                      ├→ hazard rules ────┼───────────────┼──→ signals
 *                                                      └→ self-reported ───┼───────────────┤
 * safety.violations → validate → enrich → dossier (dedup) ─┬→ counts ──────┤                │
 *                                                          └→ violated ────┼───────────────┤
 * safety.inspections → validate → enrich → dossier (dedup) ─┬→ counts ─────┤                │
 *                                                           └→ self-checks ┼───────────────┤
 *                                            area sums (CountChange) ←─────┘                │
 *                                                └─────────────────────────────────────────┼──→ area updates
 *                                            enterprise rules (EnterpriseActivity) ←───────┘
 *                                                └────────────────────────────────────────────→ signals
 * safety.accidents → validate → enrich → dedup → accidents ─┬→ counts ─────────┤                │
 *                                        (AccidentChange)    └→ accident rules ───────────────┼──→ signals
 * safety.public-reports → validate → enrich (if it names an enterprise) → dedup → reports ─┬→ counts
 *                                           hazards its VERIFIED step names → ledger ──┘  (HazardState.reportIds)
 * safety.enforcement-cases → validate → enrich → dedup ─┐
 *                                    ledger's changes ──┴→ enforcement ─┬→ counts ───────────┤
 *                                                                       └→ case alerts ──────┼──→ signals
 * inspections (with a unit), the ledger's new hazards, new accidents ─→ accountability (the units' scorecards: 考核)
 * inspections, the ledger's new hazards ─→ flying revisits (交办 and 回头看 of flying inspections' findings)
 * safety.weather-warnings → validate ─┬→ table "weather-warnings"
 *                                     └→ one copy per township ─────────────────────────────→ area updates
 * area updates → repartition "area-updates" ─┬→ figures → safety.township-stats / sector-stats
 *                                            └→ area rules → repartition "area-alert-signals" ─┐
 * signals → repartition "alert-signals" ─────────────────────────────────────────────────────────┤
 * safety.alert-actions → validate ───────────────────────────────────────────────────────────────┴→ lifecycle → safety.alerts
 *   (the one writer of the alerts: 签收, 反馈, 核查, 消警; escalation by the clock)
 * reference.roster, reference.responsibilities → global tables (the escalation chain)
 * dossier (一企一档): the ledger, accidents, and a recorder after each violation and inspection
 *   dedup keep the enterprise's own records under <enterpriseId>|<id> (stores "dossier-*")
 * invalid or unreadable records → safety.dead-letters (see DeadLetterHandler)
 * </pre>
 *
 * Every processor, store and internal topic is named, so their names survive changes to the code
 * ({@code FangxianTopologyDescriptionTest} pins the description).
 *
 * <p>Each capability is a package of its own, with its processors, records and stores
 * ({@code XxxStores}), and adds its part of the graph itself, from the other slices' message types
 * (an intake's {@code EnrichedEvent}, the ledger's {@code LedgerChange}, an {@code AccidentChange});
 * this class only wires their streams together.
 */
public final class FangxianTopology {
  private FangxianTopology() { }

  /** The topology with the default rules and no metrics. */
  public static Topology build(PipelineConfig config, TopicRegistry topics, ReferenceData reference,
      Properties streamsSettings) {
    return build(config, RulesConfig.defaults(), topics, reference, PipelineMetrics.NONE, streamsSettings);
  }

  /**
   * @param reference the district's townships, sectors and criteria (the app builds it once from
   *     {@link ReferenceData#builtIn()} and its configuration and gives the same instance to the
   *     query side), given by the caller so that the topology depends on nothing but its arguments
   * @param streamsSettings the Kafka Streams configuration the topology will run with: its topology
   *     settings apply while building, among them the check that every store and internal topic is
   *     named ({@code StreamsSettings})
   */
  public static Topology build(PipelineConfig config, RulesConfig rules, TopicRegistry topics, ReferenceData reference,
      PipelineMetrics metrics, Properties streamsSettings) {
    StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(streamsSettings)));
    EventValidator validator = new EventValidator(config.maxFutureSkew(), config.earliestEventTime());
    EnterpriseRules enterpriseRules = new EnterpriseRules(rules, reference, config.zone());
    HazardRules hazardRules = new HazardRules(rules, reference, config.zone());
    AreaRules areaRules = new AreaRules(rules, reference, config.zone());
    AccidentRules accidentRules = new AccidentRules(rules, reference, config.zone());
    StandingRules standingRules = new StandingRules(rules, reference, config.zone());
    IntakeStores.add(builder);
    HazardStores.add(builder, topics);
    AccidentStores.add(builder, topics);
    AreaStores.add(builder, topics);
    EnterpriseStores.add(builder, topics);
    AlertStores.add(builder, topics);
    DossierStores.add(builder, topics);
    EnforcementStores.add(builder, topics);
    ReportsStores.add(builder, topics);
    AccountabilityStores.add(builder, topics);
    RevisitStores.add(builder, topics);
    // Every slice adds its nodes as it is called: the order of the calls below is the order of the
    // topology, which numbers its sub-topologies (and so their task directories). Keep it.
    Intake intake = new Intake(builder, validator, config, metrics);

    // Reference data: the table the events are enriched from, and the enterprises to watch.
    KStream<String, Enterprise> enterprises = intake.enterprises(topics.enterprises);
    KStream<String, EnterpriseActivity> listed = Enterprises.listed(enterprises);

    // Each kind of event: validated, enriched with its enterprise, counted once.
    // Hazard events are deduplicated by the ledger, from the eventIds each hazard's state keeps.
    KStream<String, EnrichedEvent<HazardEvent>> hazardEvents = intake.enriched(topics.hazards, "hazards", e -> true);
    // Violations and inspections are deduplicated by the dossier they are filed in (below).
    KStream<String, EnrichedEvent<ViolationEvent>> violationEvents = intake.enriched(topics.violations, "violations", e -> true);
    KStream<String, EnrichedEvent<InspectionEvent>> inspectionEvents =
        intake.enriched(topics.inspections, "inspections", e -> true);
    KStream<String, EnrichedEvent<AccidentEvent>> accidentEvents =
        intake.events(topics.accidents, "accident", AccidentEvent::getEventId);

    // Public reports (举报, io.fangxian.reports): each report's steps and verification clock.
    Reports.Output reports = Reports.add(intake, topics, config, rules, reference);

    // Hazards (io.fangxian.hazards): the ledger, fed by the hazard events and the hazards the reports'
    // verification names, and what its changes mean for the counts and the rules.
    Hazards.Output hazards = Hazards.add(hazardEvents, reports.reports(), topics, config, rules, reference, metrics,
        hazardRules, areaRules);

    // Violations and inspections (io.fangxian.dossier): each filed once in the enterprise's dossier, and their counts.
    Dossier.Filed<ViolationEvent> violations = Dossier.violations(violationEvents, config, metrics);
    Dossier.Filed<InspectionEvent> inspections = Dossier.inspections(inspectionEvents, config, metrics);
    KStream<String, EnterpriseActivity> violated = Enterprises.violated(violations.records());
    KStream<String, EnterpriseActivity> selfInspected = Enterprises.selfInspected(inspections.records());

    // Accidents (io.fangxian.accidents): the current version of each, its counts, its alerts and the bureau's duties.
    Accidents.Output accidents = Accidents.add(accidentEvents, intake, topics, config, accidentRules);

    // Enforcement cases (行政处罚案件, io.fangxian.enforcement), the units' scorecards (考核,
    // io.fangxian.accountability) and flying inspections' revisits (回头看, io.fangxian.flying).
    Enforcement.Output enforcement = Enforcement.add(intake, hazards.ledger(), topics, config, rules, reference);
    Accountability.add(inspections.records(), hazards.ledger(), accidents.accidents(), rules);
    Flying.add(inspections.records(), hazards.ledger(), config, rules);

    // Coverage and certificates (拉网式排查, 三项岗位, io.fangxian.enterprises): each enterprise's standing, from its
    // record, the inspections by others than itself and its certificates, each brought to the enterprise's partition.
    Enterprises.Standing standing = Enterprises.standing(enterprises, inspections.records(), intake, topics, config, reference,
        standingRules);

    // Counts are summed per area on the enterprise partition and sent on twice a second.
    KStream<String, AreaUpdate> areaSums = Areas.sums(hazards.counts()
        .merge(violations.counts(), Named.as("merge-violation-counts"))
        .merge(inspections.counts(), Named.as("merge-inspection-counts"))
        .merge(accidents.counts(), Named.as("merge-accident-counts"))
        .merge(standing.counts(), Named.as("merge-standing-counts"))
        .merge(accidents.dutyCounts(), Named.as("merge-accident-duty-counts"))
        .merge(enforcement.counts(), Named.as("merge-case-counts"))
        .merge(reports.counts(), Named.as("merge-report-counts")), config);

    KStream<String, Alert> enterpriseSignals = Enterprises.rules(listed, hazards.selfReported(), violated, selfInspected,
        rules, enterpriseRules, config);

    // Weather warnings, and the figures and rules of each area (io.fangxian.areas), on the area partitions.
    KStream<String, Alert> areaSignals = Areas.figures(areaSums, hazards.toTownship(), intake, topics, config, rules,
        reference, hazardRules, areaRules, standingRules);

    // The alerts (io.fangxian.alerts), last: they add the global tables.
    Alerts.add(builder, enterpriseSignals
        .merge(hazards.signals(), Named.as("merge-hazard-signals"))
        .merge(accidents.signals(), Named.as("merge-accident-signals"))
        .merge(standing.signals(), Named.as("merge-standing-signals"))
        .merge(enforcement.signals(), Named.as("merge-case-signals")),
        areaSignals, intake, topics, rules, reference, metrics);
    // The grids, read by the standing and the area rules, as a global table after the alerts' own.
    ReferenceTables.addGrids(builder, topics);

    return builder.build();
  }
}
