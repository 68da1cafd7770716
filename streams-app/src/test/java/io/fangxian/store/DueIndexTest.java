package io.fangxian.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DueIndexTest {
  private KeyValueStore<DueKey, String> store;

  @BeforeEach
  void store() {
    store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("due"), DueKey.SERDE, Serdes.String())
        .withLoggingDisabled().build();
    store.init(new MockProcessorContext<>().getStateStoreContext(), store);
  }

  /** Drains as a processor does: each entry handed out is deleted. */
  private static List<String> drain(DueIndex index, long now) {
    List<KeyValue<DueKey, String>> due = index.due(now);
    due.forEach(e -> index.delete(e.key.dueMs(), e.value));
    return due.stream().map(e -> e.value).toList();
  }

  @Test
  void handsOutWhatIsDueEarliestFirstAndNothingLater() {
    DueIndex index = new DueIndex(store);
    index.put(300, "c");
    index.put(100, "a");
    index.put(200, "b");
    assertThat(drain(index, 200)).containsExactly("a", "b");
    assertThat(drain(index, 250)).isEmpty();
    assertThat(drain(index, 300)).containsExactly("c");
  }

  @Test
  void anEntryPutBeforeWhereTheLastDrainEndedIsStillHandedOut() {
    DueIndex index = new DueIndex(store);
    index.put(100, "a");
    assertThat(drain(index, 1_000)).containsExactly("a");
    index.put(50, "past");          // a deadline already past when it arrives
    index.put(1_000, "at-the-end"); // due exactly where the last drain ended
    assertThat(drain(index, 1_001)).containsExactly("past", "at-the-end");
  }

  @Test
  void aFullSliceLeavesTheRestForTheNextDrainEvenAtTheSameDueTime() {
    DueIndex index = new DueIndex(store);
    for (int i = 0; i < DueIndex.MAX_PER_CHECK + 5; i++) {
      index.put(100, String.format("e%05d", i));
    }
    assertThat(drain(index, 100)).hasSize(DueIndex.MAX_PER_CHECK);
    assertThat(drain(index, 100)).hasSize(5);
    assertThat(store.approximateNumEntries()).isZero();
  }

  @Test
  void afterARestartTheFirstDrainReadsFromTheStart() {
    DueIndex before = new DueIndex(store);
    before.put(100, "a");
    assertThat(drain(before, 50)).isEmpty();
    DueIndex restarted = new DueIndex(store);
    store.put(new DueKey(10, "written-before-the-restart"), "written-before-the-restart");
    assertThat(drain(restarted, 100)).containsExactly("written-before-the-restart", "a");
  }
}
