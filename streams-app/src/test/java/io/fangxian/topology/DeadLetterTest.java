package io.fangxian.topology;

import static io.fangxian.topology.TopologyFixture.START;
import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardEvent;
import io.fangxian.avro.HazardEventType;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.ViolationAction;
import io.fangxian.avro.ViolationEvent;
import io.fangxian.avro.WarningLevel;
import io.fangxian.avro.WeatherKind;
import io.fangxian.avro.WeatherWarning;
import io.fangxian.deadletter.DeadLetterHandler;
import io.fangxian.serde.SpecificAvroSerde;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadLetterTest {
  final TopologyFixture f = new TopologyFixture();
  final Instant earlier = START.minus(Duration.ofHours(2));
  final Instant later = START.plus(Duration.ofDays(10));

  @AfterEach
  void close() {
    f.close();
  }

  private HazardEvent.Builder hazard(Enterprise e) {
    return HazardEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setHazardId("H-" + UUID.randomUUID())
        .setEnterpriseId(e.getEnterpriseId()).setType(HazardEventType.REPORTED)
        .setSeverity(HazardSeverity.GENERAL).setSource(HazardSource.SELF_INSPECTION)
        .setOccurredAt(earlier).setDeadline(later);
  }

  private byte[] bytes(HazardEvent e) {
    return f.topics.hazards.valueSerde().serializer().serialize(f.topics.hazards.name(), e);
  }

  private TestRecord<byte[], byte[]> onlyDeadLetter() {
    assertThat(f.deadLetters.getQueueSize()).isEqualTo(1);
    return f.deadLetters.readRecord();
  }

  private static String header(TestRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private void assertGoodRecordStillCounted(Enterprise e) {
    f.hazards.pipeInput(e.getEnterpriseId(), hazard(e).build());
    f.publish();
    assertThat(TopologyFixture.latest(f.townshipStats).get(e.getTownshipId()).getHazardsReported()).isEqualTo(1);
  }

  @Test
  void unreadableBytesAreDeadLetteredWithTheirOriginalBytesAndHeaders() {
    Enterprise e = f.enterprise("jincheng", "construction");
    byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
    RecordHeaders headers = new RecordHeaders();
    headers.add("trace-id", "abc".getBytes(StandardCharsets.UTF_8));
    f.rawHazards.pipeInput(new TestRecord<>(e.getEnterpriseId().getBytes(StandardCharsets.UTF_8), garbage, headers, START));

    TestRecord<byte[], byte[]> dead = onlyDeadLetter();
    assertThat(dead.value()).isEqualTo(garbage);
    assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo(e.getEnterpriseId());
    assertThat(header(dead, "trace-id")).isEqualTo("abc");
    assertThat(header(dead, DeadLetterHandler.REASON)).isEqualTo("undeserializable");
    assertThat(header(dead, DeadLetterHandler.MESSAGE)).contains("magic byte");
    assertThat(header(dead, DeadLetterHandler.SOURCE_TOPIC)).isEqualTo("safety.hazards");
    assertThat(header(dead, DeadLetterHandler.SOURCE_PARTITION)).isEqualTo("0");
    assertThat(header(dead, DeadLetterHandler.SOURCE_OFFSET)).isEqualTo("0");
    assertGoodRecordStillCounted(e);
  }

  @Test
  void anUnknownSchemaIdIsDeadLettered() {
    Enterprise e = f.enterprise("jincheng", "construction");
    byte[] valid = bytes(hazard(e).build());
    ByteBuffer.wrap(valid).putInt(1, 987_654);
    f.rawHazards.pipeInput(e.getEnterpriseId().getBytes(StandardCharsets.UTF_8), valid);
    TestRecord<byte[], byte[]> dead = onlyDeadLetter();
    assertThat(header(dead, DeadLetterHandler.REASON)).isEqualTo("undeserializable");
    assertThat(header(dead, DeadLetterHandler.MESSAGE)).contains("987654");
    assertGoodRecordStillCounted(e);
  }

  @Test
  void aRecordOfAnotherSchemaIsDeadLettered() {
    Enterprise e = f.enterprise("jincheng", "construction");
    ViolationEvent v = ViolationEvent.newBuilder().setEventId("x").setViolationId("v").setEnterpriseId(e.getEnterpriseId())
        .setAction(ViolationAction.WARNING).setOccurredAt(earlier).build();
    var violationSerde = SpecificAvroSerde.forValues(ViolationEvent.class, f.serdeConfig);
    byte[] wrongSchema = violationSerde.serializer().serialize(f.topics.violations.name(), v);
    f.rawHazards.pipeInput(e.getEnterpriseId().getBytes(StandardCharsets.UTF_8), wrongSchema);
    TestRecord<byte[], byte[]> dead = onlyDeadLetter();
    assertThat(header(dead, DeadLetterHandler.REASON)).isEqualTo("undeserializable");
    assertThat(dead.value()).isEqualTo(wrongSchema);
    assertGoodRecordStillCounted(e);
  }

  @Test
  void invalidEventsAreDeadLetteredWithTheirReason() {
    Enterprise e = f.enterprise("jincheng", "construction");
    String otherCode = f.newCode();
    String badCode = e.getEnterpriseId().substring(0, 17) + (e.getEnterpriseId().charAt(17) == '0' ? '1' : '0');
    record Case(String reason, String key, HazardEvent event) { }
    var cases = new Case[] {
        new Case("missing-field", e.getEnterpriseId(), hazard(e).setEventId("").build()),
        new Case("missing-field", e.getEnterpriseId(), hazard(e).setSeverity(null).build()),
        new Case("unknown-symbol", e.getEnterpriseId(), hazard(e).setType(HazardEventType.UNKNOWN).build()),
        new Case("invalid-enterprise-code", badCode, hazard(e).setEnterpriseId(badCode).build()),
        new Case("key-mismatch", otherCode, hazard(e).build()),
        new Case("event-time-in-future", e.getEnterpriseId(), hazard(e).setOccurredAt(START.plus(Duration.ofDays(2))).build()),
        new Case("event-time-too-old", e.getEnterpriseId(), hazard(e).setOccurredAt(Instant.parse("1970-01-02T00:00:00Z")).build()),
        new Case("unknown-enterprise", otherCode, hazard(e).setEnterpriseId(otherCode).build()),
        new Case("impossible-transition", e.getEnterpriseId(), hazard(e).setType(HazardEventType.RECTIFIED).build()),
    };
    for (Case c : cases) {
      byte[] value = bytes(c.event());
      f.rawHazards.pipeInput(c.key().getBytes(StandardCharsets.UTF_8), value);
      TestRecord<byte[], byte[]> dead = onlyDeadLetter();
      assertThat(header(dead, DeadLetterHandler.REASON)).as(c.toString()).isEqualTo(c.reason());
      assertThat(header(dead, DeadLetterHandler.MESSAGE)).as(c.toString()).isNotBlank();
      assertThat(Arrays.equals(dead.value(), value)).as("original bytes kept for " + c.reason()).isTrue();
    }
    f.publish();
    assertThat(TopologyFixture.latest(f.townshipStats).values()).as("nothing was counted but the enterprise itself")
        .allSatisfy(t -> {
          assertThat(t.getEnterprises()).isEqualTo(1);
          assertThat(t.getHazardsReported()).isZero();
        });
    assertGoodRecordStillCounted(e);
  }

  @Test
  void impossibleLifecycleStepsAreDeadLettered() {
    Enterprise e = f.enterprise("jincheng", "construction");
    f.report(e, "H1", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, earlier, later);
    f.step(e, "H1", HazardEventType.RECTIFIED, earlier.plusSeconds(10));
    f.step(e, "H1", HazardEventType.RECTIFICATION_STARTED, earlier.plusSeconds(20)); // backwards
    assertThat(header(onlyDeadLetter(), DeadLetterHandler.MESSAGE)).contains("go back");
    f.report(e, "H1", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, earlier, later); // reported twice
    assertThat(header(onlyDeadLetter(), DeadLetterHandler.MESSAGE)).contains("already reported");
    f.step(e, "H1", HazardEventType.VERIFIED_CLOSED, earlier.plusSeconds(30));
    f.step(e, "H1", HazardEventType.RECTIFIED, earlier.plusSeconds(40)); // after closing
    assertThat(header(onlyDeadLetter(), DeadLetterHandler.MESSAGE)).contains("already verified and closed");
    f.extend(e, "H1", later.plusSeconds(1), earlier.plusSeconds(50));
    assertThat(header(onlyDeadLetter(), DeadLetterHandler.REASON)).isEqualTo("impossible-transition");
    f.publish();
    var jincheng = TopologyFixture.latest(f.townshipStats).get("jincheng");
    assertThat(jincheng.getHazardsReported()).isEqualTo(1);
    assertThat(jincheng.getClosedHazards()).isEqualTo(1);
    assertThat(jincheng.getOpenHazards()).isZero();
  }

  @Test
  void aDeadLetteredEventIsNotRememberedAsSeen() {
    Enterprise known = f.enterprise("jincheng", "construction");
    String code = f.newCode();
    HazardEvent early = hazard(known).setEnterpriseId(code).build();
    f.hazards.pipeInput(code, early);
    assertThat(header(onlyDeadLetter(), DeadLetterHandler.REASON)).isEqualTo("unknown-enterprise");
    // The enterprise arrives; the same event replayed from dead letters now counts.
    Enterprise late = Enterprise.newBuilder(known).setEnterpriseId(code).setTownshipId("zhixi").build();
    f.enterprises.pipeInput(code, late);
    f.hazards.pipeInput(code, early);
    f.publish();
    assertThat(TopologyFixture.latest(f.townshipStats).get("zhixi").getHazardsReported()).isEqualTo(1);
  }

  /** A step that arrives before its hazard's report is refused; replayed after the report, it counts. */
  @Test
  void aStepTheLedgerRefusedIsNotRememberedAsSeen() {
    Enterprise e = f.enterprise("jincheng", "construction");
    HazardEvent closedEarly = hazard(e).setHazardId("H1").setType(HazardEventType.VERIFIED_CLOSED)
        .setOccurredAt(earlier.plusSeconds(60)).build();
    f.hazards.pipeInput(e.getEnterpriseId(), closedEarly);
    assertThat(header(onlyDeadLetter(), DeadLetterHandler.REASON)).isEqualTo("impossible-transition");
    assertThat(f.ledger.isEmpty()).as("nothing reached the ledger").isTrue();

    f.hazards.pipeInput(e.getEnterpriseId(), hazard(e).setHazardId("H1").build());
    f.hazards.pipeInput(e.getEnterpriseId(), closedEarly); // replayed from the dead letters
    assertThat(f.deadLetters.isEmpty()).isTrue();
    assertThat(f.ledger.readValuesToList()).extracting(h -> h.getStatus().name())
        .containsExactly("REPORTED", "VERIFIED_CLOSED");
    f.publish();
    assertThat(TopologyFixture.latest(f.townshipStats).get("jincheng").getClosedHazards()).isEqualTo(1);
  }

  @Test
  void invalidEnterprisesAreDeadLettered() {
    Enterprise e = f.enterprise("jincheng", "construction");
    Enterprise bad = Enterprise.newBuilder(e).setEnterpriseId("91320413MA1XXXXXXX").build();
    f.enterprises.pipeInput(bad.getEnterpriseId(), bad);
    assertThat(header(onlyDeadLetter(), DeadLetterHandler.REASON)).isEqualTo("invalid-enterprise-code");
  }

  @Test
  void aWeatherWarningInAColourItsKindDoesNotHaveIsADeadLetter() {
    WeatherWarning blueHeat = WeatherWarning.newBuilder().setEventId("w-1").setWarningId("W1")
        .setKind(WeatherKind.HIGH_TEMPERATURE).setLevel(WarningLevel.BLUE).setTownshipIds(List.of("jincheng"))
        .setValidFrom(earlier).setValidTo(later).build();
    f.weather.pipeInput("W1", blueHeat);
    TestRecord<byte[], byte[]> dead = f.deadLetters.readRecord();
    assertThat(header(dead, DeadLetterHandler.REASON)).isEqualTo("invalid-field");
    assertThat(header(dead, DeadLetterHandler.MESSAGE)).contains("HIGH_TEMPERATURE", "高温", "BLUE", "YELLOW, ORANGE, RED");

    f.weather.pipeInput("W1", WeatherWarning.newBuilder(blueHeat).setEventId("w-2").setLevel(WarningLevel.YELLOW).build());
    f.weather.pipeInput("W2", WeatherWarning.newBuilder(blueHeat).setEventId("w-3").setWarningId("W2")
        .setKind(WeatherKind.HEAVY_RAIN).build()); // 暴雨 has a blue signal
    assertThat(f.deadLetters.isEmpty()).isTrue();

    f.weather.pipeInput("W3", WeatherWarning.newBuilder(blueHeat).setEventId("w-4").setWarningId("W3")
        .setKind(WeatherKind.ROAD_ICING).build()); // 道路结冰 has no blue signal
    assertThat(header(f.deadLetters.readRecord(), DeadLetterHandler.MESSAGE)).contains("ROAD_ICING", "道路结冰", "BLUE");
  }
}
