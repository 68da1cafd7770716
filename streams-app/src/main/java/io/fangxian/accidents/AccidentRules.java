package io.fangxian.accidents;

import static io.fangxian.rules.AlertSignals.levelZh;

import io.fangxian.accident.AccidentGrade;
import io.fangxian.accident.AccidentReport;
import io.fangxian.accident.AccidentTypes;
import io.fangxian.avro.AccidentEvent;
import io.fangxian.avro.Alert;
import io.fangxian.avro.AlertSubject;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.SubjectType;
import io.fangxian.avro.WarningLevel;
import io.fangxian.config.RulesConfig;
import io.fangxian.domain.ReferenceData;
import io.fangxian.rules.AlertSignals.Text;
import io.fangxian.rules.AlertSignals;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rules about an accident, from its version before and after each record (a new accident or a
 * correction):
 * <ul>
 *   <li>{@code accident}: every accident, at the level of its grade (493号令 art. 3): RED for
 *       ESPECIALLY_MAJOR, ORANGE for MAJOR, YELLOW for LARGER, BLUE for GENERAL. The mapping is the
 *       product's choice, after the national four-colour convention; no regulation sets it. A
 *       correction that raises the grade escalates the alert.</li>
 *   <li>{@code accident-late-report}: 迟报, reported more than 1 hour after the unit's head was
 *       informed (art. 9). {@code accident-suspected-late-report}: 疑似迟报, without that time,
 *       reported more than 1 hour after it occurred, in words that say it must be checked. A
 *       correction that makes it timely, or gives the head's time, resolves it. Accident alerts go
 *       first to the bureau, which reports accidents up (art. 10).</li>
 *   <li>{@code accident-sector-warning}: 举一反三, a warning to the accident's whole sector naming the
 *       accident type, at the accident's level.</li>
 * </ul>
 * The lifecycle resolves these alerts {@code accidents.holdTime} after they last fired or rose.
 */
public final class AccidentRules {
  private final RulesConfig.Accidents rule;
  private final ReferenceData reference;
  private final ZoneId zone;

  public AccidentRules(RulesConfig rules, ReferenceData reference, ZoneId zone) {
    this.rule = rules.accidents();
    this.reference = reference;
    this.zone = zone;
  }

  /** The signals for an accident whose current version went from {@code before} (null if new) to {@code after}. */
  public List<Alert> evaluate(AccidentEvent before, AccidentEvent after, String townshipId, String sectorId,
      Enterprise enterprise) {
    List<Alert> signals = new ArrayList<>();
    if (!rule.enabled()) {
      return signals;
    }
    AccidentGrade grade = AccidentGrade.of(after);
    WarningLevel level = grade.alertLevel();
    String type = AccidentTypes.nameZh(after.getAccidentType());
    String enterpriseName = enterprise == null ? after.getEnterpriseId() : enterprise.getName();
    String supervisor = enterprise == null ? null : enterprise.getSupervisor();
    AlertSubject subject = accidentSubject(after, type, enterpriseName, townshipId, sectorId);
    var evidence = AlertSignals.evidence(figures(after),
        Map.of("reportWithinHours", (double) AccidentReport.WITHIN.toHours()),
        List.of(after.getEventId()), List.of());
    String when = AlertSignals.time(after.getOccurredAt(), zone);
    String figures = "死亡 " + after.getDeaths() + " 人、重伤 " + after.getSeriousInjuries() + " 人、直接经济损失 "
        + Math.round(after.getDirectLossYuan()) + " 元";

    signals.add(AlertSignals.firing(AlertSignals.ACCIDENT, level, subject,
        new Text(grade.nameZh() + levelZh(level) + "预警",
            enterpriseName + " " + when + " 发生" + type + "事故(" + after.getAccidentId() + ")," + figures + ","
                + "按国务院令第493号第三条为" + grade.nameZh() + "。",
            "Accident: " + grade + " (" + level + ")",
            enterpriseName + ": " + after.getAccidentType() + " accident " + after.getAccidentId() + " at " + when
                + ", deaths " + after.getDeaths() + ", serious injuries " + after.getSeriousInjuries()),
        evidence, after.getOccurredAt(), supervisor));

    Duration delay = Duration.between(AccidentReport.hourCountsFrom(after), after.getReportedAt());
    String delayText = delay.toHours() + " 小时 " + delay.toMinutesPart() + " 分钟";
    if (AccidentReport.late(after)) {
      signals.add(AlertSignals.firing(AlertSignals.ACCIDENT_LATE_REPORT, rule.lateReportLevel(), subject,
          new Text("事故迟报" + levelZh(rule.lateReportLevel()) + "预警",
              enterpriseName + "的" + type + "事故(" + after.getAccidentId() + ")单位负责人接到报告后 " + delayText
                  + "才报告,超过国务院令第493号第九条规定的1小时。",
              "Accident reported late", enterpriseName + ": accident " + after.getAccidentId()
                  + " reported " + delay.toMinutes() + " min after the unit's head was informed (limit 60 min)"),
          evidence, after.getReportedAt(), supervisor));
    } else if (before != null && AccidentReport.late(before)) {
      signals.add(AlertSignals.resolved(AlertSignals.ACCIDENT_LATE_REPORT, subject,
          new Text("事故迟报预警解除", "更正后事故(" + after.getAccidentId() + ")在单位负责人接报后 1 小时内报告。",
              "Late report alert over", "corrected: reported within the hour"),
          evidence, after.getReportedAt()));
    }
    if (AccidentReport.suspectedLate(after)) {
      signals.add(AlertSignals.firing(AlertSignals.ACCIDENT_SUSPECTED_LATE_REPORT, rule.lateReportLevel(), subject,
          new Text("事故疑似迟报" + levelZh(rule.lateReportLevel()) + "预警",
              enterpriseName + "的" + type + "事故(" + after.getAccidentId() + ")发生后 " + delayText
                  + "才报告;记录未载明单位负责人接到报告的时间,是否迟报(国务院令第493号第九条:负责人接到报告后1小时内)"
                  + "有待核实。",
              "Accident possibly reported late", enterpriseName + ": accident " + after.getAccidentId()
                  + " reported " + delay.toMinutes() + " min after it occurred; when the unit's head was informed is "
                  + "not recorded, so the 1-hour limit cannot be judged"),
          evidence, after.getReportedAt(), supervisor));
    } else if (before != null && AccidentReport.suspectedLate(before)) {
      signals.add(AlertSignals.resolved(AlertSignals.ACCIDENT_SUSPECTED_LATE_REPORT, subject,
          new Text("事故疑似迟报预警解除", after.getHeadInformedAt() != null
                  ? "已补充单位负责人接报时间,按第九条判定。" : "更正后事故(" + after.getAccidentId() + ")在发生后 1 小时内报告。",
              "Suspected late report over", after.getHeadInformedAt() != null
                  ? "the time the head was informed is now recorded" : "corrected: reported within the hour"),
          evidence, after.getReportedAt()));
    }

    if (rule.sectorWarning()) {
      AlertSubject sector = AlertSignals.areaSubject(SubjectType.SECTOR, sectorId, reference);
      String sectorName = AlertSignals.sectorName(reference, sectorId);
      signals.add(AlertSignals.firing(AlertSignals.ACCIDENT_SECTOR_WARNING, level, sector,
          new Text(sectorName + "行业" + type + "事故警示(举一反三)",
              AlertSignals.townshipName(reference, townshipId) + enterpriseName + " " + when + " 发生" + type
                  + grade.nameZh() + "。请" + sectorName + "行业各企业举一反三,排查同类" + type + "风险。",
              "Sector warning: " + after.getAccidentType(),
              "A " + grade + " " + after.getAccidentType() + " accident at " + enterpriseName
                  + ": every enterprise of the sector checks for the same risk"),
          evidence, after.getOccurredAt(), null));
    }
    return signals;
  }

  private static Map<String, Double> figures(AccidentEvent a) {
    return Map.of("deaths", (double) a.getDeaths(), "seriousInjuries", (double) a.getSeriousInjuries(),
        "minorInjuries", (double) a.getMinorInjuries(), "directLossYuan", a.getDirectLossYuan(),
        "reportDelayMinutes", (double) Duration.between(AccidentReport.hourCountsFrom(a), a.getReportedAt()).toMinutes());
  }

  private AlertSubject accidentSubject(AccidentEvent a, String type, String enterpriseName, String townshipId,
      String sectorId) {
    return AlertSubject.newBuilder()
        .setType(SubjectType.ACCIDENT).setId(a.getAccidentId())
        .setName(enterpriseName + " " + type + "事故")
        .setTownshipId(townshipId).setTownshipName(AlertSignals.townshipName(reference, townshipId))
        .setSectorId(sectorId).setSectorName(AlertSignals.sectorName(reference, sectorId))
        .setEnterpriseId(a.getEnterpriseId()).setEnterpriseName(enterpriseName)
        .build();
  }
}
