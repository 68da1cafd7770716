package io.fangxian.enforcement;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.areas.CountChange;
import io.fangxian.avro.Alert;
import io.fangxian.avro.AlertStatus;
import io.fangxian.avro.CaseEvent;
import io.fangxian.avro.CaseEventType;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.HazardState;
import io.fangxian.avro.HazardStatus;
import io.fangxian.avro.RiskLevel;
import io.fangxian.config.RulesConfig;
import io.fangxian.domain.CreditCode;
import io.fangxian.domain.ReferenceData;
import io.fangxian.hazards.LedgerChange;
import io.fangxian.store.StoreNames;
import io.fangxian.topology.SliceFixture;
import io.fangxian.topology.TopologyFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The enforcement slice on its own: the intake of case steps and {@link Enforcement#add}, with the
 * hazard ledger's changes (the one message it takes from the hazards slice) fed from a test topic.
 * The whole topology's wiring of it is {@code topology.CasesTest}.
 */
class EnforcementSliceTest {
  private static final Duration DAY = Duration.ofDays(1);
  private final SliceFixture f = new SliceFixture();
  private final List<CountChange> counts = new ArrayList<>();
  private final List<Alert> signals = new ArrayList<>();
  private final TopologyTestDriver driver;
  private final TestInputTopic<String, HazardState> ledger;
  private final TestInputTopic<String, CaseEvent> cases;
  private final SplittableRandom random = new SplittableRandom(11);
  private final Enterprise enterprise = enterprise();
  private final Enterprise other = enterprise();
  private Instant now = TopologyFixture.START;

  EnforcementSliceTest() {
    EnforcementStores.add(f.builder, f.topics);
    KStream<String, LedgerChange> changes = f.ledgerChanges(h -> new LedgerChange(null, h, null, true, null));
    Enforcement.Output out = Enforcement.add(f.intake, changes, f.topics, f.config, RulesConfig.defaults(), ReferenceData.load());
    out.counts().foreach((key, c) -> counts.add(c), Named.as("test-counts"));
    out.signals().foreach((key, a) -> signals.add(a), Named.as("test-signals"));
    driver = f.start();
    f.listed(enterprise, other);
    ledger = f.ledger();
    cases = f.input(f.topics.enforcementCases);
  }

  @AfterEach
  void close() {
    f.close();
  }

  private Enterprise enterprise() {
    return Enterprise.newBuilder().setEnterpriseId(CreditCode.generate(random, "320413"))
        .setName("江苏测试企业有限公司").setTownshipId("jincheng").setSectorId("construction").setRiskLevel(RiskLevel.YELLOW)
        .build();
  }

  private void majorHazard(String hazardId, Instant reportedAt) {
    ledger.pipeInput(enterprise.getEnterpriseId(), HazardState.newBuilder().setHazardId(hazardId)
        .setEnterpriseId(enterprise.getEnterpriseId()).setTownshipId("jincheng").setSectorId("construction")
        .setStatus(HazardStatus.REPORTED).setSeverity(HazardSeverity.MAJOR).setSource(HazardSource.DEPARTMENT_INSPECTION)
        .setReportedAt(reportedAt).setUpdatedAt(reportedAt).build());
  }

  private void caseOpened(Enterprise e, String caseId, String... hazardIds) {
    cases.pipeInput(e.getEnterpriseId(), CaseEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setCaseId(caseId)
        .setEnterpriseId(e.getEnterpriseId()).setType(CaseEventType.OPENED).setOccurredAt(now).setDepartmentId("yjj")
        .setHazardIds(List.of(hazardIds)).setPenalties(List.of()).build());
  }

  private void advance(Duration d) {
    now = now.plus(d);
    driver.advanceWallClockTime(d);
  }

  /** The township's count of open major hazards without a case, from every change the slice sent. */
  private long withoutCase() {
    return counts.stream().filter(c -> c.areas().contains("township/jincheng"))
        .mapToLong(c -> c.delta().getOpenMajorHazardsWithoutCase()).sum();
  }

  @Test
  void theSliceRunsAloneWithItsOwnStoresOnly() {
    assertThat(f.topology().describe().subtopologies()).hasSize(1);
    assertThat(driver.getAllStateStores().keySet()).containsExactlyInAnyOrder(StoreNames.EVENT_IDS, StoreNames.ENTERPRISES,
        EnforcementStores.CASES, EnforcementStores.HAZARDS, EnforcementStores.DUE, EnforcementStores.DOSSIER);
  }

  @Test
  void aMajorHazardCountsOnceItsWindowPassesByTheWallClockUntilACaseNamesIt() {
    majorHazard("H1", now.minus(Duration.ofDays(14)));
    assertThat(withoutCase()).isZero();
    assertThat(signals).isEmpty();

    advance(DAY.plus(Duration.ofMinutes(10)));
    assertThat(withoutCase()).isEqualTo(1);
    assertThat(signals).singleElement().satisfies(a -> {
      assertThat(a.getRule()).isEqualTo("major-hazard-without-case");
      assertThat(a.getSubject().getId()).isEqualTo("H1");
      assertThat(a.getStatus()).isEqualTo(AlertStatus.FIRING);
    });

    caseOpened(enterprise, "C1", "H1");
    assertThat(withoutCase()).isZero();
    assertThat(signals).last().satisfies(a -> assertThat(a.getStatus()).isEqualTo(AlertStatus.RESOLVED));
  }

  @Test
  void aCaseOfAnotherEnterpriseDoesNotAnswerTheHazard() {
    majorHazard("H1", now.minus(Duration.ofDays(20)));
    assertThat(withoutCase()).isEqualTo(1);
    caseOpened(other, "C9", "H1");
    assertThat(withoutCase()).isEqualTo(1);
    caseOpened(enterprise, "C1", "H1");
    assertThat(withoutCase()).isZero();
  }
}
