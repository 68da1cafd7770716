package io.fangxian.rules;

import io.fangxian.avro.Alert;
import io.fangxian.avro.AlertEvidence;
import io.fangxian.avro.AlertStatus;
import io.fangxian.avro.AlertSubject;
import io.fangxian.avro.HazardState;
import io.fangxian.avro.SubjectType;
import io.fangxian.avro.WarningLevel;
import io.fangxian.domain.ReferenceData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rules speak in signals: an Alert record saying what the alert for a key should be now (status
 * FIRING with a level, or RESOLVED). {@link AlertLifecycle} decides what, if anything, to publish.
 */
public final class AlertSignals {
  public static final String MAJOR_HAZARD = "major-hazard";
  public static final String OVERDUE_RECTIFICATION = "overdue-rectification";
  public static final String SURGE = "surge";
  public static final String REPEAT_VIOLATOR = "repeat-violator";
  public static final String WEATHER_ESCALATION = "weather-escalation";
  public static final String KEY_ENTERPRISE = "key-enterprise";
  public static final String SELF_INSPECTION_LAPSE = "self-inspection-lapse";
  public static final String SELF_REPORT_GAP = "self-report-gap";
  public static final String MAJOR_UNSUPERVISED = "major-unsupervised";
  public static final String ACCIDENT = "accident";
  public static final String ACCIDENT_LATE_REPORT = "accident-late-report";
  public static final String ACCIDENT_SUSPECTED_LATE_REPORT = "accident-suspected-late-report";
  public static final String ACCIDENT_SECTOR_WARNING = "accident-sector-warning";
  public static final String COVERAGE_GAP = "coverage-gap";
  public static final String CERTIFICATE_NONCOMPLIANT = "certificate-noncompliant";
  public static final String CERTIFICATE_EXPIRY = "certificate-expiry";
  public static final String WRITE_OFF_REVIEW_OVERDUE = "write-off-review-overdue";
  public static final String CERTIFICATE_REVIEW = "certificate-review";
  /** Enforcement cases (io.fangxian.enforcement): a decision past 行政处罚法 第六十条's 90 days; a major hazard no case answers. */
  public static final String CASE_DECISION_OVERDUE = "case-decision-overdue";
  public static final String MAJOR_HAZARD_WITHOUT_CASE = "major-hazard-without-case";

  /** The most ids an alert lists as evidence; the figures still give the full count. */
  public static final int MAX_EVIDENCE_IDS = 50;

  private AlertSignals() { }

  public static String key(String rule, AlertSubject subject) {
    return rule + ":" + subject.getType().name().toLowerCase() + ":" + subject.getId();
  }

  public static Alert firing(String rule, WarningLevel level, AlertSubject subject, Text text,
      AlertEvidence evidence, Instant triggeredAt, String supervisor) {
    return Alert.newBuilder()
        .setAlertKey(key(rule, subject)).setRule(rule).setLevel(level).setStatus(AlertStatus.FIRING)
        .setSubject(subject)
        .setTitleZh(text.titleZh()).setMessageZh(text.messageZh())
        .setTitleEn(text.titleEn()).setMessageEn(text.messageEn())
        .setEvidence(evidence).setTriggeredAt(triggeredAt).setFirstFiredAt(triggeredAt).setEmittedAt(triggeredAt)
        .setSupervisor(supervisor)
        .build();
  }

  public static Alert resolved(String rule, AlertSubject subject, Text text, AlertEvidence evidence, Instant triggeredAt) {
    return Alert.newBuilder()
        .setAlertKey(key(rule, subject)).setRule(rule).setLevel(WarningLevel.UNKNOWN).setStatus(AlertStatus.RESOLVED)
        .setSubject(subject)
        .setTitleZh(text.titleZh()).setMessageZh(text.messageZh())
        .setTitleEn(text.titleEn()).setMessageEn(text.messageEn())
        .setEvidence(evidence).setTriggeredAt(triggeredAt).setFirstFiredAt(triggeredAt).setEmittedAt(triggeredAt)
        .build();
  }

  /** Title and message, Chinese first. */
  public record Text(String titleZh, String messageZh, String titleEn, String messageEn) { }

  public static AlertEvidence evidence(Map<String, Double> figures, Map<String, Double> thresholds,
      List<String> eventIds, List<String> hazardIds) {
    return new AlertEvidence(new HashMap<>(figures), new HashMap<>(thresholds),
        new ArrayList<>(eventIds.subList(0, Math.min(eventIds.size(), MAX_EVIDENCE_IDS))),
        new ArrayList<>(hazardIds.subList(0, Math.min(hazardIds.size(), MAX_EVIDENCE_IDS))));
  }

  public static AlertSubject hazardSubject(HazardState h, ReferenceData reference) {
    return AlertSubject.newBuilder()
        .setType(SubjectType.HAZARD).setId(h.getHazardId())
        .setName(h.getDescription() == null ? h.getHazardId() : h.getDescription())
        .setTownshipId(h.getTownshipId()).setTownshipName(townshipName(reference, h.getTownshipId()))
        .setSectorId(h.getSectorId()).setSectorName(sectorName(reference, h.getSectorId()))
        .setEnterpriseId(h.getEnterpriseId()).setEnterpriseName(h.getEnterpriseName())
        .build();
  }

  public static AlertSubject areaSubject(SubjectType type, String id, ReferenceData reference) {
    AlertSubject.Builder b = AlertSubject.newBuilder().setType(type).setId(id);
    if (type == SubjectType.TOWNSHIP) {
      b.setName(townshipName(reference, id)).setTownshipId(id).setTownshipName(townshipName(reference, id));
    } else {
      b.setName(sectorName(reference, id)).setSectorId(id).setSectorName(sectorName(reference, id));
    }
    return b.build();
  }

  public static AlertSubject enterpriseSubject(io.fangxian.avro.Enterprise e, ReferenceData reference) {
    return AlertSubject.newBuilder()
        .setType(SubjectType.ENTERPRISE).setId(e.getEnterpriseId()).setName(e.getName())
        .setTownshipId(e.getTownshipId()).setTownshipName(townshipName(reference, e.getTownshipId()))
        .setSectorId(e.getSectorId()).setSectorName(sectorName(reference, e.getSectorId()))
        .setEnterpriseId(e.getEnterpriseId()).setEnterpriseName(e.getName())
        .setGridId(e.getGridId())
        .build();
  }

  /** The enterprise a hazard belongs to as an alert's subject, for the rules that converge per enterprise. */
  public static AlertSubject enterpriseSubject(HazardState h, ReferenceData reference) {
    return AlertSubject.newBuilder()
        .setType(SubjectType.ENTERPRISE).setId(h.getEnterpriseId()).setName(h.getEnterpriseName())
        .setTownshipId(h.getTownshipId()).setTownshipName(townshipName(reference, h.getTownshipId()))
        .setSectorId(h.getSectorId()).setSectorName(sectorName(reference, h.getSectorId()))
        .setEnterpriseId(h.getEnterpriseId()).setEnterpriseName(h.getEnterpriseName())
        .build();
  }

  /** A grid (网格) as an alert's subject: in its township, so the township's linked leader answers for it. */
  public static AlertSubject gridSubject(String gridId, String gridName, String townshipId, ReferenceData reference) {
    return AlertSubject.newBuilder().setType(SubjectType.GRID).setId(gridId)
        .setName(gridName == null ? gridId : gridName).setGridId(gridId)
        .setTownshipId(townshipId).setTownshipName(townshipId == null ? null : townshipName(reference, townshipId))
        .build();
  }

  public static String townshipName(ReferenceData reference, String id) {
    return reference.township(id).map(t -> t.nameZh()).orElse(id);
  }

  public static String sectorName(ReferenceData reference, String id) {
    return reference.sector(id).map(s -> s.nameZh()).orElse(id);
  }

  private static final java.time.format.DateTimeFormatter LOCAL_TIME =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  /** A time as people in the zone read it, e.g. 2026-07-01 09:30; a dash when there is none. */
  public static String time(Instant t, java.time.ZoneId zone) {
    return t == null ? "—" : LOCAL_TIME.format(t.atZone(zone));
  }

  /** Chinese name of a level: 蓝色(IV级). */
  public static String levelZh(WarningLevel level) {
    return switch (level) {
      case BLUE -> "蓝色(IV级)";
      case YELLOW -> "黄色(III级)";
      case ORANGE -> "橙色(II级)";
      case RED -> "红色(I级)";
      default -> "未知";
    };
  }

  public static WarningLevel higher(WarningLevel level) {
    return switch (level) {
      case BLUE -> WarningLevel.YELLOW;
      case YELLOW -> WarningLevel.ORANGE;
      default -> WarningLevel.RED;
    };
  }

  public static boolean atLeast(WarningLevel level, WarningLevel threshold) {
    return level != WarningLevel.UNKNOWN && level.ordinal() >= threshold.ordinal();
  }
}
