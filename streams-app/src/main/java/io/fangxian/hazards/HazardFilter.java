package io.fangxian.hazards;

import io.fangxian.hazards.HazardViews.Hazard;
import io.fangxian.ledger.HazardLifecycle;
import java.util.function.Predicate;

/**
 * A ledger search: township, sector, status ({@code open|overdue|awaiting-verification|closed}),
 * supervision ({@code any|none} or a level of 挂牌督办), severity, category
 * (a symbol or {@code UNCLASSIFIED}) and criteria clause ({@code UNCLASSIFIED}: majors without a
 * known clause), each optional (null = any). Values are validated before one is built.
 */
public record HazardFilter(String townshipId, String sectorId, String status, String severity, String category,
                    String clauseId, String supervision) implements Predicate<Hazard> {

  @Override
  public boolean test(Hazard h) {
    if (townshipId != null && !townshipId.equals(h.townshipId())) {
      return false;
    }
    if (sectorId != null && !sectorId.equals(h.sectorId())) {
      return false;
    }
    if (severity != null && !severity.equals(h.severity())) {
      return false;
    }
    if (category != null && !category.equals(h.category())) {
      return false;
    }
    if (clauseId != null && !(clauseId.equals(UNCLASSIFIED) ? h.unclassifiedMajor() : clauseId.equals(h.clauseId()))) {
      return false;
    }
    if (supervision != null && !(supervision.equals("none") ? h.supervision() == null
        : h.supervision() != null && (supervision.equals("any") || supervision.equals(h.supervision().level())))) {
      return false;
    }
    if (status != null) {
      return switch (status) {
        case "open" -> h.open();
        case "overdue" -> h.overdue();
        case "awaiting-verification" -> h.open() && h.rectifiedAt() != null;
        case "closed" -> !h.open();
        default -> false;
      };
    }
    return true;
  }

  static final String UNCLASSIFIED = HazardLifecycle.UNCLASSIFIED;
}
