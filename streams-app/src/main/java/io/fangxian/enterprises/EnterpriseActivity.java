package io.fangxian.enterprises;

import io.fangxian.avro.Enterprise;
import java.time.Instant;

/**
 * What the enterprise rules hear about one enterprise, from three places: the reference data
 * naming it, a violation, a self-inspection (an inspection of that kind, or a hazard the enterprise
 * reported itself).
 *
 * @param at when the enterprise self-inspected; null otherwise
 * @param violation the violation; null otherwise
 */
public record EnterpriseActivity(Kind kind, Enterprise enterprise, Instant at, EnterpriseRules.Violation violation) {
  enum Kind { LISTED, VIOLATED, SELF_INSPECTED }

  static EnterpriseActivity listed(Enterprise e) {
    return new EnterpriseActivity(Kind.LISTED, e, null, null);
  }

  static EnterpriseActivity violated(Enterprise e, EnterpriseRules.Violation v) {
    return new EnterpriseActivity(Kind.VIOLATED, e, null, v);
  }

  public static EnterpriseActivity selfInspected(Enterprise e, Instant at) {
    return new EnterpriseActivity(Kind.SELF_INSPECTED, e, at, null);
  }
}
