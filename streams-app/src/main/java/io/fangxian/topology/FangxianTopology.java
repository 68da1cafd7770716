package io.fangxian.topology;

import io.fangxian.avro.AccidentDuty;
import io.fangxian.avro.AccidentEvent;
import io.fangxian.avro.Alert;
import io.fangxian.avro.AreaStats;
import io.fangxian.avro.CaseEvent;
import io.fangxian.avro.PublicReportEvent;
import io.fangxian.avro.internal.HazardReportLinks;
import io.fangxian.avro.CertificateEvent;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.Grid;
import io.fangxian.avro.HazardEvent;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.InspectionKind;
import io.fangxian.avro.Leader;
import io.fangxian.avro.RecentCounts;
import io.fangxian.avro.Responsibility;
import io.fangxian.avro.ViolationEvent;
import io.fangxian.avro.WeatherWarning;
import io.fangxian.avro.internal.AccidentDuties;
import io.fangxian.avro.internal.AccidentState;
import io.fangxian.avro.internal.AreaUpdate;
import io.fangxian.avro.internal.EnterpriseStanding;
import io.fangxian.avro.internal.MonthlyCounts;
import io.fangxian.accountability.AccountabilityInput;
import io.fangxian.accountability.AccountabilityProcessor;
import io.fangxian.accountability.AccountabilityStores;
import io.fangxian.flying.RevisitInput;
import io.fangxian.flying.RevisitProcessor;
import io.fangxian.flying.RevisitStores;
import io.fangxian.accountability.Misses;
import io.fangxian.config.PipelineConfig;
import io.fangxian.config.RulesConfig;
import io.fangxian.domain.Park;
import io.fangxian.domain.ReferenceData;
import io.fangxian.enforcement.CaseAlerts;
import io.fangxian.enforcement.EnforcementInput;
import io.fangxian.enforcement.EnforcementOutput;
import io.fangxian.enforcement.EnforcementProcessor;
import io.fangxian.enforcement.EnforcementStores;
import io.fangxian.reports.ReportLimits;
import io.fangxian.reports.ReportsInput;
import io.fangxian.reports.ReportsOutput;
import io.fangxian.reports.ReportsProcessor;
import io.fangxian.reports.ReportsStores;
import io.fangxian.domain.TopicRegistry;
import io.fangxian.domain.TopicRegistry.Topic;
import io.fangxian.rules.AccidentRules;
import io.fangxian.rules.AreaRules;
import io.fangxian.rules.EnterpriseRules;
import io.fangxian.rules.HazardRules;
import io.fangxian.rules.StandingRules;
import io.fangxian.standing.Coverage;
import io.fangxian.standing.EnterpriseAreas;
import io.fangxian.stats.AreaKeys;
import io.fangxian.stats.AreaUpdateCodec;
import io.fangxian.stats.AreaUpdates;
import io.fangxian.store.AreaDayKey;
import io.fangxian.store.AreaHourKey;
import io.fangxian.store.AreaMemberKey;
import io.fangxian.store.AreaMonthKey;
import io.fangxian.store.CheckKey;
import io.fangxian.store.DueKey;
import io.fangxian.store.EnterpriseItemKey;
import io.fangxian.store.ViolationEntry;
import io.fangxian.store.ViolationKey;
import io.fangxian.validate.EventValidator;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.RecordContext;
import org.apache.kafka.streams.processor.TopicNameExtractor;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

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
 * safety.violations → validate → enrich → dedup ─┬→ counts ────────────────┤                │
 *                                                └→ violated ──────────────┼───────────────┤
 * safety.inspections → validate → enrich → dedup ─┬→ counts ───────────────┤                │
 *                                                 └→ self-inspected ───────┼───────────────┤
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
 */
public final class FangxianTopology {
  private FangxianTopology() { }

  /** The topology with the default rules and no metrics. */
  public static Topology build(PipelineConfig config, TopicRegistry topics, ReferenceData reference,
      Properties streamsSettings) {
    return build(config, RulesConfig.defaults(), topics, reference, PipelineMetrics.NONE, streamsSettings);
  }

  /**
   * @param reference the district's townships and sectors ({@link ReferenceData#load()}), given by
   *     the caller so that the topology depends on nothing but its arguments
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
    addStores(builder, topics);
    EnforcementStores.add(builder, topics);
    ReportsStores.add(builder, topics);
    AccountabilityStores.add(builder, topics);
    RevisitStores.add(builder, topics);

    // Reference data: the table the events are enriched from, and the enterprises to watch.
    KStream<String, Enterprise> enterprises = source(builder, topics.enterprises, metrics)
        .processValues(() -> new ValidateProcessor<>(validator, true), Named.as("validate-enterprises"));
    enterprises.toTable(Named.as("enterprises-table"),
        Materialized.<String, Enterprise, KeyValueStore<Bytes, byte[]>>as(StoreNames.ENTERPRISES)
            .withKeySerde(Serdes.String()).withValueSerde(topics.enterprises.valueSerde())
            .withCachingDisabled()); // read once per event, by key: see addStores
    KStream<String, EnterpriseActivity> listed = enterprises
        .filter((id, e) -> e != null, Named.as("enterprises-present"))
        .mapValues(EnterpriseActivity::listed, Named.as("enterprise-listed"));

    // Each kind of event: validated, enriched with its enterprise, counted once.
    // Hazard events are deduplicated by the ledger, from the eventIds each hazard's state keeps.
    KStream<String, EnrichedEvent<HazardEvent>> hazards = intake(builder, topics.hazards, "hazards", e -> true, validator,
        metrics);
    KStream<String, EnrichedEvent<ViolationEvent>> violations =
        events(builder, topics.violations, "violation", ViolationEvent::getEventId, validator, config, metrics);
    KStream<String, EnrichedEvent<InspectionEvent>> inspections =
        events(builder, topics.inspections, "inspection", InspectionEvent::getEventId, validator, config, metrics);
    KStream<String, EnrichedEvent<AccidentEvent>> accidentEvents =
        events(builder, topics.accidents, "accident", AccidentEvent::getEventId, validator, config, metrics);

    // Public reports (举报, io.fangxian.reports): each report's steps and verification clock; a report naming
    // an enterprise is keyed by it, so the hazards its verification names are linked on their partition.
    KStream<String, EnrichedEvent<PublicReportEvent>> reportSteps = events(builder, topics.publicReports, "report",
        "reports", PublicReportEvent::getEventId, r -> r.getEnterpriseId() != null, validator, config, metrics);
    KStream<String, ReportsOutput> reports = reportSteps
        .mapValues(r -> new ReportsInput(r.event(), r.enterprise(), r::refuse), Named.as("report-steps"))
        .process(() -> new ReportsProcessor(ReportLimits.of(rules.reports()), id -> reference.township(id).isPresent(),
            config.deadlineCheckInterval()), Named.as("reports"), ReportsStores.REPORTS, ReportsStores.DUE,
            ReportsStores.DOSSIER);
    KStream<String, CountChange> reportCounts = reports
        .filter((key, out) -> out.delta() != null, Named.as("report-counts-only"))
        .mapValues(out -> new CountChange(out.delta(), out.areas()), Named.as("report-counts"));
    KStream<String, LedgerInput> reportLinks = reports
        .filter((key, out) -> out.link() != null, Named.as("report-links-only"))
        .mapValues(out -> LedgerInput.link(out.link()), Named.as("report-links"));

    // Hazards: the ledger, and what its changes mean for the counts and the rules.
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
    KStream<String, CountChange> hazardCounts = ledger.mapValues(
        c -> new CountChange(AreaUpdates.hazard(c.before(), c.after()),
            EnterpriseAreas.forEvent(c.after().getTownshipId(), c.after().getSectorId(), c.after().getParkIds())),
        Named.as("hazard-counts"));
    KStream<String, AreaUpdate> hazardsToTownship = ledger.process(() -> new HazardsToTownship(areaRules),
        Named.as("hazards-to-township"));
    KStream<String, Alert> hazardSignals = ledger.process(() -> new HazardRulesProcessor(hazardRules),
        Named.as("hazard-rules"), StoreNames.ENTERPRISE_HAZARD_ALERTS);
    KStream<String, EnterpriseActivity> selfReported = ledger
        .filter((hazardId, change) -> change.selfReported(), Named.as("self-reported-only"))
        .mapValues(c -> EnterpriseActivity.selfInspected(c.enterprise(), c.after().getReportedAt()),
            Named.as("enterprise-self-reported"));

    // Violations and inspections: the enterprise's dossier, counts, and what the enterprise rules need.
    violations.process(() -> new DossierRecorder<ViolationEvent>(StoreNames.DOSSIER_VIOLATIONS,
        ViolationEvent::getViolationId, ViolationEvent::getOccurredAt, config.dossierRetention()),
        Named.as("dossier-violations"), StoreNames.DOSSIER_VIOLATIONS);
    inspections.process(() -> new DossierRecorder<InspectionEvent>(StoreNames.DOSSIER_INSPECTIONS,
        InspectionEvent::getInspectionId, InspectionEvent::getOccurredAt, config.dossierRetention()),
        Named.as("dossier-inspections"), StoreNames.DOSSIER_INSPECTIONS);
    KStream<String, CountChange> violationCounts = violations.mapValues(
        v -> counts(AreaUpdates.violation(v.event()), v.enterprise()), Named.as("violation-counts"));
    KStream<String, EnterpriseActivity> violated = violations.mapValues(
        v -> EnterpriseActivity.violated(v.enterprise(), violation(v.event())), Named.as("enterprise-violated"));
    KStream<String, CountChange> inspectionCounts = inspections.mapValues(
        i -> counts(AreaUpdates.inspection(i.event()), i.enterprise()), Named.as("inspection-counts"));
    KStream<String, EnterpriseActivity> selfInspected = inspections
        .filter((id, i) -> i.event().getKind() == InspectionKind.SELF_INSPECTION, Named.as("self-inspections-only"))
        .mapValues(i -> EnterpriseActivity.selfInspected(i.enterprise(), i.event().getOccurredAt()),
            Named.as("enterprise-self-inspected"));

    // Accidents: the current version of each (corrections replace it), its counts and its alerts.
    KStream<String, AccidentChange> accidents = accidentEvents.process(AccidentProcessor::new,
        Named.as("accidents"), StoreNames.ACCIDENTS, StoreNames.DOSSIER_ACCIDENTS);
    KStream<String, CountChange> accidentCounts = accidents.mapValues(
        c -> new CountChange(AreaUpdates.accident(c.before() == null ? null : c.before().getAccident(),
            c.after().getAccident()),
            EnterpriseAreas.forEvent(c.after().getTownshipId(), c.after().getSectorId(), c.after().getParkIds())),
        Named.as("accident-counts"));
    KStream<String, Alert> accidentSignals = accidents.process(() -> new AccidentRulesProcessor(accidentRules),
        Named.as("accident-rules"));
    // The bureau's duties once it has the report (493号令 第十、十一条), recorded as they are done.
    KStream<String, CountChange> dutyCounts = accidents
        .mapValues(c -> DutyInput.accident(c.after()), Named.as("accident-duties-opened"))
        .merge(events(builder, topics.accidentDuties, "accident-duty", "accident-duties", AccidentDuty::getEventId,
                validator, config, metrics).mapValues(DutyInput::duty, Named.as("accident-duties-done")),
            Named.as("merge-accident-duties"))
        .process(() -> new AccidentDutiesProcessor(config.deadlineCheckInterval()), Named.as("accident-duties"),
            StoreNames.ACCIDENT_DUTIES, StoreNames.ACCIDENT_DUTIES_DUE);

    // Enforcement cases (行政处罚案件, io.fangxian.enforcement): each case's steps and clock, and every major
    // hazard of the ledger until a case names it; cases and ledger meet on the enterprise partition.
    KStream<String, EnrichedEvent<CaseEvent>> caseSteps =
        events(builder, topics.enforcementCases, "case", CaseEvent::getEventId, validator, config, metrics);
    KStream<String, EnforcementOutput> enforcement = caseSteps
        .mapValues(c -> EnforcementInput.step(c.event(), c.enterprise(), c::refuse), Named.as("case-steps"))
        .merge(ledger.mapValues(c -> EnforcementInput.hazard(c.after()), Named.as("ledger-to-enforcement")),
            Named.as("merge-ledger-to-enforcement"))
        .process(() -> new EnforcementProcessor(rules.enforcement().decisionLimit(), rules.enforcement().caseWindow(),
            config.deadlineCheckInterval(), new CaseAlerts(rules.enforcement(), reference, config.zone())),
            Named.as("enforcement"), EnforcementStores.CASES, EnforcementStores.HAZARDS, EnforcementStores.DUE,
            EnforcementStores.DOSSIER);
    KStream<String, CountChange> caseCounts = enforcement
        .filter((key, out) -> out.delta() != null, Named.as("case-counts-only"))
        .mapValues(out -> new CountChange(out.delta(), out.areas()), Named.as("case-counts"));
    KStream<String, Alert> caseSignals = enforcement
        .filter((key, out) -> out.signal() != null, Named.as("case-signals-only"))
        .mapValues(EnforcementOutput::signal, Named.as("case-signals"));

    // Scorecards of the inspecting units (考核, io.fangxian.accountability): each unit's inspections, the
    // hazards they found, the hazards flying inspections and public reports found soon after (漏检) and
    // the accidents; inspections, the ledger's new hazards and new accidents meet on the enterprise partition.
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

    // 交办 and 回头看 (io.fangxian.flying): a flying inspection's findings assigned to the township and the
    // department, and the revisit they owe; inspections and the ledger's new hazards meet on the enterprise partition.
    inspections
        .mapValues(i -> RevisitInput.inspection(i.event()), Named.as("revisit-inspections"))
        .merge(ledger
            .filter((hazardId, c) -> c.before() == null, Named.as("revisit-reported-only"))
            .mapValues(c -> RevisitInput.hazard(c.after(), c.inspectionId()), Named.as("revisit-hazards")),
            Named.as("merge-revisit-hazards"))
        .process(() -> new RevisitProcessor(rules.flying().revisitWithin(), config.deadlineCheckInterval()),
            Named.as("flying-revisits"), RevisitStores.INSPECTIONS, RevisitStores.REVISITS, RevisitStores.DUE);

    // Coverage and certificates (拉网式排查, 三项岗位): each enterprise's standing, from its record, the
    // inspections by others than itself and its certificates, each brought to the enterprise's partition.
    KStream<String, StandingInput> certificates = source(builder, topics.certificates, metrics)
        .processValues(() -> new ValidateProcessor<>(validator, false), Named.as("validate-certificates"))
        .process(CertificateVersions::new, Named.as("certificate-versions"), StoreNames.CERTIFICATES)
        .repartition(Repartitioned.<String, CertificateEvent>as(StoreNames.CERTIFICATES_BY_ENTERPRISE_REPARTITION)
            .withKeySerde(Serdes.String()).withValueSerde(topics.certificates.valueSerde()))
        .mapValues(StandingInput::certificate, Named.as("standing-certificate"));
    KStream<String, StandingOutput> standing = enterprises
        .mapValues(StandingInput::listed, Named.as("standing-listed"))
        .merge(inspections
            .filter((id, i) -> Coverage.INSPECTIONS.contains(i.event().getKind())
                || i.event().getKind() == InspectionKind.GRID_PATROL, Named.as("inspections-by-others"))
            .mapValues(i -> i.event().getKind() == InspectionKind.GRID_PATROL
                ? StandingInput.patrolled(i.event().getOccurredAt())
                : StandingInput.inspected(i.event().getOccurredAt()), Named.as("standing-inspected")),
            Named.as("merge-standing-inspected"))
        .merge(certificates, Named.as("merge-standing-certificates"))
        .process(() -> new EnterpriseStandingProcessor(reference, standingRules,
            config.deadlineCheckInterval()), Named.as("enterprise-standing"),
            StoreNames.ENTERPRISE_STANDING, StoreNames.STANDING_DUE);
    KStream<String, CountChange> standingCounts = standing
        .filter((id, out) -> out.counts() != null, Named.as("standing-counts-only"))
        .mapValues(StandingOutput::counts, Named.as("standing-counts"));
    KStream<String, Alert> standingSignals = standing
        .filter((key, out) -> out.signal() != null, Named.as("standing-signals-only"))
        .mapValues(StandingOutput::signal, Named.as("standing-signals"));

    // Counts are summed per area on the enterprise partition and sent on twice a second.
    KStream<String, AreaUpdate> areaSums = hazardCounts
        .merge(violationCounts, Named.as("merge-violation-counts"))
        .merge(inspectionCounts, Named.as("merge-inspection-counts"))
        .merge(accidentCounts, Named.as("merge-accident-counts"))
        .merge(standingCounts, Named.as("merge-standing-counts"))
        .merge(dutyCounts, Named.as("merge-accident-duty-counts"))
        .merge(caseCounts, Named.as("merge-case-counts"))
        .merge(reportCounts, Named.as("merge-report-counts"))
        .process(() -> new AreaSumsProcessor(config), Named.as("area-sums"), StoreNames.AREA_DELTAS);

    KStream<String, Alert> enterpriseSignals = listed
        .merge(selfReported, Named.as("merge-self-reported"))
        .merge(violated, Named.as("merge-violated"))
        .merge(selfInspected, Named.as("merge-self-inspected"))
        .process(() -> new EnterpriseRulesProcessor(rules, enterpriseRules, config.deadlineCheckInterval()),
            Named.as("enterprise-rules"), StoreNames.ENTERPRISE_VIOLATIONS, StoreNames.SELF_INSPECTIONS,
            StoreNames.ENTERPRISE_CHECKS, StoreNames.ENTERPRISES);

    KStream<String, WeatherWarning> warnings = source(builder, topics.weatherWarnings, metrics)
        .processValues(() -> new ValidateProcessor<>(validator, false), Named.as("validate-weather"));
    warnings.toTable(Named.as("weather-table"),
        Materialized.<String, WeatherWarning, KeyValueStore<Bytes, byte[]>>as(StoreNames.WEATHER_WARNINGS)
            .withKeySerde(Serdes.String()).withValueSerde(topics.weatherWarnings.valueSerde()));
    KStream<String, AreaUpdate> weatherByTownship = warnings
        .flatMap((key, warning) -> AreaUpdates.weather(warning, townshipIds(reference)).stream()
            .map(u -> KeyValue.pair(AreaKeys.area(u.getAreaType(), u.getAreaId()), u)).toList(), Named.as("weather-by-township"));

    KStream<String, AreaUpdate> areaUpdates = areaSums
        .merge(hazardsToTownship, Named.as("merge-hazard-states"))
        .merge(weatherByTownship, Named.as("merge-weather"))
        .repartition(Repartitioned.<String, AreaUpdate>as(StoreNames.AREA_UPDATES_REPARTITION)
            .withKeySerde(Serdes.String()).withValueSerde(topics.serde(AreaUpdate.class)));

    areaUpdates
        .process(() -> new AreaAggregator(config, areaNames(reference)), Named.as("area-figures"),
            StoreNames.AREA_TOTALS, StoreNames.AREA_DAILY, StoreNames.AREA_HOURLY, StoreNames.AREA_MONTHLY)
        .to(new AreaStatsTopic(topics.townshipStats.name(), topics.sectorStats.name(), topics.gridStats.name(),
                topics.parkStats.name()),
            Produced.with(Serdes.String(), topics.townshipStats.valueSerde()).withName("area-stats-sink"));

    KStream<String, Alert> areaSignals = areaUpdates.process(
        () -> new AreaRulesProcessor(config, rules, hazardRules, areaRules, standingRules, reference), Named.as("area-rules"),
        StoreNames.AREA_OPEN_HAZARDS, StoreNames.AREA_WEATHER, StoreNames.AREA_HOURLY, StoreNames.AREA_TOTALS);

    KStream<String, AlertInput> published = enterpriseSignals
        .merge(hazardSignals, Named.as("merge-hazard-signals"))
        .merge(accidentSignals, Named.as("merge-accident-signals"))
        .merge(standingSignals, Named.as("merge-standing-signals"))
        .merge(caseSignals, Named.as("merge-case-signals"))
        .repartition(Repartitioned.<String, Alert>as(StoreNames.ALERT_SIGNALS_REPARTITION)
            .withKeySerde(Serdes.String()).withValueSerde(topics.alerts.valueSerde()))
        // The area side's signals come by a topic of their own, so the enterprise side, the area side
        // and the alerts are three sub-topologies, each scaling with its own partitions. Each side's
        // own order is kept; between the sides there was none before either (they wrote to the one
        // topic from different tasks).
        .merge(areaSignals.repartition(Repartitioned.<String, Alert>as(StoreNames.AREA_ALERT_SIGNALS_REPARTITION)
            .withKeySerde(Serdes.String()).withValueSerde(topics.alerts.valueSerde())), Named.as("merge-signals"))
        .mapValues(AlertInput::signal, Named.as("alert-signal-input"));

    // Handling (签收, 反馈, 核查, 消警) on the alert-key partitions: the actions topic is partitioned as
    // the alert-signals repartition topic is, so an alert and its actions meet in one task, and one
    // processor, the only writer of the alerts and their clocks.
    KStream<String, AlertInput> actions = source(builder, topics.alertActions, metrics)
        .processValues(() -> new ValidateProcessor<>(validator, false), Named.as("validate-alert-actions"))
        .mapValues(AlertInput::action, Named.as("alert-action-input"));
    published.merge(actions, Named.as("merge-handling"))
        .process(() -> new AlertLifecycle(rules, reference, metrics), Named.as("alert-lifecycle"),
            StoreNames.ALERTS, StoreNames.ALERTS_PENDING, StoreNames.ALERT_HANDLING_DUE)
        .to(topics.alerts.name(), Produced.with(Serdes.String(), topics.alerts.valueSerde()).withName("alerts-sink"));
    addHandlingReference(builder, topics);

    return builder.build();
  }

  /** One kind of event from its topic: validated, with its enterprise, and only the first time its eventId is seen. */
  private static <E extends SpecificRecord> KStream<String, EnrichedEvent<E>> events(StreamsBuilder builder,
      Topic<String, E> topic, String kind, Function<E, String> eventId, EventValidator validator, PipelineConfig config,
      PipelineMetrics metrics) {
    return events(builder, topic, kind, kind + "s", eventId, validator, config, metrics);
  }

  /** @param plural how the processors' names call the kind's events */
  private static <E extends SpecificRecord> KStream<String, EnrichedEvent<E>> events(StreamsBuilder builder,
      Topic<String, E> topic, String kind, String plural, Function<E, String> eventId, EventValidator validator,
      PipelineConfig config, PipelineMetrics metrics) {
    return events(builder, topic, kind, plural, eventId, e -> true, validator, config, metrics);
  }

  /** @param namesEnterprise whether an event names an enterprise; one that names none passes without */
  private static <E extends SpecificRecord> KStream<String, EnrichedEvent<E>> events(StreamsBuilder builder,
      Topic<String, E> topic, String kind, String plural, Function<E, String> eventId,
      java.util.function.Predicate<E> namesEnterprise, EventValidator validator, PipelineConfig config,
      PipelineMetrics metrics) {
    return intake(builder, topic, plural, namesEnterprise, validator, metrics)
        .processValues(() -> new DedupProcessor<>(kind, eventId, config.dedupRetention(), metrics),
            Named.as("dedup-" + plural), StoreNames.EVENT_IDS);
  }

  /** A kind's events validated and enriched with their enterprise, not yet deduplicated. */
  private static <E extends SpecificRecord> KStream<String, EnrichedEvent<E>> intake(StreamsBuilder builder,
      Topic<String, E> topic, String plural, java.util.function.Predicate<E> namesEnterprise, EventValidator validator,
      PipelineMetrics metrics) {
    return source(builder, topic, metrics)
        .processValues(() -> new ValidateProcessor<>(validator, false), Named.as("validate-" + plural))
        .processValues(() -> new EnrichProcessor<E>(namesEnterprise), Named.as("enrich-" + plural), StoreNames.ENTERPRISES);
  }

  /** Each kind of area's figures to its topic; named so that the description of the topology is stable. */
  private record AreaStatsTopic(String townships, String sectors, String grids, String parks)
      implements TopicNameExtractor<String, AreaStats> {
    @Override
    public String extract(String key, AreaStats stats, RecordContext context) {
      return switch (stats.getAreaType()) {
        case TOWNSHIP -> townships;
        case GRID -> grids;
        case PARK -> parks;
        default -> sectors;
      };
    }

    @Override
    public String toString() {
      return "AreaStatsTopic[" + townships + ", " + sectors + ", " + grids + " or " + parks + "]";
    }
  }

  private static CountChange counts(AreaUpdate delta, Enterprise enterprise) {
    return new CountChange(delta,
        EnterpriseAreas.forEvent(enterprise.getTownshipId(), enterprise.getSectorId(), Park.idsOf(enterprise)));
  }

  private static EnterpriseRules.Violation violation(ViolationEvent v) {
    return new EnterpriseRules.Violation(v.getEventId(), v.getViolationId(), v.getAction(), v.getOccurredAt());
  }

  /**
   * Only the stores whose few keys are written over and over (the sums and figures of each area)
   * are cached: the cache turns their many writes per commit into one. The others are keyed by
   * event, hazard, enterprise or alert, are rarely written twice before a commit, and would only
   * fill the thread's cache. When that cache is full, each new entry evicts an entry *of the same
   * store*, so a hot store sharing it with a large one ends up writing every change through.
   */
  /**
   * The roster and the responsibility list as global tables: every instance holds them whole, so an
   * alert on any partition finds its chain. Added last, so the numbers of the other sub-topologies
   * (and so their task directories) stay as they were.
   */
  static void addHandlingReference(StreamsBuilder builder, TopicRegistry topics) {
    builder.globalTable(topics.roster.name(), Consumed.with(Serdes.String(), topics.roster.valueSerde()).withName("roster-source"),
        Materialized.<String, Leader, KeyValueStore<Bytes, byte[]>>as(StoreNames.ROSTER)
            .withKeySerde(Serdes.String()).withValueSerde(topics.roster.valueSerde()));
    builder.globalTable(topics.responsibilities.name(),
        Consumed.with(Serdes.String(), topics.responsibilities.valueSerde()).withName("responsibilities-source"),
        Materialized.<String, Responsibility, KeyValueStore<Bytes, byte[]>>as(StoreNames.RESPONSIBILITIES)
            .withKeySerde(Serdes.String()).withValueSerde(topics.responsibilities.valueSerde()));
    builder.globalTable(topics.grids.name(), Consumed.with(Serdes.String(), topics.grids.valueSerde()).withName("grids-source"),
        Materialized.<String, Grid, KeyValueStore<Bytes, byte[]>>as(StoreNames.GRIDS)
            .withKeySerde(Serdes.String()).withValueSerde(topics.grids.valueSerde()));
  }

  private static void addStores(StreamsBuilder builder, TopicRegistry topics) {
    store(builder, StoreNames.EVENT_IDS, Serdes.Long(), false);
    store(builder, StoreNames.HAZARD_LEDGER, topics.hazardLedger.valueSerde(), false);
    store(builder, StoreNames.HAZARD_DEADLINES, DueKey.SERDE, Serdes.String(), false);
    store(builder, StoreNames.HAZARD_REPORT_LINKS, topics.serde(HazardReportLinks.class), false);
    store(builder, StoreNames.ACCIDENTS, topics.serde(AccidentState.class), false);
    store(builder, StoreNames.ACCIDENT_DUTIES, topics.serde(AccidentDuties.class), false);
    store(builder, StoreNames.ACCIDENT_DUTIES_DUE, DueKey.SERDE, Serdes.String(), false);
    // A sum per area, emptied twice a second: memory, not RocksDB, and written on every event in a
    // compact format of its own (AreaUpdateCodec).
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.AREA_DELTAS),
        Serdes.String(), new AreaUpdateCodec(topics.serde(AreaUpdate.class))).withCachingEnabled());
    store(builder, StoreNames.AREA_TOTALS, topics.townshipStats.valueSerde(), true);
    store(builder, StoreNames.AREA_DAILY, AreaDayKey.SERDE, topics.serde(RecentCounts.class), true);
    store(builder, StoreNames.AREA_HOURLY, AreaHourKey.SERDE, topics.serde(RecentCounts.class), true);
    store(builder, StoreNames.AREA_MONTHLY, AreaMonthKey.SERDE, topics.serde(MonthlyCounts.class), true);
    store(builder, StoreNames.AREA_OPEN_HAZARDS, AreaMemberKey.SERDE, topics.hazardLedger.valueSerde(), false);
    store(builder, StoreNames.AREA_WEATHER, AreaMemberKey.SERDE, topics.weatherWarnings.valueSerde(), false);
    store(builder, StoreNames.ENTERPRISE_VIOLATIONS, ViolationKey.SERDE, ViolationEntry.SERDE, false);
    store(builder, StoreNames.SELF_INSPECTIONS, Serdes.Long(), false);
    store(builder, StoreNames.ENTERPRISE_CHECKS, CheckKey.SERDE, Serdes.String(), false);
    store(builder, StoreNames.ENTERPRISE_HAZARD_ALERTS, EnterpriseItemKey.SERDE, topics.hazardLedger.valueSerde(), false);
    store(builder, StoreNames.ALERTS, topics.alerts.valueSerde(), false);
    store(builder, StoreNames.ALERTS_PENDING, topics.alerts.valueSerde(), false);
    store(builder, StoreNames.ALERT_HANDLING_DUE, DueKey.SERDE, Serdes.String(), false);
    store(builder, StoreNames.DOSSIER_HAZARDS, EnterpriseItemKey.SERDE, Serdes.String(), false);
    store(builder, StoreNames.DOSSIER_VIOLATIONS, EnterpriseItemKey.SERDE, topics.violations.valueSerde(), false);
    store(builder, StoreNames.DOSSIER_INSPECTIONS, EnterpriseItemKey.SERDE, topics.inspections.valueSerde(), false);
    store(builder, StoreNames.DOSSIER_ACCIDENTS, EnterpriseItemKey.SERDE, Serdes.String(), false);
    store(builder, StoreNames.CERTIFICATES, topics.certificates.valueSerde(), false);
    store(builder, StoreNames.ENTERPRISE_STANDING, topics.serde(EnterpriseStanding.class), false);
    store(builder, StoreNames.STANDING_DUE, DueKey.SERDE, Serdes.String(), false);
  }

  private static <V> void store(StreamsBuilder builder, String name, Serde<V> values, boolean cached) {
    store(builder, name, Serdes.String(), values, cached);
  }

  private static <K, V> void store(StreamsBuilder builder, String name, Serde<K> keys, Serde<V> values, boolean cached) {
    var store = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keys, values);
    builder.addStateStore(cached ? store.withCachingEnabled() : store.withCachingDisabled());
  }

  private static <V extends SpecificRecord> KStream<String, V> source(
      StreamsBuilder builder, Topic<String, V> topic, PipelineMetrics metrics) {
    return builder.stream(topic.name(),
            Consumed.with(topic.keySerde(), topic.valueSerde()).withName(topic.name() + "-source"))
        .peek((key, value) -> metrics.recordIn(topic.name()), Named.as(topic.name() + "-received"));
  }

  /** The townships a warning for "the whole district" (no township listed) covers. */
  static List<String> townshipIds(ReferenceData reference) {
    return reference.townships().stream().map(t -> t.id()).toList();
  }

  /** Display names for area keys, from the shipped reference data. */
  static Function<String, String> areaNames(ReferenceData reference) {
    return area -> switch (AreaKeys.type(area)) {
      case TOWNSHIP -> reference.township(AreaKeys.id(area)).map(t -> t.nameZh()).orElse(null);
      case SECTOR -> reference.sector(AreaKeys.id(area)).map(s -> s.nameZh()).orElse(null);
      case PARK -> reference.parkName(AreaKeys.id(area));
      default -> null;
    };
  }
}
