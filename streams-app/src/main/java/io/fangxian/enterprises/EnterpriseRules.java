package io.fangxian.enterprises;

import static io.fangxian.rules.AlertSignals.levelZh;

import io.fangxian.avro.Alert;
import io.fangxian.avro.AlertSubject;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.ViolationAction;
import io.fangxian.avro.WarningLevel;
import io.fangxian.config.RulesConfig;
import io.fangxian.domain.ReferenceData;
import io.fangxian.rules.AlertSignals.Text;
import io.fangxian.rules.AlertSignals;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Rules about one enterprise: repeat violator (4) and self-inspection lapse (7). */
public final class EnterpriseRules {
  private final RulesConfig rules;
  private final ReferenceData reference;
  private final ZoneId zone;

  public EnterpriseRules(RulesConfig rules, ReferenceData reference, ZoneId zone) {
    this.zone = zone;
    this.rules = rules;
    this.reference = reference;
  }

  /** A violation as the repeat-violator rule remembers it. */
  public record Violation(String eventId, String violationId, ViolationAction action, Instant occurredAt) { }

  /** Whether the enterprise falls under the self-inspection rule: one of the key areas. */
  public boolean inKeyArea(Enterprise e) {
    return reference.inKeyArea(e);
  }

  /**
   * Repeat violator over the violations in the rule's window.
   * Empty when the rule is off.
   */
  public Optional<Alert> repeatViolator(Enterprise e, List<Violation> inWindow, Instant triggeredAt) {
    RulesConfig.RepeatViolator rule = rules.repeatViolator();
    if (!rule.enabled()) {
      return Optional.empty();
    }
    AlertSubject subject = AlertSignals.enterpriseSubject(e, reference);
    long severe = inWindow.stream().filter(v -> rule.orangeActions().contains(v.action())).count();
    var evidence = AlertSignals.evidence(
        Map.of("violations", (double) inWindow.size(), "suspensionsOrClosures", (double) severe),
        Map.of("minViolations", (double) rule.minViolations(), "windowDays", (double) rule.window().toDays()),
        inWindow.stream().map(Violation::eventId).toList(), List.of());
    long days = rule.window().toDays();
    if (inWindow.size() >= rule.minViolations()) {
      WarningLevel level = severe > 0 ? WarningLevel.ORANGE : WarningLevel.YELLOW;
      String ids = String.join("、", inWindow.stream().map(Violation::violationId).toList());
      return Optional.of(AlertSignals.firing(AlertSignals.REPEAT_VIOLATOR, level, subject,
          new Text("屡查屡犯" + levelZh(level) + "预警",
              e.getName() + "近" + days + "天内违法行为 " + inWindow.size() + " 次(" + ids + ")"
                  + (severe > 0 ? ",含停产停业或关闭处罚 " + severe + " 次" : "") + ",依法从严从重查处(零容忍)。",
              "Repeat violator (" + level + ")",
              e.getName() + ": " + inWindow.size() + " violations in " + days + " days"),
          evidence, triggeredAt, e.getSupervisor()));
    }
    return Optional.of(AlertSignals.resolved(AlertSignals.REPEAT_VIOLATOR, subject,
        new Text("屡查屡犯预警解除", e.getName() + "近" + days + "天内违法行为 " + inWindow.size() + " 次。",
            "Repeat violator alert over", inWindow.size() + " violations in " + days + " days"),
        evidence, triggeredAt));
  }

  /** The enterprise has had no self-inspection since {@code since}. */
  public Alert selfInspectionLapse(Enterprise e, Instant since, boolean everSelfInspected, long nowMs) {
    RulesConfig.SelfInspectionLapse rule = rules.selfInspectionLapse();
    long days = Duration.ofMillis(nowMs - since.toEpochMilli()).toDays();
    String what = everSelfInspected ? "最近一次企业自查为 " + AlertSignals.time(since, zone) : "自 " + AlertSignals.time(since, zone) + " 纳入监测以来无企业自查记录";
    return AlertSignals.firing(AlertSignals.SELF_INSPECTION_LAPSE, rule.level(), subject(e),
        new Text("企业自查自纠缺失预警",
            e.getName() + "(" + AlertSignals.sectorName(reference, e.getSectorId()) + ")" + what + ",已 " + days
                + " 天未开展自查自纠。",
            "No self-inspection for " + days + " days",
            e.getName() + " has not self-inspected since " + AlertSignals.time(since, zone)),
        AlertSignals.evidence(Map.of("daysWithoutSelfInspection", (double) days),
            Map.of("afterDays", (double) rule.after().toDays()), List.of(), List.of()),
        since.plus(rule.after()), e.getSupervisor());
  }

  public Alert selfInspectionResumed(Enterprise e, Instant at) {
    return AlertSignals.resolved(AlertSignals.SELF_INSPECTION_LAPSE, subject(e),
        new Text("企业已恢复自查自纠", e.getName() + "于 " + AlertSignals.time(at, zone) + " 开展企业自查。",
            "Self-inspection resumed", e.getName() + " self-inspected at " + AlertSignals.time(at, zone)),
        AlertSignals.evidence(Map.of(), Map.of(), List.of(), List.of()), at);
  }

  private AlertSubject subject(Enterprise e) {
    return AlertSignals.enterpriseSubject(e, reference);
  }
}
