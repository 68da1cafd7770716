package io.fangxian.plan;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The monthly flying-inspection plan (四不两直): the month's enterprises drawn at random, weighted by
 * {@link PlanWeights}, without replacement, by the Efraimidis–Spirakis method: each candidate, in the
 * order of its enterpriseId, gets {@code ln(u) / weight} with {@code u} from a generator seeded with
 * the plan's seed, and the {@code count} largest keys are picked. The same seed over the same
 * candidates gives the same plan; each pick says its weight and factors. Enterprises flying-inspected
 * from {@code excludeMonths} months before the month's first day on are left out.
 *
 * <p>The plan is answered to the one who asked for it and nowhere else: no topic, no store, no
 * dashboard (不发通知、不打招呼).
 */
public final class FlyingPlan {
  private FlyingPlan() { }

  /** One drawn enterprise: its rank in the draw, its weight and the factors of it, and its Efraimidis–Spirakis key. */
  public record Pick(int rank, String enterpriseId, String name, String townshipId, String sectorId, double weight,
      Map<String, Double> factors, double key, PlanCandidate inputs) { }

  /** One enterprise left out, and why. */
  public record Excluded(String enterpriseId, String reason, Instant lastFlyingAt) { }

  /**
   * @param excludeMonths the N of "not flying-inspected in the last N months"
   * @param candidates open enterprises (closed ones are not drawn); a request for more than remain gives all that remain
   */
  public record Plan(String month, long seed, int requested, Instant asOf, int excludeMonths, Instant excludedFlyingSince,
      int candidates, List<Excluded> excluded, List<Pick> picks) { }

  public static Plan draw(PlanRequest request, List<PlanCandidate> all, int excludeMonths, Instant asOf, ZoneId zone) {
    Instant since = request.month().atDay(1).atStartOfDay(zone).toInstant();
    Instant excludedSince = request.month().minusMonths(excludeMonths).atDay(1).atStartOfDay(zone).toInstant();
    List<PlanCandidate> sorted = new ArrayList<>(all);
    sorted.sort(Comparator.comparing(PlanCandidate::enterpriseId));
    List<Excluded> excluded = new ArrayList<>();
    List<Pick> keyed = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(request.seed());
    for (PlanCandidate c : sorted) {
      if (c.lastFlyingAt() != null && !c.lastFlyingAt().isBefore(excludedSince)) {
        excluded.add(new Excluded(c.enterpriseId(), "flying-inspected on or after " + excludedSince
            + " (the last " + excludeMonths + " months before " + request.month() + ")", c.lastFlyingAt()));
        continue;
      }
      Map<String, Double> factors = PlanWeights.factors(c, asOf);
      double weight = PlanWeights.weight(factors);
      double u = 1.0 - random.nextDouble(); // (0, 1]
      keyed.add(new Pick(0, c.enterpriseId(), c.name(), c.townshipId(), c.sectorId(), weight, factors,
          Math.log(u) / weight, c));
    }
    keyed.sort(Comparator.comparingDouble(Pick::key).reversed().thenComparing(Pick::enterpriseId));
    List<Pick> picks = new ArrayList<>();
    for (int i = 0; i < Math.min(request.count(), keyed.size()); i++) {
      Pick p = keyed.get(i);
      picks.add(new Pick(i + 1, p.enterpriseId(), p.name(), p.townshipId(), p.sectorId(), p.weight(), p.factors(),
          p.key(), p.inputs()));
    }
    return new Plan(request.month().toString(), request.seed(), request.count(), asOf, excludeMonths, excludedSince,
        keyed.size(), List.copyOf(excluded), List.copyOf(picks));
  }

  /** The plan as CSV (UTF-8, one line a pick, the factors in columns), for a spreadsheet. */
  public static String csv(Plan plan) {
    StringBuilder out = new StringBuilder("rank,enterpriseId,name,townshipId,sectorId,weight,riskLevel,keyArea,"
        + "sinceLastInspection,openMajorHazards,publicReports,townshipMisses,lastInspectedAt,month,seed\n");
    for (Pick p : plan.picks()) {
      out.append(p.rank()).append(',').append(cell(p.enterpriseId())).append(',').append(cell(p.name())).append(',')
          .append(cell(p.townshipId())).append(',').append(cell(p.sectorId())).append(',')
          .append(String.format(java.util.Locale.ROOT, "%.4f", p.weight()));
      p.factors().values().forEach(v -> out.append(',').append(String.format(java.util.Locale.ROOT, "%.4f", v)));
      out.append(',').append(p.inputs().lastInspectedAt() == null ? "" : p.inputs().lastInspectedAt().toString())
          .append(',').append(plan.month()).append(',').append(plan.seed()).append('\n');
    }
    return out.toString();
  }

  private static String cell(String s) {
    if (s == null) {
      return "";
    }
    String safe = s.startsWith("=") || s.startsWith("+") || s.startsWith("-") || s.startsWith("@") ? "'" + s : s;
    return safe.contains(",") || safe.contains("\"") || safe.contains("\n") ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
  }
}
