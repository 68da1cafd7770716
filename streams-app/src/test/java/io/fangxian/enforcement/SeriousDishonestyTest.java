package io.fangxian.enforcement;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.enforcement.SeriousDishonesty.Accident;
import io.fangxian.enforcement.SeriousDishonesty.Criterion;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The listing situations of 严重失信主体名单 that an enterprise's accidents show, each named, and nothing else. */
class SeriousDishonestyTest {
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  static Accident accident(String id, String grade, String at) {
    return new Accident(id, grade, Instant.parse(at));
  }

  @Test
  void aMajorOrEspeciallyMajorAccidentMeetsTheFirstSituation() {
    List<Criterion> met = SeriousDishonesty.criteria(List.of(
        accident("SG2", "ESPECIALLY_MAJOR", "2026-05-01T00:00:00Z"), accident("SG1", "MAJOR", "2026-03-01T00:00:00Z"),
        accident("SG3", "GENERAL", "2026-04-01T00:00:00Z")), ZONE);
    assertThat(met).extracting(Criterion::criterion).containsExactly(SeriousDishonesty.MAJOR_ACCIDENT);
    assertThat(met.get(0).accidentIds()).containsExactly("SG1", "SG2");
    assertThat(met.get(0).metAt()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
    assertThat(met.get(0).text()).startsWith("（一）发生特别重大、重大生产安全事故");
  }

  @Test
  void twoLargerAccidentsWithinTwelveMonthsMeetTheSecondAndTwoFurtherApartDoNot() {
    List<Criterion> within = SeriousDishonesty.criteria(List.of(
        accident("SG1", "LARGER", "2025-06-10T00:00:00Z"), accident("SG2", "LARGER", "2026-06-09T00:00:00Z")), ZONE);
    assertThat(within).extracting(Criterion::criterion).containsExactly(SeriousDishonesty.TWO_LARGER_ACCIDENTS_IN_12_MONTHS);
    assertThat(within.get(0).accidentIds()).containsExactly("SG1", "SG2");
    assertThat(within.get(0).metAt()).isEqualTo(Instant.parse("2026-06-09T00:00:00Z"));

    assertThat(SeriousDishonesty.criteria(List.of(
        accident("SG1", "LARGER", "2025-06-10T00:00:00Z"), accident("SG2", "LARGER", "2026-06-11T00:00:00Z")), ZONE))
        .isEmpty();
  }

  @Test
  void generalAccidentsAndASingleLargerOneMeetNothing() {
    assertThat(SeriousDishonesty.criteria(List.of(accident("SG1", "LARGER", "2026-01-01T00:00:00Z"),
        accident("SG2", "GENERAL", "2026-02-01T00:00:00Z"), accident("SG3", "GENERAL", "2026-03-01T00:00:00Z")), ZONE))
        .isEmpty();
  }
}
