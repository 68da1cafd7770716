package io.fangxian.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fangxian.alerts.AlertViews;
import io.fangxian.avro.AccidentEvent;
import io.fangxian.avro.AccidentType;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.InspectionKind;
import io.fangxian.avro.RiskLevel;
import io.fangxian.avro.ViolationAction;
import io.fangxian.avro.ViolationEvent;
import io.fangxian.avro.internal.AccidentState;
import io.fangxian.domain.ReferenceData;
import io.fangxian.hazards.HazardViews;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The dossier (一企一档) as the REST API writes it, from records a test builds: local months, the
 * order of each list, which alerts belong to it, its JSON on the way between instances, and that
 * openapi.json describes every field. Hazards and alerts are built from JSON, as a peer sends them.
 */
class EnterpriseDossierViewTest {
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final LocalDate TODAY = LocalDate.parse("2026-07-15");
  static final String ID = "91320413MA1MCGQ3X4";

  final ObjectMapper json = QueryServer.mapper();
  final Enterprise enterprise = Enterprise.newBuilder().setEnterpriseId(ID).setName("江苏金坛化工有限公司")
      .setTownshipId("jincheng").setSectorId("hazardous-chemicals").setRiskLevel(RiskLevel.ORANGE)
      .setKeySupervised(true).setSupervisor("王督导").build();

  private HazardViews.Hazard hazard(String id, boolean open, String reportedAt, String closedAt) throws Exception {
    return json.readValue("""
        {"hazardId": "%s", "enterpriseId": "%s", "open": %s, "severity": "GENERAL", "status": "%s",
         "reportedAt": "%s", "closedAt": %s}""".formatted(id, ID, open, open ? "REPORTED" : "VERIFIED_CLOSED",
        reportedAt, closedAt == null ? "null" : '"' + closedAt + '"'), HazardViews.Hazard.class);
  }

  private static Views.Violation violation(String id, Double fine, String at) {
    return Views.Violation.from(ViolationEvent.newBuilder().setEventId("e-" + id).setViolationId(id).setEnterpriseId(ID)
        .setAction(fine == null ? ViolationAction.WARNING : ViolationAction.FINE).setFineYuan(fine)
        .setOccurredAt(Instant.parse(at)).build());
  }

  private static Views.Inspection inspection(String id, InspectionKind kind, String at) {
    return Views.Inspection.from(InspectionEvent.newBuilder().setEventId("e-" + id).setInspectionId(id).setEnterpriseId(ID)
        .setKind(kind).setFindings(2).setOccurredAt(Instant.parse(at)).build());
  }

  private static Views.AccidentView accident(String id, int deaths, String occurredAt, String reportedAt) {
    AccidentEvent a = AccidentEvent.newBuilder().setEventId("e-" + id).setAccidentId(id).setEnterpriseId(ID)
        .setOccurredAt(Instant.parse(occurredAt)).setReportedAt(Instant.parse(reportedAt)).setDeaths(deaths)
        .setSeriousInjuries(0).setMinorInjuries(1).setDirectLossYuan(250_000)
        .setAccidentType(AccidentType.FALL_FROM_HEIGHT).build();
    return Views.AccidentView.from(AccidentState.newBuilder().setAccident(a).setTownshipId("jincheng")
        .setSectorId("construction").build());
  }

  private AlertViews.AlertView alert(String key, String status, String subjectType, String subjectId, String enterpriseId,
      String emittedAt) throws Exception {
    return json.readValue("""
        {"alertKey": "%s", "rule": "r", "level": "BLUE", "status": "%s", "emittedAt": "%s",
         "subject": {"type": "%s", "id": "%s", "enterpriseId": %s}}""".formatted(key, status, emittedAt, subjectType,
        subjectId, enterpriseId == null ? "null" : '"' + enterpriseId + '"'), AlertViews.AlertView.class);
  }

  private Views.EnterpriseProfile dossier() throws Exception {
    List<HazardViews.Hazard> hazards = List.of(
        hazard("H-old", false, "2026-03-01T02:00:00Z", "2026-06-30T16:30:00Z"), // closed on 1 July, local time
        hazard("H-new", true, "2026-07-10T02:00:00Z", null),
        hazard("H-mid", true, "2026-05-01T02:00:00Z", null),
        hazard("H-edge", false, "2025-07-31T16:30:00Z", "2025-08-02T00:00:00Z"), // 1 August 2025, local time
        hazard("H-past", false, "2025-07-31T15:00:00Z", "2025-07-31T15:30:00Z")); // 31 July 2025: 13 months ago
    List<Views.Violation> violations = List.of(violation("V-2", 5_000.0, "2026-06-30T16:30:00Z"),
        violation("V-1", null, "2026-06-30T15:30:00Z"), violation("V-0", 1_500.5, "2024-01-01T00:00:00Z"));
    List<Views.Inspection> inspections = List.of(inspection("I-3", InspectionKind.FLYING, "2026-07-02T01:00:00Z"),
        inspection("I-2", InspectionKind.SELF_INSPECTION, "2026-06-20T01:00:00Z"),
        inspection("I-1", InspectionKind.SELF_INSPECTION, "2026-06-01T01:00:00Z"));
    List<Views.AccidentView> accidents = List.of(accident("A-1", 3, "2026-07-03T01:00:00Z", "2026-07-03T03:00:00Z"));
    return Views.EnterpriseProfile.from(enterprise, hazards, violations, inspections, accidents, ZONE, TODAY, ReferenceData.builtIn());
  }

  @Test
  void monthsAreTheLastTwelveLocalMonthsNewestFirst() throws Exception {
    List<Views.Month> months = dossier().monthly();
    assertThat(months).extracting(Views.Month::month).hasSize(12).startsWith("2026-07", "2026-06").endsWith("2025-08");
    Views.Month july = months.get(0);
    assertThat(july.hazardsReported()).isEqualTo(1); // H-new
    assertThat(july.hazardsClosed()).isEqualTo(1); // H-old, at 00:30 on 1 July in Shanghai (still 30 June in UTC)
    assertThat(july.violations()).isEqualTo(1);
    assertThat(july.fineYuan()).isEqualTo(5_000.0);
    assertThat(july.inspections()).isEqualTo(1);
    assertThat(july.accidents()).isEqualTo(1);
    Views.Month june = months.get(1);
    assertThat(june.violations()).isEqualTo(1); // V-1, 23:30 on 30 June
    assertThat(june.fineYuan()).isZero();
    assertThat(june.inspections()).isEqualTo(2);
    Views.Month august2025 = months.get(11);
    assertThat(august2025.hazardsReported()).isEqualTo(1); // H-edge; H-past fell on 31 July, out of the twelve months
    assertThat(august2025.hazardsClosed()).isEqualTo(1);
    assertThat(months.stream().mapToLong(Views.Month::hazardsReported).sum()).isEqualTo(4); // all but H-past
  }

  @Test
  void everyRecordIsListedWithTotalsAndTheLastInspectionOfEachKind() throws Exception {
    Views.EnterpriseProfile p = dossier();
    assertThat(p.hazards()).extracting(HazardViews.Hazard::hazardId)
        .containsExactly("H-new", "H-mid", "H-old", "H-edge", "H-past");
    assertThat(p.openHazards()).extracting(HazardViews.Hazard::hazardId).containsExactlyInAnyOrder("H-new", "H-mid");
    assertThat(p.hazardCount()).isEqualTo(5);
    assertThat(p.closedHazardCount()).isEqualTo(3);
    assertThat(p.violationCount()).isEqualTo(3);
    assertThat(p.fineYuanTotal()).isEqualTo(6_500.5);
    assertThat(p.inspectionCount()).isEqualTo(3);
    assertThat(p.inspectionsByKind()).containsOnlyKeys("FLYING", "SELF_INSPECTION");
    assertThat(p.inspectionsByKind().get("SELF_INSPECTION").count()).isEqualTo(2);
    assertThat(p.inspectionsByKind().get("SELF_INSPECTION").last().inspectionId()).isEqualTo("I-2");
    assertThat(p.accidents().get(0).grade()).isEqualTo("LARGER");
    assertThat(p.accidents().get(0).reportedLate()).as("without the head's time it cannot be established").isFalse();
    assertThat(p.accidents().get(0).suspectedLateReport()).isTrue();
    assertThat(p.supervisor()).isEqualTo("王督导");
    assertThat(p.riskLevel()).isEqualTo("ORANGE");
    assertThat(p.keyArea()).isTrue();
  }

  @Test
  void alertsAboutTheEnterpriseItsHazardsAndItsAccidentsBelongToIt() throws Exception {
    Views.EnterpriseProfile p = dossier();
    assertThat(p.concerns(alert("repeat", "FIRING", "ENTERPRISE", ID, ID, "2026-07-01T00:00:00Z"))).isTrue();
    assertThat(p.concerns(alert("major", "FIRING", "HAZARD", "H-new", null, "2026-07-01T00:00:00Z")))
        .as("a hazard of its own, even when the subject does not name the enterprise").isTrue();
    assertThat(p.concerns(alert("accident", "RESOLVED", "ACCIDENT", "A-1", null, "2026-07-01T00:00:00Z"))).isTrue();
    assertThat(p.concerns(alert("other", "FIRING", "HAZARD", "H-9", "91320413MA1XXXXXX0", "2026-07-01T00:00:00Z")))
        .isFalse();
    assertThat(p.concerns(alert("sector", "FIRING", "SECTOR", "hazardous-chemicals", null, "2026-07-01T00:00:00Z")))
        .isFalse();
    assertThat(p.concerns(alert("township", "FIRING", "TOWNSHIP", "jincheng", null, "2026-07-01T00:00:00Z"))).isFalse();
  }

  /** 严重失信主体名单: the dossier names the listing situation its accidents meet, and one larger accident meets none. */
  @Test
  void theDossierFlagsTheListingSituationItsAccidentsMeet() throws Exception {
    assertThat(dossier().seriousDishonesty()).as("one larger accident (3 deaths)").isEmpty();
    Views.EnterpriseProfile twice = Views.EnterpriseProfile.from(enterprise, List.of(), List.of(), List.of(),
        List.of(accident("A-1", 3, "2026-07-03T01:00:00Z", "2026-07-03T03:00:00Z"),
            accident("A-2", 4, "2026-02-01T01:00:00Z", "2026-02-01T02:00:00Z")), ZONE, TODAY, ReferenceData.builtIn());
    assertThat(twice.seriousDishonesty()).singleElement().satisfies(c -> {
      assertThat(c.criterion()).isEqualTo("TWO_LARGER_ACCIDENTS_IN_12_MONTHS");
      assertThat(c.accidentIds()).containsExactly("A-2", "A-1");
      assertThat(c.text()).contains("12个月内累计发生2起以上较大生产安全事故");
    });
    assertThat(json.readValue(json.writeValueAsString(twice), Views.EnterpriseProfile.class)).isEqualTo(twice);
  }

  /** A peer answers the owner's dossier as JSON: what arrives is what was sent. */
  @Test
  void theDossierSurvivesItsWayBetweenInstances() throws Exception {
    Views.EnterpriseProfile p = dossier().withAlerts(List.of(
        alert("major", "FIRING", "HAZARD", "H-new", ID, "2026-07-01T00:00:00Z")));
    String sent = json.writeValueAsString(p);
    assertThat(json.readValue(sent, Views.EnterpriseProfile.class)).isEqualTo(p);
    JsonNode tree = json.readTree(sent);
    for (String field : List.of("hazards", "violations", "inspections", "accidents", "alerts", "monthly")) {
      assertThat(tree.get(field).isArray()).as(field).isTrue();
    }
    assertThat(tree.get("accidents").get(0).get("occurredAt").asText()).isEqualTo("2026-07-03T01:00:00Z");
  }

  @Test
  void openApiDescribesEveryFieldOfTheDossier() throws Exception {
    JsonNode schemas;
    try (InputStream in = getClass().getResourceAsStream("/api/openapi.json")) {
      schemas = json.readTree(in).get("components").get("schemas");
    }
    JsonNode profile = schemas.get("EnterpriseProfile").get("properties");
    assertThat(names(profile)).isEqualTo(components(Views.EnterpriseProfile.class));
    assertThat(names(schemas.get("Violation").get("properties"))).isEqualTo(components(Views.Violation.class));
    assertThat(names(schemas.get("Inspection").get("properties"))).isEqualTo(components(Views.Inspection.class));
    assertThat(names(schemas.get("Accident").get("properties"))).isEqualTo(components(Views.AccidentView.class));
    assertThat(names(profile.get("monthly").get("items").get("properties"))).isEqualTo(components(Views.Month.class));
    assertThat(names(profile.get("inspectionsByKind").get("additionalProperties").get("properties")))
        .isEqualTo(components(Views.InspectionKindSummary.class));
  }

  private static Set<String> names(JsonNode properties) {
    Set<String> names = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
      names.add(it.next().getKey());
    }
    return names;
  }

  private static Set<String> components(Class<? extends Record> type) {
    List<String> names = new ArrayList<>();
    Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).forEach(names::add);
    return new TreeSet<>(names);
  }
}
