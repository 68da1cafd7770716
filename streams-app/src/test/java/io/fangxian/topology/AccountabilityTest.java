package io.fangxian.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.accountability.AccountabilityStores;
import io.fangxian.accountability.UnitScorecards;
import io.fangxian.accountability.UnitTally;
import io.fangxian.avro.AccidentType;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardEvent;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.InspectionKind;
import io.fangxian.config.PipelineConfig;
import io.fangxian.config.RulesConfig;
import io.fangxian.deadletter.DeadLetterHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The units' scorecards (考核, io.fangxian.accountability) through the whole topology: what a flying
 * inspection or a public report finds within the window after a unit's inspection is that unit's
 * miss (漏检), once per hazard; accidents count apart; flying and self-inspections are charged with
 * nothing; order of arrival does not matter.
 */
class AccountabilityTest {
  static final Duration DAY = Duration.ofDays(1);
  TopologyFixture f = new TopologyFixture();
  Enterprise e = f.enterprise("jincheng", "construction");

  @AfterEach
  void close() {
    f.close();
  }

  private UnitTally unit(String unitId) {
    return scorecards().unit(unitId, f.now());
  }

  private UnitScorecards scorecards() {
    return new UnitScorecards(f.driver.getKeyValueStore(AccountabilityStores.UNIT_INSPECTIONS),
        f.driver.getKeyValueStore(AccountabilityStores.UNIT_FOUND), f.driver.getKeyValueStore(AccountabilityStores.UNIT_MISSED),
        f.driver.getKeyValueStore(AccountabilityStores.UNIT_ACCIDENTS));
  }

  private Instant daysAgo(long days) {
    return f.now().minus(Duration.ofDays(days));
  }

  private HazardEvent found(String hazardId, HazardSeverity severity, HazardSource source, Instant at) {
    return f.report(e, hazardId, severity, source, at, at.plus(Duration.ofDays(30)));
  }

  @Test
  void aHazardAFlyingInspectionFindsWithinTheWindowIsAMissOfTheUnitThatInspected() {
    f.inspection(e, InspectionKind.ROUTINE, daysAgo(20), "jincheng");
    found("H-1", HazardSeverity.GENERAL, HazardSource.FLYING_INSPECTION, daysAgo(1));

    UnitTally jincheng = unit("jincheng");
    assertThat(jincheng.missedHazards()).isEqualTo(1);
    assertThat(jincheng.missedMajorHazards()).isZero();
    assertThat(jincheng.inspections()).isEqualTo(1);
    assertThat(jincheng.inspectionsLast30Days()).isEqualTo(1);
  }

  @Test
  void aHazardFoundAfterTheWindowIsNoMiss() {
    f.inspection(e, InspectionKind.ROUTINE, daysAgo(40), "jincheng");
    found("H-1", HazardSeverity.MAJOR, HazardSource.PUBLIC_REPORT, daysAgo(5)); // 35 days after

    assertThat(unit("jincheng").missedHazards()).isZero();
    assertThat(unit("jincheng").inspectionsLast30Days()).isZero();
    assertThat(unit("jincheng").inspectionsLast90Days()).isEqualTo(1);
  }

  @Test
  void theWindowCountsFromExactlyThirtyDaysBeforeTheReportUpToButNotIncludingItsInstant() {
    Instant reported = daysAgo(1);
    Enterprise atEdge = f.enterprise("jincheng", "construction");
    Enterprise justOutside = f.enterprise("jincheng", "construction");
    Enterprise sameInstant = f.enterprise("jincheng", "construction");
    f.inspection(atEdge, InspectionKind.ROUTINE, reported.minus(Duration.ofDays(30)), "edge");
    f.inspection(justOutside, InspectionKind.ROUTINE, reported.minus(Duration.ofDays(30)).minusMillis(1), "outside");
    f.inspection(sameInstant, InspectionKind.ROUTINE, reported, "same");
    for (Enterprise at : new Enterprise[] {atEdge, justOutside, sameInstant}) {
      f.report(at, "H-" + at.getEnterpriseId(), HazardSeverity.GENERAL, HazardSource.FLYING_INSPECTION, reported,
          reported.plus(Duration.ofDays(30)));
    }

    assertThat(unit("edge").missedHazards()).isEqualTo(1);
    assertThat(unit("outside").missedHazards()).isZero();
    assertThat(unit("same").missedHazards()).isZero();
  }

  @Test
  void everyUnitThatInspectedWithinTheWindowIsChargedForOneHazard() {
    f.inspection(e, InspectionKind.ROUTINE, daysAgo(25), "jincheng");
    f.inspection(e, InspectionKind.LINKED_SUPERVISION, daysAgo(10), "yjj");
    f.inspection(e, InspectionKind.GRID_PATROL, daysAgo(3), "jincheng-g01");
    found("H-1", HazardSeverity.MAJOR, HazardSource.PUBLIC_REPORT, daysAgo(2));

    for (String u : new String[] {"jincheng", "yjj", "jincheng-g01"}) {
      assertThat(unit(u).missedHazards()).as(u).isEqualTo(1);
      assertThat(unit(u).missedMajorHazards()).as(u).isEqualTo(1);
    }
  }

  @Test
  void aHazardCountsOncePerUnitHoweverOftenTheUnitInspectedAndTheEventIsResent() {
    f.inspection(e, InspectionKind.ROUTINE, daysAgo(20), "jincheng");
    f.inspection(e, InspectionKind.ROUTINE, daysAgo(10), "jincheng");
    HazardEvent h = found("H-1", HazardSeverity.MAJOR, HazardSource.FLYING_INSPECTION, daysAgo(2));
    f.hazards.pipeInput(e.getEnterpriseId(), h); // resent: the same eventId

    UnitTally jincheng = unit("jincheng");
    assertThat(jincheng.missedHazards()).isEqualTo(1);
    assertThat(jincheng.missedMajorHazards()).isEqualTo(1);
    assertThat(jincheng.inspections()).isEqualTo(2);

    found("H-2", HazardSeverity.GENERAL, HazardSource.PUBLIC_REPORT, daysAgo(1));
    assertThat(unit("jincheng").missedHazards()).isEqualTo(2);
    assertThat(unit("jincheng").missedMajorHazards()).isEqualTo(1);
  }

  @Test
  void majorCountsAsGradedWhenReportedNotAsRegradedLater() {
    f.inspection(e, InspectionKind.ROUTINE, daysAgo(20), "jincheng");
    found("H-1", HazardSeverity.MAJOR, HazardSource.FLYING_INSPECTION, daysAgo(2));
    f.hazards.pipeInput(e.getEnterpriseId(), HazardEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString()).setHazardId("H-1").setEnterpriseId(e.getEnterpriseId())
        .setType(io.fangxian.avro.HazardEventType.REGRADED).setSeverity(HazardSeverity.GENERAL)
        .setOccurredAt(daysAgo(1)).build());

    assertThat(unit("jincheng").missedMajorHazards()).isEqualTo(1);
  }

  @Test
  void anAccidentAfterAnInspectionCountsApartFromTheMisses() {
    f.inspection(e, InspectionKind.ROUTINE, daysAgo(10), "jincheng");
    f.inspection(e, InspectionKind.ROUTINE, daysAgo(45), "old");
    f.accident(e, "A-1", 0, 1, 10_000, AccidentType.STRUCK_BY_OBJECT, daysAgo(2), daysAgo(2).plus(Duration.ofMinutes(30)));
    // a correction of the same accident counts no second time
    f.accident(e, "A-1", 0, 2, 20_000, AccidentType.STRUCK_BY_OBJECT, daysAgo(2), daysAgo(1));

    assertThat(unit("jincheng").accidentsAfterInspection()).isEqualTo(1);
    assertThat(unit("jincheng").missedHazards()).isZero();
    assertThat(unit("old").accidentsAfterInspection()).isZero();
  }

  @Test
  void flyingAndSelfInspectionsAreChargedWithNothingButStillCountAsInspections() {
    f.inspection(e, InspectionKind.FLYING, daysAgo(10), "district");
    f.inspection(e, InspectionKind.SELF_INSPECTION, daysAgo(10), "self");
    found("H-1", HazardSeverity.MAJOR, HazardSource.PUBLIC_REPORT, daysAgo(2));
    f.accident(e, "A-1", 1, 0, 10_000, AccidentType.STRUCK_BY_OBJECT, daysAgo(1), daysAgo(1));

    for (String u : new String[] {"district", "self"}) {
      assertThat(unit(u).missedHazards()).as(u).isZero();
      assertThat(unit(u).accidentsAfterInspection()).as(u).isZero();
      assertThat(unit(u).inspections()).as(u).isEqualTo(1);
    }
  }

  @Test
  void hazardsTheUnitsOwnInspectionsOrTheEnterpriseFoundAreNoMiss() {
    f.inspection(e, InspectionKind.ROUTINE, daysAgo(10), "jincheng");
    found("H-1", HazardSeverity.MAJOR, HazardSource.DEPARTMENT_INSPECTION, daysAgo(2));
    found("H-2", HazardSeverity.MAJOR, HazardSource.SELF_INSPECTION, daysAgo(2));
    found("H-3", HazardSeverity.MAJOR, HazardSource.GRID_PATROL, daysAgo(2));

    assertThat(unit("jincheng").missedHazards()).isZero();
  }

  @Test
  void aLateInspectionIsChargedForTheHazardItPrecededOnEventTime() {
    found("H-1", HazardSeverity.MAJOR, HazardSource.FLYING_INSPECTION, daysAgo(2));
    f.accident(e, "A-1", 0, 1, 1_000, AccidentType.STRUCK_BY_OBJECT, daysAgo(1), daysAgo(1));
    f.inspection(e, InspectionKind.ROUTINE, daysAgo(12), "jincheng"); // arrives after both
    f.inspection(e, InspectionKind.ROUTINE, daysAgo(1).plus(Duration.ofHours(1)), "later"); // after both: no charge

    assertThat(unit("jincheng").missedHazards()).isEqualTo(1);
    assertThat(unit("jincheng").missedMajorHazards()).isEqualTo(1);
    assertThat(unit("jincheng").accidentsAfterInspection()).isEqualTo(1);
    assertThat(unit("later").missedHazards()).isZero();
    assertThat(unit("later").accidentsAfterInspection()).isZero();
  }

  @Test
  void hazardsAUnitsInspectionFoundCountAsFoundInEitherOrder() {
    InspectionEvent first = f.inspection(e, InspectionKind.ROUTINE, daysAgo(3), "jincheng");
    f.reportFoundBy(first.getInspectionId(), e, "H-1", HazardSeverity.GENERAL, HazardSource.DEPARTMENT_INSPECTION, daysAgo(3));
    f.reportFoundBy("I-late", e, "H-2", HazardSeverity.GENERAL, HazardSource.DEPARTMENT_INSPECTION, daysAgo(2));
    f.inspections.pipeInput(e.getEnterpriseId(), InspectionEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString()).setInspectionId("I-late").setEnterpriseId(e.getEnterpriseId())
        .setKind(InspectionKind.LINKED_SUPERVISION).setOccurredAt(daysAgo(2)).setUnitId("yjj").build());

    assertThat(unit("jincheng").hazardsFound()).isEqualTo(1);
    assertThat(unit("yjj").hazardsFound()).isEqualTo(1);
    assertThat(unit("jincheng").missedHazards()).isZero();
    // neither can be charged to anyone, and both found their inspection: the slice keeps neither
    try (var kept = f.driver.getKeyValueStore(AccountabilityStores.HAZARDS).all()) {
      assertThat(kept.hasNext()).isFalse();
    }
  }

  @Test
  void missesAreChargedOnlyForTheEnterpriseInspected() {
    Enterprise other = f.enterprise("jincheng", "construction");
    f.inspection(other, InspectionKind.ROUTINE, daysAgo(10), "jincheng");
    found("H-1", HazardSeverity.GENERAL, HazardSource.PUBLIC_REPORT, daysAgo(2));

    assertThat(unit("jincheng").missedHazards()).isZero();
  }

  @Test
  void anInspectionWithoutAUnitCountsForNoUnitAndABlankOneIsADeadLetter() {
    f.inspection(e, InspectionKind.ROUTINE, daysAgo(10));
    f.inspection(e, InspectionKind.ROUTINE, daysAgo(10), " ");
    found("H-1", HazardSeverity.GENERAL, HazardSource.PUBLIC_REPORT, daysAgo(2));

    assertThat(scorecards().all(f.now())).isEmpty();
    assertThat(f.deadLetters.readRecordsToList()).singleElement().satisfies(r -> {
      assertThat(new String(r.headers().lastHeader(DeadLetterHandler.REASON).value(), StandardCharsets.UTF_8))
          .isEqualTo("invalid-field");
    });
  }

  @Test
  void theWindowIsASettingOfTheRulesFile(@TempDir Path dir) throws Exception {
    Path rules = Files.writeString(dir.resolve("rules.yaml"), "accountability:\n  window: P7D\n");
    f.close();
    f = new TopologyFixture(PipelineConfig.defaults(), RulesConfig.load(rules));
    e = f.enterprise("jincheng", "construction");
    f.inspection(e, InspectionKind.ROUTINE, daysAgo(10), "jincheng");
    f.inspection(e, InspectionKind.ROUTINE, daysAgo(5), "yjj");
    found("H-1", HazardSeverity.GENERAL, HazardSource.FLYING_INSPECTION, daysAgo(1));

    Map<String, UnitTally> all = scorecards().all(f.now());
    assertThat(all.get("jincheng").missedHazards()).isZero();
    assertThat(all.get("yjj").missedHazards()).isEqualTo(1);
  }
}
