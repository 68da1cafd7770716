package io.fangxian.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How heavily each enterprise weighs in the draw: the product of one factor per signal, each at
 * least 1, so that no enterprise is left out and none is certain. The factors and their caps are the
 * product's choice (no regulation weighs a 四不两直 draw); they are printed with every pick.
 */
public final class PlanWeights {
  /** RED 4, ORANGE 3, YELLOW 2, BLUE and UNKNOWN 1. */
  static double risk(String level) {
    return switch (level == null ? "" : level) {
      case "RED" -> 4;
      case "ORANGE" -> 3;
      case "YELLOW" -> 2;
      default -> 1;
    };
  }

  /** A key-area enterprise (重点行业领域) weighs twice. */
  static final double KEY_AREA = 2;
  /** 1 + days since the last inspection by others / 180, capped at 3 (a year and more; never inspected: 3). */
  static final double SINCE_INSPECTION_MAX = 3;
  /** 1 + open major hazards, capped at 5. */
  static final double OPEN_MAJOR_MAX = 5;
  /** 1 + 0.5 per recent public report (举报) naming the enterprise, capped at 3. */
  static final double PUBLIC_REPORT_MAX = 3;
  /** 1 + 0.05 per miss of the township (漏检), capped at 2. */
  static final double TOWNSHIP_MISSES_MAX = 2;

  private PlanWeights() { }

  /** Each factor by name, in a fixed order; their product is the weight. */
  public static Map<String, Double> factors(PlanCandidate c, Instant asOf) {
    Map<String, Double> f = new LinkedHashMap<>();
    f.put("riskLevel", risk(c.riskLevel()));
    f.put("keyArea", c.keyArea() ? KEY_AREA : 1.0);
    f.put("sinceLastInspection", c.lastInspectedAt() == null ? SINCE_INSPECTION_MAX
        : Math.min(SINCE_INSPECTION_MAX, 1 + Math.max(0, Duration.between(c.lastInspectedAt(), asOf).toDays()) / 180.0));
    f.put("openMajorHazards", Math.min(OPEN_MAJOR_MAX, 1.0 + c.openMajorHazards()));
    f.put("publicReports", Math.min(PUBLIC_REPORT_MAX, 1 + 0.5 * c.publicReports()));
    f.put("townshipMisses", Math.min(TOWNSHIP_MISSES_MAX, 1 + 0.05 * c.townshipMisses()));
    return f;
  }

  public static double weight(Map<String, Double> factors) {
    double w = 1;
    for (double v : factors.values()) {
      w *= v;
    }
    return w;
  }
}
