package io.fangxian.enterprises;

import io.fangxian.areas.CountChange;
import io.fangxian.avro.Alert;
import io.fangxian.avro.CertificateEvent;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.InspectionKind;
import io.fangxian.avro.ViolationEvent;
import io.fangxian.config.PipelineConfig;
import io.fangxian.config.RulesConfig;
import io.fangxian.domain.ReferenceData;
import io.fangxian.domain.TopicRegistry;
import io.fangxian.intake.EnrichedEvent;
import io.fangxian.intake.Intake;
import io.fangxian.rules.StandingRules;
import io.fangxian.standing.Coverage;
import io.fangxian.store.StoreNames;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The enterprises slice's part of the topology: what is watched per enterprise. Its standing
 * (coverage and certificates: 拉网式排查, 三项岗位) and the enterprise rules (repeat violations,
 * self-inspection), each on the enterprise's partition.
 */
public final class Enterprises {
  private Enterprises() { }

  /** What a change of standing sends on: the counts for the areas, and the rules' signals. */
  public record Standing(KStream<String, CountChange> counts, KStream<String, Alert> signals) { }

  /** The enterprises the reference data lists, for the enterprise rules. */
  public static KStream<String, EnterpriseActivity> listed(KStream<String, Enterprise> enterprises) {
    return enterprises
        .filter((id, e) -> e != null, Named.as("enterprises-present"))
        .mapValues(EnterpriseActivity::listed, Named.as("enterprise-listed"));
  }

  /** Each violation, for the enterprise rules. */
  public static KStream<String, EnterpriseActivity> violated(KStream<String, EnrichedEvent<ViolationEvent>> violations) {
    return violations.mapValues(
        v -> EnterpriseActivity.violated(v.enterprise(), violation(v.event())), Named.as("enterprise-violated"));
  }

  /** Each self-inspection, for the enterprise rules. */
  public static KStream<String, EnterpriseActivity> selfInspected(
      KStream<String, EnrichedEvent<InspectionEvent>> inspections) {
    return inspections
        .filter((id, i) -> i.event().getKind() == InspectionKind.SELF_INSPECTION, Named.as("self-inspections-only"))
        .mapValues(i -> EnterpriseActivity.selfInspected(i.enterprise(), i.event().getOccurredAt()),
            Named.as("enterprise-self-inspected"));
  }

  /**
   * Each enterprise's standing, from its record, the inspections by others than itself and its
   * certificates, each brought to the enterprise's partition.
   */
  public static Standing standing(KStream<String, Enterprise> enterprises,
      KStream<String, EnrichedEvent<InspectionEvent>> inspections, Intake intake, TopicRegistry topics,
      PipelineConfig config, ReferenceData reference, StandingRules standingRules) {
    KStream<String, StandingInput> certificates = intake.validated(topics.certificates, "validate-certificates")
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
    KStream<String, CountChange> counts = standing
        .filter((id, out) -> out.counts() != null, Named.as("standing-counts-only"))
        .mapValues(StandingOutput::counts, Named.as("standing-counts"));
    KStream<String, Alert> signals = standing
        .filter((key, out) -> out.signal() != null, Named.as("standing-signals-only"))
        .mapValues(StandingOutput::signal, Named.as("standing-signals"));
    return new Standing(counts, signals);
  }

  /**
   * The enterprise rules' signals, from the enterprises listed, the hazards they reported themselves,
   * their violations and their self-inspections.
   */
  public static KStream<String, Alert> rules(KStream<String, EnterpriseActivity> listed,
      KStream<String, EnterpriseActivity> selfReported, KStream<String, EnterpriseActivity> violated,
      KStream<String, EnterpriseActivity> selfInspected, RulesConfig rules, EnterpriseRules enterpriseRules,
      PipelineConfig config) {
    return listed
        .merge(selfReported, Named.as("merge-self-reported"))
        .merge(violated, Named.as("merge-violated"))
        .merge(selfInspected, Named.as("merge-self-inspected"))
        .process(() -> new EnterpriseRulesProcessor(rules, enterpriseRules, config.deadlineCheckInterval()),
            Named.as("enterprise-rules"), StoreNames.ENTERPRISE_VIOLATIONS, StoreNames.SELF_INSPECTIONS,
            StoreNames.ENTERPRISE_CHECKS, StoreNames.ENTERPRISES);
  }

  private static EnterpriseRules.Violation violation(ViolationEvent v) {
    return new EnterpriseRules.Violation(v.getEventId(), v.getViolationId(), v.getAction(), v.getOccurredAt());
  }
}
