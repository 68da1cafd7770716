package io.fangxian.areas;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.avro.AreaType;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.InspectionKind;
import io.fangxian.avro.RecentCounts;
import io.fangxian.avro.ViolationAction;
import io.fangxian.avro.ViolationEvent;
import io.fangxian.avro.internal.AreaUpdate;
import io.fangxian.avro.internal.PeriodCounts;
import io.fangxian.domain.TopicRegistry;
import io.fangxian.serde.MockSchemaRegistry;
import io.fangxian.standing.EnterpriseAreas;
import io.fangxian.stats.AreaUpdates;
import io.fangxian.store.StoreNames;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AreaDeltasTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private final String scope = "area-deltas-" + UUID.randomUUID();
  private final MockProcessorContext<String, SpecificRecord> context = new MockProcessorContext<>();
  private final KeyValueStore<String, AreaUpdate> store = Stores.keyValueStoreBuilder(
          Stores.inMemoryKeyValueStore(StoreNames.AREA_DELTAS), Serdes.String(),
          new TopicRegistry("", Map.of("schema.registry.url", "mock://" + scope)).serde(AreaUpdate.class))
      .withLoggingDisabled().build();
  private final AreaDeltas deltas;

  AreaDeltasTest() {
    context.setCurrentSystemTimeMs(1L);
    store.init(context.getStateStoreContext(), store);
    deltas = new AreaDeltas(context, store, SHANGHAI);
  }

  @AfterEach
  void dropScope() {
    MockSchemaRegistry.dropScope(scope);
  }

  private static List<String> areas(String township, String sector) {
    return EnterpriseAreas.forEvent(township, sector, List.of());
  }

  @Test
  void changesInTheSameAreaBecomeOneRecordPerAreaAtTheFlush() {
    Instant t = Instant.parse("2026-07-01T02:10:00Z");
    deltas.add(AreaUpdates.violation(violation(t, 500.0)), areas("jincheng", "construction"));
    deltas.add(AreaUpdates.violation(violation(t.plusSeconds(600), null)), areas("jincheng", "construction"));
    deltas.add(AreaUpdates.inspection(inspection(t.plusSeconds(900), InspectionKind.FLYING)), areas("jincheng", "machinery"));
    deltas.add(AreaUpdates.inspection(inspection(t.plusSeconds(1200), InspectionKind.FLYING)), areas("xuebu", "machinery"));
    assertThat(context.forwarded()).as("nothing before the flush").isEmpty();

    deltas.flush(42L);

    Map<String, List<AreaUpdate>> byArea = context.forwarded().stream().map(CapturedForward::record)
        .collect(Collectors.groupingBy(r -> r.key(), Collectors.mapping(r -> (AreaUpdate) r.value(), Collectors.toList())));
    assertThat(byArea).containsOnlyKeys("township/jincheng", "township/xuebu", "sector/construction", "sector/machinery");
    AreaUpdate jincheng = byArea.get("township/jincheng").get(0);
    assertThat(byArea.get("township/jincheng")).hasSize(1);
    assertThat(jincheng.getAreaType()).isEqualTo(AreaType.TOWNSHIP);
    assertThat(jincheng.getViolations()).isEqualTo(2);
    assertThat(jincheng.getFineYuan()).isEqualTo(500.0);
    assertThat(jincheng.getInspections()).isEqualTo(1);
    assertThat(jincheng.getInspectionsByKind()).containsExactly(Map.entry("FLYING", 1L));
    assertThat(jincheng.getPeriods()).extracting(PeriodCounts::getOccurredAt).containsExactly(t);
    assertThat(jincheng.getPeriods().get(0).getCounts()).isEqualTo(new RecentCounts(0L, 0L, 2L, 1L, 0L, 0L, 0L));
    AreaUpdate machinery = byArea.get("sector/machinery").get(0);
    assertThat(machinery.getInspections()).isEqualTo(2);
    assertThat(machinery.getInspectionsByKind()).containsExactly(Map.entry("FLYING", 2L));

    context.resetForwards();
    deltas.flush(43L);
    assertThat(context.forwarded()).as("sent once, then forgotten").isEmpty();
  }

  @Test
  void periodCountsInDifferentHoursOrLocalDaysStaySeparateSoTheBucketsStayExact() {
    // 15:30Z and 15:59Z are 30 June in Shanghai, 16:00Z is 1 July; 15:30Z and 15:59Z share an hour.
    deltas.add(AreaUpdates.violation(violation(Instant.parse("2026-06-30T15:30:00Z"), null)), areas("jincheng", "construction"));
    deltas.add(AreaUpdates.violation(violation(Instant.parse("2026-06-30T15:59:00Z"), null)), areas("jincheng", "construction"));
    deltas.add(AreaUpdates.violation(violation(Instant.parse("2026-06-30T16:00:00Z"), null)), areas("jincheng", "construction"));
    deltas.flush(42L);

    List<AreaUpdate> township = context.forwarded().stream().map(f -> (AreaUpdate) f.record().value())
        .filter(u -> u.getAreaType() == AreaType.TOWNSHIP).toList();
    assertThat(township).hasSize(1);
    assertThat(township.get(0).getViolations()).isEqualTo(3);
    assertThat(township.get(0).getPeriods()).extracting(PeriodCounts::getOccurredAt, p -> p.getCounts().getViolations())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Instant.parse("2026-06-30T15:30:00Z"), 2L),
            org.assertj.core.groups.Tuple.tuple(Instant.parse("2026-06-30T16:00:00Z"), 1L));
  }

  @Test
  void sumsNotYetFlushedAreTakenUpFromTheStoreAfterARestart() {
    Instant t = Instant.parse("2026-07-01T02:10:00Z");
    deltas.add(AreaUpdates.violation(violation(t, 100.0)), areas("jincheng", "construction"));

    AreaDeltas restarted = new AreaDeltas(context, store, SHANGHAI); // as init() after the store is restored
    restarted.add(AreaUpdates.violation(violation(t, 50.0)), areas("jincheng", "construction"));
    restarted.flush(42L);

    assertThat(context.forwarded()).hasSize(2);
    AreaUpdate township = (AreaUpdate) context.forwarded().get(0).record().value();
    assertThat(township.getViolations()).isEqualTo(2);
    assertThat(township.getFineYuan()).isEqualTo(150.0);
    assertThat(store.approximateNumEntries()).isZero();
  }

  @Test
  void aSumSpanningManyHoursIsSentAtOnceSoItStaysSmall() {
    Instant t = Instant.parse("2026-07-01T02:10:00Z");
    for (int hour = 0; hour < AreaDeltas.MAX_PERIODS; hour++) {
      deltas.add(AreaUpdates.violation(violation(t.plus(Duration.ofHours(hour)), null)), areas("jincheng", "construction"));
    }
    assertThat(context.forwarded()).as("sent before any flush").hasSize(2);
    AreaUpdate township = (AreaUpdate) context.forwarded().get(0).record().value();
    assertThat(township.getViolations()).isEqualTo(AreaDeltas.MAX_PERIODS);
    assertThat(township.getPeriods()).hasSize(AreaDeltas.MAX_PERIODS);
    assertThat(store.approximateNumEntries()).isZero();

    context.resetForwards();
    deltas.add(AreaUpdates.violation(violation(t, null)), areas("jincheng", "construction"));
    deltas.flush(42L);
    assertThat(context.forwarded()).extracting(f -> ((AreaUpdate) f.record().value()).getViolations()).containsExactly(1, 1);
  }

  @Test
  void anUpdateThatChangesNoCountIsNotKept() {
    AreaUpdate nothing = AreaUpdates.violation(violation(Instant.parse("2026-07-01T02:00:00Z"), null));
    nothing.setViolations(0);
    nothing.getMonths().clear();
    deltas.add(nothing, areas("jincheng", "construction"));
    deltas.flush(42L);
    assertThat(context.forwarded()).isEmpty();
  }

  private static ViolationEvent violation(Instant at, Double fine) {
    return ViolationEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setViolationId("V")
        .setEnterpriseId("E").setAction(ViolationAction.WARNING).setFineYuan(fine).setOccurredAt(at).build();
  }

  private static InspectionEvent inspection(Instant at, InspectionKind kind) {
    return InspectionEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setInspectionId("I")
        .setEnterpriseId("E").setKind(kind).setFindings(0).setOccurredAt(at).build();
  }
}
