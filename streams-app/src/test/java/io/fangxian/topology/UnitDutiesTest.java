package io.fangxian.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.accountability.UnitDuties;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardEvent;
import io.fangxian.avro.HazardEventType;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.InspectionKind;
import io.fangxian.avro.Leader;
import io.fangxian.avro.LeaderRole;
import io.fangxian.avro.Supervision;
import io.fangxian.avro.SupervisionLevel;
import io.fangxian.store.StoreNames;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The scorecard figures read from the ledger and the dossier (io.fangxian.accountability.UnitDuties):
 * late 挂牌督办 write-off reviews per supervising department, and the linked leaders' visits this quarter.
 */
class UnitDutiesTest {
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  TopologyFixture f = new TopologyFixture();
  Enterprise e = f.enterprise("jincheng", "machinery");

  @AfterEach
  void close() {
    f.close();
  }

  private Instant daysAgo(long days) {
    return f.now().minus(Duration.ofDays(days));
  }

  private void send(HazardEvent.Builder b, String hazardId, HazardEventType type, Instant at) {
    f.hazards.pipeInput(e.getEnterpriseId(), b.setEventId(UUID.randomUUID().toString()).setHazardId(hazardId)
        .setEnterpriseId(e.getEnterpriseId()).setType(type).setOccurredAt(at).build());
  }

  private void supervisedAndAccepted(String hazardId, String department, Instant reported, Instant accepted) {
    f.report(e, hazardId, HazardSeverity.MAJOR, HazardSource.DEPARTMENT_INSPECTION, reported, reported.plus(Duration.ofDays(60)));
    send(HazardEvent.newBuilder().setSupervision(Supervision.newBuilder().setLevel(SupervisionLevel.DISTRICT)
        .setDepartment(department).setLeader("王某").build()), hazardId, HazardEventType.SUPERVISION_ASSIGNED, reported.plusSeconds(60));
    send(HazardEvent.newBuilder(), hazardId, HazardEventType.RECTIFIED, accepted.minusSeconds(60));
    send(HazardEvent.newBuilder(), hazardId, HazardEventType.ENTERPRISE_ACCEPTED, accepted);
  }

  @Test
  void aWriteOffReviewPastItsTenDaysOrClosedAfterThemIsLateForTheSupervisingDepartment() {
    f.advance(Duration.ofDays(40));
    supervisedAndAccepted("M-open-late", "区应急局", daysAgo(30), daysAgo(15));      // due 5 days ago, still open
    supervisedAndAccepted("M-closed-late", "区应急局", daysAgo(35), daysAgo(25));    // due 15 days ago, closed 2 days ago
    send(HazardEvent.newBuilder(), "M-closed-late", HazardEventType.VERIFIED_CLOSED, daysAgo(2));
    supervisedAndAccepted("M-in-time", "区住建局", daysAgo(30), daysAgo(12));         // due 2 days ago, closed 3 days ago
    send(HazardEvent.newBuilder(), "M-in-time", HazardEventType.VERIFIED_CLOSED, daysAgo(3));
    supervisedAndAccepted("M-not-due", "区住建局", daysAgo(10), daysAgo(3));          // due in 7 days

    assertThat(UnitDuties.lateSupervisionReviews(f.driver.getKeyValueStore(StoreNames.HAZARD_LEDGER), f.now().toEpochMilli()))
        .isEqualTo(Map.of("区应急局", 2L));
  }

  @Test
  void aLinkedLeadersVisitsAreItsLinkedSupervisionInspectionsThisQuarterByIdUnitOrName() {
    f.roster.pipeInput("L-1", Leader.newBuilder().setLeaderId("L-1").setName("张三").setRole(LeaderRole.DEPUTY_DISTRICT_HEAD)
        .setTownshipIds(List.of("jincheng")).build());
    f.roster.pipeInput("L-2", Leader.newBuilder().setLeaderId("L-2").setName("李四").setRole(LeaderRole.OFFICER).build());
    f.advance(Duration.ofDays(20)); // 2026-07-21: the quarter began on 2026-07-01 (Shanghai)
    visit(InspectionKind.LINKED_SUPERVISION, daysAgo(10), "L-1", null);
    visit(InspectionKind.LINKED_SUPERVISION, daysAgo(5), null, "张三");
    visit(InspectionKind.LINKED_SUPERVISION, daysAgo(4), "jincheng", "L-1");
    visit(InspectionKind.LINKED_SUPERVISION, daysAgo(25), "L-1", null);   // last quarter
    visit(InspectionKind.ROUTINE, daysAgo(3), "L-1", null);               // not a linked visit
    visit(InspectionKind.LINKED_SUPERVISION, daysAgo(3), null, "李四");    // not linked to anything

    assertThat(UnitDuties.linkedVisits(f.driver.getKeyValueStore(StoreNames.ROSTER),
        f.driver.getKeyValueStore(StoreNames.DOSSIER_INSPECTIONS), f.now(), ZONE)).isEqualTo(Map.of("L-1", 3L));
    assertThat(UnitDuties.quarterStart(f.now(), ZONE)).isEqualTo(Instant.parse("2026-06-30T16:00:00Z"));
  }

  private void visit(InspectionKind kind, Instant at, String unitId, String inspector) {
    InspectionEvent i = InspectionEvent.newBuilder().setEventId(UUID.randomUUID().toString())
        .setInspectionId("I-" + UUID.randomUUID()).setEnterpriseId(e.getEnterpriseId()).setKind(kind).setFindings(0)
        .setOccurredAt(at).setUnitId(unitId).setInspector(inspector).build();
    f.inspections.pipeInput(e.getEnterpriseId(), i);
  }
}
