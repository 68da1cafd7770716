package io.fangxian.enterprises;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.areas.CountChange;
import io.fangxian.avro.Alert;
import io.fangxian.avro.AlertStatus;
import io.fangxian.avro.CertificateEvent;
import io.fangxian.avro.CertificatePost;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.InspectionKind;
import io.fangxian.avro.RiskLevel;
import io.fangxian.avro.internal.AreaUpdate;
import io.fangxian.config.RulesConfig;
import io.fangxian.domain.CreditCode;
import io.fangxian.domain.ReferenceData;
import io.fangxian.rules.AlertSignals;
import io.fangxian.rules.StandingRules;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The enterprises slice's standing on its own (拉网式排查, 三项岗位): the intake and
 * {@link Enterprises#standing}, none of the other slices. What it sends (each standing change's
 * counts for the enterprise's areas, and the rules' signals) is read where it leaves the slice.
 * {@code EnterpriseStandingTest} runs the whole topology: the published figures of townships,
 * sectors, grids and parks.
 */
class EnterpriseStandingSliceTest {
  private final SliceFixture f = new SliceFixture();
  private final List<CountChange> counts = new ArrayList<>();
  private final List<Alert> signals = new ArrayList<>();
  private final TopologyTestDriver driver;
  private final TestInputTopic<String, InspectionEvent> inspections;
  private final TestInputTopic<String, CertificateEvent> certificates;
  private Instant now = TopologyFixture.START;

  EnterpriseStandingSliceTest() {
    EnterpriseStores.add(f.builder, f.topics);
    f.gridsTable();
    ReferenceData reference = ReferenceData.builtIn();
    Enterprises.Standing standing = Enterprises.standing(f.enterprises,
        f.intake.enriched(f.topics.inspections, "inspections", e -> true), f.intake, f.topics, f.config, reference,
        new StandingRules(RulesConfig.defaults(), reference, f.config.zone()));
    standing.counts().foreach((key, c) -> counts.add(c), Named.as("test-standing-counts"));
    standing.signals().foreach((key, a) -> signals.add(a), Named.as("test-standing-signals"));
    driver = f.start();
    inspections = f.input(f.topics.inspections);
    certificates = f.input(f.topics.certificates);
  }

  @AfterEach
  void close() {
    f.close();
  }

  private static Enterprise enterprise(int seed, String sector) {
    return Enterprise.newBuilder().setEnterpriseId(CreditCode.generate(new SplittableRandom(seed), "320413"))
        .setName("常州测试企业" + seed + "有限公司").setTownshipId("jincheng").setSectorId(sector).setGridId("G1")
        .setRiskLevel(RiskLevel.YELLOW).build();
  }

  private void inspected(Enterprise e, InspectionKind kind, Instant at) {
    inspections.pipeInput(e.getEnterpriseId(), InspectionEvent.newBuilder().setEventId(UUID.randomUUID().toString())
        .setInspectionId(UUID.randomUUID().toString()).setEnterpriseId(e.getEnterpriseId()).setKind(kind)
        .setFindings(0).setOccurredAt(at).build());
  }

  private void certificate(Enterprise e, String id, CertificatePost post, Instant expires) {
    certificates.pipeInput(id, CertificateEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setCertificateId(id)
        .setHolderId("h-" + id).setHolderName("持证人" + id).setEnterpriseId(e.getEnterpriseId()).setPost(post)
        .setIssuedAt(now.minus(Duration.ofDays(10))).setExpiresAt(expires).setRevoked(false).build());
  }

  /** The sum of one counter over everything the slice sent to the township. */
  private long township(ToIntFunction<AreaUpdate> field) {
    return counts.stream().filter(c -> c.areas().contains("township/jincheng"))
        .mapToLong(c -> field.applyAsInt(c.delta())).sum();
  }

  private void days(int n) {
    for (int i = 0; i < n; i++) {
      driver.advanceWallClockTime(Duration.ofDays(1));
      now = now.plus(Duration.ofDays(1));
    }
  }

  @Test
  void theSliceKeepsOnlyItsOwnStoresAndTheGridsTable() {
    assertThat(driver.getAllStateStores().keySet()).containsExactlyInAnyOrder(StoreNames.EVENT_IDS,
        StoreNames.ENTERPRISES, StoreNames.CERTIFICATES, StoreNames.ENTERPRISE_STANDING, StoreNames.STANDING_DUE,
        StoreNames.ENTERPRISE_VIOLATIONS, StoreNames.SELF_INSPECTIONS, StoreNames.ENTERPRISE_CHECKS, StoreNames.GRIDS);
  }

  @Test
  void aSupervisorsInspectionCoversTheEnterpriseForItsWindowsAndASelfInspectionDoesNot() {
    Enterprise inspected = enterprise(31, "machinery");
    Enterprise selfOnly = enterprise(32, "machinery");
    f.listed(inspected, selfOnly);
    inspected(inspected, InspectionKind.FLYING, now.minus(Duration.ofDays(20)));
    inspected(selfOnly, InspectionKind.SELF_INSPECTION, now.minus(Duration.ofDays(1)));

    assertThat(township(AreaUpdate::getEnterprises)).isEqualTo(2);
    assertThat(List.of(township(AreaUpdate::getInspectedLast30d), township(AreaUpdate::getInspectedLast90d),
        township(AreaUpdate::getInspectedLast365d), township(AreaUpdate::getNeverInspected)))
        .containsExactly(1L, 1L, 1L, 1L);
    assertThat(counts).allSatisfy(c -> assertThat(c.areas()).contains("sector/machinery", "grid/G1"));

    days(11); // the inspection is 31 days old
    assertThat(List.of(township(AreaUpdate::getInspectedLast30d), township(AreaUpdate::getInspectedLast90d)))
        .as("the wall clock moves it out of the 30-day window only").containsExactly(0L, 1L);
  }

  @Test
  void aKeyAreaEnterpriseIsNonCompliantUntilBothKeyPostsAreCertified() {
    Enterprise chemicals = enterprise(33, "hazardous-chemicals");
    f.listed(chemicals);
    assertThat(township(AreaUpdate::getNonCompliantEnterprises)).isEqualTo(1);
    assertThat(signals).singleElement().satisfies(a -> {
      assertThat(a.getRule()).isEqualTo(AlertSignals.CERTIFICATE_NONCOMPLIANT);
      assertThat(a.getStatus()).isEqualTo(AlertStatus.FIRING);
    });

    certificate(chemicals, "P1", CertificatePost.PRINCIPAL, now.plus(Duration.ofDays(1000)));
    assertThat(township(AreaUpdate::getNonCompliantEnterprises)).as("the safety manager is still missing").isEqualTo(1);
    certificate(chemicals, "S1", CertificatePost.SAFETY_MANAGER, now.plus(Duration.ofDays(1000)));
    assertThat(township(AreaUpdate::getNonCompliantEnterprises)).isZero();
    assertThat(signals).last().satisfies(a -> {
      assertThat(a.getRule()).isEqualTo(AlertSignals.CERTIFICATE_NONCOMPLIANT);
      assertThat(a.getStatus()).isEqualTo(AlertStatus.RESOLVED);
    });
  }

  @Test
  void anImpossibleCertificateIsADeadLetterAndCountsNothing() {
    Enterprise chemicals = enterprise(34, "hazardous-chemicals");
    f.listed(chemicals);
    int sent = counts.size();
    certificate(chemicals, "P9", CertificatePost.PRINCIPAL, now.minus(Duration.ofDays(20))); // expires before issued
    assertThat(f.deadLetterReasons()).containsExactly("invalid-field");
    assertThat(counts).hasSize(sent);
  }
}
