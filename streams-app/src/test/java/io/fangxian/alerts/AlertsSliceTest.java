package io.fangxian.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.avro.Alert;
import io.fangxian.avro.AlertAction;
import io.fangxian.avro.AlertActionType;
import io.fangxian.avro.AlertStatus;
import io.fangxian.avro.AlertSubject;
import io.fangxian.avro.SubjectType;
import io.fangxian.avro.WarningLevel;
import io.fangxian.config.RulesConfig;
import io.fangxian.domain.ReferenceData;
import io.fangxian.metrics.PipelineMetrics;
import io.fangxian.rules.AlertSignals;
import io.fangxian.store.StoreNames;
import io.fangxian.topology.SliceFixture;
import io.fangxian.topology.TopologyFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The alerts slice on its own: {@link Alerts} with the intake's validation of the handling actions,
 * none of the slices whose rules signal. The enterprise side's and the area side's signals come from
 * test topics standing in for them; what the slice publishes is read from the alerts topic.
 * {@link AlertLifecycleTest} has the lifecycle's own rules; {@code AlertHandlingTest} the whole
 * topology's handling loop with the roster.
 */
class AlertsSliceTest {
  private static final String ENTERPRISE_SIGNALS = "test-enterprise-signals";
  private static final String AREA_SIGNALS = "test-area-signals";
  private final SliceFixture f = new SliceFixture();
  private final RulesConfig rules = RulesConfig.defaults();
  private final TopologyTestDriver driver;
  private final TestInputTopic<String, Alert> enterpriseSignals;
  private final TestInputTopic<String, Alert> areaSignals;
  private final TestInputTopic<String, AlertAction> actions;
  private final TestOutputTopic<String, Alert> published;
  private final AlertSubject enterprise = AlertSubject.newBuilder().setType(SubjectType.ENTERPRISE).setId("E1")
      .setName("常州测试机械有限公司").setTownshipId("jincheng").setEnterpriseId("E1").build();
  private final AlertSubject township = AlertSignals.areaSubject(SubjectType.TOWNSHIP, "jincheng", ReferenceData.builtIn());
  private Instant now = TopologyFixture.START;

  AlertsSliceTest() {
    AlertStores.add(f.builder, f.topics);
    Alerts.add(f.builder, signals(ENTERPRISE_SIGNALS), signals(AREA_SIGNALS), f.intake, f.topics, rules,
        ReferenceData.builtIn(), PipelineMetrics.NONE);
    driver = f.start();
    enterpriseSignals = driver.createInputTopic(ENTERPRISE_SIGNALS, Serdes.String().serializer(),
        f.topics.alerts.valueSerde().serializer());
    areaSignals = driver.createInputTopic(AREA_SIGNALS, Serdes.String().serializer(), f.topics.alerts.valueSerde().serializer());
    actions = f.input(f.topics.alertActions);
    published = driver.createOutputTopic(f.topics.alerts.name(), Serdes.String().deserializer(),
        f.topics.alerts.valueSerde().deserializer());
  }

  private KStream<String, Alert> signals(String topic) {
    return f.builder.stream(topic, Consumed.with(Serdes.String(), f.topics.alerts.valueSerde()).withName(topic));
  }

  @AfterEach
  void close() {
    f.close();
  }

  /** The driver's wall clock, which the lifecycle times the alerts by. */
  private Instant now() {
    return now;
  }

  private void advance(Duration d) {
    driver.advanceWallClockTime(d);
    now = now.plus(d);
  }

  private Alert firing(String rule, WarningLevel level, AlertSubject subject, double figure) {
    return AlertSignals.firing(rule, level, subject, new AlertSignals.Text("测试预警", "测试", null, null),
        AlertSignals.evidence(Map.of("figure", figure), Map.of(), List.of(), List.of()), now(), null);
  }

  private Alert resolved(String rule, AlertSubject subject) {
    return AlertSignals.resolved(rule, subject, new AlertSignals.Text("测试预警解除", "测试", null, null),
        AlertSignals.evidence(Map.of(), Map.of(), List.of(), List.of()), now());
  }

  private void signal(TestInputTopic<String, Alert> side, Alert signal) {
    side.pipeInput(signal.getAlertKey(), signal);
  }

  private void act(String alertKey, AlertActionType type, String actionId) {
    actions.pipeInput(alertKey, AlertAction.newBuilder().setActionId(actionId).setAlertKey(alertKey).setAction(type)
        .setBy("金城镇安监办 张某").setAt(now()).build());
  }

  @Test
  void theSliceKeepsOnlyTheAlertsStoresAndTheTablesOfTheEscalationChain() {
    assertThat(driver.getAllStateStores().keySet()).containsExactlyInAnyOrder(StoreNames.EVENT_IDS,
        StoreNames.ENTERPRISES, StoreNames.ALERTS, StoreNames.ALERTS_PENDING, StoreNames.ALERT_HANDLING_DUE,
        StoreNames.ROSTER, StoreNames.RESPONSIBILITIES);
  }

  @Test
  void aSignalFiresOnceThenEscalatesAndTheSameLevelAgainPublishesNothing() {
    signal(enterpriseSignals, firing(AlertSignals.REPEAT_VIOLATOR, WarningLevel.YELLOW, enterprise, 3));
    signal(enterpriseSignals, firing(AlertSignals.REPEAT_VIOLATOR, WarningLevel.YELLOW, enterprise, 3));
    List<Alert> first = published.readValuesToList();
    assertThat(first).singleElement().satisfies(a -> {
      assertThat(a.getStatus()).isEqualTo(AlertStatus.FIRING);
      assertThat(a.getLevel()).isEqualTo(WarningLevel.YELLOW);
    });

    advance(Duration.ofMinutes(5));
    signal(enterpriseSignals, firing(AlertSignals.REPEAT_VIOLATOR, WarningLevel.ORANGE, enterprise, 4));
    assertThat(published.readValuesToList()).singleElement().satisfies(a -> {
      assertThat(a.getStatus()).isEqualTo(AlertStatus.ESCALATED);
      assertThat(a.getLevel()).isEqualTo(WarningLevel.ORANGE);
      assertThat(a.getPreviousLevel()).isEqualTo(WarningLevel.YELLOW);
      assertThat(a.getFirstFiredAt()).isEqualTo(first.get(0).getFirstFiredAt());
    });
  }

  /** A surge is a held rule: its level stands for the hold time before the area side may end it. */
  @Test
  void theAreaSidesSignalsMeetTheSameLifecycleAndAHeldAlertResolvesOnlyAfterItsHoldTime() {
    signal(areaSignals, firing(AlertSignals.SURGE, WarningLevel.YELLOW, township, 12));
    String key = AlertSignals.key(AlertSignals.SURGE, township);
    assertThat(published.readValuesToList()).extracting(Alert::getAlertKey).containsExactly(key);

    advance(Duration.ofMinutes(1));
    signal(areaSignals, resolved(AlertSignals.SURGE, township));
    advance(Duration.ofMinutes(1));
    assertThat(published.readValuesToList()).as("within the hold time").isEmpty();

    advance(rules.holdTime());
    assertThat(published.readValuesToList()).singleElement()
        .satisfies(a -> assertThat(a.getStatus()).isEqualTo(AlertStatus.RESOLVED));
  }

  @Test
  void anActionIsAppliedOnceInItsTurnAndOneOutOfTurnOrForNoAlertIsADeadLetter() {
    Alert fired = firing(AlertSignals.REPEAT_VIOLATOR, WarningLevel.YELLOW, enterprise, 3);
    signal(enterpriseSignals, fired);
    published.readValuesToList();

    act(fired.getAlertKey(), AlertActionType.VERIFY, "a0");
    assertThat(f.deadLetterReasons()).as("核查 before 签收").containsExactly("impossible-transition");
    String ack = UUID.randomUUID().toString();
    act(fired.getAlertKey(), AlertActionType.ACKNOWLEDGE, ack);
    act(fired.getAlertKey(), AlertActionType.ACKNOWLEDGE, ack);
    assertThat(published.readValuesToList()).as("签收, once though sent twice").singleElement()
        .satisfies(a -> assertThat(a.getHandling().getHistory()).extracting(e -> e.getActionId()).containsExactly(ack));
    assertThat(f.deadLetterReasons()).as("the resent 签收 is dropped, not refused").isEmpty();

    act("repeat-violator:enterprise:NOBODY", AlertActionType.ACKNOWLEDGE, "a1");
    assertThat(f.deadLetterReasons()).containsExactly("impossible-transition");
    assertThat(published.isEmpty()).isTrue();
  }
}
