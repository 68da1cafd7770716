package io.fangxian.dossier;

import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.ViolationEvent;
import io.fangxian.config.PipelineConfig;
import io.fangxian.intake.EnrichedEvent;
import io.fangxian.metrics.PipelineMetrics;
import io.fangxian.store.StoreNames;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * The dossier slice's part of the topology (一企一档): each violation and inspection filed in its
 * enterprise's dossier, which also deduplicates them (see {@link DossierRecorder}).
 */
public final class Dossier {
  private Dossier() { }

  /** The violations, each the first time its eventId is seen, filed. */
  public static KStream<String, EnrichedEvent<ViolationEvent>> violations(
      KStream<String, EnrichedEvent<ViolationEvent>> events, PipelineConfig config, PipelineMetrics metrics) {
    return events.process(() -> new DossierRecorder<ViolationEvent>(StoreNames.DOSSIER_VIOLATIONS, "violation",
        ViolationEvent::getViolationId, ViolationEvent::getEventId, ViolationEvent::getOccurredAt,
        config.dossierRetention(), config.dedupRetention(), metrics),
        Named.as("dossier-violations"), StoreNames.DOSSIER_VIOLATIONS, StoreNames.EVENT_IDS);
  }

  /** The inspections, each the first time its eventId is seen, filed. */
  public static KStream<String, EnrichedEvent<InspectionEvent>> inspections(
      KStream<String, EnrichedEvent<InspectionEvent>> events, PipelineConfig config, PipelineMetrics metrics) {
    return events.process(() -> new DossierRecorder<InspectionEvent>(StoreNames.DOSSIER_INSPECTIONS, "inspection",
        InspectionEvent::getInspectionId, InspectionEvent::getEventId, InspectionEvent::getOccurredAt,
        config.dossierRetention(), config.dedupRetention(), metrics),
        Named.as("dossier-inspections"), StoreNames.DOSSIER_INSPECTIONS, StoreNames.EVENT_IDS);
  }
}
