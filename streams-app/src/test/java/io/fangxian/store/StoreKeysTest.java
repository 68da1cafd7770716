package io.fangxian.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.avro.ViolationAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

class StoreKeysTest {
  private static <K> byte[] bytes(Serde<K> serde, K key) {
    return serde.serializer().serialize("t", key);
  }

  private static <K> String text(Serde<K> serde, K key) {
    return new String(bytes(serde, key), StandardCharsets.UTF_8);
  }

  private static <K> K read(Serde<K> serde, String text) {
    return serde.deserializer().deserialize("t", text.getBytes(StandardCharsets.UTF_8));
  }

  private static <K> void roundTrips(Serde<K> serde, K key) {
    assertThat(serde.deserializer().deserialize("t", bytes(serde, key))).isEqualTo(key);
  }

  /** The bytes the stores held before these types: existing state reads as it did. */
  @Test
  void keysWithoutTheSeparatorAreWrittenAsBefore() {
    assertThat(text(DueKey.SERDE, new DueKey(1_782_878_400_000L, "H-1"))).isEqualTo("0000001782878400000|H-1");
    assertThat(text(CheckKey.SERDE, new CheckKey(1_782_878_400_000L, CheckKey.Kind.LAPSE, "91320413MA1W2Q3E4R")))
        .isEqualTo("0000001782878400000|lapse|91320413MA1W2Q3E4R");
    assertThat(text(CheckKey.SERDE, new CheckKey(5, CheckKey.Kind.REPEAT, "E"))).isEqualTo("0000000000000000005|repeat|E");
    assertThat(text(ViolationKey.SERDE, new ViolationKey("91320413MA1W2Q3E4R", 1_782_878_400_000L, "V-1")))
        .isEqualTo("91320413MA1W2Q3E4R|0000001782878400000|V-1");
    assertThat(text(ViolationEntry.SERDE, new ViolationEntry("e-1", ViolationAction.FINE))).isEqualTo("e-1|FINE");
    assertThat(text(AreaDayKey.SERDE, new AreaDayKey("township/jincheng", LocalDate.parse("2026-07-01"))))
        .isEqualTo("township/jincheng|2026-07-01");
    assertThat(text(AreaHourKey.SERDE, new AreaHourKey("township/jincheng", 493_000))).isEqualTo("township/jincheng|h0000493000");
    assertThat(text(AreaMemberKey.SERDE, new AreaMemberKey("township/jincheng", "H-1"))).isEqualTo("township/jincheng|H-1");

    assertThat(read(DueKey.SERDE, "0000001782878400000|H-1")).isEqualTo(new DueKey(1_782_878_400_000L, "H-1"));
    assertThat(read(CheckKey.SERDE, "0000000000000000005|repeat|E")).isEqualTo(new CheckKey(5, CheckKey.Kind.REPEAT, "E"));
    assertThat(read(ViolationEntry.SERDE, "e-1|SUSPENSION")).isEqualTo(new ViolationEntry("e-1", ViolationAction.SUSPENSION));
    assertThat(read(AreaHourKey.SERDE, "sector/construction|h0000493000")).isEqualTo(new AreaHourKey("sector/construction", 493_000));
  }

  @Test
  void anyIdRoundTrips() {
    for (String id : List.of("|", "a|b", "%", "%7C", "%25|%", "||x||", "隐患|整改", "\uD83D\uDE00|", "")) {
      roundTrips(DueKey.SERDE, new DueKey(42, id));
      roundTrips(CheckKey.SERDE, new CheckKey(42, CheckKey.Kind.LAPSE, id));
      roundTrips(ViolationKey.SERDE, new ViolationKey(id, 42, id));
      roundTrips(UnitItemKey.SERDE, new UnitItemKey(id, id));
      roundTrips(ViolationEntry.SERDE, new ViolationEntry(id, ViolationAction.CLOSURE));
      roundTrips(AreaDayKey.SERDE, new AreaDayKey("township/" + id, LocalDate.parse("2026-07-01")));
      roundTrips(AreaHourKey.SERDE, new AreaHourKey("township/" + id, 7));
      roundTrips(AreaMemberKey.SERDE, new AreaMemberKey("township/" + id, id));
    }
  }

  /** The entry of an event id holding the separator, as the old code wrote it, reads whole. */
  @Test
  void anOldViolationEntryWithTheSeparatorInItsEventIdReadsWhole() {
    assertThat(read(ViolationEntry.SERDE, "case|2026|1|WARNING")).isEqualTo(new ViolationEntry("case|2026|1", ViolationAction.WARNING));
  }

  @Test
  void keysSortByTheirNumbersWithinOnePrefix() {
    assertSorted(DueKey.SERDE, new DueKey(999, "z"), new DueKey(1000, "a"), new DueKey(1000, "b"), DueKey.throughMs(1000),
        new DueKey(1001, "\uD83D\uDE00"));
    assertSorted(CheckKey.SERDE, new CheckKey(999, CheckKey.Kind.REPEAT, "Z"), new CheckKey(1000, CheckKey.Kind.LAPSE, "A"),
        CheckKey.throughMs(1000), new CheckKey(1001, CheckKey.Kind.LAPSE, "A"));
    assertSorted(ViolationKey.SERDE, ViolationKey.firstAt("E", 99), new ViolationKey("E", 99, "\uD83D\uDE00"),
        ViolationKey.firstAt("E", 100), new ViolationKey("E", 100, "a"));
    assertSorted(AreaHourKey.SERDE, new AreaHourKey("township/a", 99), new AreaHourKey("township/a", 100));
    assertSorted(AreaDayKey.SERDE, new AreaDayKey("township/a", LocalDate.parse("2026-06-30")),
        new AreaDayKey("township/a", LocalDate.parse("2026-07-01")));
  }

  /** An area whose id holds the separator does not fall inside another area's prefix. */
  @Test
  void oneAreasPrefixHoldsOnlyThatArea() {
    byte[] prefix = AreaMemberKey.AREA_PREFIX.serialize("t", "township/a");
    assertThat(startsWith(bytes(AreaMemberKey.SERDE, new AreaMemberKey("township/a", "H|1")), prefix)).isTrue();
    assertThat(startsWith(bytes(AreaMemberKey.SERDE, new AreaMemberKey("township/a|b", "H1")), prefix)).isFalse();
    byte[] enterprise = ViolationKey.ENTERPRISE_PREFIX.serialize("t", "E");
    assertThat(startsWith(bytes(ViolationKey.SERDE, new ViolationKey("E|x", 1, "V")), enterprise)).isFalse();
  }

  @SafeVarargs
  private static <K> void assertSorted(Serde<K> serde, K... keys) {
    List<Bytes> written = new ArrayList<>();
    for (K k : keys) {
      written.add(Bytes.wrap(bytes(serde, k)));
    }
    List<Bytes> sorted = new ArrayList<>(written);
    sorted.sort(null); // RocksDB's and the in-memory store's order: unsigned lexicographic
    assertThat(sorted).as("keys in store order").containsExactlyElementsOf(written);
  }

  private static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }
}
