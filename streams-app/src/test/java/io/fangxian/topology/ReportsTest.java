package io.fangxian.topology;

import static io.fangxian.avro.PublicReportEventType.ACCEPTED;
import static io.fangxian.avro.PublicReportEventType.ASSIGNED;
import static io.fangxian.avro.PublicReportEventType.RECEIVED;
import static io.fangxian.avro.PublicReportEventType.REJECTED;
import static io.fangxian.avro.PublicReportEventType.REPLIED;
import static io.fangxian.avro.PublicReportEventType.REWARDED;
import static io.fangxian.avro.PublicReportEventType.VERIFIED;
import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.avro.AreaStats;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.HazardState;
import io.fangxian.avro.PublicReportEvent;
import io.fangxian.avro.PublicReportEventType;
import io.fangxian.avro.ReportChannel;
import io.fangxian.avro.internal.ReportState;
import io.fangxian.deadletter.DeadLetterHandler;
import io.fangxian.reports.ReportsStores;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Public reports (举报, io.fangxian.reports) through the whole topology: each step and each refused
 * step, a resent step, the verification clock by the wall clock (just before and just after), the
 * hazard link in both orders, and the four figures per township and sector.
 */
class ReportsTest {
  static final Duration DAY = Duration.ofDays(1);
  /** The default limits: acceptance 15 days, verification 60 days from acceptance. */
  static final Duration ACCEPTANCE = Duration.ofDays(15);
  static final Duration VERIFICATION = Duration.ofDays(60);
  final TopologyFixture f = new TopologyFixture();
  final Enterprise e = f.enterprise("jincheng", "construction");

  @AfterEach
  void close() {
    f.close();
  }

  private AreaStats lastTownship;
  private AreaStats lastSector;

  /** The township's figures as last published (figures are published only when they change). */
  private AreaStats township() {
    f.publish();
    AreaStats t = TopologyFixture.latest(f.townshipStats).get("jincheng");
    lastTownship = t == null ? lastTownship : t;
    AreaStats s = TopologyFixture.latest(f.sectorStats).get("construction");
    lastSector = s == null ? lastSector : s;
    return lastTownship;
  }

  private AreaStats sector() {
    return lastSector;
  }

  private PublicReportEvent.Builder event(String reportId, PublicReportEventType type, Instant at) {
    return PublicReportEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setReportId(reportId)
        .setType(type).setOccurredAt(at).setEnterpriseId(e.getEnterpriseId()).setTownshipId("jincheng");
  }

  private PublicReportEvent send(PublicReportEvent r) {
    f.reports.pipeInput(r.getEnterpriseId() != null ? r.getEnterpriseId() : r.getReportId(), r);
    return r;
  }

  private PublicReportEvent step(String reportId, PublicReportEventType type, Instant at) {
    PublicReportEvent.Builder b = event(reportId, type, at);
    if (type == RECEIVED) {
      b.setChannel(ReportChannel.HOTLINE_12350).setContent("工地夜间无防护动火作业");
    } else if (type == VERIFIED) {
      b.setSubstantiated(true);
    } else if (type == REWARDED) {
      b.setRewardYuan(500.0);
    }
    return send(b.build());
  }

  private PublicReportEvent verified(String reportId, Instant at, boolean substantiated, String... hazardIds) {
    return send(event(reportId, VERIFIED, at).setSubstantiated(substantiated).setHazardIds(List.of(hazardIds)).build());
  }

  private PublicReportEvent rewarded(String reportId, Instant at, double yuan) {
    return send(event(reportId, REWARDED, at).setRewardYuan(yuan).build());
  }

  private List<String> deadLetterReasons() {
    return f.deadLetters.readRecordsToList().stream()
        .map(r -> new String(r.headers().lastHeader(DeadLetterHandler.REASON).value(), StandardCharsets.UTF_8)).toList();
  }

  private ReportState stored(String reportId) {
    KeyValueStore<String, ReportState> store = f.driver.getKeyValueStore(ReportsStores.REPORTS);
    return store.get(reportId);
  }

  @Test
  void eachStepMovesTheFiguresInTownshipAndSector() {
    Instant at = f.now().minus(Duration.ofDays(10));
    step("R1", RECEIVED, at);
    AreaStats t = township();
    assertThat(t.getReportsReceived()).isEqualTo(1);
    assertThat(sector().getReportsReceived()).isEqualTo(1);
    assertThat(t.getReportsSubstantiated()).isZero();

    step("R1", ACCEPTED, at.plus(DAY));
    step("R1", ASSIGNED, at.plus(DAY));
    step("R1", ASSIGNED, at.plus(Duration.ofDays(2))); // reassigned
    step("R1", VERIFIED, at.plus(Duration.ofDays(5)));
    t = township();
    assertThat(t.getReportsSubstantiated()).isEqualTo(1);

    step("R1", REPLIED, at.plus(Duration.ofDays(6)));
    rewarded("R1", at.plus(Duration.ofDays(7)), 800.0);
    rewarded("R1", at.plus(Duration.ofDays(8)), 1_000.0); // a later reward replaces the amount
    t = township();
    for (AreaStats s : List.of(t, sector())) {
      assertThat(s.getReportsReceived()).isEqualTo(1);
      assertThat(s.getReportsSubstantiated()).isEqualTo(1);
      assertThat(s.getReportsVerificationOverdue()).isZero();
      assertThat(s.getRewardYuan()).isEqualTo(1_000.0);
    }
    assertThat(stored("R1").getStatus()).isEqualTo(REWARDED);
    assertThat(deadLetterReasons()).isEmpty();
  }

  @Test
  void aReportNamingNoEnterpriseCountsInItsTownshipAndInNoSector() {
    Instant at = f.now().minus(DAY);
    send(event("R9", RECEIVED, at).setEnterpriseId(null).setTownshipId("rulin").setAnonymous(true).build());
    send(event("R9", ACCEPTED, at.plus(Duration.ofHours(1))).setEnterpriseId(null).build());
    send(event("R9", VERIFIED, at.plus(Duration.ofHours(2))).setEnterpriseId(null).setSubstantiated(true).build());
    f.publish();
    assertThat(TopologyFixture.latest(f.townshipStats).get("rulin").getReportsSubstantiated()).isEqualTo(1);
    assertThat(TopologyFixture.latest(f.sectorStats).values()).allSatisfy(s -> assertThat(s.getReportsReceived()).isZero());
    assertThat(deadLetterReasons()).isEmpty();
  }

  @Test
  void anUnsubstantiatedOrRejectedReportCountsAsReceivedOnly() {
    Instant at = f.now().minus(Duration.ofDays(3));
    step("R1", RECEIVED, at);
    step("R1", ACCEPTED, at);
    verified("R1", at.plus(DAY), false);
    step("R2", RECEIVED, at);
    step("R2", REJECTED, at.plus(DAY));
    AreaStats t = township();
    assertThat(t.getReportsReceived()).isEqualTo(2);
    assertThat(t.getReportsSubstantiated()).isZero();
    assertThat(t.getRewardYuan()).isZero();
  }

  @Test
  void stepsOutOfOrderAreDeadLettersAndChangeNothing() {
    Instant at = f.now().minus(Duration.ofDays(5));
    step("R0", VERIFIED, at);                           // never received
    step("R1", RECEIVED, at);
    step("R1", VERIFIED, at.plus(DAY));                 // before ACCEPTED
    step("R1", ASSIGNED, at.plus(DAY));                 // before ACCEPTED
    step("R1", REPLIED, at.plus(DAY));                  // before VERIFIED
    step("R1", REWARDED, at.plus(DAY));                 // before VERIFIED
    step("R1", RECEIVED, at.plus(DAY));                 // twice
    step("R1", ACCEPTED, at.plus(DAY));
    step("R1", ACCEPTED, at.plus(DAY));                 // twice
    step("R1", REJECTED, at.plus(DAY));                 // after ACCEPTED
    verified("R1", at.plus(Duration.ofDays(2)), false);
    step("R1", VERIFIED, at.plus(Duration.ofDays(2)));  // twice
    step("R1", ASSIGNED, at.plus(Duration.ofDays(2)));  // after VERIFIED
    rewarded("R1", at.plus(Duration.ofDays(3)), 500.0); // unsubstantiated
    step("R2", RECEIVED, at);
    step("R2", REJECTED, at.plus(DAY));
    step("R2", ACCEPTED, at.plus(DAY));                 // after REJECTED
    step("R2", REPLIED, at.plus(DAY));                  // after REJECTED
    send(event("R3", RECEIVED, at).setEnterpriseId(null).build());
    send(event("R3", ACCEPTED, at).build());            // names an enterprise the report did not: another key too
    assertThat(deadLetterReasons()).containsExactly("impossible-transition", "impossible-transition",
        "impossible-transition", "impossible-transition", "impossible-transition", "impossible-transition",
        "impossible-transition", "impossible-transition", "impossible-transition", "impossible-transition",
        "impossible-transition", "impossible-transition", "impossible-transition", "impossible-transition");
    AreaStats t = township();
    assertThat(t.getReportsReceived()).isEqualTo(3);
    assertThat(t.getReportsSubstantiated()).isZero();
    assertThat(t.getRewardYuan()).isZero();
    assertThat(stored("R1").getStatus()).isEqualTo(VERIFIED);
    assertThat(stored("R2").getStatus()).isEqualTo(REJECTED);
  }

  @Test
  void aRefusedStepCountsWhenReplayedInOrder() {
    Instant at = f.now().minus(Duration.ofDays(5));
    step("R1", RECEIVED, at);
    PublicReportEvent early = step("R1", VERIFIED, at.plus(DAY));
    step("R1", ACCEPTED, at.plus(DAY));
    send(early); // the dead letter replayed: its eventId was not remembered
    assertThat(deadLetterReasons()).containsExactly("impossible-transition");
    assertThat(township().getReportsSubstantiated()).isEqualTo(1);
  }

  @Test
  void aResentStepCountsOnce() {
    Instant at = f.now().minus(Duration.ofDays(5));
    PublicReportEvent received = step("R1", RECEIVED, at);
    send(received);
    step("R1", ACCEPTED, at);
    step("R1", VERIFIED, at.plus(DAY));
    PublicReportEvent reward = rewarded("R1", at.plus(Duration.ofDays(2)), 300.0);
    send(reward);
    send(received);
    AreaStats t = township();
    assertThat(t.getReportsReceived()).isEqualTo(1);
    assertThat(t.getReportsSubstantiated()).isEqualTo(1);
    assertThat(t.getRewardYuan()).isEqualTo(300.0);
    assertThat(deadLetterReasons()).as("duplicates are dropped, not refused").isEmpty();
  }

  @Test
  void invalidReportsAreDeadLettersWithTheirReason() {
    Instant at = f.now().minus(DAY);
    send(event("R1", RECEIVED, at).setEnterpriseId(null).setTownshipId(null).build()); // no township, no enterprise
    send(event("R2", RECEIVED, at).setTownshipId("atlantis").build());             // unknown township
    send(event("R3", PublicReportEventType.UNKNOWN, at).build());                  // unknown type
    f.reports.pipeInput(e.getEnterpriseId(), event("", RECEIVED, at).build());     // no reportId
    step("R4", RECEIVED, at);
    step("R4", ACCEPTED, at);
    send(event("R4", VERIFIED, at).build());                                       // VERIFIED without substantiated
    step("R4", VERIFIED, at);
    send(event("R4", REWARDED, at).build());                                       // REWARDED without amount
    send(event("R4", REWARDED, at).setRewardYuan(-5.0).build());                   // negative reward
    send(event("R5", RECEIVED, at).setEnterpriseId(f.newCode()).build());          // unknown enterprise
    f.reports.pipeInput("wrong-key", event("R6", RECEIVED, at).build());           // key is not the enterprise
    assertThat(deadLetterReasons()).containsExactly("missing-field", "invalid-field", "unknown-symbol", "missing-field",
        "missing-field", "missing-field", "invalid-field", "unknown-enterprise", "key-mismatch");
    AreaStats t = township();
    assertThat(t.getReportsReceived()).isEqualTo(1);
    assertThat(t.getRewardYuan()).isZero();
  }

  @Test
  void theVerificationClockCrossesItsLimitByTheWallClock() {
    // R1 accepted at once: due 60 days after acceptance
    Instant r1 = f.now().minus(VERIFICATION).plus(DAY);
    step("R1", RECEIVED, r1);
    step("R1", ACCEPTED, r1);
    // R2 never accepted: due 15 + 60 days after receipt
    Instant r2 = f.now().minus(ACCEPTANCE.plus(VERIFICATION)).plus(DAY);
    step("R2", RECEIVED, r2);
    // R3 accepted late (after 15 days): its clock starts at the end of the 15 days, not at the acceptance
    Instant r3 = f.now().minus(ACCEPTANCE.plus(VERIFICATION)).plus(DAY);
    step("R3", RECEIVED, r3);
    step("R3", ACCEPTED, r3.plus(Duration.ofDays(30)));
    // R4 already past: overdue at once; R5 verified in time, R6 rejected: never overdue
    step("R4", RECEIVED, f.now().minus(Duration.ofDays(100)));
    Instant r5 = f.now().minus(VERIFICATION).plus(DAY);
    step("R5", RECEIVED, r5);
    step("R5", ACCEPTED, r5);
    step("R5", VERIFIED, r5.plus(DAY));
    step("R6", RECEIVED, f.now().minus(Duration.ofDays(100)));
    step("R6", REJECTED, f.now().minus(Duration.ofDays(99)));
    assertThat(township().getReportsVerificationOverdue()).isEqualTo(1);

    f.advance(DAY.minus(Duration.ofMinutes(10)));
    assertThat(township().getReportsVerificationOverdue()).as("just before the limit").isEqualTo(1);
    f.advance(Duration.ofMinutes(20));
    AreaStats t = township();
    assertThat(t.getReportsVerificationOverdue()).as("R1, R2 and R3 just after").isEqualTo(4);
    assertThat(sector().getReportsVerificationOverdue()).isEqualTo(4);
    assertThat(stored("R1").getVerificationOverdue()).isTrue();

    // verified late: no longer waiting, so no longer overdue; accepting it does not take it back
    step("R1", VERIFIED, f.now());
    step("R2", ACCEPTED, f.now());
    step("R4", REJECTED, f.now());
    assertThat(township().getReportsVerificationOverdue()).isEqualTo(2);
  }

  private void hazard(String hazardId, Instant at) {
    f.report(e, hazardId, HazardSeverity.GENERAL, HazardSource.PUBLIC_REPORT, at, at.plus(Duration.ofDays(30)));
  }

  private Map<String, HazardState> ledger() {
    return TopologyFixture.latest(f.ledger);
  }

  @Test
  void aVerifiedReportLinksAHazardTheLedgerAlreadyHolds() {
    Instant at = f.now().minus(Duration.ofDays(3));
    hazard("H1", at);
    assertThat(ledger().get("H1").getReportIds()).isEmpty();
    step("R1", RECEIVED, at);
    step("R1", ACCEPTED, at);
    verified("R1", at.plus(DAY), true, "H1");
    assertThat(ledger().get("H1").getReportIds()).containsExactly("R1");
    // the link survives the hazard's later steps
    f.hazards.pipeInput(e.getEnterpriseId(), io.fangxian.avro.HazardEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString()).setHazardId("H1").setEnterpriseId(e.getEnterpriseId())
        .setType(io.fangxian.avro.HazardEventType.RECTIFIED).setSeverity(HazardSeverity.GENERAL)
        .setSource(HazardSource.PUBLIC_REPORT).setOccurredAt(at.plus(Duration.ofDays(2))).build());
    HazardState h = ledger().get("H1");
    assertThat(h.getStatus()).isEqualTo(io.fangxian.avro.HazardStatus.RECTIFIED);
    assertThat(h.getReportIds()).containsExactly("R1");
    assertThat(deadLetterReasons()).isEmpty();
  }

  @Test
  void aHazardReportedAfterTheVerificationStillCarriesTheReport() {
    Instant at = f.now().minus(Duration.ofDays(3));
    step("R1", RECEIVED, at);
    step("R1", ACCEPTED, at);
    verified("R1", at.plus(DAY), true, "H2", "H3");
    step("R2", RECEIVED, at);
    step("R2", ACCEPTED, at);
    verified("R2", at.plus(DAY), true, "H2");
    assertThat(ledger()).doesNotContainKey("H2");
    hazard("H2", at.plus(Duration.ofDays(2)));
    assertThat(ledger().get("H2").getReportIds()).containsExactly("R1", "R2");
    // a hazard of another enterprise under the same id is not the one the reports named
    Enterprise other = f.enterprise("jincheng", "construction");
    f.report(other, "H3", HazardSeverity.GENERAL, HazardSource.PUBLIC_REPORT, at.plus(Duration.ofDays(2)), null);
    assertThat(ledger().get("H3").getReportIds()).isEmpty();
    assertThat(deadLetterReasons()).isEmpty();
  }

  @Test
  void aReportNamingNoEnterpriseKeepsTheHazardsItNamesButLinksNone() {
    Instant at = f.now().minus(DAY);
    hazard("H1", at);
    send(event("R1", RECEIVED, at).setEnterpriseId(null).build());
    send(event("R1", ACCEPTED, at).setEnterpriseId(null).build());
    send(event("R1", VERIFIED, at).setEnterpriseId(null).setSubstantiated(true).setHazardIds(List.of("H1")).build());
    assertThat(deadLetterReasons()).isEmpty();
    assertThat(stored("R1").getHazardIds()).containsExactly("H1");
    assertThat(ledger().get("H1").getReportIds()).isEmpty();
    assertThat(township().getReportsSubstantiated()).isEqualTo(1);
  }

  @Test
  void aReportNamingAnEnterpriseWithoutATownshipCountsInTheEnterprisesTownship() {
    Instant at = f.now().minus(DAY);
    send(event("R1", RECEIVED, at).setTownshipId(null).build());
    assertThat(deadLetterReasons()).isEmpty();
    assertThat(township().getReportsReceived()).isEqualTo(1);
    assertThat(stored("R1").getTownshipId()).isEqualTo("jincheng");
  }
}
