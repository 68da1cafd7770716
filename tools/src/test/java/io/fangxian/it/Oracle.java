package io.fangxian.it;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.fangxian.avro.AccidentDuty;
import io.fangxian.avro.AccidentEvent;
import io.fangxian.avro.CaseEvent;
import io.fangxian.avro.CaseEventType;
import io.fangxian.avro.CertificateEvent;
import io.fangxian.avro.CertificatePost;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.EnterpriseStatus;
import io.fangxian.avro.HazardEvent;
import io.fangxian.avro.HazardEventType;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.InspectionKind;
import io.fangxian.avro.ViolationEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * An independent computation of the figures from the same input, written as plainly as possible
 * (no code shared with the pipeline): the numbers the pipeline must agree with.
 */
public final class Oracle {
  /** The figures of one township or sector. */
  public record Figures(long hazardsReported, long openHazards, long openMajorHazards, long overdueHazards,
      long closedHazards, long violations, double fineYuanTotal, long inspections,
      long accidents, long accidentDeaths, long accidentSeriousInjuries, double accidentDirectLossYuan,
      long accidentsGeneral, long accidentsLarger, long accidentsMajor, long accidentsEspeciallyMajor,
      long accidentsReportedLate, long openUnclassifiedMajorHazards, Map<String, Long> hazardsByCategory,
      Map<String, Long> majorHazardsByClause, long verificationOverdueHazards, long openMajorHazardsUnsupervised,
      Map<String, Long> supervisedMajorHazardsByLevel, long enterprises, long inspectedLast90d, long neverInspected,
      long nonCompliantEnterprises, long certificatesExpiringWithin30d, long certificatesExpired,
      long accidentsSuspectedLateReport, long writeOffReviewsOverdue, long patrolledLast90d,
      long certificatesReviewOverdue, long rectifiedHazards, long accidentDutiesLate, long casesOpened, long casesOpen,
      long casesDecisionOverdue, double penaltyYuanDecided, long dailyFineCases, long criminalTransfers,
      long openMajorHazardsWithoutCase, long reportsReceived, long reportsSubstantiated, long reportsVerificationOverdue,
      double rewardYuan) { }

  /** Public reports (举报): acceptance within 15 days of receipt (rules reports.acceptanceLimit, the product's default). */
  private static final long ACCEPTANCE_LIMIT_MS = 15L * 24 * 3600 * 1000;
  /** Verification within 60 days of acceptance (rules reports.verificationLimit). */
  private static final long VERIFICATION_LIMIT_MS = 60L * 24 * 3600 * 1000;
  /** The townships of the reference data, read here from its CSV: a report must name one. */
  private static final Set<String> TOWNSHIPS = readTownships();

  /** One public report, where its RECEIVED step put it. */
  private static final class PublicReport {
    String enterpriseId; // null: names only an address
    String township;
    String sector; // the named enterprise's at receipt; null: none
    Instant receivedAt;
    Instant acceptedAt;
    boolean rejected;
    boolean verified;
    boolean substantiated;
    boolean replied;
    double rewardYuan; // the latest REWARDED amount
  }

  private final Map<String, PublicReport> publicReports = new HashMap<>();

  /** 行政处罚法 第六十条: a decision within 90 days of 立案 (rules: enforcement.decisionLimit). */
  private static final long DECISION_LIMIT_MS = 90L * 24 * 3600 * 1000;

  /** The product's window in which an open major hazard should be named by a case (rules: enforcement.caseWindow). */
  private static final long CASE_WINDOW_MS = 15L * 24 * 3600 * 1000;

  /** One enforcement case, where it was opened. */
  private static final class Case {
    String enterpriseId;
    String township;
    String sector;
    CaseEventType last;
    Instant openedAt;
    double penaltyYuan; // of the latest decision
    boolean dailyFine;
    boolean transferred;
  }

  private final Map<String, Case> cases = new HashMap<>();
  /** enterpriseId|hazardId named by an applied step of a case of that enterprise. */
  private final Set<String> namedHazards = new HashSet<>();

  /** The department's review of a hazard the enterprise may not close (rules: writeOffReview.within, 10 days). */
  private static final long WRITE_OFF_REVIEW_MS = 10L * 24 * 3600 * 1000;

  /** How long a major hazard may go without 挂牌督办 (rules: majorHazardSupervision.after). */
  private static final long SUPERVISION_DUE_MS = 7L * 24 * 3600 * 1000;

  /** The criteria catalogue, read here from its CSV: clause id → the sectors it applies to (empty: all). */
  private static final Map<String, Set<String>> CLAUSES = readClauses();

  /** The latest version of an accident, where it was first counted. */
  private record Accident(String enterpriseId, String township, String sector, AccidentEvent latest) { }

  private final Map<String, Accident> accidents = new HashMap<>();
  /** accidentId → [enterpriseId, then duty → when done]: the bureau's duties (493号令 第十、十一条). */
  private final Map<String, String> dutyEnterprise = new HashMap<>();
  private final Map<String, Map<String, Instant>> dutiesDone = new HashMap<>();

  private final Map<String, Enterprise> enterprises = new HashMap<>();
  /** enterpriseId → the latest inspection by a department or a leader (ROUTINE, FLYING, LINKED_SUPERVISION). */
  private final Map<String, Instant> lastInspected = new HashMap<>();
  /** enterpriseId → the latest grid patrol. */
  private final Map<String, Instant> lastPatrolled = new HashMap<>();
  /** certificateId → its latest version. */
  private final Map<String, CertificateEvent> certificates = new HashMap<>();
  /** The sectors whose principal and safety manager must be assessed (安全生产法 第二十七条第二款), from the sector list's own column. */
  private static final Set<String> KEY_POST_SECTORS = readKeyPostSectors();
  private final Set<String> seen = new HashSet<>();
  private final Map<String, Hazard> hazards = new HashMap<>();
  private final List<Object[]> counted = new java.util.ArrayList<>(); // township, sector, violation?, fine, inspection?

  private static final class Hazard {
    String enterpriseId;
    String township;
    String sector;
    boolean major;
    String category; // null: unclassified
    String clause; // null: none the catalogue knows
    String supervisionLevel; // null: not under 挂牌督办
    boolean closed;
    boolean verified;
    Instant reportedAt;
    Instant deadline;
    Instant acceptedAt; // accepted by the enterprise but not closed by it: the department's review runs
    int step; // 0 reported, 1 rectifying, 2 rectified, 3 accepted by the enterprise, 4 verified
  }

  // 考核: every inspection naming a unit (first of its id at its enterprise), every hazard report the ledger
  // took (as graded then), every accident's first version.
  private record UnitInspection(String enterpriseId, String inspectionId, String unitId, InspectionKind kind, Instant at) { }

  private record Report(String enterpriseId, String hazardId, HazardSource source, boolean major, Instant at,
      String inspectionId) { }

  private record FirstAccident(String enterpriseId, String accidentId, Instant at) { }

  private final Map<String, UnitInspection> unitInspections = new java.util.LinkedHashMap<>();
  // 回头看: inspections and hazard reports in the order they were taken, with the enterprise's township then.
  private record Arrival(String enterpriseId, String townshipId, InspectionEvent inspection, Report report) { }

  private final List<Arrival> arrivals = new java.util.ArrayList<>();
  private final List<Report> reports = new java.util.ArrayList<>();
  private final List<FirstAccident> firstAccidents = new java.util.ArrayList<>();

  /** One unit's figures, recomputed: the scorecard's (GET /api/v1/units) that do not depend on the clock. */
  public record Units(long inspections, long hazardsFound, long missedHazards, long missedMajorHazards,
      long accidentsAfterInspection) { }

  /**
   * Each unit's figures by brute force over the whole input: a FLYING_INSPECTION or PUBLIC_REPORT
   * hazard is missed by each unit with a ROUTINE, LINKED_SUPERVISION or GRID_PATROL inspection of the
   * same enterprise in [reported − window, reported); an accident likewise; each hazard or accident
   * once per unit.
   */
  public Map<String, Units> units(java.time.Duration window) {
    Map<String, Set<String>> inspected = new HashMap<>();
    Map<String, Set<String>> found = new HashMap<>();
    Map<String, Set<String>> missed = new HashMap<>();
    Map<String, Set<String>> missedMajor = new HashMap<>();
    Map<String, Set<String>> afterAccident = new HashMap<>();
    Set<InspectionKind> charged = Set.of(InspectionKind.ROUTINE, InspectionKind.LINKED_SUPERVISION, InspectionKind.GRID_PATROL);
    for (UnitInspection i : unitInspections.values()) {
      inspected.computeIfAbsent(i.unitId(), k -> new HashSet<>()).add(i.inspectionId());
      for (Report h : reports) {
        if (!h.enterpriseId().equals(i.enterpriseId())) {
          continue;
        }
        if (i.inspectionId().equals(h.inspectionId())) {
          found.computeIfAbsent(i.unitId(), k -> new HashSet<>()).add(h.hazardId());
        }
        boolean byOthers = h.source() == HazardSource.FLYING_INSPECTION || h.source() == HazardSource.PUBLIC_REPORT;
        if (byOthers && charged.contains(i.kind()) && i.at().isBefore(h.at()) && !i.at().isBefore(h.at().minus(window))) {
          missed.computeIfAbsent(i.unitId(), k -> new HashSet<>()).add(h.hazardId());
          if (h.major()) {
            missedMajor.computeIfAbsent(i.unitId(), k -> new HashSet<>()).add(h.hazardId());
          }
        }
      }
      for (FirstAccident a : firstAccidents) {
        if (a.enterpriseId().equals(i.enterpriseId()) && charged.contains(i.kind()) && i.at().isBefore(a.at())
            && !i.at().isBefore(a.at().minus(window))) {
          afterAccident.computeIfAbsent(i.unitId(), k -> new HashSet<>()).add(a.accidentId());
        }
      }
    }
    Map<String, Units> units = new java.util.TreeMap<>();
    for (String unit : inspected.keySet()) {
      units.put(unit, new Units(inspected.get(unit).size(), found.getOrDefault(unit, Set.of()).size(),
          missed.getOrDefault(unit, Set.of()).size(), missedMajor.getOrDefault(unit, Set.of()).size(),
          afterAccident.getOrDefault(unit, Set.of()).size()));
    }
    return units;
  }

  /** A township's 回头看 figures, recomputed (GET /api/v1/units: revisitsDue, revisitsDone, revisitsDoneLate, revisitsOverdue). */
  public record Revisits(long due, long done, long doneLate, long overdue) { }

  /**
   * Each township's revisits by brute force: a hazard first reported with source FLYING_INSPECTION, or
   * naming a FLYING inspection taken before it, owes the revisit of its flying inspection (or of itself
   * when it names none), due {@code within} after the flying inspection (when the input has it, else
   * after the report); the earliest ROUTINE, LINKED_SUPERVISION or FLYING inspection of the enterprise
   * after that time (the flying one aside), whenever it arrived, is the revisit: done by the due time or
   * late; none and the due time past {@code now} is overdue. Counted for the township of the enterprise
   * when the first finding came.
   */
  public Map<String, Revisits> revisits(java.time.Duration within, Instant now) {
    record Owed(String enterpriseId, String anchor, String townshipId, Instant reportedAt) { }
    Set<InspectionKind> revisiting = Set.of(InspectionKind.ROUTINE, InspectionKind.LINKED_SUPERVISION, InspectionKind.FLYING);
    Map<String, InspectionEvent> firstOfEach = new java.util.LinkedHashMap<>();
    for (Arrival a : arrivals) {
      if (a.inspection() != null && revisiting.contains(a.inspection().getKind())) {
        firstOfEach.putIfAbsent(a.enterpriseId() + " " + a.inspection().getInspectionId(), a.inspection());
      }
    }
    Map<String, Owed> owed = new java.util.LinkedHashMap<>();
    Set<String> flyingSoFar = new HashSet<>();
    Set<String> firstReports = new HashSet<>();
    for (Arrival a : arrivals) {
      if (a.inspection() != null) {
        if (a.inspection().getKind() == InspectionKind.FLYING) {
          flyingSoFar.add(a.enterpriseId() + " " + a.inspection().getInspectionId());
        }
      } else if (firstReports.add(a.report().hazardId())) {
        Report h = a.report();
        boolean namesFlying = h.inspectionId() != null && flyingSoFar.contains(a.enterpriseId() + " " + h.inspectionId());
        if (h.source() == HazardSource.FLYING_INSPECTION || namesFlying) {
          String anchor = h.inspectionId() != null ? h.inspectionId() : h.hazardId();
          owed.putIfAbsent(a.enterpriseId() + " " + anchor, new Owed(a.enterpriseId(), anchor, a.townshipId(), h.at()));
        }
      }
    }
    Map<String, long[]> byTownship = new java.util.TreeMap<>();
    for (Owed o : owed.values()) {
      InspectionEvent flown = firstOfEach.get(o.enterpriseId() + " " + o.anchor());
      Instant foundAt = flown != null && flown.getKind() == InspectionKind.FLYING ? flown.getOccurredAt() : o.reportedAt();
      Instant due = foundAt.plus(within);
      Instant revisited = firstOfEach.values().stream()
          .filter(i -> i.getEnterpriseId().equals(o.enterpriseId()) && !i.getInspectionId().equals(o.anchor())
              && i.getOccurredAt().isAfter(foundAt))
          .map(InspectionEvent::getOccurredAt).min(java.util.Comparator.naturalOrder()).orElse(null);
      long[] c = byTownship.computeIfAbsent(o.townshipId(), k -> new long[4]);
      c[0]++;
      if (revisited != null) {
        c[revisited.isAfter(due) ? 2 : 1]++;
      } else if (!due.isAfter(now)) {
        c[3]++;
      }
    }
    Map<String, Revisits> result = new java.util.TreeMap<>();
    byTownship.forEach((t, c) -> result.put(t, new Revisits(c[0], c[1], c[2], c[3])));
    return result;
  }

  public void accept(SpecificRecord r) {
    if (r instanceof Enterprise e) {
      enterprises.put(e.getEnterpriseId(), e);
    } else if (r instanceof HazardEvent h) {
      Enterprise e = enterprises.get(h.getEnterpriseId());
      if (e == null || !seen.add("h" + h.getEventId())) {
        return;
      }
      Hazard hz = hazards.get(h.getHazardId());
      if (!applyHazard(h, hz, e)) {
        seen.remove("h" + h.getEventId()); // refused: a dead letter, which a resend may retry
      } else if (h.getType() == HazardEventType.REPORTED) {
        reports.add(new Report(h.getEnterpriseId(), h.getHazardId(), h.getSource(), hazards.get(h.getHazardId()).major,
            h.getOccurredAt(), h.getInspectionId()));
        arrivals.add(new Arrival(h.getEnterpriseId(), e.getTownshipId(), null, reports.get(reports.size() - 1)));
      }
    } else if (r instanceof ViolationEvent v) {
      Enterprise e = enterprises.get(v.getEnterpriseId());
      if (e != null && seen.add("v" + v.getEventId())) {
        counted.add(new Object[] {e.getTownshipId(), e.getSectorId(), true, v.getFineYuan() == null ? 0.0 : v.getFineYuan(), false});
      }
    } else if (r instanceof AccidentEvent a) {
      Enterprise e = enterprises.get(a.getEnterpriseId());
      if (e == null || !seen.add("a" + a.getEventId())) {
        return;
      }
      Accident known = accidents.get(a.getAccidentId());
      if (known == null) {
        accidents.put(a.getAccidentId(), new Accident(a.getEnterpriseId(), e.getTownshipId(), e.getSectorId(), a));
        firstAccidents.add(new FirstAccident(a.getEnterpriseId(), a.getAccidentId(), a.getOccurredAt()));
      } else if (known.enterpriseId().equals(a.getEnterpriseId())) {
        accidents.put(a.getAccidentId(), new Accident(known.enterpriseId(), known.township(), known.sector(), a));
      } else {
        seen.remove("a" + a.getEventId());
      }
    } else if (r instanceof AccidentDuty d) {
      Enterprise e = enterprises.get(d.getEnterpriseId());
      if (e == null || !seen.add("d" + d.getEventId())) {
        return;
      }
      Accident known = accidents.get(d.getAccidentId());
      String owner = known != null ? known.enterpriseId() : dutyEnterprise.getOrDefault(d.getAccidentId(), d.getEnterpriseId());
      if (!owner.equals(d.getEnterpriseId())) {
        seen.remove("d" + d.getEventId());
        return;
      }
      dutyEnterprise.put(d.getAccidentId(), owner);
      dutiesDone.computeIfAbsent(d.getAccidentId(), k -> new HashMap<>()).put(d.getDuty().name(), d.getDoneAt());
    } else if (r instanceof InspectionEvent i) {
      Enterprise e = enterprises.get(i.getEnterpriseId());
      if (e != null && seen.add("i" + i.getEventId())) {
        counted.add(new Object[] {e.getTownshipId(), e.getSectorId(), false, 0.0, true});
        arrivals.add(new Arrival(i.getEnterpriseId(), e.getTownshipId(), i, null));
        if (i.getUnitId() != null) {
          unitInspections.putIfAbsent(i.getEnterpriseId() + " " + i.getInspectionId(),
              new UnitInspection(i.getEnterpriseId(), i.getInspectionId(), i.getUnitId(), i.getKind(), i.getOccurredAt()));
        }
        if (i.getKind() == InspectionKind.ROUTINE || i.getKind() == InspectionKind.FLYING
            || i.getKind() == InspectionKind.LINKED_SUPERVISION) {
          lastInspected.merge(i.getEnterpriseId(), i.getOccurredAt(), (a, b) -> a.isAfter(b) ? a : b);
        } else if (i.getKind() == InspectionKind.GRID_PATROL) {
          lastPatrolled.merge(i.getEnterpriseId(), i.getOccurredAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
      }
    } else if (r instanceof CertificateEvent c) {
      certificates.put(c.getCertificateId(), c);
    } else if (r instanceof io.fangxian.avro.PublicReportEvent p) {
      Enterprise e = p.getEnterpriseId() == null ? null : enterprises.get(p.getEnterpriseId());
      if (p.getEventId() == null || p.getReportId() == null || p.getReportId().isEmpty()
          || (p.getEnterpriseId() != null && e == null) || !seen.add("p" + p.getEventId())) {
        return;
      }
      if (!applyReport(p, e)) {
        seen.remove("p" + p.getEventId()); // refused: a dead letter
      }
    } else if (r instanceof CaseEvent c) {
      Enterprise e = enterprises.get(c.getEnterpriseId());
      if (e == null || !seen.add("c" + c.getEventId())) {
        return;
      }
      if (!applyCase(c, e)) {
        seen.remove("c" + c.getEventId()); // refused: a dead letter
      }
    }
  }

  /**
   * A report's steps in the order docs/design.md ("Public reports") states: RECEIVED first (with a
   * township of the reference data, or else the named enterprise's), ACCEPTED or REJECTED after it, nothing after REJECTED, ASSIGNED
   * after ACCEPTED until VERIFIED, VERIFIED once after ACCEPTED, REPLIED once after VERIFIED, REWARDED
   * after VERIFIED of a substantiated report (the latest amount counts); every step names the
   * enterprise RECEIVED named (or none). False when refused.
   */
  private boolean applyReport(io.fangxian.avro.PublicReportEvent p, Enterprise e) {
    String type = p.getType().name();
    PublicReport k = publicReports.get(p.getReportId());
    if (k == null) {
      String township = p.getTownshipId() != null ? p.getTownshipId() : e != null ? e.getTownshipId() : null;
      if (!type.equals("RECEIVED") || township == null || !TOWNSHIPS.contains(township)) {
        return false;
      }
      k = new PublicReport();
      k.enterpriseId = p.getEnterpriseId();
      k.township = township;
      k.sector = e == null ? null : e.getSectorId();
      k.receivedAt = p.getOccurredAt();
      publicReports.put(p.getReportId(), k);
      return true;
    }
    if (!java.util.Objects.equals(k.enterpriseId, p.getEnterpriseId()) || k.rejected) {
      return false;
    }
    switch (type) {
      case "ACCEPTED" -> {
        if (k.acceptedAt != null) {
          return false;
        }
        k.acceptedAt = p.getOccurredAt();
      }
      case "REJECTED" -> {
        if (k.acceptedAt != null) {
          return false;
        }
        k.rejected = true;
      }
      case "ASSIGNED" -> {
        return k.acceptedAt != null && !k.verified;
      }
      case "VERIFIED" -> {
        if (k.acceptedAt == null || k.verified || p.getSubstantiated() == null) {
          return false;
        }
        k.verified = true;
        k.substantiated = p.getSubstantiated();
      }
      case "REPLIED" -> {
        if (!k.verified || k.replied) {
          return false;
        }
        k.replied = true;
      }
      case "REWARDED" -> {
        if (!k.verified || !k.substantiated || p.getRewardYuan() == null || p.getRewardYuan() < 0) {
          return false;
        }
        k.rewardYuan = p.getRewardYuan();
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  /** The steps' order as docs/design.md ("Enforcement cases") states it; false when refused. */
  private boolean applyCase(CaseEvent c, Enterprise e) {
    Case k = cases.get(c.getCaseId());
    if (k == null) {
      if (c.getType() != CaseEventType.OPENED) {
        return false;
      }
      k = new Case();
      k.enterpriseId = c.getEnterpriseId();
      k.township = e.getTownshipId();
      k.sector = e.getSectorId();
      k.openedAt = c.getOccurredAt();
      k.last = CaseEventType.OPENED;
      cases.put(c.getCaseId(), k);
    } else {
      if (!k.enterpriseId.equals(c.getEnterpriseId())) {
        return false;
      }
      CaseEventType was = k.last;
      boolean ok = switch (c.getType()) {
        case DECIDED -> was == CaseEventType.OPENED || was == CaseEventType.DECIDED;
        case TRANSFERRED -> was == CaseEventType.OPENED || was == CaseEventType.DECIDED;
        case CLOSED -> was == CaseEventType.DECIDED || was == CaseEventType.TRANSFERRED;
        case WITHDRAWN -> was == CaseEventType.OPENED;
        default -> false;
      };
      if (!ok) {
        return false;
      }
      k.last = c.getType();
      if (c.getType() == CaseEventType.DECIDED) {
        k.penaltyYuan = 0;
        k.dailyFine = false;
        for (var p : c.getPenalties()) {
          k.penaltyYuan += p.getAmountYuan() == null ? 0 : p.getAmountYuan();
          k.dailyFine |= p.getKind().name().equals("DAILY_FINE");
        }
      }
      if (c.getType() == CaseEventType.TRANSFERRED) {
        k.transferred = true;
      }
    }
    for (CharSequence h : c.getHazardIds()) {
      namedHazards.add(c.getEnterpriseId() + "|" + h);
    }
    return true;
  }

  /** Applies a hazard event as the rules in docs/design.md state them; false when it must be refused. */
  private boolean applyHazard(HazardEvent h, Hazard hz, Enterprise e) {
    if (h.getType() == HazardEventType.REPORTED) {
      if (hz != null) {
        return false;
      }
      hz = new Hazard();
      hz.enterpriseId = h.getEnterpriseId();
      hz.township = e.getTownshipId();
      hz.sector = e.getSectorId();
      hz.reportedAt = h.getOccurredAt();
      hz.deadline = h.getDeadline();
      hz.category = h.getCategory() == null ? null : h.getCategory().name();
      if (!grade(hz, h.getSeverity() == HazardSeverity.MAJOR, h.getClauseId())) {
        return false;
      }
      hazards.put(h.getHazardId(), hz);
      return true;
    }
    if (hz == null || hz.verified || (hz.closed && h.getType() != HazardEventType.VERIFIED_CLOSED
        && h.getType() != HazardEventType.RECHECK_FAILED)) {
      return false;
    }
    switch (h.getType()) {
      case DEADLINE_EXTENDED -> hz.deadline = h.getDeadline();
      case SUPERVISION_ASSIGNED -> {
        if (!hz.major) {
          return false;
        }
        hz.supervisionLevel = h.getSupervision().getLevel().name();
      }
      case REGRADED -> {
        boolean toMajor = h.getSeverity() == HazardSeverity.MAJOR;
        if (toMajor == hz.major) {
          return false;
        }
        if (!grade(hz, toMajor, toMajor ? h.getClauseId() : null)) {
          return false;
        }
      }
      case SUPERVISION_LIFTED -> {
        if (hz.major || hz.supervisionLevel == null) {
          return false;
        }
        hz.supervisionLevel = null;
        if (hz.step == 3) {
          hz.closed = true;
          hz.acceptedAt = null;
        }
      }
      case RECHECK_FAILED -> {
        if (hz.step != 2 && hz.step != 3) {
          return false;
        }
        hz.step = 1;
        hz.closed = false;
        hz.acceptedAt = null;
      }
      default -> {
        int step = switch (h.getType()) {
          case RECTIFICATION_STARTED -> 1;
          case RECTIFIED -> 2;
          case ENTERPRISE_ACCEPTED -> 3;
          case VERIFIED_CLOSED -> 4;
          default -> -1;
        };
        if (step <= hz.step) {
          return false;
        }
        hz.step = step;
        hz.verified = step == 4;
        // The enterprise's acceptance closes a general hazard not under 挂牌督办; a major or supervised
        // one waits for the department's write-off (核销), whose review is due 10 days on.
        boolean closesItself = step == 3 && !hz.major && hz.supervisionLevel == null;
        hz.closed = hz.closed || step == 4 || closesItself;
        if (step == 3 && !closesItself) {
          hz.acceptedAt = h.getOccurredAt();
        }
      }
    }
    return true;
  }

  /** Sets the severity and clause; false for a clause of another sector's standard. */
  private static boolean grade(Hazard hz, boolean major, String clauseId) {
    Set<String> clauseSectors = clauseId == null ? null : CLAUSES.get(clauseId.trim());
    if (clauseSectors != null && !clauseSectors.isEmpty() && !clauseSectors.contains(hz.sector)) {
      return false;
    }
    hz.major = major;
    hz.clause = clauseSectors == null ? null : clauseId.trim();
    return true;
  }

  /** Figures per township (or per sector) as of the wall-clock time {@code now}. */
  public Map<String, Figures> figures(boolean byTownship, Instant now) {
    Map<String, long[]> n = new TreeMap<>();
    Map<String, Double> fines = new TreeMap<>();
    Map<String, Map<String, Long>> categories = new TreeMap<>();
    Map<String, Map<String, Long>> clauses = new TreeMap<>();
    Map<String, Long> unclassifiedOpen = new TreeMap<>();
    Map<String, Long> verificationOverdue = new TreeMap<>();
    Map<String, Long> rectified = new TreeMap<>(); // open, rectified (or accepted), waiting to be closed
    Map<String, Long> unsupervised = new TreeMap<>();
    Map<String, Long> writeOffLate = new TreeMap<>();
    Map<String, Map<String, Long>> supervised = new TreeMap<>();
    Map<String, Long> withoutCase = new TreeMap<>();
    for (Map.Entry<String, Hazard> entry : hazards.entrySet()) {
      Hazard h = entry.getValue();
      String area0 = byTownship ? h.township : h.sector;
      if (!h.closed && h.major && h.reportedAt.toEpochMilli() + CASE_WINDOW_MS <= now.toEpochMilli()
          && !namedHazards.contains(h.enterpriseId + "|" + entry.getKey())) {
        withoutCase.merge(area0, 1L, Long::sum);
      }
    }
    // Cases: [opened, open, decision overdue, daily fine, transferred] and the decided yuan.
    Map<String, long[]> caseCounts = new TreeMap<>();
    Map<String, Double> decidedYuan = new TreeMap<>();
    for (Case k : cases.values()) {
      String area = byTownship ? k.township : k.sector;
      long[] c = caseCounts.computeIfAbsent(area, x -> new long[5]);
      c[0]++;
      c[1] += k.last != CaseEventType.CLOSED && k.last != CaseEventType.WITHDRAWN ? 1 : 0;
      c[2] += k.last == CaseEventType.OPENED && k.openedAt.toEpochMilli() + DECISION_LIMIT_MS <= now.toEpochMilli() ? 1 : 0;
      c[3] += k.dailyFine ? 1 : 0;
      c[4] += k.transferred ? 1 : 0;
      decidedYuan.merge(area, k.penaltyYuan, Double::sum);
    }
    for (Hazard h : hazards.values()) {
      String area = byTownship ? h.township : h.sector;
      long[] c = n.computeIfAbsent(area, k -> new long[7]);
      c[0]++;
      categories.computeIfAbsent(area, k -> new TreeMap<>()).merge(h.category == null ? "UNCLASSIFIED" : h.category, 1L, Long::sum);
      if (h.major) {
        clauses.computeIfAbsent(area, k -> new TreeMap<>()).merge(h.clause == null ? "UNCLASSIFIED" : h.clause, 1L, Long::sum);
      }
      if (h.closed) {
        c[4]++;
      } else {
        c[1]++;
        c[2] += h.major ? 1 : 0;
        unclassifiedOpen.merge(area, h.major && h.clause == null ? 1L : 0L, Long::sum);
        boolean pastDeadline = h.deadline != null && !h.deadline.isAfter(now);
        c[3] += pastDeadline && h.step < 2 ? 1 : 0;
        verificationOverdue.merge(area, pastDeadline && h.step >= 2 ? 1L : 0L, Long::sum);
        writeOffLate.merge(area, h.acceptedAt != null
            && h.acceptedAt.toEpochMilli() + WRITE_OFF_REVIEW_MS <= now.toEpochMilli() ? 1L : 0L, Long::sum);
        rectified.merge(area, h.step >= 2 ? 1L : 0L, Long::sum);
        unsupervised.merge(area, h.major && h.supervisionLevel == null
            && h.reportedAt.toEpochMilli() + SUPERVISION_DUE_MS <= now.toEpochMilli() ? 1L : 0L, Long::sum);
        if (h.major && h.supervisionLevel != null) {
          supervised.computeIfAbsent(area, k -> new TreeMap<>()).merge(h.supervisionLevel, 1L, Long::sum);
        }
      }
    }
    for (Object[] row : counted) {
      String area = (String) (byTownship ? row[0] : row[1]);
      long[] c = n.computeIfAbsent(area, k -> new long[7]);
      if ((Boolean) row[2]) {
        c[5]++;
        fines.merge(area, (Double) row[3], Double::sum);
      } else {
        c[6]++;
      }
    }
    // Accidents: [count, deaths, serious, general, larger, major, especially major, late]; grades per
    // 国务院令第493号 art. 3 written out here, late per art. 9 (more than 60 minutes).
    Map<String, long[]> acc = new TreeMap<>();
    Map<String, Double> losses = new TreeMap<>();
    for (Accident a : accidents.values()) {
      String area = byTownship ? a.township() : a.sector();
      n.computeIfAbsent(area, k -> new long[7]);
      long[] c = acc.computeIfAbsent(area, k -> new long[10]);
      AccidentEvent e = a.latest();
      int d = e.getDeaths();
      int s = e.getSeriousInjuries();
      double y = e.getDirectLossYuan();
      c[0]++;
      c[1] += d;
      c[2] += s;
      if (d >= 30 || s >= 100 || y >= 1e8) {
        c[6]++;
      } else if (d >= 10 || s >= 50 || y >= 5e7) {
        c[5]++;
      } else if (d >= 3 || s >= 10 || y >= 1e7) {
        c[4]++;
      } else {
        c[3]++;
      }
      // 迟报 counts from when the unit's head was informed; without that time, only 疑似迟报.
      if (e.getHeadInformedAt() != null) {
        c[7] += e.getReportedAt().toEpochMilli() - e.getHeadInformedAt().toEpochMilli() > 3_600_000L ? 1 : 0;
      } else {
        c[8] += e.getReportedAt().toEpochMilli() - e.getOccurredAt().toEpochMilli() > 3_600_000L ? 1 : 0;
      }
      losses.merge(area, y, Double::sum);
      // The six duties, each due 2 hours after the report was received.
      Instant due = e.getReportedAt().plus(java.time.Duration.ofHours(2));
      Map<String, Instant> done = dutiesDone.getOrDefault(e.getAccidentId(), Map.of());
      boolean late = false;
      for (String duty : List.of("REPORTED_TO_GOVERNMENT", "REPORTED_UP", "NOTIFIED_PUBLIC_SECURITY",
          "NOTIFIED_HUMAN_RESOURCES", "NOTIFIED_TRADE_UNION", "NOTIFIED_PROCURATORATE")) {
        Instant at = done.get(duty);
        late |= at == null ? !now.isBefore(due) : at.isAfter(due);
      }
      c[9] += late ? 1 : 0;
    }
    // Coverage and certificates, as docs/design.md states them: [enterprises, inspected in 90 days,
    // never inspected, not compliant, expiring lines, expired lines] of the enterprises not closed.
    Map<String, long[]> standing = new TreeMap<>();
    for (Enterprise e : enterprises.values()) {
      if (e.getStatus() == EnterpriseStatus.CLOSED) {
        continue;
      }
      String area = byTownship ? e.getTownshipId() : e.getSectorId();
      n.computeIfAbsent(area, k -> new long[7]);
      long[] c = standing.computeIfAbsent(area, k -> new long[8]);
      Instant last = lastInspected.get(e.getEnterpriseId());
      c[0]++;
      c[1] += last != null && last.isAfter(now.minus(java.time.Duration.ofDays(90))) ? 1 : 0;
      c[2] += last == null ? 1 : 0;
      Instant patrol = lastPatrolled.get(e.getEnterpriseId());
      c[6] += patrol != null && patrol.isAfter(now.minus(java.time.Duration.ofDays(90))) ? 1 : 0;
      List<CertificateEvent> held = certificates.values().stream()
          .filter(x -> x.getEnterpriseId().equals(e.getEnterpriseId())).toList();
      boolean needsPosts = KEY_POST_SECTORS.contains(e.getSectorId()); // not the key area, the zone or the risk level
      boolean compliant = !needsPosts || (valid(held, CertificatePost.PRINCIPAL, now) && valid(held, CertificatePost.SAFETY_MANAGER, now));
      for (String operation : e.getSpecialOperations()) {
        compliant &= held.stream().anyMatch(x -> x.getPost() == CertificatePost.SPECIAL_OPERATOR && !x.getRevoked()
            && !x.getIssuedAt().isAfter(now) && x.getExpiresAt().isAfter(now) && !reviewOverdue(x, now)
            && x.getOperationType() != null && category(x.getOperationType()).equals(category(operation)));
      }
      c[3] += compliant ? 0 : 1;
      Map<String, CertificateEvent> latestOfLine = new HashMap<>();
      for (CertificateEvent x : held) {
        if (!x.getRevoked()) {
          latestOfLine.merge(x.getHolderId() + "|" + x.getPost() + "|" + x.getOperationType(), x,
              (p, q) -> q.getExpiresAt().isAfter(p.getExpiresAt()) ? q : p);
        }
      }
      for (CertificateEvent x : latestOfLine.values()) {
        if (!x.getExpiresAt().isAfter(now)) {
          c[5]++;
          continue;
        }
        if (!x.getIssuedAt().isAfter(now) && !x.getExpiresAt().isAfter(now.plus(java.time.Duration.ofDays(30)))) {
          c[4]++;
        }
        c[7] += reviewOverdue(x, now) ? 1 : 0;
      }
    }
    // Reports: [received, substantiated, verification overdue] and the rewards; a report naming no
    // enterprise counts in its township and in no sector.
    Map<String, long[]> reportCounts = new TreeMap<>();
    Map<String, Double> rewards = new TreeMap<>();
    for (PublicReport k : publicReports.values()) {
      String area = byTownship ? k.township : k.sector;
      if (area == null) {
        continue;
      }
      long[] c = reportCounts.computeIfAbsent(area, x -> new long[3]);
      c[0]++;
      c[1] += k.verified && k.substantiated ? 1 : 0;
      long clockStart = k.receivedAt.toEpochMilli() + ACCEPTANCE_LIMIT_MS;
      if (k.acceptedAt != null && k.acceptedAt.toEpochMilli() < clockStart) {
        clockStart = k.acceptedAt.toEpochMilli();
      }
      c[2] += !k.rejected && !k.verified && now.toEpochMilli() >= clockStart + VERIFICATION_LIMIT_MS ? 1 : 0;
      rewards.merge(area, k.rewardYuan, Double::sum);
    }
    reportCounts.keySet().forEach(area -> n.computeIfAbsent(area, k -> new long[7]));
    caseCounts.keySet().forEach(area -> n.computeIfAbsent(area, k -> new long[7]));
    withoutCase.keySet().forEach(area -> n.computeIfAbsent(area, k -> new long[7]));
    Map<String, Figures> result = new TreeMap<>();
    n.forEach((area, c) -> {
      long[] k = caseCounts.getOrDefault(area, new long[5]);
      long[] rc = reportCounts.getOrDefault(area, new long[3]);
      long[] a = acc.getOrDefault(area, new long[10]);
      long[] st = standing.getOrDefault(area, new long[8]);
      result.put(area, new Figures(c[0], c[1], c[2], c[3], c[4], c[5],
          Math.round(fines.getOrDefault(area, 0.0) * 100) / 100.0, c[6],
          a[0], a[1], a[2], Math.round(losses.getOrDefault(area, 0.0) * 100) / 100.0, a[3], a[4], a[5], a[6], a[7],
          unclassifiedOpen.getOrDefault(area, 0L), categories.getOrDefault(area, Map.of()),
          clauses.getOrDefault(area, Map.of()), verificationOverdue.getOrDefault(area, 0L),
          unsupervised.getOrDefault(area, 0L), supervised.getOrDefault(area, Map.of()),
          st[0], st[1], st[2], st[3], st[4], st[5], a[8], writeOffLate.getOrDefault(area, 0L), st[6], st[7],
          rectified.getOrDefault(area, 0L), a[9], k[0], k[1], k[2],
          Math.round(decidedYuan.getOrDefault(area, 0.0) * 100) / 100.0, k[3], k[4], withoutCase.getOrDefault(area, 0L),
          rc[0], rc[1], rc[2], Math.round(rewards.getOrDefault(area, 0.0) * 100) / 100.0));
    });
    return result;
  }

  /**
   * 复审 (原国家安全监管总局令第30号 第二十一条): a special operator's certificate, valid, past the third
   * anniversary of its issue (in China's time) with no review recorded, when it runs longer than that.
   */
  private static boolean reviewOverdue(CertificateEvent x, Instant now) {
    if (x.getPost() != CertificatePost.SPECIAL_OPERATOR || x.getRevoked() || x.getIssuedAt().isAfter(now)
        || !x.getExpiresAt().isAfter(now)) {
      return false;
    }
    Instant due = x.getIssuedAt().atOffset(java.time.ZoneOffset.ofHours(8)).plusYears(3).toInstant();
    boolean reviewed = x.getReviewedAt() != null && !x.getReviewedAt().isBefore(x.getIssuedAt());
    return due.isBefore(x.getExpiresAt()) && !due.isAfter(now) && !reviewed;
  }

  private static boolean valid(List<CertificateEvent> held, CertificatePost post, Instant now) {
    return held.stream().anyMatch(x -> x.getPost() == post && !x.getRevoked() && !x.getIssuedAt().isAfter(now)
        && x.getExpiresAt().isAfter(now));
  }

  /** The 特种作业目录 category a text names (its id, its name or one of its items), else the text itself. */
  private static String category(String text) {
    String t = text.strip();
    return OPERATIONS.getOrDefault(t, t);
  }

  private static final Map<String, String> OPERATIONS = readOperations();

  private static Map<String, String> readOperations() {
    Map<String, String> byName = new HashMap<>();
    for (Map<String, String> row : rows("reference/special-operations.csv")) {
      String id = row.get("id").trim();
      byName.put(id, id);
      byName.put(row.get("nameZh").trim(), id);
      for (String item : row.get("items").split(";")) {
        byName.put(item.trim(), id);
      }
    }
    return byName;
  }

  private static Set<String> readKeyPostSectors() {
    Set<String> sectors = new HashSet<>();
    for (Map<String, String> row : rows("reference/sectors.csv")) {
      if (row.get("keyPostCertificates").trim().equals("true")) {
        sectors.add(row.get("id").trim());
      }
    }
    return sectors;
  }

  private static Set<String> readTownships() {
    Set<String> ids = new HashSet<>();
    for (Map<String, String> row : rows("reference/townships.csv")) {
      ids.add(row.get("id").trim());
    }
    return ids;
  }

  private static Map<String, Set<String>> readClauses() {
    Map<String, Set<String>> clauses = new HashMap<>();
    for (Map<String, String> row : rows("reference/major-hazard-criteria.csv")) {
      clauses.put(row.get("clauseId").trim(), row.get("sectors").trim().equals("*")
          ? Set.of() : Set.of(row.get("sectors").trim().split(";")));
    }
    return clauses;
  }

  /** The rows of a CSV file of the product's reference data, read here on their own, by column name. */
  private static List<Map<String, String>> rows(String resource) {
    try (var in = Oracle.class.getClassLoader().getResourceAsStream(resource);
         var rows = new CsvMapper().readerForMapOf(String.class).with(CsvSchema.emptySchema().withHeader())
             .<Map<String, String>>readValues(in)) {
      return rows.readAll();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
