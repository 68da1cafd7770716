package io.fangxian.dossier;

import io.fangxian.areas.CountChange;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.ViolationEvent;
import io.fangxian.config.PipelineConfig;
import io.fangxian.intake.EnrichedEvent;
import io.fangxian.metrics.PipelineMetrics;
import io.fangxian.stats.AreaUpdates;
import io.fangxian.store.StoreNames;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * The dossier slice's part of the topology (一企一档): each violation and inspection filed in its
 * enterprise's dossier, which also deduplicates them (see {@link DossierRecorder}), and what each
 * filed one adds to its areas' counts.
 */
public final class Dossier {
  private Dossier() { }

  /** What the dossier filed (each record once), and the count changes they make. */
  public record Filed<T extends SpecificRecord>(KStream<String, EnrichedEvent<T>> records, KStream<String, CountChange> counts) { }

  /** The violations, each the first time its eventId is seen, filed. */
  public static Filed<ViolationEvent> violations(
      KStream<String, EnrichedEvent<ViolationEvent>> events, PipelineConfig config, PipelineMetrics metrics) {
    KStream<String, EnrichedEvent<ViolationEvent>> filed = events.process(
        () -> new DossierRecorder<ViolationEvent>(StoreNames.DOSSIER_VIOLATIONS, "violation",
            ViolationEvent::getViolationId, ViolationEvent::getEventId, ViolationEvent::getOccurredAt,
            config.dossierRetention(), config.dedupRetention(), metrics),
        Named.as("dossier-violations"), StoreNames.DOSSIER_VIOLATIONS, StoreNames.EVENT_IDS);
    return new Filed<>(filed, filed.mapValues(
        v -> CountChange.of(AreaUpdates.violation(v.event()), v.enterprise()), Named.as("violation-counts")));
  }

  /** The inspections, each the first time its eventId is seen, filed. */
  public static Filed<InspectionEvent> inspections(
      KStream<String, EnrichedEvent<InspectionEvent>> events, PipelineConfig config, PipelineMetrics metrics) {
    KStream<String, EnrichedEvent<InspectionEvent>> filed = events.process(
        () -> new DossierRecorder<InspectionEvent>(StoreNames.DOSSIER_INSPECTIONS, "inspection",
            InspectionEvent::getInspectionId, InspectionEvent::getEventId, InspectionEvent::getOccurredAt,
            config.dossierRetention(), config.dedupRetention(), metrics),
        Named.as("dossier-inspections"), StoreNames.DOSSIER_INSPECTIONS, StoreNames.EVENT_IDS);
    return new Filed<>(filed, filed.mapValues(
        v -> CountChange.of(AreaUpdates.inspection(v.event()), v.enterprise()), Named.as("inspection-counts")));
  }
}
