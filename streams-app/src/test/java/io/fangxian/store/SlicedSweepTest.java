package io.fangxian.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlicedSweepTest {
  private KeyValueStore<String, Long> store;

  @BeforeEach
  void store() {
    store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("ids"), Serdes.String(), Serdes.Long())
        .withLoggingDisabled().build();
    store.init(new MockProcessorContext<>().getStateStoreContext(), store);
  }

  private List<String> keys() {
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, Long> it = store.all()) {
      it.forEachRemaining(kv -> keys.add(kv.key));
    }
    return keys;
  }

  @Test
  void deletesWhatExpiredOneSliceAtATimeAndStaysInItsRange() {
    for (int i = 0; i < 5; i++) {
      store.put("a:" + i, (long) i);
    }
    store.put("b:0", 0L);
    SlicedSweep<String, Long> sweep = new SlicedSweep<>(store, "a:", "a;", 2);
    sweep.step(v -> v < 3);
    assertThat(keys()).containsExactly("a:2", "a:3", "a:4", "b:0");
    sweep.step(v -> v < 3); // resumes after a:1: a:2, a:3
    assertThat(keys()).containsExactly("a:3", "a:4", "b:0");
    sweep.step(v -> v < 3); // a:3, a:4, the end of the range
    store.put("a:0", 0L); // written behind the cursor: found on the next pass from the start
    sweep.step(v -> v < 3);
    assertThat(keys()).containsExactly("a:3", "a:4", "b:0");
  }

  @Test
  void aWholeStoreSweepReadsEveryKey() {
    store.put("a", 1L);
    store.put("z", 9L);
    SlicedSweep<String, Long> sweep = new SlicedSweep<>(store, null, null, 10);
    sweep.step(v -> v < 5);
    assertThat(keys()).containsExactly("z");
  }

  @Test
  void reportsAnEmptyRangeOnlyAfterAPassFromItsStartFoundNothing() {
    store.put("a:0", 0L);
    store.put("b:0", 0L);
    SlicedSweep<String, Long> sweep = new SlicedSweep<>(store, "a:", "a;", 10);
    sweep.step(v -> true);
    assertThat(sweep.foundNone()).as("the pass that deleted the last entry still saw it").isFalse();
    sweep.step(v -> true);
    assertThat(sweep.foundNone()).isTrue();
    store.put("a:1", 1L);
    sweep.step(v -> false);
    assertThat(sweep.foundNone()).isFalse();
    assertThat(store.get("b:0")).isZero();
  }

  @Test
  void aKeyRangeWithNoEntriesButOthersAroundItIsEmpty() {
    store.put("a", 1L);
    store.put("c", 1L);
    SlicedSweep<String, Long> sweep = new SlicedSweep<>(store, "b:", "b;", 10);
    sweep.step(v -> true);
    assertThat(sweep.foundNone()).isTrue();
    assertThat(keys()).containsExactly("a", "c");
  }
}
