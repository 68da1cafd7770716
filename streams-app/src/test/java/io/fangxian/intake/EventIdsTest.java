package io.fangxian.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventIdsTest {
  private static final Duration RETENTION = Duration.ofMillis(1_000);
  private KeyValueStore<String, Long> store;

  @BeforeEach
  void store() {
    store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("event-ids"), Serdes.String(), Serdes.Long())
        .withLoggingDisabled().build();
    store.init(new MockProcessorContext<>().getStateStoreContext(), store);
  }

  @Test
  void remembersUntilTheRetentionPassesAndKeepsKindsApart() {
    EventIds hazards = new EventIds(store, "hazard", RETENTION);
    EventIds reports = new EventIds(store, "report", RETENTION);
    hazards.remember("e1", 100);
    reports.remember("e2", 900);
    assertThat(hazards.contains("e1")).isTrue();
    assertThat(hazards.contains("e2")).isFalse();
    hazards.prune(1_500); // e1 is 1,400 ms old
    reports.prune(1_500);
    assertThat(hazards.contains("e1")).isFalse();
    assertThat(reports.contains("e2")).isTrue();
  }

  @Test
  void stopsLookingOnceAPruneFoundItsRangeEmptyAndLooksAgainAfterItRemembers() {
    EventIds hazards = new EventIds(store, "hazard", RETENTION);
    store.put("hazard:old", 0L); // left by the previous release
    assertThat(hazards.contains("old")).isTrue();
    hazards.prune(5_000);
    assertThat(hazards.contains("old")).isFalse();
    hazards.prune(5_000);
    // The range was found empty: a key that appeared without this instance remembering it is not
    // read, which shows the store is no longer asked.
    store.put("hazard:unseen", 5_000L);
    assertThat(hazards.contains("unseen")).isFalse();
    hazards.remember("new", 5_000);
    assertThat(hazards.contains("new")).isTrue();
    assertThat(hazards.contains("unseen")).isTrue();
  }
}
