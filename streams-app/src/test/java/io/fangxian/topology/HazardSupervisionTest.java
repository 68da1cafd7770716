package io.fangxian.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.avro.Alert;
import io.fangxian.avro.AlertStatus;
import io.fangxian.avro.AreaStats;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardEvent;
import io.fangxian.avro.HazardEventType;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.HazardState;
import io.fangxian.avro.HazardStatus;
import io.fangxian.avro.Supervision;
import io.fangxian.avro.SupervisionLevel;
import io.fangxian.deadletter.DeadLetterHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * 挂牌督办 and the truer closed loop: supervision of major hazards, the enterprise's own acceptance
 * apart from the department's verification, a failed re-check, regrading, overdue meaning "not yet
 * rectified", and major hazards left without supervision.
 */
class HazardSupervisionTest {
  final TopologyFixture f = new TopologyFixture();
  final Instant at = TopologyFixture.START.minus(Duration.ofHours(2));
  final Instant deadline = TopologyFixture.START.plus(Duration.ofDays(10));

  @AfterEach
  void close() {
    f.close();
  }

  private HazardEvent send(HazardEvent.Builder b, Enterprise e, String hazardId, HazardEventType type) {
    HazardEvent h = b.setEventId(UUID.randomUUID().toString()).setHazardId(hazardId).setEnterpriseId(e.getEnterpriseId())
        .setType(type).setOccurredAt(f.now().minus(Duration.ofMinutes(1))).build();
    f.hazards.pipeInput(e.getEnterpriseId(), h);
    return h;
  }

  private void assign(Enterprise e, String hazardId, SupervisionLevel level) {
    send(HazardEvent.newBuilder().setSupervision(Supervision.newBuilder().setLevel(level).setDepartment("区应急局")
        .setLeader("王某").setMeasures("停产整改").setResponsiblePerson("李某").setFundsYuan(80_000.0)
        .setTimeLimit(deadline).setContingencyPlan("专项预案").build()), e, hazardId, HazardEventType.SUPERVISION_ASSIGNED);
  }

  private void step(Enterprise e, String hazardId, HazardEventType type) {
    send(HazardEvent.newBuilder(), e, hazardId, type);
  }

  private void regrade(Enterprise e, String hazardId, HazardSeverity severity, String clauseId) {
    send(HazardEvent.newBuilder().setSeverity(severity).setClauseId(clauseId), e, hazardId, HazardEventType.REGRADED);
  }

  private final Map<String, HazardState> ledger = new java.util.HashMap<>();

  private HazardState hazard(String id) {
    ledger.putAll(TopologyFixture.latest(f.ledger));
    return ledger.get(id);
  }

  private AreaStats township() {
    f.publish();
    return TopologyFixture.latest(f.townshipStats).get("jincheng");
  }

  private List<Alert> alerts(String rule) {
    return f.newAlerts().stream().filter(a -> a.getRule().equals(rule)).toList();
  }

  private String deadLetterReason() {
    TestRecord<byte[], byte[]> dead = f.deadLetters.readRecord();
    Header h = dead.headers().lastHeader(DeadLetterHandler.REASON);
    return new String(h.value(), StandardCharsets.UTF_8);
  }

  @Test
  void supervisedMajorHazardsCountByLevelAndLeaveTheCountWhenClosed() {
    Enterprise e = f.enterprise("jincheng", "machinery");
    f.report(e, "H1", HazardSeverity.MAJOR, HazardSource.FLYING_INSPECTION, at, deadline);
    f.report(e, "H2", HazardSeverity.MAJOR, HazardSource.FLYING_INSPECTION, at, deadline);
    assign(e, "H1", SupervisionLevel.TOWNSHIP);
    assign(e, "H2", SupervisionLevel.DISTRICT);
    assertThat(hazard("H1").getSupervision().getFundsYuan()).isEqualTo(80_000.0);
    assertThat(township().getSupervisedMajorHazardsByLevel())
        .containsOnly(Map.entry("TOWNSHIP", 1L), Map.entry("DISTRICT", 1L));

    assign(e, "H1", SupervisionLevel.CITY); // raised to the city
    assertThat(township().getSupervisedMajorHazardsByLevel()).containsOnly(Map.entry("CITY", 1L), Map.entry("DISTRICT", 1L));

    step(e, "H2", HazardEventType.VERIFIED_CLOSED);
    assertThat(township().getSupervisedMajorHazardsByLevel()).containsOnly(Map.entry("CITY", 1L));
  }

  @Test
  void onlyAMajorHazardIsPutUnderSupervision() {
    Enterprise e = f.enterprise("jincheng", "machinery");
    f.report(e, "H1", HazardSeverity.GENERAL, HazardSource.FLYING_INSPECTION, at, deadline);
    assign(e, "H1", SupervisionLevel.DISTRICT);
    assertThat(deadLetterReason()).isEqualTo("impossible-transition");
    assertThat(hazard("H1").getSupervision()).isNull();

    f.hazards.pipeInput(e.getEnterpriseId(), HazardEvent.newBuilder().setEventId("no-supervision").setHazardId("H1")
        .setEnterpriseId(e.getEnterpriseId()).setType(HazardEventType.SUPERVISION_ASSIGNED).setOccurredAt(at).build());
    assertThat(deadLetterReason()).isEqualTo("missing-field");
  }

  @Test
  void theEnterprisesAcceptanceClosesAnUnsupervisedHazardButNotASupervisedOne() {
    Enterprise e = f.enterprise("jincheng", "machinery");
    f.report(e, "G1", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, at, deadline);
    f.report(e, "M1", HazardSeverity.MAJOR, HazardSource.FLYING_INSPECTION, at, deadline);
    assign(e, "M1", SupervisionLevel.DISTRICT);
    step(e, "G1", HazardEventType.ENTERPRISE_ACCEPTED);
    step(e, "M1", HazardEventType.RECTIFIED);
    step(e, "M1", HazardEventType.ENTERPRISE_ACCEPTED);

    assertThat(hazard("G1").getStatus()).isEqualTo(HazardStatus.ENTERPRISE_ACCEPTED);
    assertThat(hazard("G1").getClosedAt()).isNotNull();
    assertThat(hazard("G1").getRectifiedAt()).as("accepting says it was rectified").isNotNull();
    assertThat(hazard("M1").getClosedAt()).isNull();
    AreaStats t = township();
    assertThat(t.getClosedHazards()).isEqualTo(1);
    assertThat(t.getOpenHazards()).isEqualTo(1);
    assertThat(t.getOpenMajorHazards()).isEqualTo(1);

    step(e, "M1", HazardEventType.VERIFIED_CLOSED);
    step(e, "G1", HazardEventType.VERIFIED_CLOSED); // the department may still verify a closed one
    t = township();
    assertThat(t.getClosedHazards()).isEqualTo(2);
    assertThat(t.getOpenHazards()).isZero();
    assertThat(hazard("G1").getStatus()).isEqualTo(HazardStatus.VERIFIED_CLOSED);
    assertThat(f.deadLetters.isEmpty()).isTrue();

    step(e, "G1", HazardEventType.DEADLINE_EXTENDED);
    assertThat(deadLetterReason()).isEqualTo("missing-field"); // an extension without its deadline
  }

  @Test
  void aMajorHazardAcceptedByItsEnterpriseStaysOpenUntilTheDepartmentWritesItOff() {
    Enterprise e = f.enterprise("jincheng", "machinery");
    f.report(e, "M1", HazardSeverity.MAJOR, HazardSource.FLYING_INSPECTION, at, deadline);
    f.report(e, "G1", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, at, deadline);
    for (String id : List.of("M1", "G1")) {
      step(e, id, HazardEventType.RECTIFICATION_STARTED);
      step(e, id, HazardEventType.RECTIFIED);
      step(e, id, HazardEventType.ENTERPRISE_ACCEPTED);
    }
    HazardState m = hazard("M1");
    assertThat(m.getStatus()).isEqualTo(HazardStatus.ENTERPRISE_ACCEPTED);
    assertThat(m.getClosedAt()).as("a major hazard is closed by the department's 核销 only").isNull();
    assertThat(m.getWriteOffReviewDue()).isEqualTo(m.getAcceptedAt().plus(Duration.ofDays(10)));
    assertThat(hazard("G1").getClosedAt()).as("a general one by the enterprise's acceptance").isNotNull();
    AreaStats t = township();
    assertThat(t.getOpenHazards()).isEqualTo(1);
    assertThat(t.getOpenMajorHazards()).isEqualTo(1);
    assertThat(t.getClosedHazards()).isEqualTo(1);
    assertThat(t.getWriteOffReviewsOverdue()).isZero();
    f.newAlerts();

    for (int day = 0; day < 9; day++) {
      f.advance(Duration.ofDays(1));
    }
    assertThat(township().getWriteOffReviewsOverdue()).as("9 days: the review is not late yet").isZero();
    f.advance(Duration.ofDays(1));
    f.advance(Duration.ofMinutes(1));
    assertThat(township().getWriteOffReviewsOverdue()).isEqualTo(1);
    assertThat(hazard("M1").getWriteOffReviewOverdue()).isTrue();
    List<Alert> late = alerts("write-off-review-overdue");
    assertThat(late).singleElement().satisfies(a -> {
      assertThat(a.getStatus()).isEqualTo(AlertStatus.FIRING);
      assertThat(a.getMessageZh()).contains("申请核销").contains("10 日");
      assertThat(a.getHandling().getEscalationStep()).as("the department's own duty").isEqualTo(1);
      assertThat(a.getHandling().getResponsibleRole()).startsWith("区行业主管部门负责人");
    });

    step(e, "M1", HazardEventType.VERIFIED_CLOSED);
    t = township();
    assertThat(t.getOpenMajorHazards()).isZero();
    assertThat(t.getWriteOffReviewsOverdue()).isZero();
    assertThat(t.getClosedHazards()).isEqualTo(2);
    assertThat(alerts("write-off-review-overdue")).extracting(Alert::getStatus).containsExactly(AlertStatus.RESOLVED);
  }

  @Test
  void aRegradedHazardKeepsItsSupervisionUntilLiftedAndStaysOpenMeanwhile() {
    Enterprise e = f.enterprise("jincheng", "machinery");
    f.report(e, "H1", HazardSeverity.MAJOR, HazardSource.FLYING_INSPECTION, at, deadline);
    assign(e, "H1", SupervisionLevel.DISTRICT);
    send(HazardEvent.newBuilder(), e, "H1", HazardEventType.SUPERVISION_LIFTED);
    assertThat(deadLetterReason()).as("a major hazard's 挂牌督办 ends with its write-off").isEqualTo("impossible-transition");

    regrade(e, "H1", HazardSeverity.GENERAL, null);
    step(e, "H1", HazardEventType.RECTIFIED);
    step(e, "H1", HazardEventType.ENTERPRISE_ACCEPTED);
    HazardState h = hazard("H1");
    assertThat(h.getSupervision()).isNotNull();
    assertThat(h.getClosedAt()).as("still under 挂牌督办").isNull();
    assertThat(h.getWriteOffReviewDue()).isNotNull();
    assertThat(township().getOpenHazards()).isEqualTo(1);

    send(HazardEvent.newBuilder(), e, "H1", HazardEventType.SUPERVISION_LIFTED);
    h = hazard("H1");
    assertThat(h.getSupervision()).isNull();
    assertThat(h.getSupervisionLiftedAt()).isNotNull();
    assertThat(h.getClosedAt()).as("the acceptance stands once the supervision is lifted").isNotNull();
    AreaStats t = township();
    assertThat(t.getOpenHazards()).isZero();
    assertThat(t.getClosedHazards()).isEqualTo(1);
    send(HazardEvent.newBuilder(), e, "H1", HazardEventType.SUPERVISION_LIFTED);
    assertThat(deadLetterReason()).isEqualTo("impossible-transition");
  }

  @Test
  void aFailedRecheckReturnsTheHazardToRectificationAndReopensAnAcceptedOne() {
    Enterprise e = f.enterprise("jincheng", "machinery");
    f.report(e, "H1", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, at, deadline);
    step(e, "H1", HazardEventType.RECHECK_FAILED);
    assertThat(deadLetterReason()).isEqualTo("impossible-transition");

    step(e, "H1", HazardEventType.ENTERPRISE_ACCEPTED);
    assertThat(township().getClosedHazards()).isEqualTo(1);
    step(e, "H1", HazardEventType.RECHECK_FAILED);
    HazardState h = hazard("H1");
    assertThat(h.getStatus()).isEqualTo(HazardStatus.RECTIFICATION_STARTED);
    assertThat(h.getRectifiedAt()).isNull();
    assertThat(h.getClosedAt()).isNull();
    assertThat(h.getRecheckFailures()).isEqualTo(1);
    AreaStats t = township();
    assertThat(t.getClosedHazards()).isZero();
    assertThat(t.getOpenHazards()).isEqualTo(1);

    step(e, "H1", HazardEventType.RECTIFIED);
    step(e, "H1", HazardEventType.RECHECK_FAILED);
    assertThat(hazard("H1").getRecheckFailures()).isEqualTo(2);
    step(e, "H1", HazardEventType.VERIFIED_CLOSED);
    step(e, "H1", HazardEventType.RECHECK_FAILED);
    assertThat(deadLetterReason()).isEqualTo("impossible-transition");
    assertThat(township().getClosedHazards()).isEqualTo(1);
  }

  @Test
  void regradingMovesEveryCountBetweenGeneralAndMajorExactly() {
    Enterprise e = f.enterprise("jincheng", "machinery");
    f.report(e, "H1", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, at, deadline);
    regrade(e, "H1", HazardSeverity.MAJOR, "GM10-3-1");
    AreaStats t = township();
    assertThat(t.getMajorHazardsReported()).isEqualTo(1);
    assertThat(t.getOpenMajorHazards()).isEqualTo(1);
    assertThat(t.getMajorHazardsByClause()).containsOnly(Map.entry("GM10-3-1", 1L));
    assertThat(t.getLast24h().getMajorHazardsReported()).isEqualTo(1);
    assertThat(t.getHazardsReported()).isEqualTo(1);
    List<Alert> major = alerts("major-hazard");
    assertThat(major).hasSize(1);
    assertThat(major.get(0).getStatus()).isEqualTo(AlertStatus.FIRING);

    assign(e, "H1", SupervisionLevel.DISTRICT);
    regrade(e, "H1", HazardSeverity.GENERAL, null);
    HazardState h = hazard("H1");
    assertThat(h.getSupervision()).as("re-graded to general, its supervision stays on record until lifted").isNotNull();
    assertThat(h.getClauseId()).isNull();
    t = township();
    assertThat(t.getMajorHazardsReported()).isZero();
    assertThat(t.getOpenMajorHazards()).isZero();
    assertThat(t.getMajorHazardsByClause()).isEmpty();
    assertThat(t.getSupervisedMajorHazardsByLevel()).as("it is no major hazard any more").isEmpty();
    assertThat(t.getLast24h().getMajorHazardsReported()).isZero();
    assertThat(t.getHazardsReported()).isEqualTo(1);
    assertThat(alerts("major-hazard")).singleElement().satisfies(a -> {
      assertThat(a.getStatus()).isEqualTo(AlertStatus.RESOLVED);
      assertThat(a.getTitleZh()).contains("一般隐患");
    });

    regrade(e, "H1", HazardSeverity.GENERAL, null);
    assertThat(deadLetterReason()).isEqualTo("impossible-transition");
    regrade(e, "H1", HazardSeverity.MAJOR, "HG121-1");
    assertThat(deadLetterReason()).isEqualTo("clause-not-for-sector");
    assertThat(hazard("H1").getSeverity()).isEqualTo(HazardSeverity.GENERAL);
  }

  @Test
  void overdueCountsOnlyHazardsNotYetRectifiedAndARectifiedOneWaitsApart() {
    Enterprise e = f.enterprise("jincheng", "machinery");
    Instant soon = f.now().plus(Duration.ofHours(1));
    f.report(e, "H1", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, at, soon);
    f.report(e, "H2", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, at, soon);
    f.advance(Duration.ofHours(2));
    AreaStats t = township();
    assertThat(t.getOverdueHazards()).isEqualTo(2);
    assertThat(alerts("overdue-rectification")).last().satisfies(a -> { // one alert for the enterprise, naming both
      assertThat(a.getAlertKey()).isEqualTo("overdue-rectification:enterprise:" + e.getEnterpriseId());
      assertThat(a.getEvidence().getHazardIds()).containsExactlyInAnyOrder("H1", "H2");
    });

    step(e, "H1", HazardEventType.RECTIFIED);
    t = township();
    assertThat(t.getOverdueHazards()).isEqualTo(1);
    assertThat(t.getVerificationOverdueHazards()).isEqualTo(1);
    assertThat(hazard("H1").getOverdue()).isFalse();
    assertThat(hazard("H1").getVerificationOverdue()).isTrue();
    assertThat(alerts("overdue-rectification")).singleElement().satisfies(a -> { // H1 left, H2 is still overdue
      assertThat(a.getStatus()).isEqualTo(AlertStatus.FIRING);
      assertThat(a.getEvidence().getHazardIds()).containsExactly("H2");
    });

    step(e, "H1", HazardEventType.RECHECK_FAILED); // back to rectification, still past its deadline
    t = township();
    assertThat(t.getOverdueHazards()).isEqualTo(2);
    assertThat(t.getVerificationOverdueHazards()).isZero();
    assertThat(alerts("overdue-rectification")).singleElement() // it joins the enterprise's alert again
        .satisfies(a -> assertThat(a.getEvidence().getHazardIds()).containsExactlyInAnyOrder("H1", "H2"));

    step(e, "H1", HazardEventType.RECTIFIED);
    step(e, "H2", HazardEventType.RECTIFIED);
    assertThat(alerts("overdue-rectification")).last().satisfies(a -> {
      assertThat(a.getStatus()).isEqualTo(AlertStatus.RESOLVED);
      assertThat(a.getMessageZh()).contains("待验收");
    });
  }

  @Test
  void aMajorHazardWithoutSupervisionPastTheRulesTimeIsCountedAndAlertedUntilAssigned() {
    Enterprise e = f.enterprise("jincheng", "machinery");
    f.report(e, "H1", HazardSeverity.MAJOR, HazardSource.FLYING_INSPECTION, f.now(), f.now().plus(Duration.ofDays(30)));
    f.report(e, "H2", HazardSeverity.MAJOR, HazardSource.FLYING_INSPECTION, f.now(), f.now().plus(Duration.ofDays(30)));
    assign(e, "H2", SupervisionLevel.TOWNSHIP);
    f.advance(Duration.ofDays(6));
    assertThat(township().getOpenMajorHazardsUnsupervised()).isZero();
    assertThat(alerts("major-unsupervised")).isEmpty();

    f.advance(Duration.ofDays(1).plusMinutes(5));
    assertThat(hazard("H1").getSupervisionOverdue()).isTrue();
    assertThat(township().getOpenMajorHazardsUnsupervised()).isEqualTo(1);
    assertThat(alerts("major-unsupervised")).singleElement().satisfies(a -> {
      assertThat(a.getStatus()).isEqualTo(AlertStatus.FIRING);
      assertThat(a.getAlertKey()).isEqualTo("major-unsupervised:hazard:H1");
      assertThat(a.getLevel().name()).isEqualTo("ORANGE");
    });

    assign(e, "H1", SupervisionLevel.DISTRICT);
    assertThat(township().getOpenMajorHazardsUnsupervised()).isZero();
    assertThat(alerts("major-unsupervised")).singleElement()
        .satisfies(a -> assertThat(a.getStatus()).isEqualTo(AlertStatus.RESOLVED));
  }
}
