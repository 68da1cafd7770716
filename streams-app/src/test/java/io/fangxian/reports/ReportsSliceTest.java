package io.fangxian.reports;

import static io.fangxian.avro.PublicReportEventType.ACCEPTED;
import static io.fangxian.avro.PublicReportEventType.RECEIVED;
import static io.fangxian.avro.PublicReportEventType.VERIFIED;
import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.avro.Enterprise;
import io.fangxian.avro.PublicReportEvent;
import io.fangxian.avro.PublicReportEventType;
import io.fangxian.avro.ReportChannel;
import io.fangxian.avro.RiskLevel;
import io.fangxian.config.RulesConfig;
import io.fangxian.domain.CreditCode;
import io.fangxian.domain.ReferenceData;
import io.fangxian.store.StoreNames;
import io.fangxian.topology.SliceFixture;
import io.fangxian.topology.TopologyFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.SplittableRandom;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Named;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reports slice on its own: the intake it reads from and {@link Reports#add}, none of the other
 * slices. What it sends on (count changes, hazard links) is read where it leaves the slice. The
 * whole topology's wiring of it is {@code topology.ReportsTest}.
 */
class ReportsSliceTest {
  private final SliceFixture f = new SliceFixture();
  private final List<ReportsOutput> sent = new ArrayList<>();
  private final TopologyTestDriver driver;
  private final TestInputTopic<String, PublicReportEvent> reports;
  private final Enterprise enterprise = Enterprise.newBuilder().setEnterpriseId(CreditCode.generate(new SplittableRandom(7), "320413"))
      .setName("江苏测试企业有限公司").setTownshipId("jincheng").setSectorId("construction").setRiskLevel(RiskLevel.YELLOW)
      .build();

  ReportsSliceTest() {
    ReportsStores.add(f.builder, f.topics);
    Reports.add(f.intake, f.topics, f.config, RulesConfig.defaults(), ReferenceData.load()).reports()
        .foreach((key, out) -> sent.add(out), Named.as("test-sent"));
    driver = f.start();
    f.listed(enterprise);
    reports = f.input(f.topics.publicReports);
  }

  @AfterEach
  void close() {
    f.close();
  }

  private PublicReportEvent send(String reportId, PublicReportEventType type, Instant at, String... hazardIds) {
    PublicReportEvent.Builder b = PublicReportEvent.newBuilder().setEventId(UUID.randomUUID().toString())
        .setReportId(reportId).setType(type).setOccurredAt(at).setEnterpriseId(enterprise.getEnterpriseId())
        .setTownshipId("jincheng").setHazardIds(List.of(hazardIds));
    if (type == RECEIVED) {
      b.setChannel(ReportChannel.HOTLINE_12350).setContent("工地夜间无防护动火作业");
    } else if (type == VERIFIED) {
      b.setSubstantiated(true);
    }
    PublicReportEvent step = b.build();
    reports.pipeInput(step.getEnterpriseId(), step);
    return step;
  }

  @Test
  void theSliceRunsAloneWithItsOwnStoresOnly() {
    assertThat(f.topology().describe().subtopologies()).hasSize(1);
    assertThat(driver.getAllStateStores().keySet()).containsExactlyInAnyOrder(StoreNames.EVENT_IDS, StoreNames.ENTERPRISES,
        ReportsStores.REPORTS, ReportsStores.DUE, ReportsStores.DOSSIER);
  }

  @Test
  void aStepCountsInTheReportsTownshipAndSectorOnceThoughSentTwice() {
    Instant at = TopologyFixture.START.minus(Duration.ofDays(3));
    PublicReportEvent received = send("R1", RECEIVED, at);
    reports.pipeInput(received.getEnterpriseId(), received); // resent: the intake drops it

    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).delta().getReportsReceived()).isEqualTo(1);
    assertThat(sent.get(0).areas()).containsExactly("township/jincheng", "sector/construction");
    assertThat(sent.get(0).link()).isNull();
    assertThat(f.deadLetterReasons()).isEmpty();
  }

  @Test
  void aVerifiedStepLinksEachHazardItNamesForTheLedger() {
    Instant at = TopologyFixture.START.minus(Duration.ofDays(3));
    send("R1", RECEIVED, at);
    send("R1", ACCEPTED, at.plus(Duration.ofHours(1)));
    sent.clear();
    send("R1", VERIFIED, at.plus(Duration.ofDays(1)), "H1", "H2");

    assertThat(sent.stream().filter(o -> o.link() != null).map(ReportsOutput::link)).containsExactlyInAnyOrder(
        new HazardReportLink("H1", enterprise.getEnterpriseId(), "R1"),
        new HazardReportLink("H2", enterprise.getEnterpriseId(), "R1"));
    assertThat(sent.stream().filter(o -> o.delta() != null).mapToLong(o -> o.delta().getReportsSubstantiated()).sum())
        .isEqualTo(1);
  }

  @Test
  void aStepOutOfOrderIsADeadLetterAndChangesNothing() {
    Instant at = TopologyFixture.START.minus(Duration.ofDays(3));
    send("R1", RECEIVED, at);
    sent.clear();
    send("R1", VERIFIED, at.plus(Duration.ofDays(1)), "H1"); // before it was accepted

    assertThat(f.deadLetterReasons()).containsExactly("impossible-transition");
    assertThat(sent).isEmpty();
  }
}
