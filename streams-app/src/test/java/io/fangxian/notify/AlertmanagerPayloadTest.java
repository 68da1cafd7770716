package io.fangxian.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.avro.Alert;
import io.fangxian.avro.AlertEvidence;
import io.fangxian.avro.AlertHandling;
import io.fangxian.avro.AlertStatus;
import io.fangxian.avro.AlertSubject;
import io.fangxian.avro.HandlingState;
import io.fangxian.avro.SubjectType;
import io.fangxian.avro.WarningLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An alert as Alertmanager receives it: labels, annotations, start and end. */
class AlertmanagerPayloadTest {
  static final Instant FIRED = Instant.parse("2026-07-01T01:00:00Z");
  static final Instant NOW = Instant.parse("2026-07-01T02:00:00Z");

  static Alert alert(WarningLevel level, AlertStatus status, String responsible) {
    return Alert.newBuilder().setAlertKey("overdue-rectification:enterprise:E1").setRule("overdue-rectification")
        .setLevel(level).setStatus(status)
        .setSubject(AlertSubject.newBuilder().setType(SubjectType.ENTERPRISE).setId("E1").setName("江苏测试企业")
            .setTownshipId("jincheng").setSectorId("machinery").build())
        .setTitleZh("隐患整改逾期黄色(III级)预警").setMessageZh("江苏测试企业有 3 处隐患逾期未整改").setTitleEn("Rectification overdue")
        .setEvidence(new AlertEvidence(new HashMap<>(), new HashMap<>(), new ArrayList<>(), new ArrayList<>()))
        .setTriggeredAt(FIRED).setFirstFiredAt(FIRED).setEmittedAt(NOW)
        .setHandling(AlertHandling.newBuilder().setState(HandlingState.UNACKNOWLEDGED).setResponsible(responsible)
            .setAcknowledgeBy(NOW).setFeedbackBy(NOW).setHistory(new ArrayList<>()).build())
        .build();
  }

  @Test
  void labelsCarryRuleLevelTownshipSectorAndResponsible() {
    Alert a = alert(WarningLevel.YELLOW, AlertStatus.FIRING, "金城镇 王某");
    assertThat(AlertmanagerPayload.labels(a)).containsEntry("alertname", "overdue-rectification")
        .containsEntry("level", "YELLOW").containsEntry("township", "jincheng").containsEntry("sector", "machinery")
        .containsEntry("responsible", "金城镇 王某").containsEntry("alert_key", "overdue-rectification:enterprise:E1");
    Map<String, Object> v2 = AlertmanagerPayload.alert(a, AlertmanagerPayload.labels(a), false, NOW, Duration.ofMinutes(4),
        "https://fangxian.example/");
    @SuppressWarnings("unchecked")
    Map<String, Object> annotations = (Map<String, Object>) v2.get("annotations");
    assertThat(annotations).containsEntry("title", "隐患整改逾期黄色(III级)预警")
        .containsEntry("message", "江苏测试企业有 3 处隐患逾期未整改")
        .containsEntry("link", "https://fangxian.example/api/v1/alerts/overdue-rectification%3Aenterprise%3AE1");
    assertThat(v2.get("startsAt")).isEqualTo(FIRED.toString());
    assertThat(v2.get("endsAt")).as("ahead while firing").isEqualTo(NOW.plus(Duration.ofMinutes(4)).toString());
    assertThat(v2.get("generatorURL")).isEqualTo(annotations.get("link"));
  }

  @Test
  void aResolvedAlertEndsWhenItResolved() {
    Alert a = alert(WarningLevel.YELLOW, AlertStatus.RESOLVED, "金城镇 王某");
    Map<String, Object> v2 = AlertmanagerPayload.alert(a, AlertmanagerPayload.labels(a), true, NOW.plusSeconds(30),
        Duration.ofMinutes(4), "");
    assertThat(v2.get("endsAt")).isEqualTo(NOW.toString());
    assertThat(v2).doesNotContainKey("generatorURL");
  }

  @Test
  void anEscalationEndsTheOldLabelSetInTheSameRequest() {
    AlertmanagerNotifier n = new AlertmanagerNotifier(new AlertmanagerSettings("http://127.0.0.1:1", "", 10,
        Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofSeconds(1)), null, null);
    try {
      Alert yellow = alert(WarningLevel.YELLOW, AlertStatus.FIRING, "金城镇 王某");
      Alert orange = alert(WarningLevel.ORANGE, AlertStatus.ESCALATED, "李某");
      Map<String, Map<String, String>> after = new HashMap<>();
      List<Map<String, Object>> out = n.payload(List.of(new AlertmanagerNotifier.Pending(yellow, null, -1),
          new AlertmanagerNotifier.Pending(orange, null, -1)), after, NOW);
      assertThat(out).hasSize(3);
      assertThat(out.get(1).get("labels")).isEqualTo(AlertmanagerPayload.labels(yellow));
      assertThat(out.get(1).get("endsAt")).as("the yellow set ended").isEqualTo(NOW.toString());
      assertThat(out.get(2).get("labels")).isEqualTo(AlertmanagerPayload.labels(orange));
      assertThat(after.get(yellow.getAlertKey())).isEqualTo(AlertmanagerPayload.labels(orange));
    } finally {
      n.close();
    }
  }
}
