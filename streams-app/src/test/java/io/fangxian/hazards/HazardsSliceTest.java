package io.fangxian.hazards;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.areas.CountChange;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardEvent;
import io.fangxian.avro.HazardEventType;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.HazardState;
import io.fangxian.avro.HazardStatus;
import io.fangxian.avro.RiskLevel;
import io.fangxian.avro.internal.AreaUpdate;
import io.fangxian.config.RulesConfig;
import io.fangxian.domain.CreditCode;
import io.fangxian.domain.ReferenceData;
import io.fangxian.enterprises.EnterpriseActivity;
import io.fangxian.metrics.PipelineMetrics;
import io.fangxian.reports.HazardReportLink;
import io.fangxian.reports.ReportsOutput;
import io.fangxian.rules.AreaRules;
import io.fangxian.rules.HazardRules;
import io.fangxian.store.StoreNames;
import io.fangxian.topology.SliceFixture;
import io.fangxian.topology.TopologyFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hazards slice on its own: the intake's hazard events and {@link Hazards#add}, with the public
 * reports' hazard links (the one message it takes from the reports slice) fed from a test topic as
 * {@code hazardId|enterpriseId|reportId}. What it sends on is read where it leaves the slice: the
 * {@code safety.hazard-ledger} topic, the count changes, the hazards for the township's rules, and
 * the self-reported hazards. The whole topology's wiring of it is {@code topology.CountsAndLedgerTest}
 * and {@code topology.HazardSupervisionTest}.
 */
class HazardsSliceTest {
  private static final String LINKS = "test-report-links";
  private final SliceFixture f = new SliceFixture();
  private final List<CountChange> counts = new ArrayList<>();
  private final List<AreaUpdate> toTownship = new ArrayList<>();
  private final List<EnterpriseActivity> selfReported = new ArrayList<>();
  private final TopologyTestDriver driver;
  private final TestInputTopic<String, HazardEvent> hazards;
  private final TestInputTopic<String, String> links;
  private final TestOutputTopic<String, HazardState> ledger;
  private final Enterprise enterprise = Enterprise.newBuilder()
      .setEnterpriseId(CreditCode.generate(new SplittableRandom(19), "320413")).setName("常州测试建筑有限公司")
      .setTownshipId("jincheng").setSectorId("construction").setRiskLevel(RiskLevel.ORANGE).build();
  private final Instant at = TopologyFixture.START.minus(Duration.ofHours(2));

  HazardsSliceTest() {
    RulesConfig rules = RulesConfig.defaults();
    ReferenceData reference = ReferenceData.load();
    HazardStores.add(f.builder, f.topics);
    KStream<String, ReportsOutput> reportLinks = f.builder
        .stream(LINKS, Consumed.with(Serdes.String(), Serdes.String()).withName("test-links"))
        .mapValues(text -> {
          String[] p = text.split("\\|");
          return new ReportsOutput(null, List.of(), new HazardReportLink(p[0], p[1], p[2]));
        }, Named.as("test-report-link"));
    Hazards.Output out = Hazards.add(f.intake.enriched(f.topics.hazards, "hazards", e -> true), reportLinks, f.topics,
        f.config, rules, reference, PipelineMetrics.NONE, new HazardRules(rules, reference, f.config.zone()),
        new AreaRules(rules, reference, f.config.zone()));
    out.counts().foreach((key, c) -> counts.add(c), Named.as("test-counts"));
    out.toTownship().foreach((key, u) -> toTownship.add(u), Named.as("test-to-township"));
    out.selfReported().foreach((key, a) -> selfReported.add(a), Named.as("test-self-reported"));
    driver = f.start();
    f.listed(enterprise);
    hazards = f.input(f.topics.hazards);
    links = driver.createInputTopic(LINKS, Serdes.String().serializer(), Serdes.String().serializer());
    ledger = driver.createOutputTopic(f.topics.hazardLedger.name(), Serdes.String().deserializer(),
        f.topics.hazardLedger.valueSerde().deserializer());
  }

  @AfterEach
  void close() {
    f.close();
  }

  private HazardEvent reported(String hazardId, HazardSeverity severity, HazardSource source, Instant deadline) {
    HazardEvent h = HazardEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setHazardId(hazardId)
        .setEnterpriseId(enterprise.getEnterpriseId()).setType(HazardEventType.REPORTED).setSeverity(severity)
        .setSource(source).setOccurredAt(at).setDeadline(deadline).build();
    hazards.pipeInput(h.getEnterpriseId(), h);
    return h;
  }

  private void step(String hazardId, HazardEventType type, Instant when) {
    hazards.pipeInput(enterprise.getEnterpriseId(), HazardEvent.newBuilder().setEventId(UUID.randomUUID().toString())
        .setHazardId(hazardId).setEnterpriseId(enterprise.getEnterpriseId()).setType(type).setOccurredAt(when).build());
  }

  /** A count in the township, summed over every change the slice sent. */
  private long township(ToLongFunction<AreaUpdate> count) {
    return counts.stream().filter(c -> c.areas().contains("township/jincheng")).mapToLong(c -> count.applyAsLong(c.delta()))
        .sum();
  }

  private HazardState lastState(String hazardId) {
    return ledger.readKeyValuesToMap().get(hazardId);
  }

  @Test
  void theSliceRunsAloneWithItsOwnStoresOnly() {
    assertThat(f.topology().describe().subtopologies()).hasSize(1);
    assertThat(driver.getAllStateStores().keySet()).containsExactlyInAnyOrder(StoreNames.EVENT_IDS,
        StoreNames.ENTERPRISES, StoreNames.HAZARD_LEDGER, StoreNames.HAZARD_DEADLINES, StoreNames.DOSSIER_HAZARDS,
        StoreNames.HAZARD_REPORT_LINKS, StoreNames.ENTERPRISE_HAZARD_ALERTS);
  }

  @Test
  void aHazardsClosedLoopMovesItFromOpenToClosedAndEachEventCountsOnce() {
    HazardEvent report = reported("H1", HazardSeverity.GENERAL, HazardSource.DEPARTMENT_INSPECTION,
        at.plus(Duration.ofDays(7)));
    hazards.pipeInput(report.getEnterpriseId(), report); // sent again: the ledger already holds its eventId
    assertThat(township(AreaUpdate::getHazardsReported)).isEqualTo(1);
    assertThat(township(AreaUpdate::getOpenHazards)).isEqualTo(1);

    step("H1", HazardEventType.RECTIFICATION_STARTED, at.plusSeconds(60));
    step("H1", HazardEventType.RECTIFIED, at.plusSeconds(120));
    step("H1", HazardEventType.VERIFIED_CLOSED, at.plusSeconds(180));

    assertThat(township(AreaUpdate::getHazardsReported)).isEqualTo(1);
    assertThat(township(AreaUpdate::getOpenHazards)).isZero();
    assertThat(township(AreaUpdate::getClosedHazards)).isEqualTo(1);
    HazardState closed = lastState("H1");
    assertThat(closed.getStatus()).isEqualTo(HazardStatus.VERIFIED_CLOSED);
    assertThat(closed.getRectifiedAt()).isEqualTo(at.plusSeconds(120));
    assertThat(closed.getClosedAt()).isEqualTo(at.plusSeconds(180));
    assertThat(closed.getTownshipId()).isEqualTo("jincheng");
  }

  @Test
  void aHazardBecomesOverdueByTheWallClockAndItsClosingTakesItOut() {
    reported("H1", HazardSeverity.GENERAL, HazardSource.DEPARTMENT_INSPECTION, TopologyFixture.START.plus(Duration.ofHours(1)));
    assertThat(township(AreaUpdate::getOverdueHazards)).isZero();

    driver.advanceWallClockTime(Duration.ofMinutes(61));
    assertThat(township(AreaUpdate::getOverdueHazards)).isEqualTo(1);
    assertThat(lastState("H1").getOverdue()).isTrue();

    step("H1", HazardEventType.VERIFIED_CLOSED, TopologyFixture.START.plus(Duration.ofMinutes(70)));
    assertThat(township(AreaUpdate::getOverdueHazards)).isZero();
  }

  @Test
  void aVerifiedReportIsLinkedToTheHazardItNamesWhicheverComesFirst() {
    links.pipeInput("H1", "H1|" + enterprise.getEnterpriseId() + "|R1"); // before the hazard: it waits
    reported("H1", HazardSeverity.GENERAL, HazardSource.PUBLIC_REPORT, at.plus(Duration.ofDays(7)));
    assertThat(lastState("H1").getReportIds()).containsExactly("R1");

    links.pipeInput("H1", "H1|" + enterprise.getEnterpriseId() + "|R2");
    links.pipeInput("H1", "H1|" + enterprise.getEnterpriseId() + "|R2"); // sent again: linked once
    links.pipeInput("H1", "H1|91320413OTHERENTERPR|R3"); // another enterprise's hazard of that id: not this one
    assertThat(lastState("H1").getReportIds()).containsExactly("R1", "R2");
  }

  @Test
  void aHazardTheEnterpriseFoundItselfIsItsSelfInspection() {
    reported("H1", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, at.plus(Duration.ofDays(7)));
    reported("H2", HazardSeverity.GENERAL, HazardSource.DEPARTMENT_INSPECTION, at.plus(Duration.ofDays(7)));

    assertThat(selfReported).singleElement().satisfies(a -> assertThat(a.enterprise()).isEqualTo(enterprise));
  }

  /** The township's rules hear of a weather-sensitive hazard when it opens or closes, and of every change of a major one. */
  @Test
  void theTownshipHearsOfWhatItsWeatherRulesNeed() {
    assertThat(new AreaRules(RulesConfig.defaults(), ReferenceData.load(), f.config.zone()).isWeatherSensitive("construction"))
        .as("the enterprise's sector").isTrue();
    reported("H1", HazardSeverity.GENERAL, HazardSource.DEPARTMENT_INSPECTION, at.plus(Duration.ofDays(7)));
    step("H1", HazardEventType.RECTIFICATION_STARTED, at.plusSeconds(60)); // neither opens nor closes it
    step("H1", HazardEventType.VERIFIED_CLOSED, at.plusSeconds(120));
    reported("H2", HazardSeverity.MAJOR, HazardSource.DEPARTMENT_INSPECTION, at.plus(Duration.ofDays(7)));
    step("H2", HazardEventType.RECTIFICATION_STARTED, at.plusSeconds(60));

    assertThat(toTownship).extracting(u -> u.getHazard().getHazardId() + " " + u.getHazard().getStatus())
        .containsExactly("H1 REPORTED", "H1 VERIFIED_CLOSED", "H2 REPORTED", "H2 RECTIFICATION_STARTED");
    assertThat(toTownship).allSatisfy(u -> assertThat(u.getAreaId()).isEqualTo("jincheng"));
    assertThat(township(AreaUpdate::getOpenMajorHazards)).isEqualTo(1);
  }
}
