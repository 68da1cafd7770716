package io.fangxian.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fangxian.avro.AreaType;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.HazardStatus;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.InspectionKind;
import io.fangxian.avro.ViolationAction;
import io.fangxian.avro.ViolationEvent;
import io.fangxian.avro.internal.AreaUpdate;
import io.fangxian.domain.TopicRegistry;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class AreaUpdateCodecTest {
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private final Serde<AreaUpdate> avro =
      new TopicRegistry("", Map.of("schema.registry.url", "mock://codec-" + UUID.randomUUID())).serde(AreaUpdate.class);
  private final AreaUpdateCodec codec = new AreaUpdateCodec(avro);

  /** A sum of a violation, an inspection and every counter set, over two hours and two months. */
  private static AreaUpdate sum() {
    AreaUpdate sum = AreaUpdates.empty(AreaType.SECTOR, "construction");
    AreaUpdates.add(sum, AreaUpdates.violation(ViolationEvent.newBuilder().setEventId("v").setViolationId("v")
        .setEnterpriseId("e").setAction(ViolationAction.FINE).setFineYuan(2500.5)
        .setOccurredAt(Instant.parse("2026-11-30T10:15:00Z")).build()), ZONE);
    AreaUpdates.add(sum, AreaUpdates.inspection(InspectionEvent.newBuilder().setEventId("i").setInspectionId("i")
        .setEnterpriseId("e").setKind(InspectionKind.ROUTINE).setOccurredAt(Instant.parse("2026-12-01T03:00:00Z"))
        .build()), ZONE);
    int i = 0;
    for (org.apache.avro.Schema.Field f : AreaUpdate.getClassSchema().getFields()) {
      i++;
      switch (f.schema().getType()) {
        case INT -> sum.put(f.pos(), i - 20);
        case DOUBLE -> sum.put(f.pos(), i + 0.25);
        default -> { }
      }
    }
    sum.getHazardsByCategory().put("FIRE", -3L);
    return sum;
  }

  @Test
  void aSumReadsBackEqual() {
    AreaUpdate sum = sum();
    byte[] bytes = codec.encode("t", sum);
    assertThat(bytes[0]).isEqualTo(AreaUpdateCodec.MAGIC);
    assertThat(codec.decode("t", bytes)).isEqualTo(sum);
    assertThat(bytes.length).isLessThan(avro.serializer().serialize("t", sum).length);
  }

  @Test
  void theStoreAsAnEarlierReleaseWroteItIsReadWithAvro() {
    AreaUpdate sum = sum();
    assertThat(codec.decode("t", avro.serializer().serialize("t", sum))).isEqualTo(sum);
    assertThat(codec.decode("t", null)).isNull();
  }

  @Test
  void aSumCarryingAHazardIsWrittenWithAvro() {
    AreaUpdate withHazard = AreaUpdates.empty(AreaType.TOWNSHIP, "dongcheng");
    withHazard.setHazard(io.fangxian.avro.HazardState.newBuilder().setHazardId("h").setEnterpriseId("e")
        .setTownshipId("dongcheng").setSectorId("construction").setStatus(HazardStatus.REPORTED)
        .setSeverity(HazardSeverity.GENERAL).setSource(HazardSource.SELF_INSPECTION)
        .setReportedAt(Instant.parse("2026-12-01T00:00:00Z")).setUpdatedAt(Instant.parse("2026-12-01T00:00:00Z")).build());
    byte[] bytes = codec.encode("t", withHazard);
    assertThat(bytes[0]).isZero();
    assertThat(codec.decode("t", bytes)).isEqualTo(withHazard);
  }

  @Test
  void aCounterTheWriterDidNotKnowReadsAsZero() {
    // as written by a release whose schema ended its int counters one earlier
    int ints = (int) AreaUpdate.getClassSchema().getFields().stream()
        .filter(f -> f.schema().getType() == org.apache.avro.Schema.Type.INT).count();
    int lastInt = AreaUpdate.getClassSchema().getFields().stream()
        .filter(f -> f.schema().getType() == org.apache.avro.Schema.Type.INT).mapToInt(f -> f.pos()).max().orElseThrow();
    AreaUpdate sum = sum();
    AreaUpdate expected = AreaUpdate.newBuilder(sum).build();
    expected.put(lastInt, 0);
    assertThat((Integer) sum.get(lastInt)).isNotZero();
    assertThat(codec.decode("t", codec.encode("t", sum, ints - 1))).isEqualTo(expected);
  }

  @Test
  void bytesThatAreNoSumAreRefusedWithAReason() {
    assertThatThrownBy(() -> codec.decode("t", new byte[] {AreaUpdateCodec.MAGIC, 7}))
        .isInstanceOf(SerializationException.class).hasMessageContaining("Cannot read an area sum");
  }
}
