package io.fangxian.hazards;

import io.fangxian.avro.AreaType;
import io.fangxian.avro.HazardState;
import io.fangxian.avro.Supervision;
import io.fangxian.domain.Clause;
import io.fangxian.domain.ReferenceData;
import io.fangxian.ledger.HazardLifecycle;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** The ledger's hazards, the criteria catalogue and 动态清零 as the API shows them. */
public final class HazardViews {
  private HazardViews() { }

  /** 挂牌督办 of a major hazard. */
  public record SupervisionView(String level, String department, String leader, String measures,
                                String responsiblePerson, Double fundsYuan, Instant timeLimit, String contingencyPlan) {
    public static SupervisionView from(Supervision s) {
      return s == null ? null : new SupervisionView(s.getLevel().name(), s.getDepartment(), s.getLeader(), s.getMeasures(),
          s.getResponsiblePerson(), s.getFundsYuan(), s.getTimeLimit(), s.getContingencyPlan());
    }
  }

  /** A criteria clause as the catalogue states it. */
  public record ClauseView(String clauseId, String standardShort, String standard, String article, String text,
                           List<String> sectors, String source, String supersededBy) {
    public static ClauseView from(Clause c) {
      return new ClauseView(c.id(), c.standardShort(), c.standard(), c.article(), c.text(),
          c.sectors().stream().sorted().toList(), c.source(), c.superseded() ? c.supersededBy() : null);
    }
  }

  /**
   * 动态清零 progress of one township or sector for a year: the major hazards open when the year
   * began (local time), how many of them have been closed since, the majors reported in the year,
   * and those open now. Severity is as it stands now (a regraded hazard counts as what it became).
   */
  public record Clearance(String areaType, String areaId, String areaName, int year, long openAtYearStart,
                          long clearedSinceYearStart, long reportedInYear, long openNow, Double clearedShare) {
    Clearance plus(Clearance o) {
      return new Clearance(areaType, areaId, areaName, year, openAtYearStart + o.openAtYearStart,
          clearedSinceYearStart + o.clearedSinceYearStart, reportedInYear + o.reportedInYear, openNow + o.openNow, null);
    }

    Clearance named(ReferenceData reference) {
      String name = AreaType.valueOf(areaType) == AreaType.TOWNSHIP ? reference.townshipName(areaId) : reference.sectorName(areaId);
      return new Clearance(areaType, areaId, name, year, openAtYearStart, clearedSinceYearStart,
          reportedInYear, openNow, openAtYearStart == 0 ? null : (double) clearedSinceYearStart / openAtYearStart);
    }
  }

  /** One hazard of the rectification ledger (整改一本账). */
  public record Hazard(String hazardId, String enterpriseId, String enterpriseName, String townshipId,
                       String townshipName, String sectorId, String sectorName, String status, boolean open,
                       boolean overdue, String severity, String source, String description, Instant reportedAt,
                       Instant rectificationStartedAt, Instant rectifiedAt, Instant closedAt,
                       Instant originalDeadline, Instant deadline, int deadlineExtensions, String riskLevel,
                       boolean keySupervised, boolean inChemicalZone, String supervisor, String category,
                       String clauseId, ClauseView clause, String unknownClauseId, boolean unclassifiedMajor,
                       Instant acceptedAt, boolean verificationOverdue, SupervisionView supervision,
                       Instant supervisedAt, boolean supervisionOverdue, int recheckFailures, Instant regradedAt,
                       Instant writeOffReviewDue, boolean writeOffReviewOverdue, Instant supervisionLiftedAt,
                       List<String> reportIds, Instant updatedAt) {

    /** Overdue first, then by deadline (none last), then by id: the ledger's order. */
    public static final Comparator<Hazard> LEDGER_ORDER = Comparator.comparing((Hazard h) -> !h.overdue())
        .thenComparing(Hazard::deadline, Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparing(Hazard::hazardId);

    public static Hazard from(HazardState h, long nowMs, ReferenceData reference) {
      boolean open = HazardLifecycle.isOpen(h);
      ClauseView clause = h.getClauseId() == null ? null
          : reference.criteria().clause(h.getClauseId()).map(ClauseView::from).orElse(null);
      return new Hazard(h.getHazardId(), h.getEnterpriseId(), h.getEnterpriseName(), h.getTownshipId(),
          reference.townshipName(h.getTownshipId()), h.getSectorId(), reference.sectorName(h.getSectorId()),
          h.getStatus().name(), open,
          isOverdue(h, nowMs), h.getSeverity().name(), h.getSource().name(), h.getDescription(), h.getReportedAt(),
          h.getRectificationStartedAt(), h.getRectifiedAt(), h.getClosedAt(), h.getOriginalDeadline(),
          h.getDeadline(), h.getDeadlineExtensions(), h.getRiskLevel().name(), h.getKeySupervised(),
          h.getInChemicalZone(), h.getSupervisor(), HazardLifecycle.categoryKey(h), h.getClauseId(), clause,
          h.getUnknownClauseId(), HazardLifecycle.isUnclassifiedMajor(h), h.getAcceptedAt(),
          open && (h.getVerificationOverdue() || pastDeadline(h, nowMs) && h.getRectifiedAt() != null),
          SupervisionView.from(h.getSupervision()), h.getSupervisedAt(), open && h.getSupervisionOverdue(),
          h.getRecheckFailures(), h.getRegradedAt(), h.getWriteOffReviewDue(),
          open && (h.getWriteOffReviewOverdue() || h.getWriteOffReviewDue() != null && h.getWriteOffReviewDue().toEpochMilli() <= nowMs),
          h.getSupervisionLiftedAt(), h.getReportIds().stream().map(Object::toString).toList(), h.getUpdatedAt());
    }
  }

  /**
   * Overdue (逾期未整改) while open, not yet rectified and past its (possibly extended) deadline, by
   * the wall clock (DESIGN §7).
   */
  public static boolean isOverdue(HazardState h, long nowMs) {
    return HazardLifecycle.isOpen(h) && (h.getOverdue() || (pastDeadline(h, nowMs) && h.getRectifiedAt() == null));
  }

  private static boolean pastDeadline(HazardState h, long nowMs) {
    return h.getDeadline() != null && h.getDeadline().toEpochMilli() < nowMs;
  }

  /** A page of the ledger. */
  public record HazardPage(long total, int offset, int limit, List<Hazard> items) { }
}
