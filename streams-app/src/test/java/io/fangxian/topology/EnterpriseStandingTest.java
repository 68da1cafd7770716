package io.fangxian.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.avro.Alert;
import io.fangxian.avro.AlertStatus;
import io.fangxian.avro.AreaStats;
import io.fangxian.avro.CertificateEvent;
import io.fangxian.avro.CertificatePost;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.EnterpriseStatus;
import io.fangxian.avro.Grid;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.InspectionKind;
import io.fangxian.avro.RiskLevel;
import io.fangxian.avro.WarningLevel;
import io.fangxian.deadletter.DeadLetterHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Coverage (拉网式、不留死角) and the certificates of the three key posts (三项岗位): the figures of
 * townships, sectors, grids and parks as the clock moves, enterprises move or close and
 * certificates are issued, renewed, revoked or moved; and the rules that speak of them.
 */
class EnterpriseStandingTest {
  final TopologyFixture f = new TopologyFixture();
  final Map<String, AreaStats> townships = new HashMap<>();
  final Map<String, AreaStats> sectors = new HashMap<>();
  final Map<String, AreaStats> grids = new HashMap<>();
  final Map<String, AreaStats> parks = new HashMap<>();
  int sequence;

  @AfterEach
  void close() {
    f.close();
  }

  private void publish() {
    f.publish();
    read(f.townshipStats, townships);
    read(f.sectorStats, sectors);
    read(f.gridStats, grids);
    read(f.parkStats, parks);
  }

  private static void read(TestOutputTopic<String, AreaStats> topic, Map<String, AreaStats> into) {
    into.putAll(TopologyFixture.latest(topic));
  }

  /** Moves the clock a day at a time, so the minute and hour punctuations run as they would. */
  private void days(int n) {
    for (int i = 0; i < n; i++) {
      f.advance(Duration.ofDays(1));
    }
  }

  private Enterprise enterprise(String township, String sector, String grid) {
    return f.enterprise(Enterprise.newBuilder(f.enterprise(township, sector)).setGridId(grid).build());
  }

  private CertificateEvent certificate(Enterprise e, String id, String holder, CertificatePost post, String operation,
      Instant issued, Instant expires, boolean revoked) {
    CertificateEvent c = CertificateEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setCertificateId(id)
        .setHolderId(holder).setHolderName("持证人" + holder).setEnterpriseId(e.getEnterpriseId()).setPost(post)
        .setOperationType(operation).setIssuedAt(issued).setExpiresAt(expires).setRevoked(revoked).build();
    f.certificates.pipeInput(id, c);
    return c;
  }

  private void keyPosts(Enterprise e, Instant expires) {
    certificate(e, "P-" + e.getEnterpriseId(), "h" + (++sequence), CertificatePost.PRINCIPAL, null,
        f.now().minus(Duration.ofDays(400)), expires, false);
    certificate(e, "S-" + e.getEnterpriseId(), "h" + (++sequence), CertificatePost.SAFETY_MANAGER, null,
        f.now().minus(Duration.ofDays(400)), expires, false);
  }

  private List<Alert> alerts(String rule) {
    return f.newStandingAlerts().stream().filter(a -> a.getRule().equals(rule)).toList();
  }

  @Test
  void coverageWindowsMoveWithTheWallClock() {
    Enterprise inspected = enterprise("jincheng", "machinery", "G1");
    Enterprise selfOnly = enterprise("jincheng", "machinery", "G1");
    enterprise("jincheng", "machinery", "G2"); // never inspected
    f.inspection(inspected, InspectionKind.FLYING, f.now().minus(Duration.ofDays(20)));
    f.inspection(selfOnly, InspectionKind.SELF_INSPECTION, f.now().minus(Duration.ofDays(1)));
    publish();
    AreaStats t = townships.get("jincheng");
    assertThat(t.getEnterprises()).isEqualTo(3);
    assertThat(List.of(t.getInspectedLast30d(), t.getInspectedLast90d(), t.getInspectedLast365d(), t.getNeverInspected()))
        .as("a self-inspection is not an inspection of the enterprise").containsExactly(1L, 1L, 1L, 2L);
    assertThat(t.getCoverageLast30d()).isEqualTo(1.0 / 3);
    assertThat(sectors.get("machinery").getInspectedLast90d()).isEqualTo(1);
    assertThat(grids.get("G1").getEnterprises()).isEqualTo(2);
    assertThat(grids.get("G1").getInspectedLast30d()).isEqualTo(1);
    assertThat(grids.get("G2").getNeverInspected()).isEqualTo(1);

    days(11); // the inspection is 31 days old
    publish();
    t = townships.get("jincheng");
    assertThat(List.of(t.getInspectedLast30d(), t.getInspectedLast90d(), t.getInspectedLast365d())).containsExactly(0L, 1L, 1L);
    assertThat(grids.get("G1").getInspectedLast30d()).isZero();

    days(60); // 91 days old
    publish();
    t = townships.get("jincheng");
    assertThat(List.of(t.getInspectedLast30d(), t.getInspectedLast90d(), t.getInspectedLast365d())).containsExactly(0L, 0L, 1L);
    assertThat(t.getNeverInspected()).as("inspected once, long ago, is not never").isEqualTo(2);

    f.inspection(inspected, InspectionKind.ROUTINE, f.now().minus(Duration.ofDays(200)));
    f.inspection(inspected, InspectionKind.LINKED_SUPERVISION, f.now().minus(Duration.ofHours(1)));
    publish();
    assertThat(townships.get("jincheng").getInspectedLast30d()).as("the latest inspection counts, an older one arriving late does not")
        .isEqualTo(1);
  }

  @Test
  void anEnterpriseMovingGridOrClosingTakesItsCountsWithIt() {
    Enterprise e = enterprise("jincheng", "construction", "G1");
    f.inspection(e, InspectionKind.FLYING, f.now().minus(Duration.ofDays(5)));
    publish();
    assertThat(grids.get("G1").getInspectedLast90d()).isEqualTo(1);

    Enterprise moved = f.enterprise(Enterprise.newBuilder(e).setGridId("G2").setTownshipId("xuebu").build());
    publish();
    assertThat(grids.get("G1").getEnterprises()).isZero();
    assertThat(grids.get("G1").getInspectedLast90d()).isZero();
    assertThat(grids.get("G2").getInspectedLast90d()).isEqualTo(1);
    assertThat(townships.get("jincheng").getEnterprises()).isZero();
    assertThat(townships.get("xuebu").getKeyAreaInspectedLast90d()).isEqualTo(1);

    f.enterprise(Enterprise.newBuilder(moved).setStatus(EnterpriseStatus.CLOSED).build());
    publish();
    assertThat(grids.get("G2").getEnterprises()).as("a closed enterprise leaves every denominator").isZero();
    assertThat(townships.get("xuebu").getEnterprises()).isZero();
    assertThat(townships.get("xuebu").getInspectedLast90d()).isZero();
    assertThat(sectors.get("construction").getKeyAreaEnterprises()).isZero();

    f.enterprise(Enterprise.newBuilder(moved).setStatus(EnterpriseStatus.OPERATING).build()); // reopened
    f.enterprises.pipeInput(e.getEnterpriseId(), null); // then struck off the list
    publish();
    assertThat(townships.get("xuebu").getEnterprises()).isZero();
    assertThat(grids.get("G2").getEnterprises()).isZero();
  }

  @Test
  void parksAreAnOverlayWithTheirOwnFigures() {
    Enterprise inPark = f.enterprise(Enterprise.newBuilder(f.enterprise("zhixi", "hazardous-chemicals"))
        .setParkId("jintan-edz").setInChemicalZone(true).build());
    enterprise("zhixi", "machinery", null);
    f.report(inPark, "H1", HazardSeverity.MAJOR, HazardSource.FLYING_INSPECTION, f.now().minus(Duration.ofHours(1)),
        f.now().plus(Duration.ofDays(30)));
    f.inspection(inPark, InspectionKind.FLYING, f.now().minus(Duration.ofHours(1)));
    publish();
    assertThat(townships.get("zhixi").getEnterprises()).isEqualTo(2);
    AreaStats park = parks.get("jintan-edz");
    assertThat(park.getAreaName()).isEqualTo("金坛经济开发区");
    assertThat(List.of(park.getEnterprises(), park.getInspectedLast30d(), park.getHazardsReported(), park.getOpenMajorHazards(),
        park.getInspections())).containsExactly(1L, 1L, 1L, 1L, 1L);
    assertThat(parks.get("chemical-zone").getOpenMajorHazards()).isEqualTo(1);

    // The hazard stays counted where it was reported when the enterprise leaves the park.
    f.enterprise(Enterprise.newBuilder(inPark).setParkId(null).setInChemicalZone(false).build());
    f.step(inPark, "H1", io.fangxian.avro.HazardEventType.VERIFIED_CLOSED, f.now());
    publish();
    assertThat(parks.get("jintan-edz").getEnterprises()).isZero();
    assertThat(parks.get("jintan-edz").getOpenMajorHazards()).isZero();
    assertThat(parks.get("jintan-edz").getClosedHazards()).isEqualTo(1);
  }

  @Test
  void aKeyAreaEnterpriseWithoutItsKeyPostsCertifiedFiresUntilItIsCompliant() {
    Enterprise e = enterprise("jincheng", "hazardous-chemicals", "G1");
    publish();
    assertThat(townships.get("jincheng").getNonCompliantEnterprises()).isEqualTo(1);
    List<Alert> fired = alerts("certificate-noncompliant");
    assertThat(fired).singleElement().satisfies(a -> {
      assertThat(a.getLevel()).isEqualTo(WarningLevel.YELLOW);
      assertThat(a.getMessageZh()).contains("主要负责人", "安全生产管理人员");
    });

    certificate(e, "P1", "h1", CertificatePost.PRINCIPAL, null, f.now().minus(Duration.ofDays(10)),
        f.now().plus(Duration.ofDays(1000)), false);
    publish();
    assertThat(townships.get("jincheng").getNonCompliantEnterprises()).as("the safety manager is still missing").isEqualTo(1);
    certificate(e, "S1", "h2", CertificatePost.SAFETY_MANAGER, null, f.now().minus(Duration.ofDays(10)),
        f.now().plus(Duration.ofDays(1000)), false);
    publish();
    assertThat(townships.get("jincheng").getNonCompliantEnterprises()).isZero();
    assertThat(alerts("certificate-noncompliant")).singleElement()
        .satisfies(a -> assertThat(a.getStatus()).isEqualTo(AlertStatus.RESOLVED));

    certificate(e, "S1", "h2", CertificatePost.SAFETY_MANAGER, null, f.now().minus(Duration.ofDays(10)),
        f.now().plus(Duration.ofDays(1000)), true); // revoked
    publish();
    assertThat(townships.get("jincheng").getNonCompliantEnterprises()).isEqualTo(1);
    assertThat(townships.get("jincheng").getCertificatesExpired()).as("a revoked certificate is not an expired one").isZero();
    assertThat(alerts("certificate-noncompliant")).singleElement()
        .satisfies(a -> assertThat(a.getStatus()).isEqualTo(AlertStatus.FIRING));
  }

  @Test
  void anEnterpriseOfASectorTheArticleDoesNotNameNeedsOnlyItsSpecialOperatorsCertified() {
    Enterprise plain = enterprise("jincheng", "machinery", "G1");
    Enterprise welding = f.enterprise(Enterprise.newBuilder(enterprise("jincheng", "machinery", "G1"))
        .setSpecialOperations(List.of("焊接与热切割作业")).build());
    f.enterprise(Enterprise.newBuilder(enterprise("jincheng", "machinery", "G1"))
        .setRiskLevel(RiskLevel.ORANGE).setInChemicalZone(true).build());
    publish();
    assertThat(grids.get("G1").getNonCompliantEnterprises())
        .as("the welder only: neither the ORANGE risk level nor the chemical zone asks for the key posts")
        .isEqualTo(1);
    assertThat(alerts("certificate-noncompliant")).as("only key-area enterprises raise the alert").isEmpty();

    certificate(welding, "T1", "w1", CertificatePost.SPECIAL_OPERATOR, "电工作业", f.now().minus(Duration.ofDays(1)),
        f.now().plus(Duration.ofDays(2000)), false);
    publish();
    assertThat(grids.get("G1").getNonCompliantEnterprises()).as("an electrician is no welder").isEqualTo(1);
    certificate(welding, "T2", "w1", CertificatePost.SPECIAL_OPERATOR, "welding", f.now().minus(Duration.ofDays(1)),
        f.now().plus(Duration.ofDays(2000)), false);
    publish();
    assertThat(grids.get("G1").getNonCompliantEnterprises()).isZero();
    assertThat(plain.getSpecialOperations()).isEmpty();
  }

  @Test
  void theKeyPostsFollowArticle27NotTheKeyAreaFlag() {
    // 安全生产法 第二十七条第二款 names 金属冶炼 units, not elderly-care homes, though 养老 is a key area.
    Enterprise smelter = enterprise("jincheng", "metallurgy", "G1");
    Enterprise care = enterprise("jincheng", "elderly-care", "G2");
    Enterprise mine = enterprise("jincheng", "non-coal-mines", "G3");
    publish();
    assertThat(grids.get("G1").getNonCompliantEnterprises()).as("a smelter without its principal's certificate").isEqualTo(1);
    assertThat(grids.get("G2").getNonCompliantEnterprises()).as("an elderly-care home needs no principal's certificate").isZero();
    assertThat(grids.get("G3").getNonCompliantEnterprises()).as("矿山").isEqualTo(1);
    assertThat(alerts("certificate-noncompliant")).as("no alert for the home, which is compliant").isEmpty();

    keyPosts(smelter, f.now().plus(Duration.ofDays(1000)));
    publish();
    assertThat(grids.get("G1").getNonCompliantEnterprises()).isZero();
    assertThat(care.getSectorId()).isEqualTo("elderly-care");
    assertThat(mine.getSectorId()).isEqualTo("non-coal-mines");
  }

  @Test
  void anExpiringCertificateRemindsTheGridWorkerThenCountsAsExpiredUntilRenewed() {
    f.grids.pipeInput("G1", Grid.newBuilder().setGridId("G1").setName("东门社区第3网格").setTownshipId("jincheng")
        .setWorkerName("陈网格").build());
    Enterprise e = enterprise("jincheng", "hazardous-chemicals", "G1");
    keyPosts(e, f.now().plus(Duration.ofDays(40)));
    publish();
    assertThat(townships.get("jincheng").getCertificatesExpiringWithin30d()).isZero();
    assertThat(alerts("certificate-expiry")).isEmpty();

    days(11); // 29 days left
    publish();
    AreaStats t = townships.get("jincheng");
    assertThat(t.getCertificatesExpiringWithin30d()).isEqualTo(2);
    assertThat(t.getNonCompliantEnterprises()).isZero();
    assertThat(alerts("certificate-expiry")).singleElement().satisfies(a -> {
      assertThat(a.getLevel()).isEqualTo(WarningLevel.BLUE);
      assertThat(a.getSupervisor()).isEqualTo("网格员 陈网格(东门社区第3网格)");
      assertThat(a.getMessageZh()).contains("主要负责人", "安全生产管理人员");
    });

    days(30); // expired
    publish();
    t = townships.get("jincheng");
    assertThat(List.of(t.getCertificatesExpiringWithin30d(), t.getCertificatesExpired(), t.getNonCompliantEnterprises()))
        .containsExactly(0L, 2L, 1L);
    List<Alert> after = f.newStandingAlerts();
    assertThat(after).anySatisfy(a -> {
      assertThat(a.getRule()).isEqualTo("certificate-expiry");
      assertThat(a.getStatus()).isEqualTo(AlertStatus.RESOLVED);
    });
    assertThat(after).anySatisfy(a -> {
      assertThat(a.getRule()).isEqualTo("certificate-noncompliant");
      assertThat(a.getStatus()).isEqualTo(AlertStatus.FIRING);
    });

    // Renewed: new certificates for the same holders end the old lines' expiry.
    CertificateEvent oldPrincipal = certificate(e, "P-" + e.getEnterpriseId(), "x", CertificatePost.PRINCIPAL, null,
        f.now().minus(Duration.ofDays(500)), f.now().minus(Duration.ofDays(1)), false);
    certificate(e, "P2", oldPrincipal.getHolderId(), CertificatePost.PRINCIPAL, null, f.now(),
        f.now().plus(Duration.ofDays(1095)), false);
    publish();
    assertThat(townships.get("jincheng").getCertificatesExpired()).as("the principal renewed, the safety manager not")
        .isEqualTo(1);
  }

  @Test
  void aCertificateMovedToAnotherEnterpriseLeavesTheFirst() {
    Enterprise first = enterprise("jincheng", "hazardous-chemicals", "G1");
    Enterprise second = enterprise("xuebu", "hazardous-chemicals", "G2");
    keyPosts(first, f.now().plus(Duration.ofDays(1000)));
    keyPosts(second, f.now().plus(Duration.ofDays(1000)));
    publish();
    assertThat(townships.get("jincheng").getNonCompliantEnterprises()).isZero();

    // The first enterprise's safety manager now works for the second.
    certificate(second, "S-" + first.getEnterpriseId(), "moved", CertificatePost.SAFETY_MANAGER, null,
        f.now().minus(Duration.ofDays(10)), f.now().plus(Duration.ofDays(1000)), false);
    publish();
    assertThat(townships.get("jincheng").getNonCompliantEnterprises()).isEqualTo(1);
    assertThat(townships.get("xuebu").getNonCompliantEnterprises()).isZero();
  }

  @Test
  void aTownshipWhoseKeyAreaEnterprisesGoUninspectedFiresTheCoverageRule() {
    List<Enterprise> key = List.of(enterprise("jincheng", "construction", "G1"),
        enterprise("jincheng", "construction", "G1"), enterprise("jincheng", "bottled-gas", "G1"));
    enterprise("jincheng", "machinery", "G1"); // not a key area: not in the rule's share
    publish();
    f.advance(Duration.ofMinutes(1));
    List<Alert> fired = alerts("coverage-gap");
    assertThat(fired).extracting(a -> a.getSubject().getType().name() + ":" + a.getSubject().getId())
        .containsExactlyInAnyOrder("TOWNSHIP:jincheng", "GRID:G1");
    assertThat(fired).allSatisfy(a -> assertThat(a.getStatus()).isEqualTo(AlertStatus.FIRING));
    assertThat(fired).filteredOn(a -> a.getSubject().getType().name().equals("GRID")).singleElement()
        .satisfies(a -> assertThat(a.getSubject().getTownshipId()).isNull()); // the grid is not on reference.grids

    f.inspection(key.get(0), InspectionKind.FLYING, f.now().minus(Duration.ofHours(2)));
    f.inspection(key.get(1), InspectionKind.ROUTINE, f.now().minus(Duration.ofHours(2)));
    publish();
    f.advance(Duration.ofMinutes(1));
    assertThat(townships.get("jincheng").getKeyAreaCoverageLast90d()).isEqualTo(2.0 / 3);
    assertThat(alerts("coverage-gap")).hasSize(2).allSatisfy(a -> assertThat(a.getStatus()).isEqualTo(AlertStatus.RESOLVED));
  }

  @Test
  void anImpossibleCertificateIsADeadLetter() {
    Enterprise e = enterprise("jincheng", "machinery", "G1");
    certificate(e, "T9", "w9", CertificatePost.SPECIAL_OPERATOR, null, f.now(), f.now().plus(Duration.ofDays(10)), false);
    certificate(e, "T10", "w9", CertificatePost.PRINCIPAL, null, f.now(), f.now().minus(Duration.ofDays(10)), false);
    assertThat(List.of(reason(), reason())).containsExactly("missing-field", "invalid-field");
  }

  @Test
  void aGridPatrolIsAVisitNotAnInspection() {
    Enterprise patrolled = enterprise("jincheng", "machinery", "G1");
    Enterprise inspected = enterprise("jincheng", "machinery", "G1");
    f.inspection(patrolled, InspectionKind.GRID_PATROL, f.now().minus(Duration.ofDays(10)));
    f.inspection(inspected, InspectionKind.ROUTINE, f.now().minus(Duration.ofDays(10)));
    publish();
    AreaStats t = townships.get("jincheng");
    assertThat(t.getInspectedLast90d()).as("only the routine inspection").isEqualTo(1);
    assertThat(t.getNeverInspected()).as("a patrol is no law-enforcement inspection").isEqualTo(1);
    assertThat(t.getPatrolledLast90d()).isEqualTo(1);
    assertThat(grids.get("G1").getPatrolledLast90d()).isEqualTo(1);
    assertThat(sectors.get("machinery").getPatrolledLast90d()).isEqualTo(1);
    days(81);
    publish();
    assertThat(townships.get("jincheng").getPatrolledLast90d()).as("the patrol left the 90 days").isZero();
    assertThat(townships.get("jincheng").getInspectedLast90d()).isZero();
    assertThat(townships.get("jincheng").getInspectedLast365d()).isEqualTo(1);
  }

  @Test
  void aSpecialOperatorsCertificatePastItsReviewNoLongerCounts() {
    Enterprise e = f.enterprise(Enterprise.newBuilder(enterprise("jincheng", "machinery", "G1"))
        .setSpecialOperations(List.of("电工作业")).build());
    Instant issued = f.now().atOffset(java.time.ZoneOffset.ofHours(8)).minusYears(3).plusDays(30).toInstant();
    CertificateEvent c = certificate(e, "C1", "h1", CertificatePost.SPECIAL_OPERATOR, "低压电工作业", issued,
        issued.plus(Duration.ofDays(6 * 365)), false);
    publish();
    AreaStats t = townships.get("jincheng");
    assertThat(t.getCertificatesReviewOverdue()).isZero();
    assertThat(t.getNonCompliantEnterprises()).isZero();
    assertThat(alerts("certificate-review")).singleElement().satisfies(a -> {
      assertThat(a.getStatus()).isEqualTo(AlertStatus.FIRING);
      assertThat(a.getLevel()).as("a reminder in the 60 days to apply").isEqualTo(WarningLevel.BLUE);
      assertThat(a.getMessageZh()).contains("复审");
    });

    days(31);
    publish();
    t = townships.get("jincheng");
    assertThat(t.getCertificatesReviewOverdue()).isEqualTo(1);
    assertThat(t.getNonCompliantEnterprises()).as("not reviewed on time: it no longer counts").isEqualTo(1);
    assertThat(t.getCertificatesExpired()).isZero();
    assertThat(grids.get("G1").getCertificatesReviewOverdue()).isEqualTo(1);
    assertThat(alerts("certificate-review")).last().satisfies(a -> {
      assertThat(a.getLevel()).isEqualTo(WarningLevel.YELLOW);
      assertThat(a.getMessageZh()).contains("逾期未复审");
    });

    f.certificates.pipeInput("C1", CertificateEvent.newBuilder(c).setEventId(UUID.randomUUID().toString())
        .setReviewedAt(f.now().minus(Duration.ofHours(1))).build());
    publish();
    t = townships.get("jincheng");
    assertThat(t.getCertificatesReviewOverdue()).isZero();
    assertThat(t.getNonCompliantEnterprises()).isZero();
    assertThat(alerts("certificate-review")).extracting(Alert::getStatus).containsExactly(AlertStatus.RESOLVED);
  }

  @Test
  void anExpiredOrRevokedCertificateIsNotReviewOverdue() {
    Enterprise e = enterprise("jincheng", "machinery", "G1");
    Instant now = f.now();
    certificate(e, "C2", "h2", CertificatePost.SPECIAL_OPERATOR, "电工作业",
        now.minus(Duration.ofDays(3 * 365 + 20)), now.minus(Duration.ofDays(1)), false);
    certificate(e, "C3", "h3", CertificatePost.SPECIAL_OPERATOR, "焊接与热切割作业",
        now.minus(Duration.ofDays(4 * 365)), now.plus(Duration.ofDays(2 * 365)), true);
    certificate(e, "C4", "h4", CertificatePost.PRINCIPAL, null,
        now.minus(Duration.ofDays(4 * 365)), now.plus(Duration.ofDays(2 * 365)), false);
    publish();
    AreaStats t = townships.get("jincheng");
    assertThat(t.getCertificatesExpired()).isEqualTo(1);
    assertThat(t.getCertificatesReviewOverdue()).as("expired, revoked, or not a special operator's").isZero();
  }

  private String reason() {
    var dead = f.deadLetters.readRecord();
    return new String(dead.headers().lastHeader(DeadLetterHandler.REASON).value(), StandardCharsets.UTF_8);
  }
}
