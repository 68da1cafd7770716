package io.fangxian.serde;

import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardEvent;
import io.fangxian.avro.HazardEventType;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.InspectionKind;
import io.fangxian.avro.RiskLevel;
import io.fangxian.avro.ViolationAction;
import io.fangxian.avro.ViolationEvent;
import io.fangxian.avro.WarningLevel;
import io.fangxian.avro.WeatherKind;
import io.fangxian.avro.WeatherWarning;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

final class Records {
  static final Instant T0 = Instant.parse("2026-07-01T01:30:00Z");

  private Records() {
  }

  static String uniqueScope() {
    return "test-" + UUID.randomUUID();
  }

  static Map<String, Object> mockConfig(String scope) {
    return Map.of(SchemaRegistryClients.URL, SchemaRegistryClients.MOCK_PREFIX + scope);
  }

  static HazardEvent hazard(String eventId) {
    return HazardEvent.newBuilder()
        .setEventId(eventId)
        .setHazardId("H-1")
        .setEnterpriseId("91320500MA1XXXXX2K")
        .setType(HazardEventType.REPORTED)
        .setSeverity(HazardSeverity.MAJOR)
        .setSource(HazardSource.GRID_PATROL)
        .setOccurredAt(T0)
        .setDeadline(T0.plusSeconds(86_400))
        .setDescription("配电箱未接地")
        .setInspectionId("I-9")
        .build();
  }

  static Enterprise enterprise() {
    return Enterprise.newBuilder()
        .setEnterpriseId("91320500MA1XXXXX2K")
        .setName("方县化工有限公司")
        .setTownshipId("T01")
        .setSectorId("chemical")
        .setRiskLevel(RiskLevel.ORANGE)
        .setKeySupervised(true)
        .setSupervisor(null)
        .setInChemicalZone(true)
        .setAddress("工业园区 8 号")
        .build();
  }

  static WeatherWarning weather() {
    return WeatherWarning.newBuilder()
        .setEventId("W-e1")
        .setWarningId("W-1")
        .setKind(WeatherKind.TYPHOON)
        .setLevel(WarningLevel.RED)
        .setTownshipIds(List.of("T01", "T02"))
        .setValidFrom(T0)
        .setValidTo(T0.plusSeconds(3600))
        .setHeadline(null)
        .build();
  }

  static ViolationEvent violation() {
    return ViolationEvent.newBuilder()
        .setEventId("V-e1")
        .setViolationId("V-1")
        .setEnterpriseId("91320500MA1XXXXX2K")
        .setAction(ViolationAction.FINE)
        .setFineYuan(20_000.0)
        .setOccurredAt(T0)
        .setDescription(null)
        .build();
  }

  static InspectionEvent inspection() {
    return InspectionEvent.newBuilder()
        .setEventId("I-e1")
        .setInspectionId("I-1")
        .setEnterpriseId("91320500MA1XXXXX2K")
        .setKind(InspectionKind.FLYING)
        .setFindings(3)
        .setOccurredAt(T0)
        .setInspector("张三")
        .build();
  }

  static byte[] frame(int id, byte[] avro) {
    byte[] framed = new byte[WireFormat.HEADER_SIZE + avro.length];
    System.arraycopy(WireFormat.header(id), 0, framed, 0, WireFormat.HEADER_SIZE);
    System.arraycopy(avro, 0, framed, WireFormat.HEADER_SIZE, avro.length);
    return framed;
  }
}
