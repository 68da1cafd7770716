package io.fangxian.dossier;

import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.ViolationEvent;
import io.fangxian.intake.EnrichedEvent;
import io.fangxian.store.StoreNames;
import java.time.Duration;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/** The dossier slice's part of the topology (一企一档): a recorder after each violation and inspection dedup. */
public final class Dossier {
  private Dossier() { }

  /** @param retention how long after they occurred the records are kept ({@code dossier.retention}) */
  public static void add(KStream<String, EnrichedEvent<ViolationEvent>> violations,
      KStream<String, EnrichedEvent<InspectionEvent>> inspections, Duration retention) {
    violations.process(() -> new DossierRecorder<ViolationEvent>(StoreNames.DOSSIER_VIOLATIONS,
        ViolationEvent::getViolationId, ViolationEvent::getOccurredAt, retention),
        Named.as("dossier-violations"), StoreNames.DOSSIER_VIOLATIONS);
    inspections.process(() -> new DossierRecorder<InspectionEvent>(StoreNames.DOSSIER_INSPECTIONS,
        InspectionEvent::getInspectionId, InspectionEvent::getOccurredAt, retention),
        Named.as("dossier-inspections"), StoreNames.DOSSIER_INSPECTIONS);
  }
}
