package io.fangxian.rules;

import static io.fangxian.rules.AlertSignals.levelZh;

import io.fangxian.avro.Alert;
import io.fangxian.avro.AlertEvidence;
import io.fangxian.avro.AlertSubject;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardState;
import io.fangxian.avro.WarningLevel;
import io.fangxian.config.RulesConfig;
import io.fangxian.domain.ReferenceData;
import io.fangxian.ledger.HazardLifecycle;
import io.fangxian.rules.AlertSignals.Text;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Rules about hazards. Per hazard (each major hazard is a case of its own): major hazard (1),
 * 挂牌督办 missing, and the department's write-off review (核销) late; given the hazard before and
 * after a change, {@link #evaluate} returns the signals that change implies.
 *
 * <p>Per enterprise (convergence: one alert per enterprise, not one per hazard): overdue
 * rectification (2) and key enterprise (6). {@link #overdueMember} and {@link #keyEnterpriseMember}
 * say whether a hazard belongs to the enterprise's alert; {@link #overdue} and {@link #keyEnterprise}
 * give the enterprise's signal from all its members.
 */
public final class HazardRules {
  private final RulesConfig rules;
  private final ReferenceData reference;
  private final ZoneId zone;

  public HazardRules(RulesConfig rules, ReferenceData reference, ZoneId zone) {
    this.zone = zone;
    this.rules = rules;
    this.reference = reference;
  }

  /**
   * Signals go out when they may change an alert: a hazard reported, closed, becoming overdue or
   * lifted from it, and on re-evaluation ({@code before} equal to {@code after}: a weather change
   * or an overdue step falling due). A step such as RECTIFIED changes no level and sends nothing.
   *
   * @param before the hazard as last seen here, or null if new
   * @param after its state now
   * @param weatherLevel the highest weather warning active in its township (UNKNOWN if none)
   */
  public List<Alert> evaluate(HazardState before, HazardState after, WarningLevel weatherLevel, long nowMs) {
    List<Alert> signals = new ArrayList<>();
    AlertSubject subject = AlertSignals.hazardSubject(after, reference);
    Instant now = Instant.ofEpochMilli(nowMs);
    boolean open = HazardLifecycle.isOpen(after);
    boolean wasOpen = HazardLifecycle.isOpen(before);
    boolean reevaluation = after.equals(before);
    boolean major = HazardLifecycle.isMajor(after);
    boolean wasMajor = before != null && HazardLifecycle.isMajor(before);
    if (rules.majorHazard().enabled()) {
      if (major && open) {
        if (!wasOpen || !wasMajor || reevaluation) {
          signals.add(majorHazard(after, subject, weatherLevel, now));
        }
      } else if (wasMajor && wasOpen) {
        signals.add(open ? downgraded(AlertSignals.MAJOR_HAZARD, after, subject, now)
            : resolvedBecauseClosed(AlertSignals.MAJOR_HAZARD, after, subject, "重大事故隐患已验收销号", "Major hazard verified and closed"));
      }
    }
    RulesConfig.MajorHazardSupervision supervision = rules.majorHazardSupervision();
    if (supervision.enabled()) {
      boolean unsupervised = open && after.getSupervisionOverdue();
      boolean wasUnsupervised = wasOpen && before.getSupervisionOverdue();
      if (unsupervised && (!wasUnsupervised || reevaluation)) {
        long days = Duration.between(after.getReportedAt(), now).toDays();
        signals.add(AlertSignals.firing(AlertSignals.MAJOR_UNSUPERVISED, supervision.level(), subject,
            new Text("重大事故隐患未挂牌督办",
                subject.getTownshipName() + after.getEnterpriseName() + "重大事故隐患" + describe(after) + "已报告 " + days
                    + " 天，尚未挂牌督办，请落实督办部门和整改措施、责任、资金、时限、预案。",
                "Major hazard not under supervision",
                "Major hazard " + after.getHazardId() + " at " + after.getEnterpriseName() + " has had no supervision assignment for "
                    + days + " days"),
            evidence(after, Map.of("daysSinceReport", (double) days), Map.of("days", (double) supervision.after().toDays())),
            Instant.ofEpochMilli(after.getReportedAt().toEpochMilli() + supervision.after().toMillis()), after.getSupervisor()));
      } else if (wasUnsupervised && !unsupervised) {
        signals.add(!open ? resolvedBecauseClosed(AlertSignals.MAJOR_UNSUPERVISED, after, subject, "重大事故隐患已销号", "Major hazard closed")
            : !major ? downgraded(AlertSignals.MAJOR_UNSUPERVISED, after, subject, now)
            : AlertSignals.resolved(AlertSignals.MAJOR_UNSUPERVISED, subject,
                new Text("重大事故隐患已挂牌督办", "隐患 " + after.getHazardId() + " 已由" + after.getSupervision().getDepartment()
                    + "挂牌督办。", "Major hazard under supervision", "Hazard " + after.getHazardId() + " supervised by "
                    + after.getSupervision().getDepartment()),
                evidence(after, Map.of(), Map.of()), after.getSupervisedAt() == null ? now : after.getSupervisedAt()));
      }
    }
    RulesConfig.WriteOffReview review = rules.writeOffReview();
    if (review.enabled()) {
      boolean late = open && after.getWriteOffReviewOverdue();
      boolean wasLate = wasOpen && before.getWriteOffReviewOverdue();
      if (late && (!wasLate || reevaluation)) {
        long days = Duration.between(after.getAcceptedAt(), now).toDays();
        signals.add(AlertSignals.firing(AlertSignals.WRITE_OFF_REVIEW_OVERDUE, review.level(), subject,
            new Text("隐患核销审查逾期",
                after.getEnterpriseName() + severityZh(after) + describe(after) + " 企业已于 " + time(after.getAcceptedAt())
                    + " 验收并申请核销,已 " + days + " 天,超过 " + review.within().toDays()
                    + " 日审查期限(原国家安全监管总局令第16号),请行业主管部门现场审查、核销或退回整改。",
                "Write-off review overdue",
                "Hazard " + after.getHazardId() + " at " + after.getEnterpriseName() + " was accepted by the enterprise "
                    + days + " days ago and still waits for the department's review (limit "
                    + review.within().toDays() + " days)"),
            evidence(after, Map.of("daysSinceApplication", (double) days), Map.of("days", (double) review.within().toDays())),
            after.getWriteOffReviewDue(), after.getSupervisor()));
      } else if (wasLate && !late) {
        signals.add(!open ? resolvedBecauseClosed(AlertSignals.WRITE_OFF_REVIEW_OVERDUE, after, subject, "隐患已核销", "Hazard written off")
            : AlertSignals.resolved(AlertSignals.WRITE_OFF_REVIEW_OVERDUE, subject,
                new Text("隐患退回整改", "隐患 " + after.getHazardId() + " 复查未通过,退回整改。",
                    "Hazard sent back to rectification", "Hazard " + after.getHazardId() + " failed its re-check"),
                evidence(after, Map.of(), Map.of()), after.getUpdatedAt()));
      }
    }
    return signals;
  }

  private Alert majorHazard(HazardState h, AlertSubject subject, WarningLevel weatherLevel, Instant now) {
    RulesConfig.MajorHazard rule = rules.majorHazard();
    List<String> reasons = new ArrayList<>();
    if (rule.redRiskLevels().contains(h.getRiskLevel())) {
      reasons.add("企业风险等级为" + h.getRiskLevel());
    }
    if (rule.redSectors().contains(h.getSectorId())) {
      reasons.add("属" + subject.getSectorName() + "领域");
    }
    if (rule.redInChemicalZone() && h.getInChemicalZone()) {
      reasons.add("位于化工集中区");
    }
    if (AlertSignals.atLeast(weatherLevel, rule.redWeatherLevel())) {
      reasons.add("所在镇街" + levelZh(weatherLevel) + "气象预警生效中");
    }
    WarningLevel level = reasons.isEmpty() ? rule.level() : WarningLevel.RED;
    String why = reasons.isEmpty() ? "" : "(" + String.join(",", reasons) + ")";
    return AlertSignals.firing(AlertSignals.MAJOR_HAZARD, level, subject,
        new Text("重大事故隐患" + levelZh(level) + "预警",
            subject.getTownshipName() + h.getEnterpriseName() + "存在重大事故隐患:" + describe(h) + why
                + "," + basis(h) + ",整改期限 " + time(h.getDeadline()) + "。",
            "Major hazard (" + level + ")",
            "Major hazard " + h.getHazardId() + " at " + h.getEnterpriseName() + ", due " + time(h.getDeadline())),
        evidence(h, Map.of("weatherLevel", (double) weatherLevel.ordinal()), Map.of()),
        h.getUpdatedAt(), h.getSupervisor());
  }

  /** Whether the hazard now belongs to its enterprise's overdue-rectification alert. */
  public boolean overdueMember(HazardState h) {
    return rules.overdueRectification().enabled() && HazardLifecycle.isOpen(h) && h.getOverdue();
  }

  /**
   * Whether the hazard joins its enterprise's key-enterprise alert with this change: a new open
   * hazard, reported recently (not a replayed history), at a key-supervised enterprise.
   */
  public boolean keyEnterpriseJoins(HazardState before, HazardState after, long nowMs) {
    return rules.keyEnterprise().enabled() && after.getKeySupervised() && before == null && HazardLifecycle.isOpen(after)
        && nowMs - after.getReportedAt().toEpochMilli() <= rules.keyEnterprise().maxAge().toMillis();
  }

  /** Whether a hazard that joined the key-enterprise alert still belongs to it: until it is closed. */
  public boolean keyEnterpriseMember(HazardState h) {
    return rules.keyEnterprise().enabled() && HazardLifecycle.isOpen(h);
  }

  /** The level one overdue hazard gives its enterprise's alert now. */
  public WarningLevel overdueLevel(HazardState h, long nowMs) {
    return overdueLevel(Duration.ofMillis(Math.max(0, nowMs - h.getDeadline().toEpochMilli())), HazardLifecycle.isMajor(h));
  }

  /**
   * The enterprise's overdue-rectification signal: firing at the level of its worst overdue hazard,
   * naming every overdue hazard (the worst first); resolved when none is left.
   *
   * @param overdue the enterprise's overdue hazards now
   * @param changed the hazard whose change asked for this signal (says why one left)
   */
  public Alert overdue(List<HazardState> overdue, HazardState changed, long nowMs) {
    AlertSubject subject = AlertSignals.enterpriseSubject(changed, reference);
    Instant now = Instant.ofEpochMilli(nowMs);
    if (overdue.isEmpty()) {
      HazardState h = changed;
      Text text = HazardLifecycle.isOpen(h) && h.getRectifiedAt() != null
          ? new Text("逾期隐患已整改", h.getEnterpriseName() + "逾期隐患均已整改或延期;隐患 " + h.getHazardId() + " 已于 "
              + time(h.getRectifiedAt()) + " 整改，待验收销号。", "Overdue hazards rectified",
              "No overdue hazard left at " + h.getEnterpriseName() + "; hazard " + h.getHazardId() + " rectified, waiting for verification")
          : HazardLifecycle.isOpen(h)
          ? new Text("整改期限已延期", h.getEnterpriseName() + "已无逾期隐患;隐患 " + h.getHazardId() + " 整改期限延至 "
              + time(h.getDeadline()), "Deadline extended",
              "No overdue hazard left at " + h.getEnterpriseName() + "; hazard " + h.getHazardId() + " now due " + time(h.getDeadline()))
          : new Text("逾期隐患已验收销号", h.getEnterpriseName() + "已无逾期隐患;隐患 " + h.getHazardId() + " 已于 "
              + time(h.getClosedAt()) + " 验收销号。", "Overdue hazards closed",
              "No overdue hazard left at " + h.getEnterpriseName() + "; hazard " + h.getHazardId() + " closed at " + time(h.getClosedAt()));
      return AlertSignals.resolved(AlertSignals.OVERDUE_RECTIFICATION, subject, text,
          enterpriseEvidence(List.of(h), Map.of("overdueHazards", 0.0), Map.of()), now);
    }
    List<HazardState> worstFirst = new ArrayList<>(overdue);
    worstFirst.sort(Comparator.comparing((HazardState h) -> overdueLevel(h, nowMs)).reversed()
        .thenComparing(HazardState::getDeadline).thenComparing(HazardState::getHazardId));
    HazardState worst = worstFirst.get(0);
    WarningLevel level = overdueLevel(worst, nowMs);
    long days = Duration.ofMillis(nowMs - worst.getDeadline().toEpochMilli()).toDays();
    long majors = overdue.stream().filter(HazardLifecycle::isMajor).count();
    String listZh = String.join("、", worstFirst.stream().limit(5).map(h -> describe(h) + "(逾期 "
        + Duration.ofMillis(nowMs - h.getDeadline().toEpochMilli()).toDays() + " 天)").toList())
        + (worstFirst.size() > 5 ? " 等" : "");
    Instant earliest = overdue.stream().map(HazardState::getDeadline).min(Comparator.naturalOrder()).orElse(now);
    return AlertSignals.firing(AlertSignals.OVERDUE_RECTIFICATION, level, subject,
        new Text("隐患整改逾期" + levelZh(level) + "预警",
            worst.getEnterpriseName() + "有 " + overdue.size() + " 处隐患逾期未整改"
                + (majors > 0 ? "(其中重大事故隐患 " + majors + " 处)" : "") + ":" + listZh + "。最久已逾期 " + days + " 天。",
            "Rectification overdue (" + level + ")",
            worst.getEnterpriseName() + " has " + overdue.size() + " overdue hazard(s); the worst, " + worst.getHazardId()
                + ", is " + days + " days past its deadline"),
        enterpriseEvidence(worstFirst, Map.of("overdueHazards", (double) overdue.size(),
            "overdueMajorHazards", (double) majors, "daysOverdue", (double) days), Map.of()),
        earliest, supervisor(worstFirst));
  }

  /**
   * The key-supervised enterprise's signal: firing while any hazard that was new when reported is
   * still open, naming them (newest first); resolved when the last is closed.
   */
  public Alert keyEnterprise(List<HazardState> members, HazardState changed, long nowMs) {
    AlertSubject subject = AlertSignals.enterpriseSubject(changed, reference);
    if (members.isEmpty()) {
      return resolvedBecauseClosed(AlertSignals.KEY_ENTERPRISE, changed, subject, "挂钩督导企业隐患已销号", "Hazards at key enterprise closed");
    }
    List<HazardState> newestFirst = new ArrayList<>(members);
    newestFirst.sort(Comparator.comparing(HazardState::getReportedAt).reversed().thenComparing(HazardState::getHazardId));
    HazardState newest = newestFirst.get(0);
    String supervisor = supervisor(newestFirst);
    return AlertSignals.firing(AlertSignals.KEY_ENTERPRISE, rules.keyEnterprise().level(), subject,
        new Text("挂钩督导企业新增隐患",
            newest.getEnterpriseName() + "(挂钩督导)新增" + severityZh(newest) + ":" + describe(newest)
                + (members.size() > 1 ? ";尚未销号的新增隐患共 " + members.size() + " 处" : "")
                + ",请督导人" + orDash(supervisor) + "跟进。",
            "New hazard at a key-supervised enterprise",
            newest.getEnterpriseName() + " (linked supervision) reported hazard " + newest.getHazardId()
                + (members.size() > 1 ? "; " + members.size() + " new hazards open" : "")),
        enterpriseEvidence(newestFirst, Map.of("openNewHazards", (double) members.size()), Map.of()),
        newestFirst.get(newestFirst.size() - 1).getReportedAt(), supervisor);
  }

  /**
   * The resolution of the alert one hazard had of a rule that now converges per enterprise, as
   * alerts were keyed before (rule + hazard): sent when the hazard leaves the enterprise's alert, so
   * an alert open from before the upgrade ends with its hazard. For a key that never fired the
   * lifecycle publishes nothing.
   */
  public Alert legacyResolved(String rule, HazardState h) {
    AlertSubject subject = AlertSignals.hazardSubject(h, reference);
    return AlertSignals.resolved(rule, subject,
        new Text("隐患已并入企业预警或已解除", "隐患 " + h.getHazardId() + " 的单独预警解除;" + h.getEnterpriseName()
            + "的同类隐患合并为一条企业预警。", "Hazard alert ended",
            "Hazard " + h.getHazardId() + "'s own alert ended; the enterprise's alert now covers its hazards"),
        evidence(h, Map.of(), Map.of()), h.getUpdatedAt() == null ? Instant.now() : h.getUpdatedAt());
  }

  private static String supervisor(List<HazardState> hazards) {
    return hazards.stream().map(HazardState::getSupervisor).filter(s -> s != null).findFirst().orElse(null);
  }

  /**
   * The evidence of an enterprise's alert: every member hazard's id (not cut at
   * {@link AlertSignals#MAX_EVIDENCE_IDS}: the alert is the list of what the enterprise must rectify),
   * and the last event of each, up to the usual limit.
   */
  private static AlertEvidence enterpriseEvidence(List<HazardState> hazards, Map<String, Double> figures,
      Map<String, Double> thresholds) {
    AlertEvidence e = AlertSignals.evidence(figures, thresholds,
        hazards.stream().map(HazardState::getLastEventId).filter(id -> id != null).toList(), List.of());
    e.setHazardIds(new ArrayList<>(hazards.stream().map(HazardState::getHazardId).toList()));
    return e;
  }


  /** The level for a hazard this late: the last step it has passed, one higher for a major hazard. */
  public WarningLevel overdueLevel(Duration late, boolean major) {
    WarningLevel level = WarningLevel.BLUE;
    for (RulesConfig.Step step : rules.overdueRectification().steps()) {
      if (late.compareTo(step.after()) >= 0) {
        level = step.level();
      }
    }
    return major && rules.overdueRectification().majorOneLevelHigher() ? AlertSignals.higher(level) : level;
  }

  private Alert downgraded(String rule, HazardState h, AlertSubject subject, Instant now) {
    return AlertSignals.resolved(rule, subject,
        new Text("隐患已降为一般隐患", h.getEnterpriseName() + " 隐患 " + h.getHazardId() + " 经重新判定为一般隐患。",
            "Hazard regraded as general", "Hazard " + h.getHazardId() + " regraded as general"),
        evidence(h, Map.of(), Map.of()), h.getRegradedAt() == null ? now : h.getRegradedAt());
  }

  private Alert resolvedBecauseClosed(String rule, HazardState h, AlertSubject subject, String zh, String en) {
    return AlertSignals.resolved(rule, subject,
        new Text(zh, h.getEnterpriseName() + " 隐患 " + h.getHazardId() + " 已于 " + time(h.getClosedAt()) + " 验收销号。",
            en, "Hazard " + h.getHazardId() + " closed at " + time(h.getClosedAt())),
        evidence(h, Map.of(), Map.of()), h.getClosedAt() == null ? h.getUpdatedAt() : h.getClosedAt());
  }

  private static AlertEvidence evidence(HazardState h, Map<String, Double> figures, Map<String, Double> thresholds) {
    return AlertSignals.evidence(figures, thresholds,
        h.getLastEventId() == null ? List.of() : List.of(h.getLastEventId()), List.of(h.getHazardId()));
  }

  private static String describe(HazardState h) {
    return h.getDescription() == null ? h.getHazardId() : h.getHazardId() + "「" + h.getDescription() + "」";
  }

  /** The criteria clause the hazard was judged under (判定依据), or that it has none. */
  private String basis(HazardState h) {
    return reference.criteria().clause(h.getClauseId())
        .map(c -> "判定依据" + c.standard() + c.article())
        .orElse("未注明判定依据");
  }

  private static String severityZh(HazardState h) {
    return h.getSeverity() == HazardSeverity.MAJOR ? "重大事故隐患" : "一般隐患";
  }

  private String time(Instant t) {
    return AlertSignals.time(t, zone);
  }

  private static String orDash(Object o) {
    return o == null ? "—" : o.toString();
  }
}
