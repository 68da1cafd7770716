package io.fangxian.query;

import io.fangxian.accident.AccidentGrade;
import io.fangxian.accident.AccidentReport;
import io.fangxian.accident.AccidentTypes;
import io.fangxian.alerts.AlertViews.AlertView;
import io.fangxian.alerts.AlertViews.Handling;
import io.fangxian.alerts.AlertViews.HandlingStep;
import io.fangxian.alerts.AlertViews.Subject;
import io.fangxian.avro.AccidentEvent;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.ViolationEvent;
import io.fangxian.avro.internal.AccidentState;
import io.fangxian.domain.ReferenceData;
import io.fangxian.domain.Sector;
import io.fangxian.enforcement.CaseViews.CaseView;
import io.fangxian.hazards.HazardViews.Hazard;
import io.fangxian.reports.ReportViews.ReportView;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the REST API returns: plain records, separate from the Avro classes so that the JSON
 * stays stable when the schemas gain fields. Each has a {@code from(...)} taking the Avro record.
 */
public final class Views {
  private Views() { }


  /** One violation of an enterprise, newest first in {@link EnterpriseProfile}. */
  public record Violation(String violationId, String eventId, String action, Double fineYuan, Instant occurredAt,
                          String description) {
    static Violation from(ViolationEvent v) {
      return new Violation(v.getViolationId(), v.getEventId(), v.getAction().name(), v.getFineYuan(), v.getOccurredAt(),
          v.getDescription());
    }
  }

  /** One inspection of an enterprise. */
  public record Inspection(String inspectionId, String kind, int findings, String inspector, Instant occurredAt,
                           String unitId) {
    static Inspection from(InspectionEvent i) {
      return new Inspection(i.getInspectionId(), i.getKind().name(), i.getFindings(), i.getInspector(), i.getOccurredAt(),
          i.getUnitId());
    }
  }

  /** Inspections of one kind: how many, and the last. */
  public record InspectionKindSummary(long count, Inspection last) { }

  /** One accident of an enterprise, in its latest corrected version, graded (国务院令第493号 art. 3). */
  public record AccidentView(String accidentId, String grade, String gradeZh, String accidentType, String accidentTypeZh,
                             Instant occurredAt, Instant headInformedAt, Instant reportedAt, boolean reportedLate,
                             boolean suspectedLateReport, boolean supplementLate, int deaths,
                             int seriousInjuries, int minorInjuries, double directLossYuan, String description,
                             Instant dutiesDueAt, boolean dutiesLate, List<DutyView> duties) {
    /** The accident with the bureau's duties ({@code duties} null when none is recorded yet). */
    static AccidentView from(AccidentState s, io.fangxian.avro.internal.AccidentDuties duties, long nowMs) {
      AccidentEvent a = s.getAccident();
      Instant due = io.fangxian.accident.AccidentDuties.due(a.getReportedAt());
      Map<String, Instant> done = new java.util.HashMap<>();
      if (duties != null) {
        duties.getDone().forEach((k, v) -> done.put(k.toString(), v));
      }
      List<DutyView> list = io.fangxian.accident.AccidentDuties.ALL.stream()
          .map(d -> new DutyView(d.name(), io.fangxian.accident.AccidentDuties.nameZh(d), done.get(d.name()),
              done.get(d.name()) == null ? !Instant.ofEpochMilli(nowMs).isBefore(due) : done.get(d.name()).isAfter(due)))
          .toList();
      AccidentView v = from(s);
      return new AccidentView(v.accidentId(), v.grade(), v.gradeZh(), v.accidentType(), v.accidentTypeZh(), v.occurredAt(),
          v.headInformedAt(), v.reportedAt(), v.reportedLate(), v.suspectedLateReport(), v.supplementLate(), v.deaths(),
          v.seriousInjuries(), v.minorInjuries(), v.directLossYuan(), v.description(), due,
          list.stream().anyMatch(DutyView::late), list);
    }

    static AccidentView from(AccidentState s) {
      AccidentEvent a = s.getAccident();
      AccidentGrade grade = AccidentGrade.of(a);
      return new AccidentView(a.getAccidentId(), grade.name(), grade.nameZh(), a.getAccidentType().name(),
          AccidentTypes.nameZh(a.getAccidentType()), a.getOccurredAt(), a.getHeadInformedAt(), a.getReportedAt(),
          AccidentReport.late(a), AccidentReport.suspectedLate(a), s.getSupplementLate(),
          a.getDeaths(), a.getSeriousInjuries(), a.getMinorInjuries(), a.getDirectLossYuan(), a.getDescription(),
          null, false, List.of());
    }
  }

  /** One of the bureau's duties after an accident (493号令 第十、十一条): done when, and whether late. */
  public record DutyView(String duty, String dutyZh, Instant doneAt, boolean late) { }

  /** One local month of an enterprise's own figures. */
  public record Month(String month, long hazardsReported, long hazardsClosed, long violations, double fineYuan,
                      long inspections, long accidents) { }

  /**
   * The enterprise dossier (一企一档): its reference data, risk grade and linked supervisor, every hazard
   * (open first, then the newest), violation with its fine, inspection (and the last of each kind),
   * accident with its grade, its alerts (active first, then the recent), and its own figures by
   * month for the last 12 months. {@code openHazards} and {@code violations} keep their old meaning.
   */
  public record EnterpriseProfile(String enterpriseId, String name, String townshipId, String townshipName,
                                  String sectorId, String sectorName, boolean keyArea, String riskLevel,
                                  boolean keySupervised, String supervisor, boolean inChemicalZone, String address,
                                  int openHazardCount, int overdueHazardCount, List<Hazard> openHazards,
                                  int violationCount, List<Violation> violations, int hazardCount,
                                  int closedHazardCount, int openMajorHazardCount, List<Hazard> hazards,
                                  double fineYuanTotal, int inspectionCount, Map<String, InspectionKindSummary> inspectionsByKind,
                                  List<Inspection> inspections, int accidentCount, List<AccidentView> accidents,
                                  List<AlertView> alerts, List<Month> monthly, Standing standing,
                                  List<CaseView> cases,
                                  List<io.fangxian.enforcement.SeriousDishonesty.Criterion> seriousDishonesty,
                                  List<ReportView> reports) {

    /** Every hazard open first, then the newest; the other records newest first; ties by id. */
    static final Comparator<Hazard> HAZARD_ORDER = Comparator.comparing((Hazard h) -> !h.open())
        .thenComparing(Hazard::reportedAt, Comparator.nullsLast(Comparator.reverseOrder()))
        .thenComparing(Hazard::hazardId);
    static final Comparator<Violation> VIOLATION_ORDER = Comparator.comparing(Violation::occurredAt,
        Comparator.nullsLast(Comparator.reverseOrder())).thenComparing(Violation::violationId);
    static final Comparator<Inspection> INSPECTION_ORDER = Comparator.comparing(Inspection::occurredAt,
        Comparator.reverseOrder()).thenComparing(Inspection::inspectionId);
    static final Comparator<AccidentView> ACCIDENT_ORDER = Comparator.comparing(AccidentView::occurredAt,
        Comparator.reverseOrder()).thenComparing(AccidentView::accidentId);

    /**
     * The dossier of {@code e} from its records in any order, with {@code today} the local day in
     * {@code zone} that ends its twelve months.
     */
    static EnterpriseProfile from(Enterprise e, List<Hazard> anyHazards, List<Violation> anyViolations,
        List<Inspection> anyInspections, List<AccidentView> anyAccidents, ZoneId zone, LocalDate today,
        ReferenceData reference) {
      List<Hazard> hazards = anyHazards.stream().sorted(HAZARD_ORDER).toList();
      List<Violation> violations = anyViolations.stream().sorted(VIOLATION_ORDER).toList();
      List<Inspection> inspections = anyInspections.stream().sorted(INSPECTION_ORDER).toList();
      List<AccidentView> accidents = anyAccidents.stream().sorted(ACCIDENT_ORDER).toList();
      List<Hazard> open = hazards.stream().filter(Hazard::open).sorted(Hazard.LEDGER_ORDER).toList();
      int overdue = (int) open.stream().filter(Hazard::overdue).count();
      Map<String, InspectionKindSummary> byKind = new TreeMap<>();
      for (Inspection i : inspections) { // newest first: the first of a kind is its last
        byKind.merge(i.kind(), new InspectionKindSummary(1, i), (a, b) -> new InspectionKindSummary(a.count() + 1, a.last()));
      }
      return new EnterpriseProfile(e.getEnterpriseId(), e.getName(), e.getTownshipId(),
          reference.townshipName(e.getTownshipId()), e.getSectorId(), reference.sectorName(e.getSectorId()),
          reference.sector(e.getSectorId()).map(Sector::keyArea).orElse(false), e.getRiskLevel().name(), e.getKeySupervised(),
          e.getSupervisor(), e.getInChemicalZone(), e.getAddress(), open.size(), overdue, open,
          violations.size(), violations, hazards.size(), hazards.size() - open.size(),
          (int) open.stream().filter(h -> "MAJOR".equals(h.severity())).count(), hazards,
          violations.stream().mapToDouble(v -> v.fineYuan() == null ? 0 : v.fineYuan()).sum(),
          inspections.size(), byKind, inspections, accidents.size(), accidents, List.of(),
          monthly(hazards, violations, inspections, accidents, zone, today), null, List.of(),
          io.fangxian.enforcement.SeriousDishonesty.criteria(accidents.stream()
              .map(a -> new io.fangxian.enforcement.SeriousDishonesty.Accident(a.accidentId(), a.grade(), a.occurredAt()))
              .toList(), zone), List.of());
    }

    /**
     * Whether an alert belongs in this dossier: its subject is the enterprise or names it, or is one
     * of its hazards or accidents (a sector warning after one of its accidents is about the sector).
     */
    boolean concerns(AlertView a) {
      Subject s = a.subject();
      if (s == null) {
        return false;
      }
      if (enterpriseId.equals(s.enterpriseId())) {
        return true;
      }
      return switch (String.valueOf(s.type())) {
        case "HAZARD" -> hazards.stream().anyMatch(h -> h.hazardId().equals(s.id()));
        case "ACCIDENT" -> accidents.stream().anyMatch(x -> x.accidentId().equals(s.id()));
        case "CASE" -> cases.stream().anyMatch(x -> x.caseId().equals(s.id()));
        default -> false;
      };
    }

    EnterpriseProfile withAlerts(List<AlertView> alerts) {
      return new EnterpriseProfile(enterpriseId, name, townshipId, townshipName, sectorId, sectorName, keyArea, riskLevel,
          keySupervised, supervisor, inChemicalZone, address, openHazardCount, overdueHazardCount, openHazards,
          violationCount, violations, hazardCount, closedHazardCount, openMajorHazardCount, hazards, fineYuanTotal,
          inspectionCount, inspectionsByKind, inspections, accidentCount, accidents, alerts, monthly, standing, cases,
          seriousDishonesty, reports);
    }

    /** The same dossier with the enterprise's enforcement cases (in {@link CaseView#ORDER}). */
    EnterpriseProfile withCases(List<CaseView> cases) {
      return new EnterpriseProfile(enterpriseId, name, townshipId, townshipName, sectorId, sectorName, keyArea, riskLevel,
          keySupervised, supervisor, inChemicalZone, address, openHazardCount, overdueHazardCount, openHazards,
          violationCount, violations, hazardCount, closedHazardCount, openMajorHazardCount, hazards, fineYuanTotal,
          inspectionCount, inspectionsByKind, inspections, accidentCount, accidents, alerts, monthly, standing, cases,
          seriousDishonesty, reports);
    }

    /** The same dossier with the public reports naming the enterprise (举报), verification-overdue first, then the newest. */
    EnterpriseProfile withReports(List<ReportView> reports) {
      return new EnterpriseProfile(enterpriseId, name, townshipId, townshipName, sectorId, sectorName, keyArea, riskLevel,
          keySupervised, supervisor, inChemicalZone, address, openHazardCount, overdueHazardCount, openHazards,
          violationCount, violations, hazardCount, closedHazardCount, openMajorHazardCount, hazards, fineYuanTotal,
          inspectionCount, inspectionsByKind, inspections, accidentCount, accidents, alerts, monthly, standing, cases,
          seriousDishonesty, reports);
    }

    EnterpriseProfile withStanding(Standing standing) {
      return new EnterpriseProfile(enterpriseId, name, townshipId, townshipName, sectorId, sectorName, keyArea, riskLevel,
          keySupervised, supervisor, inChemicalZone, address, openHazardCount, overdueHazardCount, openHazards,
          violationCount, violations, hazardCount, closedHazardCount, openMajorHazardCount, hazards, fineYuanTotal,
          inspectionCount, inspectionsByKind, inspections, accidentCount, accidents, alerts, monthly, standing, cases,
          seriousDishonesty, reports);
    }

    private static List<Month> monthly(List<Hazard> hazards, List<Violation> violations, List<Inspection> inspections,
        List<AccidentView> accidents, ZoneId zone, LocalDate today) {
      Map<YearMonth, double[]> m = new TreeMap<>(Comparator.reverseOrder());
      YearMonth now = YearMonth.from(today);
      for (int i = 0; i < 12; i++) {
        m.put(now.minusMonths(i), new double[6]);
      }
      java.util.function.BiConsumer<Instant, java.util.function.Consumer<double[]>> add = (t, f) -> {
        if (t != null) {
          double[] c = m.get(YearMonth.from(t.atZone(zone)));
          if (c != null) {
            f.accept(c);
          }
        }
      };
      hazards.forEach(h -> {
        add.accept(h.reportedAt(), c -> c[0]++);
        add.accept(h.closedAt() != null ? h.closedAt() : null, c -> c[1]++);
      });
      violations.forEach(v -> add.accept(v.occurredAt(), c -> {
        c[2]++;
        c[3] += v.fineYuan() == null ? 0 : v.fineYuan();
      }));
      inspections.forEach(i -> add.accept(i.occurredAt(), c -> c[4]++));
      accidents.forEach(a -> add.accept(a.occurredAt(), c -> c[5]++));
      List<Month> months = new ArrayList<>();
      m.forEach((ym, c) -> months.add(new Month(ym.toString(), (long) c[0], (long) c[1], (long) c[2], c[3], (long) c[4],
          (long) c[5])));
      return months;
    }
  }

  /** The body of every error answer. */
  public record ErrorBody(String error, String message) { }

  /**
   * An enterprise's coverage and certificates (三项岗位) as its dossier shows them: when someone other
   * than itself last inspected it, whether its key posts are certified, and each certificate's state
   * (VALID, EXPIRING within 30 days, EXPIRED, REVOKED, NOT_YET_VALID).
   */
  public record Standing(String status, String gridId, List<String> parkIds, Instant lastInspectedAt,
                         Long daysSinceInspection, Instant lastPatrolledAt, boolean certificatesRequired, boolean compliant,
                         List<String> missingPosts, List<CertificateView> certificates) { }

  public record CertificateView(String certificateId, String holderId, String holderName, String post, String postZh,
                                String operationType, Instant issuedAt, Instant expiresAt, boolean revoked,
                                Instant reviewDue, Instant reviewedAt, String state) { }

  /**
   * One inspecting unit's scorecard (考核): a township, a department of the responsibility list or a
   * grid, as the inspections name it ({@code unitType} other when none of those knows the id).
   * {@code missWindow} is the rules' accountability.window (ISO-8601), within which a hazard found by a
   * flying inspection or a public report after the unit's inspection counts as missed.
   */
  public record UnitScorecard(String unitId, String unitType, String unitName, long inspectionsLast30Days,
                              long inspectionsLast90Days, long inspectionsLast365Days, long inspections, long hazardsFound,
                              long missedHazards, long missedMajorHazards, long accidentsAfterInspection, String missWindow,
                              long assignedHazards, long revisitsDue, long revisitsDone, long revisitsDoneLate,
                              long revisitsOverdue, String revisitWithin, long alerts, long alertsAcknowledgeDue,
                              long alertsAcknowledgedInTime, Double acknowledgedInTimeShare, long alertsFeedbackDue,
                              long alertsFedBackInTime, Double fedBackInTimeShare, long supervisionReviewsLate,
                              long linkedVisitsThisQuarter, Integer linkedVisitsExpected) {
    static UnitScorecard of(io.fangxian.accountability.UnitTally t, String type, String name, java.time.Duration window,
        java.time.Duration revisitWithin, AlertDuty alerts, Integer linkedVisitsExpected) {
      return new UnitScorecard(t.unitId(), type, name, t.inspectionsLast30Days(), t.inspectionsLast90Days(),
          t.inspectionsLast365Days(), t.inspections(), t.hazardsFound(), t.missedHazards(), t.missedMajorHazards(),
          t.accidentsAfterInspection(), window.toString(), t.assignedHazards(), t.revisitsDue(), t.revisitsDone(),
          t.revisitsDoneLate(), t.revisitsOverdue(), revisitWithin.toString(), alerts.alerts(), alerts.acknowledgeDue(),
          alerts.acknowledgedInTime(), share(alerts.acknowledgedInTime(), alerts.acknowledgeDue()), alerts.feedbackDue(),
          alerts.fedBackInTime(), share(alerts.fedBackInTime(), alerts.feedbackDue()), t.supervisionReviewsLate(),
          t.linkedVisitsThisQuarter(), linkedVisitsExpected);
    }

    private static Double share(long part, long whole) {
      return whole == 0 ? null : Math.round(1000.0 * part / whole) / 1000.0;
    }
  }

  /**
   * The alerts a unit answered for (the township of the alert's subject, the department of its
   * sector), of those held now: how many, how many had to be acknowledged (签收) by now and how many
   * were in time, likewise for feedback (反馈).
   */
  public record AlertDuty(long alerts, long acknowledgeDue, long acknowledgedInTime, long feedbackDue, long fedBackInTime) {
    static final AlertDuty ZERO = new AlertDuty(0, 0, 0, 0, 0);

    /** This one plus one alert's handling at {@code nowMs}. */
    AlertDuty plus(Handling h, long nowMs) {
      Instant acked = first(h, "ACKNOWLEDGE");
      Instant fedBack = first(h, "FEEDBACK");
      boolean ackDue = acked != null || h.acknowledgeBy().toEpochMilli() <= nowMs;
      boolean feedbackDue = fedBack != null || h.feedbackBy().toEpochMilli() <= nowMs;
      return new AlertDuty(alerts + 1, acknowledgeDue + (ackDue ? 1 : 0),
          acknowledgedInTime + (acked != null && !acked.isAfter(h.acknowledgeBy()) ? 1 : 0),
          this.feedbackDue + (feedbackDue ? 1 : 0), fedBackInTime + (fedBack != null && !fedBack.isAfter(h.feedbackBy()) ? 1 : 0));
    }

    private static Instant first(Handling h, String action) {
      return h.history() == null ? null : h.history().stream().filter(s -> action.equals(s.action())).map(HandlingStep::at)
          .filter(java.util.Objects::nonNull).min(java.util.Comparator.naturalOrder()).orElse(null);
    }
  }

}
