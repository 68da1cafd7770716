package io.fangxian.standing;

import io.fangxian.avro.AreaType;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.EnterpriseStatus;
import io.fangxian.avro.internal.AreaUpdate;
import io.fangxian.avro.internal.EnterpriseStanding;
import io.fangxian.domain.ReferenceData;
import io.fangxian.stats.AreaUpdates;
import java.time.Instant;
import java.util.List;

/**
 * What one enterprise adds to the coverage and certificate figures of each of its areas at an
 * instant: one enterprise, whether it was inspected in each window, whether it is compliant, its
 * certificate lines expiring or expired. A closed or unlisted enterprise adds nothing.
 */
public final class StandingCounters {
  private final ReferenceData reference;
  private final CertificateCheck certificates;

  /** @param reviewNotice how long before a certificate's review it is reminded */
  public StandingCounters(ReferenceData reference, java.time.Duration reviewNotice) {
    this.reference = reference;
    this.certificates = new CertificateCheck(reference, reviewNotice);
  }

  public CertificateCheck certificates() {
    return certificates;
  }

  /** Whether the enterprise counts in any figure: listed and not closed. */
  public static boolean counts(Enterprise e) {
    return e != null && e.getStatus() != EnterpriseStatus.CLOSED;
  }

  /**
   * The counters of {@code s} at {@code now}: all zero when the enterprise does not count.
   *
   * @param certified what {@link #certificates()} says of the enterprise at {@code now}, checked
   *     once by the caller, which also needs it for the rules
   */
  public AreaUpdate at(EnterpriseStanding s, CertificateCheck.Result certified, Instant now) {
    AreaUpdate u = zero();
    Enterprise e = s.getEnterprise();
    if (!counts(e)) {
      return u;
    }
    Instant last = s.getLastInspectedAt();
    boolean keyArea = reference.inKeyArea(e);
    u.setEnterprises(1);
    u.setInspectedLast30d(flag(Coverage.inspectedWithin(last, Coverage.DAYS_30, now)));
    u.setInspectedLast90d(flag(Coverage.inspectedWithin(last, Coverage.DAYS_90, now)));
    u.setInspectedLast365d(flag(Coverage.inspectedWithin(last, Coverage.DAYS_365, now)));
    u.setNeverInspected(flag(last == null));
    u.setKeyAreaEnterprises(flag(keyArea));
    u.setKeyAreaInspectedLast90d(flag(keyArea && Coverage.inspectedWithin(last, Coverage.DAYS_90, now)));
    u.setNonCompliantEnterprises(flag(!certified.compliant()));
    u.setCertificatesExpiringWithin30d(certified.expiring().size());
    u.setCertificatesExpired(certified.expired().size());
    u.setCertificatesReviewOverdue(certified.reviewOverdue().size());
    u.setPatrolledLast90d(flag(Coverage.inspectedWithin(s.getLastPatrolledAt(), Coverage.DAYS_90, now)));
    return u;
  }

  /** The next instant after {@code now} at which {@link #at} may give something else; null if never by itself. */
  public Instant nextChange(EnterpriseStanding s, Instant now) {
    if (!counts(s.getEnterprise())) {
      return null;
    }
    return earliest(Coverage.nextChange(s.getLastInspectedAt(), now),
        Coverage.nextPatrolChange(s.getLastPatrolledAt(), now),
        certificates.nextChange(s.getCertificates(), now));
  }

  private static Instant earliest(Instant... times) {
    Instant first = null;
    for (Instant t : times) {
      if (t != null && (first == null || t.isBefore(first))) {
        first = t;
      }
    }
    return first;
  }

  public static AreaUpdate zero() {
    return AreaUpdates.empty(AreaType.UNKNOWN, "");
  }

  /** {@code after − before}, field by field, over the standing counters only. */
  public static AreaUpdate difference(AreaUpdate before, AreaUpdate after) {
    AreaUpdate d = zero();
    for (int pos : POSITIONS) {
      d.put(pos, (Integer) after.get(pos) - (Integer) before.get(pos));
    }
    return d;
  }

  /** Whether two sets of counters are equal. */
  public static boolean same(AreaUpdate a, AreaUpdate b) {
    for (int pos : POSITIONS) {
      if (!a.get(pos).equals(b.get(pos))) {
        return false;
      }
    }
    return true;
  }

  /** The AreaUpdate (and AreaStats) counters an enterprise's standing sets. */
  private static final List<String> FIELDS = List.of("enterprises", "inspectedLast30d", "inspectedLast90d", "inspectedLast365d",
      "neverInspected", "keyAreaEnterprises", "keyAreaInspectedLast90d", "nonCompliantEnterprises",
      "certificatesExpiringWithin30d", "certificatesExpired", "certificatesReviewOverdue", "patrolledLast90d");
  /** Their positions in the AreaUpdate schema, looked up once. */
  private static final int[] POSITIONS = FIELDS.stream().mapToInt(f -> AreaUpdate.getClassSchema().getField(f).pos()).toArray();

  private static int flag(boolean b) {
    return b ? 1 : 0;
  }
}
