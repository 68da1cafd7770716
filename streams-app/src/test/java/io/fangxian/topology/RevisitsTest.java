package io.fangxian.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.InspectionKind;
import io.fangxian.avro.internal.Revisit;
import io.fangxian.flying.RevisitFigures;
import io.fangxian.flying.RevisitStores;
import io.fangxian.flying.Revisits;
import io.fangxian.store.EnterpriseItemKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * 交办 and 回头看 (io.fangxian.flying) through the whole topology: a flying inspection's findings owe
 * one revisit of the enterprise within flying.revisitWithin (30 days); a later routine, linked or
 * flying inspection is the revisit; the wall clock marks it overdue.
 */
class RevisitsTest {
  TopologyFixture f = new TopologyFixture();
  Enterprise e = f.enterprise("jincheng", "construction");

  @AfterEach
  void close() {
    f.close();
  }

  private Instant daysAgo(long days) {
    return f.now().minus(Duration.ofDays(days));
  }

  private KeyValueStore<EnterpriseItemKey, Revisit> store() {
    return f.driver.getKeyValueStore(RevisitStores.REVISITS);
  }

  private Revisit revisit(String anchorId) {
    return store().get(new EnterpriseItemKey(e.getEnterpriseId(), anchorId));
  }

  private InspectionEvent flyingWithFindings(Instant at, String... hazardIds) {
    InspectionEvent flying = f.inspection(e, InspectionKind.FLYING, at, "district-flying-team");
    for (String h : hazardIds) {
      f.reportFoundBy(flying.getInspectionId(), e, h, HazardSeverity.MAJOR, HazardSource.FLYING_INSPECTION, at);
    }
    return flying;
  }

  private Map<String, RevisitFigures.Tally> figures() {
    return RevisitFigures.byUnit(store(), sector -> "区住建局", null);
  }

  @Test
  void aRevisitWithinTheWindowIsDoneAndCountsForTheTownshipAndTheDepartment() {
    InspectionEvent flying = flyingWithFindings(daysAgo(20), "H-1", "H-2");
    InspectionEvent routine = f.inspection(e, InspectionKind.ROUTINE, daysAgo(5), "jincheng");
    f.advance(Duration.ofMinutes(2));

    Revisit r = revisit(flying.getInspectionId());
    assertThat(r.getHazardIds()).containsExactly("H-1", "H-2");
    assertThat(r.getTownshipId()).isEqualTo("jincheng");
    assertThat(r.getDueAt()).isEqualTo(daysAgo(20).minus(Duration.ofMinutes(2)).plus(Duration.ofDays(30)));
    assertThat(r.getRevisitInspectionId()).isEqualTo(routine.getInspectionId());
    assertThat(Revisits.status(r)).isEqualTo(Revisits.Status.DONE);
    assertThat(figures().get("jincheng")).isEqualTo(new RevisitFigures.Tally(2, 1, 1, 0, 0));
    assertThat(figures().get("区住建局")).isEqualTo(new RevisitFigures.Tally(2, 1, 1, 0, 0));
  }

  @Test
  void aRevisitIsOverdueOnlyOnceTheWallClockPassesItsDueTime() {
    InspectionEvent flying = flyingWithFindings(daysAgo(29), "H-1");
    f.advance(Duration.ofHours(12));
    assertThat(Revisits.status(revisit(flying.getInspectionId()))).isEqualTo(Revisits.Status.PENDING);
    f.advance(Duration.ofDays(1));
    assertThat(Revisits.status(revisit(flying.getInspectionId()))).isEqualTo(Revisits.Status.OVERDUE);
    assertThat(figures().get("jincheng")).isEqualTo(new RevisitFigures.Tally(1, 1, 0, 0, 1));
  }

  @Test
  void aRevisitAfterTheWindowIsDoneLate() {
    InspectionEvent flying = flyingWithFindings(daysAgo(45), "H-1");
    f.advance(Duration.ofMinutes(2));
    assertThat(Revisits.status(revisit(flying.getInspectionId()))).isEqualTo(Revisits.Status.OVERDUE);

    f.inspection(e, InspectionKind.LINKED_SUPERVISION, daysAgo(3), "L-1");
    assertThat(Revisits.status(revisit(flying.getInspectionId()))).isEqualTo(Revisits.Status.DONE_LATE);
    assertThat(figures().get("jincheng")).isEqualTo(new RevisitFigures.Tally(1, 1, 0, 1, 0));
  }

  @Test
  void selfInspectionsGridPatrolsAndEarlierInspectionsAreNoRevisit() {
    InspectionEvent flying = flyingWithFindings(daysAgo(10), "H-1");
    f.inspection(e, InspectionKind.SELF_INSPECTION, daysAgo(5));
    f.inspection(e, InspectionKind.GRID_PATROL, daysAgo(4), "grid-1");
    f.inspection(e, InspectionKind.ROUTINE, daysAgo(11), "jincheng"); // before the flying inspection
    assertThat(revisit(flying.getInspectionId()).getRevisitedAt()).isNull();
  }

  @Test
  void aHazardFromAFlyingInspectionWithoutItsInspectionOwesARevisitOfItsOwn() {
    f.report(e, "H-9", HazardSeverity.GENERAL, HazardSource.FLYING_INSPECTION, daysAgo(3), daysAgo(3).plus(Duration.ofDays(10)));
    f.report(e, "H-10", HazardSeverity.GENERAL, HazardSource.DEPARTMENT_INSPECTION, daysAgo(3), daysAgo(3).plus(Duration.ofDays(10)));
    assertThat(revisit("H-9").getHazardIds()).containsExactly("H-9");
    assertThat(revisit("H-10")).as("not a flying inspection's finding").isNull();
  }

  @Test
  void aResentInspectionOrHazardChangesNothing() {
    InspectionEvent flying = flyingWithFindings(daysAgo(20), "H-1");
    f.inspections.pipeInput(e.getEnterpriseId(), flying);
    InspectionEvent routine = f.inspection(e, InspectionKind.ROUTINE, daysAgo(5), "jincheng");
    f.inspections.pipeInput(e.getEnterpriseId(), routine);
    f.reportFoundBy(flying.getInspectionId(), e, "H-1", HazardSeverity.MAJOR, HazardSource.FLYING_INSPECTION, daysAgo(20));
    f.advance(Duration.ofDays(20));

    Revisit r = revisit(flying.getInspectionId());
    assertThat(r.getHazardIds()).containsExactly("H-1");
    assertThat(r.getMajorHazards()).isEqualTo(1);
    assertThat(Revisits.status(r)).isEqualTo(Revisits.Status.DONE);
    assertThat(figures().get("jincheng")).isEqualTo(new RevisitFigures.Tally(1, 1, 1, 0, 0));
  }

  @Test
  void anInspectionThatArrivesBeforeTheFindingItFollowsIsStillItsRevisit() {
    InspectionEvent routine = f.inspection(e, InspectionKind.ROUTINE, daysAgo(5), "jincheng");
    InspectionEvent flying = f.inspection(e, InspectionKind.FLYING, daysAgo(20), "district-flying-team");
    f.reportFoundBy(flying.getInspectionId(), e, "H-1", HazardSeverity.GENERAL, HazardSource.FLYING_INSPECTION, daysAgo(20));
    f.advance(Duration.ofMinutes(2));
    assertThat(revisit(flying.getInspectionId()).getRevisitInspectionId()).isEqualTo(routine.getInspectionId());
    assertThat(Revisits.status(revisit(flying.getInspectionId()))).isEqualTo(Revisits.Status.DONE);
  }

  @Test
  void aFlyingInspectionThatArrivesAfterItsFindingsDatesTheRevisit() {
    Instant flownAt = daysAgo(31);
    f.reportFoundBy("FX-1", e, "H-1", HazardSeverity.GENERAL, HazardSource.FLYING_INSPECTION, daysAgo(29));
    assertThat(revisit("FX-1").getDueAt()).isEqualTo(daysAgo(29).plus(Duration.ofDays(30)));
    f.inspections.pipeInput(e.getEnterpriseId(), InspectionEvent.newBuilder().setEventId("ev-fx-1").setInspectionId("FX-1")
        .setEnterpriseId(e.getEnterpriseId()).setKind(InspectionKind.FLYING).setFindings(1).setOccurredAt(flownAt).build());
    assertThat(revisit("FX-1").getDueAt()).isEqualTo(flownAt.plus(Duration.ofDays(30)));
    f.advance(Duration.ofMinutes(2));
    assertThat(Revisits.status(revisit("FX-1"))).as("30 days after the flying inspection, not its report").isEqualTo(Revisits.Status.OVERDUE);
  }
}
