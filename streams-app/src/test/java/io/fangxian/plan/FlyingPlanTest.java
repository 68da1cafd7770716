package io.fangxian.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FlyingPlanTest {
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final Instant AS_OF = Instant.parse("2026-11-20T00:00:00Z");
  private static final YearMonth DECEMBER = YearMonth.of(2026, 12);

  private static PlanCandidate plain(String id) {
    return new PlanCandidate(id, "企业" + id, "T1", "S1", "BLUE", false, AS_OF, null, 0, 0, 0);
  }

  private static List<PlanCandidate> forty() {
    List<PlanCandidate> all = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      all.add(plain(String.format("E%02d", i)));
    }
    return all;
  }

  private static List<String> ids(FlyingPlan.Plan plan) {
    return plan.picks().stream().map(FlyingPlan.Pick::enterpriseId).toList();
  }

  private static FlyingPlan.Plan draw(List<PlanCandidate> all, int count, long seed) {
    return FlyingPlan.draw(new PlanRequest(DECEMBER, count, seed), all, 6, AS_OF, ZONE);
  }

  @Test
  void theSameSeedGivesTheSameListWhateverTheOrderOfTheCandidates() {
    List<PlanCandidate> all = forty();
    List<PlanCandidate> reversed = new ArrayList<>(all);
    java.util.Collections.reverse(reversed);
    assertThat(ids(draw(all, 10, 42))).hasSize(10).doesNotHaveDuplicates().isEqualTo(ids(draw(reversed, 10, 42)));
  }

  @Test
  void differentSeedsGiveDifferentLists() {
    assertThat(ids(draw(forty(), 10, 1))).isNotEqualTo(ids(draw(forty(), 10, 2)));
  }

  @Test
  void eachPickExplainsItsWeightByItsFactors() {
    PlanCandidate red = new PlanCandidate("E99", "红", "T1", "S1", "RED", true, null, null, 2, 1, 10);
    FlyingPlan.Pick pick = draw(List.of(red), 1, 7).picks().get(0);
    assertThat(pick.factors()).containsEntry("riskLevel", 4.0).containsEntry("keyArea", 2.0)
        .containsEntry("sinceLastInspection", 3.0).containsEntry("openMajorHazards", 3.0)
        .containsEntry("publicReports", 1.5).containsEntry("townshipMisses", 1.5);
    assertThat(pick.weight()).isEqualTo(4 * 2 * 3 * 3 * 1.5 * 1.5);
    assertThat(FlyingPlan.csv(draw(List.of(red), 1, 7))).contains("1,E99,红,T1,S1,162.0000,4.0000,2.0000,3.0000");
  }

  /**
   * With one pick a draw, Efraimidis–Spirakis picks each candidate with probability weight / total.
   * 20,000 draws with seeds from one fixed generator: every candidate's count within a chi-square
   * bound (5 candidates, 4 degrees of freedom; 18.47 is the 0.1% point), and the heavy one near 8/16.
   */
  @Test
  void theWeightsHoldOverManyDraws() {
    List<PlanCandidate> all = List.of(
        new PlanCandidate("A", "a", "T", "S", "RED", true, AS_OF, null, 0, 0, 0),      // 4 * 2 = 8
        new PlanCandidate("B", "b", "T", "S", "ORANGE", false, AS_OF, null, 0, 0, 0),  // 3
        new PlanCandidate("C", "c", "T", "S", "YELLOW", false, AS_OF, null, 0, 0, 0),  // 2
        plain("D"),                                                                            // 1
        new PlanCandidate("E", "e", "T", "S", "BLUE", false, AS_OF, null, 1, 1, 20)     // 1 * 2 * 1.5 * 2 = 6
    );
    Map<String, Double> expected = Map.of("A", 8.0, "B", 3.0, "C", 2.0, "D", 1.0, "E", 6.0);
    double total = 20;
    int draws = 20_000;
    Map<String, Integer> seen = new HashMap<>();
    SplittableRandom seeds = new SplittableRandom(20261201L);
    for (int i = 0; i < draws; i++) {
      seen.merge(draw(all, 1, seeds.nextLong()).picks().get(0).enterpriseId(), 1, Integer::sum);
    }
    double chi2 = 0;
    for (var e : expected.entrySet()) {
      double want = draws * e.getValue() / total;
      double got = seen.getOrDefault(e.getKey(), 0);
      chi2 += (got - want) * (got - want) / want;
    }
    assertThat(chi2).as("chi-square over %s", seen).isLessThan(18.47);
    assertThat(seen.get("A") / (double) draws).isCloseTo(0.4, org.assertj.core.data.Offset.offset(0.02));
  }

  @Test
  void enterprisesFlyingInspectedInTheLastMonthsAreLeftOut() {
    List<PlanCandidate> all = new ArrayList<>(forty());
    // six months before 2026-12-01 (Asia/Shanghai) is 2026-06-01T00:00+08:00 = 2026-05-31T16:00Z
    all.add(new PlanCandidate("F1", "f1", "T", "S", "RED", true, null, Instant.parse("2026-05-31T16:00:00Z"), 5, 5, 50));
    all.add(new PlanCandidate("F2", "f2", "T", "S", "BLUE", false, AS_OF, Instant.parse("2026-05-31T15:59:59Z"), 0, 0, 0));
    FlyingPlan.Plan plan = draw(all, 42, 3);
    assertThat(ids(plan)).doesNotContain("F1").contains("F2").hasSize(41);
    assertThat(plan.excluded()).extracting(FlyingPlan.Excluded::enterpriseId).containsExactly("F1");
    assertThat(plan.excludedFlyingSince()).isEqualTo(Instant.parse("2026-05-31T16:00:00Z"));
  }

  @Test
  void aCountLargerThanTheCandidatesGivesThemAll() {
    FlyingPlan.Plan plan = draw(forty(), 100, 5);
    assertThat(plan.picks()).hasSize(40);
    assertThat(plan.requested()).isEqualTo(100);
    assertThat(plan.picks()).extracting(FlyingPlan.Pick::rank).startsWith(1, 2, 3).endsWith(40);
    assertThat(draw(List.of(), 3, 5).picks()).isEmpty();
  }

  @Test
  void aWrongMonthCountOrSeedIsRefusedNamingWhatIsAccepted() {
    YearMonth now = YearMonth.of(2026, 11);
    assertThatThrownBy(() -> PlanRequest.parse("2026-13", "20", null, now, 1))
        .hasMessageContaining("is not a month: use yyyy-MM, from 2026-11 to 2027-11");
    assertThatThrownBy(() -> PlanRequest.parse("2026-10", "20", null, now, 1)).hasMessageContaining("out of range");
    assertThatThrownBy(() -> PlanRequest.parse("2028-01", "20", null, now, 1)).hasMessageContaining("out of range");
    assertThatThrownBy(() -> PlanRequest.parse(null, "20", null, now, 1)).hasMessageContaining("month is required");
    assertThatThrownBy(() -> PlanRequest.parse("2026-12", "0", null, now, 1)).hasMessageContaining("use 1 to 500");
    assertThatThrownBy(() -> PlanRequest.parse("2026-12", "many", null, now, 1)).hasMessageContaining("not a whole number");
    assertThatThrownBy(() -> PlanRequest.parse("2026-12", "5", "x", now, 1)).hasMessageContaining("seed 'x'");
    assertThat(PlanRequest.parse("2026-12", "20", null, now, 99)).isEqualTo(new PlanRequest(DECEMBER, 20, 99));
    assertThat(PlanRequest.parse("2026-11", "1", "-3", now, 99)).isEqualTo(new PlanRequest(now, 1, -3));
  }
}
