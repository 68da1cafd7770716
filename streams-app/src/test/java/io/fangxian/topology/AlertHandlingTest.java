package io.fangxian.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.avro.Alert;
import io.fangxian.avro.AlertAction;
import io.fangxian.avro.AlertActionType;
import io.fangxian.avro.AlertStatus;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HandlingEntry;
import io.fangxian.avro.HandlingState;
import io.fangxian.avro.HazardEventType;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.Leader;
import io.fangxian.avro.LeaderRole;
import io.fangxian.avro.Responsibility;
import io.fangxian.deadletter.DeadLetterHandler;
import io.fangxian.store.StoreNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The handling loop of an alert (推送 → 签收 → 反馈 → 核查 → 消警): each transition, each refusal,
 * the time limits of each level and the escalation up the chain by the wall clock.
 */
class AlertHandlingTest {
  static final String MAJOR_KEY = "major-hazard:hazard:H1";
  final TopologyFixture f = new TopologyFixture();
  final Instant at = TopologyFixture.START.minus(Duration.ofMinutes(10));
  final Map<String, Alert> latest = new HashMap<>();
  Enterprise e;

  @BeforeEach
  void roster() {
    leader("L1", "金城镇 王某", LeaderRole.TOWNSHIP_LEADER, null, List.of("jincheng"));
    leader("L2", "李某", LeaderRole.DEPARTMENT_HEAD, "区应急管理局", List.of());
    leader("L3", "赵某", LeaderRole.DEPUTY_DISTRICT_HEAD, null, List.of());
    e = f.enterprise("jincheng", "machinery");
  }

  @AfterEach
  void close() {
    f.close();
  }

  private void leader(String id, String name, LeaderRole role, String department, List<String> townships) {
    f.roster.pipeInput(id, Leader.newBuilder().setLeaderId(id).setName(name).setRole(role).setDepartment(department)
        .setTownshipIds(townships).build());
  }

  /** Every alert record published since the last call, including handling-only ones; the latest kept by key. */
  private List<Alert> published() {
    List<Alert> all = f.alerts.readValuesToList();
    all.forEach(a -> latest.put(a.getAlertKey(), a));
    return all;
  }

  private Alert major() {
    published();
    return latest.get(MAJOR_KEY);
  }

  private String act(AlertActionType type, String actionId) {
    f.alertActions.pipeInput(MAJOR_KEY, AlertAction.newBuilder().setActionId(actionId).setAlertKey(MAJOR_KEY)
        .setAction(type).setBy("金城镇安监办 张某").setAt(f.now()).setNote(type + " 说明").build());
    return actionId;
  }

  private String act(AlertActionType type) {
    return act(type, UUID.randomUUID().toString());
  }

  private String deadLetter() {
    TestRecord<byte[], byte[]> dead = f.deadLetters.readRecord();
    return new String(dead.headers().lastHeader(DeadLetterHandler.REASON).value(), StandardCharsets.UTF_8) + ": "
        + new String(dead.headers().lastHeader(DeadLetterHandler.MESSAGE).value(), StandardCharsets.UTF_8);
  }

  private void majorHazard() {
    f.report(e, "H1", HazardSeverity.MAJOR, HazardSource.FLYING_INSPECTION, at, at.plus(Duration.ofDays(30)));
  }

  @Test
  void aFiredAlertWaitsForTheTownshipsLinkedLeaderWithinItsLevelsLimits() {
    majorHazard();
    Alert a = major();
    assertThat(a.getLevel().name()).isEqualTo("ORANGE");
    assertThat(a.getHandling().getState()).isEqualTo(HandlingState.UNACKNOWLEDGED);
    assertThat(a.getHandling().getResponsible()).isEqualTo("金城镇 王某");
    assertThat(a.getHandling().getResponsibleRole()).isEqualTo("镇(街道)分管负责人");
    assertThat(a.getHandling().getCloseRequired()).isTrue();
    Instant fired = a.getFirstFiredAt();
    assertThat(a.getHandling().getAcknowledgeBy()).isEqualTo(fired.plus(Duration.ofHours(2)));
    assertThat(a.getHandling().getFeedbackBy()).isEqualTo(fired.plus(Duration.ofHours(48)));
  }

  @Test
  void everyStepInItsTurnIsKeptInTheHistory() {
    majorHazard();
    major();
    act(AlertActionType.ACKNOWLEDGE);
    assertThat(major().getHandling().getState()).isEqualTo(HandlingState.ACKNOWLEDGED);
    act(AlertActionType.FEEDBACK);
    act(AlertActionType.FEEDBACK);
    assertThat(major().getHandling().getState()).isEqualTo(HandlingState.FEEDBACK_GIVEN);
    act(AlertActionType.VERIFY);
    assertThat(major().getHandling().getState()).isEqualTo(HandlingState.VERIFIED);
    act(AlertActionType.CLOSE);
    Alert closed = major();
    assertThat(closed.getHandling().getState()).isEqualTo(HandlingState.CLOSED);
    assertThat(closed.getHandling().getHistory()).extracting(HandlingEntry::getAction)
        .containsExactly("ACKNOWLEDGE", "FEEDBACK", "FEEDBACK", "VERIFY", "CLOSE");
    assertThat(closed.getHandling().getHistory()).allSatisfy(h -> assertThat(h.getBy()).isEqualTo("金城镇安监办 张某"));
    assertThat(closed.getStatus()).as("handling does not end the alert; its cause does").isEqualTo(AlertStatus.FIRING);
    assertThat(f.deadLetters.isEmpty()).isTrue();
  }

  @Test
  void anActionOutOfTurnIsADeadLetterAndChangesNothing() {
    majorHazard();
    major();
    act(AlertActionType.FEEDBACK);
    assertThat(deadLetter()).startsWith("impossible-transition").contains("FEEDBACK is not allowed", "UNACKNOWLEDGED",
        "next: ACKNOWLEDGE");
    act(AlertActionType.ACKNOWLEDGE);
    act(AlertActionType.CLOSE);
    assertThat(deadLetter()).contains("CLOSE is not allowed", "ACKNOWLEDGED");
    act(AlertActionType.ACKNOWLEDGE);
    assertThat(deadLetter()).contains("ACKNOWLEDGE is not allowed");
    act(AlertActionType.VERIFY);
    assertThat(deadLetter()).contains("VERIFY is not allowed");
    assertThat(major().getHandling().getHistory()).hasSize(1);

    f.alertActions.pipeInput("surge:township:nowhere", AlertAction.newBuilder().setActionId("x").setAlertKey("surge:township:nowhere")
        .setAction(AlertActionType.ACKNOWLEDGE).setBy("张某").setAt(f.now()).build());
    assertThat(deadLetter()).contains("no alert surge:township:nowhere");
  }

  @Test
  void aResentActionIsAppliedOnce() {
    majorHazard();
    major();
    String id = act(AlertActionType.ACKNOWLEDGE);
    assertThat(published()).hasSize(1);
    act(AlertActionType.ACKNOWLEDGE, id);
    assertThat(published()).isEmpty();
    assertThat(f.deadLetters.isEmpty()).isTrue();
    assertThat(major().getHandling().getHistory()).hasSize(1);
  }

  @Test
  void aMissedAcknowledgementGoesToTheSectorsDepartmentAndAMissedFeedbackToTheDistrict() {
    majorHazard();
    major();
    f.advance(Duration.ofHours(2).plusMinutes(1));
    Alert first = major();
    assertThat(first.getStatus()).isEqualTo(AlertStatus.ESCALATED);
    assertThat(first.getLevel()).isEqualTo(first.getPreviousLevel());
    assertThat(first.getHandling().getEscalationStep()).isEqualTo(1);
    assertThat(first.getHandling().getEscalatedTo()).isEqualTo("区应急管理局 李某");
    assertThat(first.getHandling().getResponsible()).isEqualTo("区应急管理局 李某");
    assertThat(first.getHandling().getResponsibleRole()).as("the department comes from the built-in example list")
        .isEqualTo("区行业主管部门负责人" + io.fangxian.alerts.ResponsibilityChain.EXAMPLE_NOTE);
    assertThat(first.getHandling().getHistory()).extracting(HandlingEntry::getAction).containsExactly("ESCALATED");

    act(AlertActionType.ACKNOWLEDGE); // late, but acknowledged
    f.advance(Duration.ofHours(46));
    Alert second = major();
    assertThat(second.getHandling().getEscalationStep()).isEqualTo(2);
    assertThat(second.getHandling().getResponsible()).isEqualTo("赵某");
    assertThat(second.getHandling().getResponsibleRole()).isEqualTo("分管副区长");
    f.advance(Duration.ofDays(3));
    assertThat(published()).as("nothing beyond the district").isEmpty();
  }

  @Test
  void feedbackInTimeStopsTheClockAndALoadedResponsibilityNamesTheDepartment() {
    f.responsibilities.pipeInput("machinery", Responsibility.newBuilder().setSectorId("machinery").setDepartment("区工业和信息化局").build());
    leader("L4", "钱某", LeaderRole.DEPARTMENT_HEAD, "区工业和信息化局", List.of());
    majorHazard();
    major();
    act(AlertActionType.ACKNOWLEDGE);
    major();
    f.advance(Duration.ofHours(47));
    assertThat(published()).isEmpty();
    f.advance(Duration.ofHours(2));
    assertThat(major().getHandling().getResponsible()).isEqualTo("区工业和信息化局 钱某");
    assertThat(major().getHandling().getResponsibleRole()).as("the district's own row").isEqualTo("区行业主管部门负责人");
    act(AlertActionType.FEEDBACK);
    f.advance(Duration.ofDays(5));
    assertThat(major().getHandling().getEscalationStep()).isEqualTo(1);
  }

  @Test
  void anOrangeAlertWhoseCauseIsGoneMustStillBeClosed() {
    majorHazard();
    major();
    f.step(e, "H1", HazardEventType.VERIFIED_CLOSED, f.now());
    Alert resolved = major();
    assertThat(resolved.getStatus()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(resolved.getHandling().getState()).isEqualTo(HandlingState.UNACKNOWLEDGED);
    f.advance(Duration.ofHours(3));
    Alert escalated = major();
    assertThat(escalated.getStatus()).as("still resolved").isEqualTo(AlertStatus.RESOLVED);
    assertThat(escalated.getHandling().getEscalationStep()).isEqualTo(1);
    for (AlertActionType t : List.of(AlertActionType.ACKNOWLEDGE, AlertActionType.FEEDBACK, AlertActionType.VERIFY,
        AlertActionType.CLOSE)) {
      act(t);
    }
    assertThat(major().getHandling().getState()).isEqualTo(HandlingState.CLOSED);
    f.advance(Duration.ofDays(8).plusHours(2));
    assertThat(f.driver.<String, Alert>getKeyValueStore(StoreNames.ALERTS).get(MAJOR_KEY))
        .as("a closed, resolved alert is forgotten after a week").isNull();
  }

  @Test
  void aLowerAlertWhoseCauseIsGoneNeedsNothingMore() {
    f.report(e, "G1", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, at, f.now().plus(Duration.ofMinutes(5)));
    f.advance(Duration.ofMinutes(10)); // overdue: a BLUE alert
    String key = "overdue-rectification:enterprise:" + e.getEnterpriseId();
    published();
    assertThat(latest.get(key).getHandling().getCloseRequired()).isFalse();
    f.step(e, "G1", HazardEventType.VERIFIED_CLOSED, f.now());
    published();
    assertThat(latest.get(key).getStatus()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(latest.get(key).getHandling().getState()).isEqualTo(HandlingState.NOT_REQUIRED);
    f.alertActions.pipeInput(key, AlertAction.newBuilder().setActionId("a").setAlertKey(key)
        .setAction(AlertActionType.ACKNOWLEDGE).setBy("张某").setAt(f.now()).build());
    assertThat(deadLetter()).contains("NOT_REQUIRED");
  }
}
