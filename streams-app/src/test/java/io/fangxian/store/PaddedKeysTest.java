package io.fangxian.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PaddedKeysTest {
  @Test
  void writesExactlyWhatStringFormatWrites() {
    long[] edges = {0, 1, 9, 10, 493_000, 9_999_999_999L, 10_000_000_000L, Long.MAX_VALUE, -1, Long.MIN_VALUE};
    for (long v : edges) {
      assertThat(PaddedKeys.pad19(v)).isEqualTo(String.format("%019d", v));
      assertThat(PaddedKeys.pad(v, 10)).isEqualTo(String.format("%010d", v));
    }
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 10_000; i++) {
      long v = random.nextLong(0, 1L << random.nextInt(1, 63));
      assertThat(PaddedKeys.pad19(v)).isEqualTo(String.format("%019d", v));
      assertThat(PaddedKeys.pad(v, 10)).isEqualTo(String.format("%010d", v));
    }
  }

  @Test
  void paddedKeysSortLikeTheirNumbers() {
    assertThat(PaddedKeys.pad19(999)).isLessThan(PaddedKeys.pad19(1000));
  }
}
