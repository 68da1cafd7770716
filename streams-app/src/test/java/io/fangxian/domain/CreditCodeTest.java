package io.fangxian.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CreditCodeTest {

  /** The example code used in GB 32100 explanations. */
  static final String EXAMPLE = "91350100M000100Y43";

  @Test
  void exampleIsValidByHandComputation() {
    // Organisation code M000100Y + check: GB 11714 values M=22, Y=34, weights 3,7,9,10,5,8,4,2.
    int orgSum = 22 * 3 + 0 * 7 + 0 * 9 + 0 * 10 + 1 * 5 + 0 * 8 + 0 * 4 + 34 * 2;
    assertThat(orgSum).isEqualTo(139);
    assertThat(11 - orgSum % 11).isEqualTo(4); // the 17th character '4'

    // Check character: 31-alphabet values M=21, Y=30; weights 3^(i-1) mod 31.
    int[] w = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    int[] v = {9, 1, 3, 5, 0, 1, 0, 0, 21, 0, 0, 0, 1, 0, 0, 30, 4};
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += w[i] * v[i];
    }
    assertThat(sum).isEqualTo(1640);
    assertThat(31 - sum % 31).isEqualTo(3); // the 18th character '3'

    assertThat(CreditCode.isValid(EXAMPLE)).isTrue();
    assertThat(CreditCode.problem(EXAMPLE)).isEmpty();
  }

  // Codes of large companies as published in the national registry (recalled). Both check
  // characters agree, which a made-up string does with probability about 1/341.
  @ParameterizedTest
  @ValueSource(strings = {"9144030071526726XG", "91110108551385082Q", "91330100799655058B", "91440300708461136T"})
  void publishedCodesAreValid(String code) {
    assertThat(CreditCode.problem(code)).isEmpty();
  }

  @Test
  void reasons() {
    assertThat(CreditCode.problem("91350100M000100Y4")).contains("must be 18 characters, got 17");
    assertThat(CreditCode.problem(null)).contains("must be 18 characters, got none");
    assertThat(CreditCode.problem("9135I100M000100Y43")).get().asString()
        .startsWith("character 'I' at position 5 is not allowed");
    assertThat(CreditCode.problem("91350100m000100Y43")).get().asString().contains("upper case");
    assertThat(CreditCode.problem("91350100M000100Y4Y")).contains("check character should be '3', got 'Y'");
    assertThat(CreditCode.problem("91350100M000100Y53")).get().asString()
        .startsWith("organisation code check character (position 17) should be '4', got '5'");
    assertThat(CreditCode.problem("9135A100M000100Y43")).get().asString()
        .startsWith("positions 3-8 (administrative division code) must be digits");
  }

  @Test
  void everySingleCharacterCorruptionIsDetected() {
    for (int pos = 0; pos < 18; pos++) {
      for (char c : CreditCode.ALPHABET.toCharArray()) {
        if (c == EXAMPLE.charAt(pos)) {
          continue;
        }
        String bad = EXAMPLE.substring(0, pos) + c + EXAMPLE.substring(pos + 1);
        assertThat(CreditCode.isValid(bad)).as(bad).isFalse();
      }
    }
  }

  @Test
  void generatedCodesAreValidAndInJintan() {
    SplittableRandom rnd = new SplittableRandom(7);
    for (int i = 0; i < 2000; i++) {
      String code = CreditCode.generate(rnd, "320413");
      assertThat(CreditCode.problem(code)).as(code).isEmpty();
      assertThat(code).startsWith("91320413");
    }
  }
}
