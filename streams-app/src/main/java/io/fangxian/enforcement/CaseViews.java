package io.fangxian.enforcement;

import io.fangxian.avro.CaseEventType;
import io.fangxian.avro.internal.CaseState;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The cases as the API shows them ({@code GET /api/v1/cases}, the dossier, the bulletin's ranking). */
public final class CaseViews {
  private CaseViews() { }

  /** A penalty of a decision. */
  public record PenaltyView(String kind, Double amountYuan) { }

  /** One step of a case as recorded. */
  public record CaseStepView(String eventId, String type, Instant occurredAt, String departmentId, String basis,
                             List<String> hazardIds, List<PenaltyView> penalties, String note) { }

  /**
   * An enforcement case (行政处罚案件) in the dossier: where it stands, its decision clock (due 90 days
   * after 立案, 行政处罚法 第六十条), its latest decision's penalties, and every step.
   */
  public record CaseView(String caseId, String status, String departmentId, Instant openedAt, Instant decisionDueAt,
                         boolean decisionOverdue, Instant decidedAt, Instant transferredAt, Instant endedAt,
                         double penaltyYuan, boolean dailyFine, List<String> hazardIds, List<CaseStepView> steps) {
    /** Overdue first, then the newest opened, then by id: the dossier's order. */
    public static final Comparator<CaseView> ORDER = Comparator.comparing((CaseView c) -> !c.decisionOverdue())
        .thenComparing(CaseView::openedAt, Comparator.reverseOrder()).thenComparing(CaseView::caseId);

    public static CaseView from(CaseState c) {
      List<CaseStepView> steps = c.getSteps().stream().map(s -> new CaseStepView(s.getEventId(), s.getType().name(),
          s.getOccurredAt(), s.getDepartmentId(), s.getBasis(), s.getHazardIds().stream().map(Object::toString).toList(),
          s.getPenalties().stream().map(p -> new PenaltyView(p.getKind().name(), p.getAmountYuan())).toList(),
          s.getNote())).toList();
      return new CaseView(c.getCaseId(), c.getStatus().name(), c.getDepartmentId(), c.getOpenedAt(), c.getDecisionDueAt(),
          waitingPastLimit(c), c.getDecidedAt(), c.getTransferredAt(), c.getEndedAt(), c.getPenaltyYuan(), c.getDailyFine(),
          c.getHazardIds().stream().map(Object::toString).toList(), steps);
    }
  }

  /**
   * A case in the case list ({@code GET /api/v1/cases}): where it stands and its decision clock,
   * with its enterprise and areas, without its steps (the dossier has them).
   */
  public record CaseSummary(String caseId, String enterpriseId, String enterpriseName, String townshipId, String sectorId,
                            String departmentId, String status, Instant openedAt, Instant decisionDueAt,
                            boolean decisionOverdue, Instant decidedAt, Instant transferredAt, Instant endedAt,
                            double penaltyYuan, boolean dailyFine, List<String> hazardIds) {
    /** Overdue cases first, then the newest opened, then by id. */
    static final Comparator<CaseSummary> ORDER = Comparator.comparing((CaseSummary c) -> !c.decisionOverdue())
        .thenComparing(CaseSummary::openedAt, Comparator.reverseOrder())
        .thenComparing(CaseSummary::caseId);

    static CaseSummary from(CaseState c, String enterpriseName) {
      return new CaseSummary(c.getCaseId(), c.getEnterpriseId(), enterpriseName, c.getTownshipId(), c.getSectorId(),
          c.getDepartmentId(), c.getStatus().name(), c.getOpenedAt(), c.getDecisionDueAt(), waitingPastLimit(c),
          c.getDecidedAt(), c.getTransferredAt(), c.getEndedAt(), c.getPenaltyYuan(), c.getDailyFine(),
          c.getHazardIds().stream().map(Object::toString).toList());
    }
  }

  /**
   * A page of the case list, overdue cases first, then the newest. The counts are over every case
   * the area filters keep, whatever the {@code status} filter: {@code byStatus} (OPENED, DECIDED,
   * TRANSFERRED, CLOSED, WITHDRAWN), {@code decisionOverdue}, {@code dailyFine} (the latest decision
   * has 按日连续处罚) and {@code transferred} (移送, ever).
   */
  public record CasePage(long total, int offset, int limit, Map<String, Long> byStatus, long decisionOverdue,
                         long dailyFine, long transferred, List<CaseSummary> items) { }

  /**
   * One area's cases in one bulletin month (a township's or a handling department's): opened in
   * the month, and reckoned for timeliness in the month ({@link CaseTimeliness}).
   */
  public record CaseTally(String areaType, String areaId, long casesOpened, long decisionsDue, long decisionsInTime) {
    CaseTally plus(CaseTally o) {
      return new CaseTally(areaType, areaId, casesOpened + o.casesOpened, decisionsDue + o.decisionsDue,
          decisionsInTime + o.decisionsInTime);
    }
  }

  private static boolean waitingPastLimit(CaseState c) {
    return c.getDecisionOverdue() && c.getStatus() == CaseEventType.OPENED;
  }
}
