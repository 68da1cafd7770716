package io.fangxian.flying;

import io.fangxian.avro.InspectionKind;
import io.fangxian.avro.internal.Revisit;
import java.time.Instant;
import java.util.Set;

/**
 * The rules of 交办 and 回头看. A flying inspection's findings at an enterprise owe one revisit, due
 * {@code flying.revisitWithin} after the flying inspection. A later inspection of the enterprise by the
 * supervisors (ROUTINE, LINKED_SUPERVISION or another FLYING one) is the revisit: by the due time it is
 * done, after it done late; none by the due time on the wall clock is overdue. A self-inspection is the
 * enterprise's own and a grid patrol is a visit, not a check of rectification: neither counts.
 */
public final class Revisits {
  public static final Set<InspectionKind> REVISIT_KINDS = Set.of(InspectionKind.ROUTINE, InspectionKind.LINKED_SUPERVISION,
      InspectionKind.FLYING);

  /** A revisit's state: PENDING (not yet due), DONE, DONE_LATE, OVERDUE. */
  public enum Status { PENDING, DONE, DONE_LATE, OVERDUE }

  private Revisits() { }

  public static Status status(Revisit r) {
    Instant at = r.getRevisitedAt();
    if (at != null) {
      return at.isAfter(r.getDueAt()) ? Status.DONE_LATE : Status.DONE;
    }
    return r.getOverdue() ? Status.OVERDUE : Status.PENDING;
  }
}
