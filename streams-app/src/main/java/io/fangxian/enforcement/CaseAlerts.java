package io.fangxian.enforcement;

import io.fangxian.avro.Alert;
import io.fangxian.avro.AlertSubject;
import io.fangxian.avro.SubjectType;
import io.fangxian.avro.internal.CaseState;
import io.fangxian.avro.internal.HazardCaseWatch;
import io.fangxian.config.RulesConfig;
import io.fangxian.domain.ReferenceData;
import io.fangxian.rules.AlertSignals.Text;
import io.fangxian.rules.AlertSignals;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The slice's alerts, to the sector's supervising department ({@code handling.ResponsibilityChain}
 * starts them at step 1): {@code case-decision-overdue} while a case waits for its decision past
 * the limit, {@code major-hazard-without-case} while an open major hazard has no case past its window.
 * Each resolves when its figure no longer counts it.
 */
public final class CaseAlerts {
  private final RulesConfig.Enforcement rules;
  private final ReferenceData reference;
  private final ZoneId zone;

  public CaseAlerts(RulesConfig.Enforcement rules, ReferenceData reference, ZoneId zone) {
    this.rules = rules;
    this.reference = reference;
    this.zone = zone;
  }

  boolean enabled() {
    return rules.alerts();
  }

  Alert decisionOverdue(CaseState c, boolean firing, long nowMs) {
    AlertSubject subject = AlertSubject.newBuilder().setType(SubjectType.CASE).setId(c.getCaseId())
        .setName("行政处罚案件 " + c.getCaseId())
        .setTownshipId(c.getTownshipId()).setTownshipName(AlertSignals.townshipName(reference, c.getTownshipId()))
        .setSectorId(c.getSectorId()).setSectorName(AlertSignals.sectorName(reference, c.getSectorId()))
        .setEnterpriseId(c.getEnterpriseId()).build();
    Instant due = c.getOpenedAt().plus(rules.decisionLimit());
    long days = Duration.between(c.getOpenedAt(), Instant.ofEpochMilli(nowMs)).toDays();
    var evidence = AlertSignals.evidence(Map.of("daysSinceOpened", (double) days),
        Map.of("days", (double) rules.decisionLimit().toDays()), List.of(), c.getHazardIds());
    if (!firing) {
      return AlertSignals.resolved(AlertSignals.CASE_DECISION_OVERDUE, subject,
          new Text("行政处罚案件已" + statusZh(c), "案件 " + c.getCaseId() + " 已" + statusZh(c) + "。",
              "Case no longer waits for its decision", "Case " + c.getCaseId() + " is " + c.getStatus()),
          evidence, Instant.ofEpochMilli(nowMs));
    }
    return AlertSignals.firing(AlertSignals.CASE_DECISION_OVERDUE, rules.decisionOverdueLevel(), subject,
        new Text("行政处罚案件逾期未作出决定",
            "案件 " + c.getCaseId() + (c.getDepartmentId() == null ? "" : "（" + c.getDepartmentId() + "）") + " 于 "
                + AlertSignals.time(c.getOpenedAt(), zone) + " 立案，已 " + days + " 天未作出行政处罚决定，超过《行政处罚法》第六十条 "
                + rules.decisionLimit().toDays() + " 日期限，请承办部门依法作出决定或说明延期依据。",
            "Case decision overdue", "Case " + c.getCaseId() + " was opened " + days + " days ago and is not decided (limit "
                + rules.decisionLimit().toDays() + " days, 行政处罚法 art. 60)"),
        evidence, due, null);
  }

  Alert withoutCase(HazardCaseWatch w, boolean firing, long nowMs) {
    AlertSubject subject = AlertSubject.newBuilder().setType(SubjectType.HAZARD).setId(w.getHazardId())
        .setName(w.getHazardId())
        .setTownshipId(w.getTownshipId()).setTownshipName(w.getTownshipId() == null ? null
            : AlertSignals.townshipName(reference, w.getTownshipId()))
        .setSectorId(w.getSectorId()).setSectorName(w.getSectorId() == null ? null
            : AlertSignals.sectorName(reference, w.getSectorId()))
        .setEnterpriseId(w.getEnterpriseId()).build();
    var evidence = AlertSignals.evidence(Map.of(), Map.of("days", (double) rules.caseWindow().toDays()), List.of(),
        List.of(w.getHazardId()));
    if (!firing) {
      String why = w.getCaseId() != null ? "已立案（" + w.getCaseId() + "）" : "已销号或不再是重大事故隐患";
      return AlertSignals.resolved(AlertSignals.MAJOR_HAZARD_WITHOUT_CASE, subject,
          new Text("重大事故隐患" + why, "隐患 " + w.getHazardId() + " " + why + "。",
              "Major hazard answered", "Hazard " + w.getHazardId() + (w.getCaseId() != null ? " has case " + w.getCaseId()
                  : " is closed or no longer major")),
          evidence, Instant.ofEpochMilli(nowMs));
    }
    return AlertSignals.firing(AlertSignals.MAJOR_HAZARD_WITHOUT_CASE, rules.withoutCaseLevel(), subject,
        new Text("重大事故隐患未立案查处",
            "重大事故隐患 " + w.getHazardId() + " 于 " + AlertSignals.time(w.getReportedAt(), zone) + " 报告，"
                + rules.caseWindow().toDays() + " 日内尚无行政处罚案件（零容忍：依法查处），请行业主管部门立案或说明理由。",
            "Major hazard without a case", "Major hazard " + w.getHazardId() + " reported "
                + AlertSignals.time(w.getReportedAt(), zone) + " has no enforcement case after "
                + rules.caseWindow().toDays() + " days"),
        evidence, w.getReportedAt().plus(rules.caseWindow()), null);
  }

  private static String statusZh(CaseState c) {
    return switch (c.getStatus()) {
      case DECIDED -> "作出处罚决定";
      case TRANSFERRED -> "移送司法机关";
      case WITHDRAWN -> "撤销立案";
      case CLOSED -> "结案";
      default -> "处理";
    };
  }
}
