package io.fangxian.topology;

import static io.fangxian.topology.TopologyFixture.START;
import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.avro.Alert;
import io.fangxian.avro.AlertAction;
import io.fangxian.avro.AlertActionType;
import io.fangxian.avro.AlertStatus;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HandlingState;
import io.fangxian.avro.HazardEventType;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.SubjectType;
import io.fangxian.avro.WarningLevel;
import io.fangxian.store.StoreNames;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Convergence (issue 21): an enterprise's overdue hazards raise one overdue-rectification alert,
 * at the level of the worst, naming each; hazards join and leave it; handling survives; an alert
 * that flaps back within the hold time is the same alert. Key-enterprise alerts converge likewise;
 * major-hazard alerts stay one per hazard.
 */
class AlertConvergenceTest {
  final TopologyFixture f = new TopologyFixture();
  final Instant reported = START.minus(Duration.ofDays(20));
  final Instant later = START.plus(Duration.ofDays(30));

  @AfterEach
  void close() {
    f.close();
  }

  private List<Alert> alerts(String rule) {
    return f.newAlerts().stream().filter(a -> a.getRule().equals(rule)).toList();
  }

  private static String overdueKey(Enterprise e) {
    return "overdue-rectification:enterprise:" + e.getEnterpriseId();
  }

  /** A general hazard already this many days past its deadline. */
  private void overdue(Enterprise e, String hazardId, HazardSeverity severity, int daysLate) {
    f.report(e, hazardId, severity, HazardSource.SELF_INSPECTION, reported, START.minus(Duration.ofDays(daysLate)));
  }

  private void acknowledge(String key) {
    f.alertActions.pipeInput(key, AlertAction.newBuilder().setActionId(UUID.randomUUID().toString()).setAlertKey(key)
        .setAction(AlertActionType.ACKNOWLEDGE).setBy("金城镇 王某").setAt(f.now()).build());
  }

  @Test
  void threeOverdueHazardsRaiseOneAlertForTheEnterpriseNamingAllThree() {
    Enterprise e = f.enterprise("jincheng", "machinery");
    Enterprise other = f.enterprise("jincheng", "machinery");
    overdue(e, "H1", HazardSeverity.GENERAL, 1);
    overdue(e, "H2", HazardSeverity.GENERAL, 4);
    overdue(e, "H3", HazardSeverity.GENERAL, 2);
    overdue(other, "X1", HazardSeverity.GENERAL, 1);

    List<Alert> published = alerts("overdue-rectification");
    assertThat(published).extracting(Alert::getAlertKey).containsOnly(overdueKey(e), overdueKey(other));
    Alert a = published.stream().filter(x -> x.getAlertKey().equals(overdueKey(e))).reduce((x, y) -> y).orElseThrow();
    assertThat(a.getSubject().getType()).isEqualTo(SubjectType.ENTERPRISE);
    assertThat(a.getSubject().getId()).isEqualTo(e.getEnterpriseId());
    assertThat(a.getSubject().getTownshipId()).isEqualTo("jincheng");
    assertThat(a.getEvidence().getHazardIds()).containsExactly("H2", "H3", "H1"); // the worst first
    assertThat(a.getLevel()).isEqualTo(WarningLevel.YELLOW); // H2, 4 days late
    assertThat(a.getEvidence().getFigures()).containsEntry("overdueHazards", 3.0);
    assertThat(a.getMessageZh()).contains("3 处隐患逾期未整改", "H1", "H2", "H3");
    assertThat(f.driver.<String, Alert>getKeyValueStore(StoreNames.ALERTS).get(overdueKey(e)).getEvidence().getHazardIds())
        .containsExactly("H2", "H3", "H1");
    assertThat(published.stream().filter(x -> x.getAlertKey().equals(overdueKey(e))).map(Alert::getFirstFiredAt).distinct())
        .hasSize(1);
  }

  @Test
  void anEnterpriseWithManyOverdueHazardsNamesEveryOne() {
    Enterprise e = f.enterprise("jincheng", "machinery");
    for (int i = 0; i < 60; i++) {
      overdue(e, "M" + i, HazardSeverity.GENERAL, 1);
    }
    Alert last = alerts("overdue-rectification").stream().reduce((x, y) -> y).orElseThrow();
    assertThat(last.getEvidence().getHazardIds()).hasSize(60);
    assertThat(last.getEvidence().getFigures()).containsEntry("overdueHazards", 60.0);
    assertThat(last.getMessageZh()).contains("60 处隐患逾期未整改", " 等");
  }

  @Test
  void hazardsLeavingLowerOrKeepTheLevelAndTheLastLeavingResolves() {
    Enterprise e = f.enterprise("jincheng", "machinery");
    overdue(e, "H1", HazardSeverity.MAJOR, 8); // ORANGE, major one higher: RED
    overdue(e, "H2", HazardSeverity.GENERAL, 1); // BLUE
    overdue(e, "H3", HazardSeverity.GENERAL, 2); // BLUE
    Alert fired = alerts("overdue-rectification").get(0);
    assertThat(fired.getLevel()).isEqualTo(WarningLevel.RED);
    assertThat(f.driver.<String, Alert>getKeyValueStore(StoreNames.ALERTS).get(overdueKey(e)).getEvidence().getHazardIds())
        .containsExactly("H1", "H3", "H2");

    f.step(e, "H3", HazardEventType.RECTIFIED, START); // leaves; the worst is still there: level kept
    Alert kept = alerts("overdue-rectification").get(0);
    assertThat(kept.getStatus()).isEqualTo(AlertStatus.FIRING);
    assertThat(kept.getLevel()).isEqualTo(WarningLevel.RED);
    assertThat(kept.getEvidence().getHazardIds()).containsExactly("H1", "H2");

    f.step(e, "H1", HazardEventType.VERIFIED_CLOSED, START); // the worst leaves: the level follows the next
    Alert lowered = alerts("overdue-rectification").get(0);
    assertThat(lowered.getStatus()).isEqualTo(AlertStatus.DE_ESCALATED);
    assertThat(lowered.getLevel()).isEqualTo(WarningLevel.BLUE);
    assertThat(lowered.getPreviousLevel()).isEqualTo(WarningLevel.RED);
    assertThat(lowered.getEvidence().getHazardIds()).containsExactly("H2");
    assertThat(lowered.getFirstFiredAt()).isEqualTo(fired.getFirstFiredAt());

    f.extend(e, "H2", later, START); // the last leaves: resolved
    Alert resolved = alerts("overdue-rectification").get(0);
    assertThat(resolved.getStatus()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(resolved.getAlertKey()).isEqualTo(overdueKey(e));
    assertThat(resolved.getMessageZh()).contains("已无逾期隐患", "延至");
  }

  @Test
  void anAcknowledgedAlertStaysAcknowledgedWhenAHazardJoinsOrTheLevelRises() {
    Enterprise e = f.enterprise("jincheng", "machinery");
    overdue(e, "H1", HazardSeverity.GENERAL, 1);
    assertThat(alerts("overdue-rectification")).singleElement()
        .satisfies(a -> assertThat(a.getHandling().getState()).isEqualTo(HandlingState.UNACKNOWLEDGED));
    acknowledge(overdueKey(e));
    f.alerts.readValuesToList();

    overdue(e, "H2", HazardSeverity.GENERAL, 1);
    Alert joined = alerts("overdue-rectification").get(0);
    assertThat(joined.getEvidence().getHazardIds()).containsExactlyInAnyOrder("H1", "H2");
    assertThat(joined.getHandling().getState()).isEqualTo(HandlingState.ACKNOWLEDGED);

    overdue(e, "H3", HazardSeverity.GENERAL, 8); // ORANGE: a rise does not re-open the handling
    Alert risen = alerts("overdue-rectification").get(0);
    assertThat(risen.getStatus()).isEqualTo(AlertStatus.ESCALATED);
    assertThat(risen.getLevel()).isEqualTo(WarningLevel.ORANGE);
    assertThat(risen.getHandling().getState()).isEqualTo(HandlingState.ACKNOWLEDGED);
    assertThat(risen.getHandling().getCloseRequired()).isTrue();
  }

  @Test
  void anAlertThatFlapsBackWithinTheHoldTimeIsTheSameAlert() {
    Enterprise e = f.enterprise("jincheng", "machinery");
    overdue(e, "H1", HazardSeverity.GENERAL, 1);
    Alert fired = alerts("overdue-rectification").get(0);
    acknowledge(overdueKey(e));
    f.alerts.readValuesToList();
    f.advance(Duration.ofMinutes(2));

    f.extend(e, "H1", f.now().plus(Duration.ofMinutes(5)), f.now()); // resolves
    assertThat(alerts("overdue-rectification")).singleElement()
        .satisfies(a -> assertThat(a.getStatus()).isEqualTo(AlertStatus.RESOLVED));
    f.advance(Duration.ofMinutes(6)); // the new deadline passes within the hold time: back again
    Alert back = alerts("overdue-rectification").get(0);
    assertThat(back.getStatus()).isEqualTo(AlertStatus.FIRING);
    assertThat(back.getFirstFiredAt()).isEqualTo(fired.getFirstFiredAt());
    assertThat(back.getHandling().getState()).isEqualTo(HandlingState.ACKNOWLEDGED);

    f.extend(e, "H1", f.now().plus(Duration.ofMinutes(30)), f.now());
    alerts("overdue-rectification");
    f.advance(Duration.ofMinutes(31)); // back after more than the hold time: a new alert
    Alert fresh = alerts("overdue-rectification").get(0);
    assertThat(fresh.getFirstFiredAt()).isAfter(fired.getFirstFiredAt());
    assertThat(fresh.getHandling().getState()).isEqualTo(HandlingState.UNACKNOWLEDGED);
  }

  @Test
  void anOverdueAlertOfOneHazardFromBeforeTheUpgradeEndsWhenItsHazardLeaves() {
    Enterprise e = f.enterprise("jincheng", "machinery");
    overdue(e, "H1", HazardSeverity.GENERAL, 1);
    alerts("overdue-rectification");
    String legacy = "overdue-rectification:hazard:H1";
    Alert old = Alert.newBuilder(f.driver.<String, Alert>getKeyValueStore(StoreNames.ALERTS).get(overdueKey(e)))
        .setAlertKey(legacy).setSubject(io.fangxian.avro.AlertSubject.newBuilder().setType(SubjectType.HAZARD).setId("H1")
            .setTownshipId("jincheng").build()).build();
    f.driver.<String, Alert>getKeyValueStore(StoreNames.ALERTS).put(legacy, old);

    f.step(e, "H1", HazardEventType.RECTIFIED, START);
    List<Alert> ended = alerts("overdue-rectification");
    assertThat(ended).extracting(Alert::getAlertKey).containsExactlyInAnyOrder(overdueKey(e), legacy);
    assertThat(ended).allSatisfy(a -> assertThat(a.getStatus()).isEqualTo(AlertStatus.RESOLVED));
  }

  @Test
  void majorHazardAlertsStayOnePerHazard() {
    Enterprise e = f.enterprise("jincheng", "machinery");
    f.report(e, "M1", HazardSeverity.MAJOR, HazardSource.SELF_INSPECTION, START.minusSeconds(60), later);
    f.report(e, "M2", HazardSeverity.MAJOR, HazardSource.SELF_INSPECTION, START.minusSeconds(60), later);
    assertThat(alerts("major-hazard")).extracting(Alert::getAlertKey)
        .containsExactly("major-hazard:hazard:M1", "major-hazard:hazard:M2");
  }

  @Test
  void newHazardsAtAKeyEnterpriseRaiseOneAlertUntilTheLastIsClosed() {
    Enterprise key = f.enterprise(Enterprise.newBuilder(f.enterprise("maoshan", "tourism"))
        .setKeySupervised(true).setSupervisor("区应急局 王某").build());
    f.report(key, "K1", HazardSeverity.GENERAL, HazardSource.GRID_PATROL, START.minusSeconds(600), later);
    f.report(key, "K2", HazardSeverity.MAJOR, HazardSource.GRID_PATROL, START.minusSeconds(60), later);
    List<Alert> published = alerts("key-enterprise");
    assertThat(published).extracting(Alert::getAlertKey).containsOnly("key-enterprise:enterprise:" + key.getEnterpriseId());
    assertThat(published.get(published.size() - 1).getEvidence().getHazardIds()).containsExactly("K2", "K1");

    f.step(key, "K2", HazardEventType.VERIFIED_CLOSED, START);
    assertThat(alerts("key-enterprise")).singleElement().satisfies(a -> {
      assertThat(a.getStatus()).isEqualTo(AlertStatus.FIRING);
      assertThat(a.getEvidence().getHazardIds()).containsExactly("K1");
    });
    f.step(key, "K1", HazardEventType.VERIFIED_CLOSED, START);
    assertThat(alerts("key-enterprise")).singleElement()
        .satisfies(a -> assertThat(a.getStatus()).isEqualTo(AlertStatus.RESOLVED));
  }
}
