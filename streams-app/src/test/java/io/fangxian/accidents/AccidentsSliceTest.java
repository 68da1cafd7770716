package io.fangxian.accidents;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.accident.AccidentDuties;
import io.fangxian.areas.CountChange;
import io.fangxian.avro.AccidentDuty;
import io.fangxian.avro.AccidentDutyKind;
import io.fangxian.avro.AccidentEvent;
import io.fangxian.avro.AccidentType;
import io.fangxian.avro.Alert;
import io.fangxian.avro.AlertStatus;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.RiskLevel;
import io.fangxian.avro.WarningLevel;
import io.fangxian.avro.internal.AccidentState;
import io.fangxian.config.RulesConfig;
import io.fangxian.domain.CreditCode;
import io.fangxian.domain.ReferenceData;
import io.fangxian.rules.AlertSignals;
import io.fangxian.store.StoreNames;
import io.fangxian.topology.SliceFixture;
import io.fangxian.topology.TopologyFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.ToIntFunction;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The accidents slice on its own: the intake and {@link Accidents}, none of the other slices. What it
 * sends (each accident's change, the count changes of accidents and of the bureau's duties, the
 * signals of the accident rules) is read where it leaves the slice. {@code AccidentsTest} runs the
 * whole topology: the published figures and the alerts' lifecycle.
 */
class AccidentsSliceTest {
  private final SliceFixture f = new SliceFixture();
  private final List<AccidentChange> changes = new ArrayList<>();
  private final List<CountChange> counts = new ArrayList<>();
  private final List<CountChange> dutyCounts = new ArrayList<>();
  private final List<Alert> signals = new ArrayList<>();
  private final TopologyTestDriver driver;
  private final TestInputTopic<String, AccidentEvent> accidents;
  private final TestInputTopic<String, AccidentDuty> duties;
  private final Enterprise enterprise = enterprise(21);
  private final Enterprise other = enterprise(22);
  private final Instant received = TopologyFixture.START.minus(Duration.ofMinutes(30));

  AccidentsSliceTest() {
    AccidentStores.add(f.builder, f.topics);
    Accidents.Output out = Accidents.add(f.intake.events(f.topics.accidents, "accident", AccidentEvent::getEventId),
        f.intake, f.topics, f.config, new AccidentRules(RulesConfig.defaults(), ReferenceData.builtIn(), f.config.zone()));
    out.accidents().foreach((key, c) -> changes.add(c), Named.as("test-accident-changes"));
    out.counts().foreach((key, c) -> counts.add(c), Named.as("test-accident-counts"));
    out.dutyCounts().foreach((key, c) -> dutyCounts.add(c), Named.as("test-duty-counts"));
    out.signals().foreach((key, a) -> signals.add(a), Named.as("test-accident-signals"));
    driver = f.start();
    f.listed(enterprise, other);
    accidents = f.input(f.topics.accidents);
    duties = f.input(f.topics.accidentDuties);
  }

  @AfterEach
  void close() {
    f.close();
  }

  private static Enterprise enterprise(int seed) {
    return Enterprise.newBuilder().setEnterpriseId(CreditCode.generate(new SplittableRandom(seed), "320413"))
        .setName("常州测试建筑有限公司" + seed).setTownshipId("jincheng").setSectorId("construction")
        .setRiskLevel(RiskLevel.YELLOW).build();
  }

  private AccidentEvent accident(Enterprise e, String accidentId, int deaths, int seriousInjuries, double lossYuan,
      Instant reportedAt) {
    return AccidentEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setAccidentId(accidentId)
        .setEnterpriseId(e.getEnterpriseId()).setOccurredAt(reportedAt.minus(Duration.ofMinutes(20)))
        .setReportedAt(reportedAt).setDeaths(deaths).setSeriousInjuries(seriousInjuries).setMinorInjuries(0)
        .setDirectLossYuan(lossYuan).setAccidentType(AccidentType.FALL_FROM_HEIGHT).build();
  }

  private void send(AccidentEvent a) {
    accidents.pipeInput(a.getEnterpriseId(), a);
  }

  private void duty(Enterprise e, String accidentId, AccidentDutyKind kind, Instant doneAt) {
    duties.pipeInput(e.getEnterpriseId(), AccidentDuty.newBuilder().setEventId(UUID.randomUUID().toString())
        .setAccidentId(accidentId).setEnterpriseId(e.getEnterpriseId()).setDuty(kind).setDoneAt(doneAt).build());
  }

  private long counted(ToIntFunction<io.fangxian.avro.internal.AreaUpdate> field) {
    return counts.stream().mapToLong(c -> field.applyAsInt(c.delta())).sum();
  }

  private long dutiesLate() {
    return dutyCounts.stream().mapToLong(c -> c.delta().getAccidentDutiesLate()).sum();
  }

  @Test
  void theSliceRunsAloneWithItsOwnStoresOnly() {
    assertThat(f.topology().describe().subtopologies()).hasSize(1);
    assertThat(driver.getAllStateStores().keySet()).containsExactlyInAnyOrder(StoreNames.EVENT_IDS,
        StoreNames.ENTERPRISES, StoreNames.ACCIDENTS, StoreNames.DOSSIER_ACCIDENTS, StoreNames.ACCIDENT_DUTIES,
        StoreNames.ACCIDENT_DUTIES_DUE);
  }

  @Test
  void anAccidentCountsOnceInItsTownshipAndSectorByItsGradeThoughSentAgain() {
    AccidentEvent a = accident(enterprise, "A1", 3, 2, 150_000.5, received);
    send(a);
    send(a);

    assertThat(changes).singleElement().satisfies(c -> assertThat(c.before()).isNull());
    assertThat(counts).singleElement().satisfies(c -> {
      assertThat(c.areas()).containsExactly("township/jincheng", "sector/construction");
      assertThat(c.delta().getAccidents()).isEqualTo(1);
      assertThat(c.delta().getAccidentDeaths()).isEqualTo(3);
      assertThat(c.delta().getAccidentSeriousInjuries()).isEqualTo(2);
      assertThat(c.delta().getAccidentDirectLossYuan()).isEqualTo(150_000.5);
      assertThat(c.delta().getAccidentsLarger()).as("3 deaths: 较大事故 (493号令 第三条)").isEqualTo(1);
      assertThat(c.delta().getAccidentsGeneral()).isZero();
    });
    KeyValueStore<String, AccidentState> held = driver.getKeyValueStore(StoreNames.ACCIDENTS);
    assertThat(held.get("A1").getAccident()).isEqualTo(a);
  }

  @Test
  void aCorrectionReplacesTheAccidentAndTakesItsOldFiguresBack() {
    send(accident(enterprise, "A1", 2, 1, 1_000, received));
    send(accident(enterprise, "A1", 3, 0, 2_500, received));

    assertThat(changes).hasSize(2);
    assertThat(changes.get(1).before().getAccident().getDeaths()).isEqualTo(2);
    assertThat(counted(u -> u.getAccidents())).as("still one accident").isEqualTo(1);
    assertThat(counted(u -> u.getAccidentDeaths())).isEqualTo(3);
    assertThat(counted(u -> u.getAccidentSeriousInjuries())).isZero();
    assertThat(counted(u -> u.getAccidentsGeneral())).isZero();
    assertThat(counted(u -> u.getAccidentsLarger())).isEqualTo(1);
    assertThat(counts.stream().mapToDouble(c -> c.delta().getAccidentDirectLossYuan()).sum()).isEqualTo(2_500);
  }

  @Test
  void aCorrectionNamingAnotherEnterpriseIsADeadLetterAndChangesNothing() {
    send(accident(enterprise, "A1", 1, 0, 0, received));
    send(accident(other, "A1", 5, 0, 0, received));

    assertThat(f.deadLetterReasons()).containsExactly("impossible-transition");
    assertThat(changes).hasSize(1);
    assertThat(counted(u -> u.getAccidentDeaths())).isEqualTo(1);
    KeyValueStore<String, AccidentState> held = driver.getKeyValueStore(StoreNames.ACCIDENTS);
    assertThat(held.get("A1").getAccident().getEnterpriseId()).isEqualTo(enterprise.getEnterpriseId());
  }

  @Test
  void theRulesSignalTheGradesLevelAndALateReportCountedFromWhenTheHeadWasInformed() {
    AccidentEvent late = AccidentEvent.newBuilder(accident(enterprise, "A1", 1, 0, 0, received))
        .setOccurredAt(received.minus(Duration.ofMinutes(70))).setHeadInformedAt(received.minus(Duration.ofMinutes(61)))
        .build();
    send(late);

    assertThat(signals).extracting(Alert::getRule).containsExactlyInAnyOrder(AlertSignals.ACCIDENT,
        AlertSignals.ACCIDENT_LATE_REPORT, AlertSignals.ACCIDENT_SECTOR_WARNING);
    assertThat(signals).filteredOn(a -> a.getRule().equals(AlertSignals.ACCIDENT)).singleElement()
        .satisfies(a -> assertThat(a.getLevel()).as("一般事故").isEqualTo(WarningLevel.BLUE));

    signals.clear();
    send(AccidentEvent.newBuilder(late).setEventId(UUID.randomUUID().toString())
        .setHeadInformedAt(received.minus(Duration.ofMinutes(50))).build());
    assertThat(signals).filteredOn(a -> a.getRule().equals(AlertSignals.ACCIDENT_LATE_REPORT)).singleElement()
        .satisfies(a -> assertThat(a.getStatus()).as("corrected: within the hour").isEqualTo(AlertStatus.RESOLVED));
  }

  @Test
  void theBureausDutiesAreLateByTheWallClockTwoHoursAfterTheReportUnlessAllAreDoneInTime() {
    send(accident(enterprise, "A1", 0, 1, 0, received));
    send(accident(enterprise, "A2", 0, 1, 0, received));
    for (AccidentDutyKind kind : AccidentDuties.ALL) {
      duty(enterprise, "A1", kind, received.plus(Duration.ofMinutes(25)));
      if (kind != AccidentDutyKind.NOTIFIED_PROCURATORATE) {
        duty(enterprise, "A2", kind, received.plus(Duration.ofMinutes(25)));
      }
    }
    assertThat(dutiesLate()).as("within the 2 hours").isZero();

    driver.advanceWallClockTime(Duration.ofMinutes(95));
    assertThat(dutiesLate()).as("A2's procuratorate was not told in time").isEqualTo(1);
    assertThat(dutyCounts).last().satisfies(c ->
        assertThat(c.areas()).containsExactly("township/jincheng", "sector/construction"));

    duty(enterprise, "A2", AccidentDutyKind.NOTIFIED_PROCURATORATE, received.plus(Duration.ofMinutes(130)));
    assertThat(dutiesLate()).as("done, but after the 2 hours").isEqualTo(1);
    duty(enterprise, "A2", AccidentDutyKind.NOTIFIED_PROCURATORATE, received.plus(Duration.ofMinutes(90)));
    assertThat(dutiesLate()).as("corrected: it was done in time").isZero();
  }

  @Test
  void aDutyMayArriveBeforeItsAccidentButNotForAnotherEnterprisesAccident() {
    for (AccidentDutyKind kind : AccidentDuties.ALL) {
      duty(enterprise, "A3", kind, received.plus(Duration.ofMinutes(5)));
    }
    send(accident(enterprise, "A3", 0, 1, 0, received));
    driver.advanceWallClockTime(Duration.ofHours(3));
    assertThat(dutiesLate()).isZero();

    duty(other, "A3", AccidentDutyKind.REPORTED_UP, received);
    assertThat(f.deadLetterReasons()).containsExactly("impossible-transition");
    KeyValueStore<String, io.fangxian.avro.internal.AccidentDuties> held =
        driver.getKeyValueStore(StoreNames.ACCIDENT_DUTIES);
    assertThat(held.get("A3").getEnterpriseId()).isEqualTo(enterprise.getEnterpriseId());
  }
}
