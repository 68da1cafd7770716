package io.fangxian.reports;

import io.fangxian.areas.CountChange;
import io.fangxian.avro.PublicReportEvent;
import io.fangxian.config.PipelineConfig;
import io.fangxian.config.RulesConfig;
import io.fangxian.domain.ReferenceData;
import io.fangxian.domain.TopicRegistry;
import io.fangxian.intake.EnrichedEvent;
import io.fangxian.intake.Intake;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * The public reports slice's part of the topology (举报): each report's steps and verification clock.
 * A report naming an enterprise is keyed by it, so the hazards its verification names are linked on
 * their partition.
 */
public final class Reports {
  private Reports() { }

  /**
   * @param reports each step's outcome: its count change and the hazard link its verification makes
   *     (the hazards slice links them into the ledger)
   */
  public record Output(KStream<String, ReportsOutput> reports, KStream<String, CountChange> counts) { }

  public static Output add(Intake intake, TopicRegistry topics, PipelineConfig config, RulesConfig rules,
      ReferenceData reference) {
    KStream<String, EnrichedEvent<PublicReportEvent>> steps = intake.events(topics.publicReports, "report",
        "reports", PublicReportEvent::getEventId, r -> r.getEnterpriseId() != null);
    KStream<String, ReportsOutput> reports = steps
        .mapValues(r -> new ReportsInput(r.event(), r.enterprise(), r::refuse), Named.as("report-steps"))
        .process(() -> new ReportsProcessor(ReportLimits.of(rules.reports()), id -> reference.township(id).isPresent(),
            config.deadlineCheckInterval()), Named.as("reports"), ReportsStores.REPORTS, ReportsStores.DUE,
            ReportsStores.DOSSIER);
    KStream<String, CountChange> counts = reports
        .filter((key, out) -> out.delta() != null, Named.as("report-counts-only"))
        .mapValues(out -> new CountChange(out.delta(), out.areas()), Named.as("report-counts"));
    return new Output(reports, counts);
  }
}
