package io.fangxian.intake;

import io.fangxian.avro.AccidentDuty;
import io.fangxian.avro.AccidentDutyKind;
import io.fangxian.avro.AccidentEvent;
import io.fangxian.avro.AccidentType;
import io.fangxian.avro.AlertAction;
import io.fangxian.avro.AlertActionType;
import io.fangxian.avro.CaseEvent;
import io.fangxian.avro.CaseEventType;
import io.fangxian.avro.CertificateEvent;
import io.fangxian.avro.CertificatePost;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.EnterpriseStatus;
import io.fangxian.avro.HazardCategory;
import io.fangxian.avro.HazardEvent;
import io.fangxian.avro.HazardEventType;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.InspectionKind;
import io.fangxian.avro.Penalty;
import io.fangxian.avro.PenaltyKind;
import io.fangxian.avro.PublicReportEvent;
import io.fangxian.avro.PublicReportEventType;
import io.fangxian.avro.ReportChannel;
import io.fangxian.avro.RiskLevel;
import io.fangxian.avro.SupervisionLevel;
import io.fangxian.avro.ViolationAction;
import io.fangxian.avro.ViolationEvent;
import io.fangxian.avro.WarningLevel;
import io.fangxian.avro.WeatherWarning;
import io.fangxian.domain.CreditCode;
import io.fangxian.domain.WeatherSignals;
import io.fangxian.validate.InvalidRecordException;
import io.fangxian.validate.RejectReason;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Checks one input record on its own (no state): required fields, symbols, the enterprise code,
 * the key, and that the event time is plausible against the wall clock. Throws
 * {@link InvalidRecordException} with a reason a person can act on.
 */
public final class EventValidator {
  /** Longest accepted free text (names, descriptions), in characters. */
  public static final int MAX_TEXT_CHARS = 10_000;
  /** Longest accepted identifier (fields named *Id), in characters. */
  public static final int MAX_ID_CHARS = 128;

  private final Duration maxFutureSkew;
  private final Instant earliestEventTime;

  public EventValidator(Duration maxFutureSkew, Instant earliestEventTime) {
    this.maxFutureSkew = maxFutureSkew;
    this.earliestEventTime = earliestEventTime;
  }

  public void validate(String key, Object value, long wallClockMs) {
    if (value instanceof HazardEvent e) {
      hazard(key, e, wallClockMs);
    } else if (value instanceof ViolationEvent e) {
      violation(key, e, wallClockMs);
    } else if (value instanceof InspectionEvent e) {
      inspection(key, e, wallClockMs);
    } else if (value instanceof AccidentEvent a) {
      accident(key, a, wallClockMs);
    } else if (value instanceof AccidentDuty d) {
      accidentDuty(key, d, wallClockMs);
    } else if (value instanceof CaseEvent c) {
      enforcementCase(key, c, wallClockMs);
    } else if (value instanceof PublicReportEvent r) {
      publicReport(key, r, wallClockMs);
    } else if (value instanceof WeatherWarning w) {
      weather(key, w, wallClockMs);
    } else if (value instanceof Enterprise e) {
      enterprise(key, e);
    } else if (value instanceof AlertAction a) {
      alertAction(key, a, wallClockMs);
    } else if (value instanceof CertificateEvent c) {
      certificate(key, c);
    } else {
      throw new InvalidRecordException(RejectReason.MISSING_FIELD,
          "record has no value (a tombstone is only accepted on " + "reference.enterprises)");
    }
    lengths((org.apache.avro.specific.SpecificRecord) value);
  }

  /**
   * Strings of absurd length (megabytes in a description) are rejected here: carried on into the
   * ledger, the alerts and the changelogs they would exceed the topics' record size limits.
   */
  private static void lengths(org.apache.avro.specific.SpecificRecord r) {
    for (org.apache.avro.Schema.Field f : r.getSchema().getFields()) {
      Object v = r.get(f.pos());
      if (v instanceof CharSequence s) {
        length(f.name(), s);
      } else if (v instanceof java.util.List<?> list) {
        for (Object o : list) {
          if (o instanceof CharSequence s) {
            length(f.name() + "[]", s);
          }
        }
      }
    }
  }

  private static void length(String field, CharSequence s) {
    boolean id = field.endsWith("Id") || field.endsWith("Ids[]");
    int max = id ? MAX_ID_CHARS : MAX_TEXT_CHARS;
    if (s.length() > max) {
      throw new InvalidRecordException(RejectReason.INVALID_FIELD, field + " is " + s.length()
          + " characters long; at most " + max + " are accepted" + (id ? " in an identifier" : ""));
    }
  }

  void enterprise(String key, Enterprise e) {
    enterpriseCode(e.getEnterpriseId());
    keyMatches(key, e.getEnterpriseId(), "enterpriseId");
    required("name", e.getName());
    required("townshipId", e.getTownshipId());
    required("sectorId", e.getSectorId());
    known("riskLevel", e.getRiskLevel(), RiskLevel.UNKNOWN, RiskLevel.values());
    known("status", e.getStatus(), EnterpriseStatus.UNKNOWN, EnterpriseStatus.values());
  }

  void certificate(String key, CertificateEvent c) {
    required("eventId", c.getEventId());
    required("certificateId", c.getCertificateId());
    keyMatches(key, c.getCertificateId(), "certificateId");
    required("holderId", c.getHolderId());
    required("holderName", c.getHolderName());
    enterpriseCode(c.getEnterpriseId());
    known("post", c.getPost(), CertificatePost.UNKNOWN, CertificatePost.values());
    if (c.getPost() == CertificatePost.SPECIAL_OPERATOR && (c.getOperationType() == null || c.getOperationType().isBlank())) {
      throw new InvalidRecordException(RejectReason.MISSING_FIELD,
          "operationType is required for a SPECIAL_OPERATOR certificate (a 特种作业目录 category, e.g. 电工作业)");
    }
    if (!c.getExpiresAt().isAfter(c.getIssuedAt())) {
      throw new InvalidRecordException(RejectReason.INVALID_FIELD,
          "expiresAt (" + c.getExpiresAt() + ") must be after issuedAt (" + c.getIssuedAt() + ")");
    }
    if (c.getReviewedAt() != null && c.getReviewedAt().isBefore(c.getIssuedAt())) {
      throw new InvalidRecordException(RejectReason.INVALID_FIELD,
          "reviewedAt (" + c.getReviewedAt() + ") must not be before issuedAt (" + c.getIssuedAt() + ")");
    }
  }

  void hazard(String key, HazardEvent e, long now) {
    required("eventId", e.getEventId());
    required("hazardId", e.getHazardId());
    enterpriseCode(e.getEnterpriseId());
    keyMatches(key, e.getEnterpriseId(), "enterpriseId");
    known("type", e.getType(), HazardEventType.UNKNOWN, HazardEventType.values());
    eventTime(e.getOccurredAt(), now);
    if (e.getType() == HazardEventType.REPORTED) {
      if (e.getSeverity() == null) {
        missing("severity", "a REPORTED event must say its severity");
      }
      if (e.getSource() == null) {
        missing("source", "a REPORTED event must say its source");
      }
      if (e.getCategory() != null) {
        known("category", e.getCategory(), HazardCategory.UNKNOWN, HazardCategory.values());
      }
    }
    if (e.getSeverity() != null) {
      known("severity", e.getSeverity(), HazardSeverity.UNKNOWN, HazardSeverity.values());
    }
    if (e.getSource() != null) {
      known("source", e.getSource(), HazardSource.UNKNOWN, HazardSource.values());
    }
    if (e.getType() == HazardEventType.DEADLINE_EXTENDED && e.getDeadline() == null) {
      missing("deadline", "a DEADLINE_EXTENDED event must give the new deadline");
    }
    if (e.getType() == HazardEventType.REGRADED && e.getSeverity() == null) {
      missing("severity", "a REGRADED event must give the new severity");
    }
    if (e.getType() == HazardEventType.SUPERVISION_ASSIGNED) {
      if (e.getSupervision() == null) {
        missing("supervision", "a SUPERVISION_ASSIGNED event must give the supervision: level, department and 五落实");
      }
      known("supervision.level", e.getSupervision().getLevel(), SupervisionLevel.UNKNOWN, SupervisionLevel.values());
      required("supervision.department", e.getSupervision().getDepartment());
      if (e.getSupervision().getFundsYuan() != null && !(e.getSupervision().getFundsYuan() >= 0)) {
        throw new InvalidRecordException(RejectReason.INVALID_FIELD,
            "supervision.fundsYuan must be 0 or more yuan, got " + e.getSupervision().getFundsYuan());
      }
    }
  }

  void violation(String key, ViolationEvent e, long now) {
    required("eventId", e.getEventId());
    required("violationId", e.getViolationId());
    enterpriseCode(e.getEnterpriseId());
    keyMatches(key, e.getEnterpriseId(), "enterpriseId");
    known("action", e.getAction(), ViolationAction.UNKNOWN, ViolationAction.values());
    eventTime(e.getOccurredAt(), now);
    Double fine = e.getFineYuan();
    if (fine != null && (fine.isNaN() || fine.isInfinite() || fine < 0)) {
      throw new InvalidRecordException(RejectReason.INVALID_FIELD,
          "fineYuan must be a non-negative amount, got " + fine);
    }
  }

  void inspection(String key, InspectionEvent e, long now) {
    required("eventId", e.getEventId());
    required("inspectionId", e.getInspectionId());
    enterpriseCode(e.getEnterpriseId());
    keyMatches(key, e.getEnterpriseId(), "enterpriseId");
    known("kind", e.getKind(), InspectionKind.UNKNOWN, InspectionKind.values());
    eventTime(e.getOccurredAt(), now);
    if (e.getFindings() < 0) {
      throw new InvalidRecordException(RejectReason.INVALID_FIELD,
          "findings must be 0 or more, got " + e.getFindings());
    }
    if (e.getUnitId() != null && e.getUnitId().isBlank()) {
      throw new InvalidRecordException(RejectReason.INVALID_FIELD,
          "unitId, when given, must name the inspecting township, department or grid; got a blank one");
    }
  }

  void accidentDuty(String key, AccidentDuty d, long now) {
    required("eventId", d.getEventId());
    required("accidentId", d.getAccidentId());
    enterpriseCode(d.getEnterpriseId());
    keyMatches(key, d.getEnterpriseId(), "enterpriseId");
    known("duty", d.getDuty(), AccidentDutyKind.UNKNOWN, AccidentDutyKind.values());
    eventTime(d.getDoneAt(), now);
  }

  void accident(String key, AccidentEvent a, long now) {
    required("eventId", a.getEventId());
    required("accidentId", a.getAccidentId());
    enterpriseCode(a.getEnterpriseId());
    keyMatches(key, a.getEnterpriseId(), "enterpriseId");
    known("accidentType", a.getAccidentType(), AccidentType.UNKNOWN, AccidentType.values());
    eventTime(a.getOccurredAt(), now);
    eventTime(a.getReportedAt(), now);
    if (a.getReportedAt().isBefore(a.getOccurredAt())) {
      throw new InvalidRecordException(RejectReason.INVALID_FIELD,
          "reportedAt (" + a.getReportedAt() + ") must not be before occurredAt (" + a.getOccurredAt() + ")");
    }
    Instant informed = a.getHeadInformedAt();
    if (informed != null && (informed.isBefore(a.getOccurredAt()) || informed.isAfter(a.getReportedAt()))) {
      throw new InvalidRecordException(RejectReason.INVALID_FIELD, "headInformedAt (" + informed
          + ") must lie between occurredAt (" + a.getOccurredAt() + ") and reportedAt (" + a.getReportedAt() + ")");
    }
    if (a.getSupplementedAt() != null && a.getSupplementedAt().isBefore(a.getOccurredAt())) {
      throw new InvalidRecordException(RejectReason.INVALID_FIELD,
          "supplementedAt (" + a.getSupplementedAt() + ") must not be before occurredAt (" + a.getOccurredAt() + ")");
    }
    atLeastZero("deaths", a.getDeaths());
    atLeastZero("seriousInjuries", a.getSeriousInjuries());
    atLeastZero("minorInjuries", a.getMinorInjuries());
    double loss = a.getDirectLossYuan();
    if (Double.isNaN(loss) || Double.isInfinite(loss) || loss < 0) {
      throw new InvalidRecordException(RejectReason.INVALID_FIELD,
          "directLossYuan must be a non-negative amount, got " + loss);
    }
  }

  /** A step of an enforcement case; its order is the case processor's to check (io.fangxian.enforcement). */
  void enforcementCase(String key, CaseEvent c, long now) {
    required("eventId", c.getEventId());
    required("caseId", c.getCaseId());
    enterpriseCode(c.getEnterpriseId());
    keyMatches(key, c.getEnterpriseId(), "enterpriseId");
    known("type", c.getType(), CaseEventType.UNKNOWN, CaseEventType.values());
    eventTime(c.getOccurredAt(), now);
    if (!c.getPenalties().isEmpty() && c.getType() != CaseEventType.DECIDED) {
      throw new InvalidRecordException(RejectReason.INVALID_FIELD,
          "penalties are set on a DECIDED step only, not on " + c.getType());
    }
    for (Penalty p : c.getPenalties()) {
      known("penalties.kind", p.getKind(), PenaltyKind.UNKNOWN, PenaltyKind.values());
      Double amount = p.getAmountYuan();
      if (amount != null && (amount.isNaN() || amount.isInfinite() || amount < 0)) {
        throw new InvalidRecordException(RejectReason.INVALID_FIELD,
            "penalties.amountYuan must be a non-negative amount, got " + amount);
      }
    }
  }

  /**
   * A step of a public report (举报); its order, its township and its enterprise's sameness are the
   * report processor's to check (io.fangxian.reports). Keyed by the enterprise it names, else by the
   * report, so that every step of one report reaches the same partition.
   */
  void publicReport(String key, PublicReportEvent r, long now) {
    required("eventId", r.getEventId());
    required("reportId", r.getReportId());
    known("type", r.getType(), PublicReportEventType.UNKNOWN, PublicReportEventType.values());
    if (r.getEnterpriseId() != null) {
      enterpriseCode(r.getEnterpriseId());
      keyMatches(key, r.getEnterpriseId(), "enterpriseId");
    } else {
      keyMatches(key, r.getReportId(), "reportId (it names no enterprise)");
    }
    if (r.getChannel() == ReportChannel.UNKNOWN) {
      known("channel", r.getChannel(), ReportChannel.UNKNOWN, ReportChannel.values());
    }
    eventTime(r.getOccurredAt(), now);
    PublicReportEventType type = r.getType();
    if (type == PublicReportEventType.RECEIVED && r.getEnterpriseId() == null) {
      required("townshipId", r.getTownshipId());
    }
    if (type == PublicReportEventType.VERIFIED && r.getSubstantiated() == null) {
      missing("substantiated", "substantiated is required on VERIFIED: say whether the report was found true (属实)");
    }
    if (type != PublicReportEventType.VERIFIED && !r.getHazardIds().isEmpty()) {
      throw new InvalidRecordException(RejectReason.INVALID_FIELD,
          "hazardIds are set on a VERIFIED step only, not on " + type);
    }
    if (type == PublicReportEventType.VERIFIED && !Boolean.TRUE.equals(r.getSubstantiated()) && !r.getHazardIds().isEmpty()) {
      throw new InvalidRecordException(RejectReason.INVALID_FIELD,
          "hazardIds are set only when the report was found substantiated");
    }
    for (CharSequence hazardId : r.getHazardIds()) {
      required("hazardIds[]", hazardId == null ? null : hazardId.toString());
    }
    Double reward = r.getRewardYuan();
    if (type == PublicReportEventType.REWARDED) {
      if (reward == null) {
        missing("rewardYuan", "rewardYuan is required on REWARDED: the reward paid, in yuan");
      }
      if (reward.isNaN() || reward.isInfinite() || reward < 0) {
        throw new InvalidRecordException(RejectReason.INVALID_FIELD, "rewardYuan must be a non-negative amount, got " + reward);
      }
    } else if (reward != null) {
      throw new InvalidRecordException(RejectReason.INVALID_FIELD, "rewardYuan is set on a REWARDED step only, not on " + type);
    }
  }

  private static void atLeastZero(String field, int value) {
    if (value < 0) {
      throw new InvalidRecordException(RejectReason.INVALID_FIELD, field + " must be 0 or more, got " + value);
    }
  }

  void alertAction(String key, AlertAction a, long now) {
    required("actionId", a.getActionId());
    required("alertKey", a.getAlertKey());
    keyMatches(key, a.getAlertKey(), "alertKey");
    known("action", a.getAction(), AlertActionType.UNKNOWN, AlertActionType.values());
    required("by", a.getBy());
    eventTime(a.getAt(), now);
  }

  void weather(String key, WeatherWarning w, long now) {
    required("eventId", w.getEventId());
    required("warningId", w.getWarningId());
    keyMatches(key, w.getWarningId(), "warningId");
    known("level", w.getLevel(), WarningLevel.UNKNOWN, WarningLevel.values());
    if (!WeatherSignals.levels(w.getKind()).contains(w.getLevel())) {
      throw new InvalidRecordException(RejectReason.INVALID_FIELD, "a " + w.getKind() + " (" + WeatherSignals.nameZh(w.getKind())
          + ") warning has no " + w.getLevel() + " level; it is " + WeatherSignals.levels(w.getKind())
          + " (中国气象局令第16号, reference/weather-warning-levels.csv)");
    }
    eventTime(w.getValidFrom(), now);
    if (!w.getValidTo().isAfter(w.getValidFrom())) {
      throw new InvalidRecordException(RejectReason.INVALID_FIELD,
          "validTo (" + w.getValidTo() + ") must be after validFrom (" + w.getValidFrom() + ")");
    }
    for (String township : w.getTownshipIds()) {
      required("townshipIds[]", township);
    }
  }

  private void eventTime(Instant t, long now) {
    if (t.isBefore(earliestEventTime)) {
      throw new InvalidRecordException(RejectReason.EVENT_TIME_TOO_OLD,
          "event time " + t + " is before " + earliestEventTime);
    }
    Instant latest = Instant.ofEpochMilli(now).plus(maxFutureSkew);
    if (t.isAfter(latest)) {
      throw new InvalidRecordException(RejectReason.EVENT_TIME_IN_FUTURE,
          "event time " + t + " is more than " + maxFutureSkew + " ahead of the clock ("
              + Instant.ofEpochMilli(now) + ")");
    }
  }

  private static void enterpriseCode(String code) {
    required("enterpriseId", code);
    CreditCode.problem(code).ifPresent(problem -> {
      throw new InvalidRecordException(RejectReason.INVALID_ENTERPRISE_CODE,
          "enterpriseId '" + abbreviate(code) + "' is not a unified social credit code (GB 32100-2015): " + problem);
    });
  }

  private static void keyMatches(String key, String expected, String field) {
    if (!Objects.equals(key, expected)) {
      throw new InvalidRecordException(RejectReason.KEY_MISMATCH,
          "record key '" + abbreviate(key) + "' must equal its " + field + " '" + abbreviate(expected)
              + "' (records are partitioned by it)");
    }
  }

  private static void required(String field, String value) {
    if (value == null || value.isBlank()) {
      missing(field, field + " must not be empty");
    }
  }

  private static void missing(String field, String message) {
    throw new InvalidRecordException(RejectReason.MISSING_FIELD, message);
  }

  private static <E extends Enum<E>> void known(String field, E value, E unknown, E[] all) {
    if (value == null || value == unknown) {
      String accepted = Arrays.stream(all).filter(v -> v != unknown).map(Enum::name)
          .collect(Collectors.joining(", "));
      throw new InvalidRecordException(RejectReason.UNKNOWN_SYMBOL,
          field + " is not a known symbol; accepted: " + accepted);
    }
  }

  static String abbreviate(String s) {
    if (s == null) {
      return "null";
    }
    return s.length() <= 64 ? s : s.substring(0, 64) + "…(" + s.length() + " chars)";
  }
}
