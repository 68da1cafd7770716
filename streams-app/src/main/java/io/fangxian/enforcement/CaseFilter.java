package io.fangxian.enforcement;

import io.fangxian.avro.CaseEventType;
import io.fangxian.avro.internal.CaseState;
import java.util.List;
import java.util.function.Predicate;

/**
 * The filters of {@code GET /api/v1/cases}: the area ones ({@code townshipId}, {@code sectorId},
 * {@code departmentId}) choose the cases counted; {@code status} chooses, of those, the ones listed.
 */
public record CaseFilter(String townshipId, String sectorId, String departmentId, String status) {
  /** open: not closed or withdrawn; overdue: waiting for its decision past the limit; the others: the case's last step. */
  static final List<String> STATUSES = List.of("open", "overdue", "opened", "decided", "transferred", "closed", "withdrawn");

  Predicate<CaseState> where() {
    return c -> (townshipId == null || townshipId.equals(c.getTownshipId()))
        && (sectorId == null || sectorId.equals(c.getSectorId()))
        && (departmentId == null || departmentId.equals(c.getDepartmentId()));
  }

  Predicate<CaseState> listed() {
    return c -> status == null || switch (status) {
      case "open" -> c.getStatus() != CaseEventType.CLOSED && c.getStatus() != CaseEventType.WITHDRAWN;
      case "overdue" -> c.getStatus() == CaseEventType.OPENED && c.getDecisionOverdue();
      default -> c.getStatus().name().equalsIgnoreCase(status);
    };
  }
}
