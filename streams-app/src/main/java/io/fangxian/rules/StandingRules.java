package io.fangxian.rules;

import static io.fangxian.rules.AlertSignals.levelZh;

import io.fangxian.avro.Alert;
import io.fangxian.avro.AlertSubject;
import io.fangxian.avro.AreaStats;
import io.fangxian.avro.CertificateEvent;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.WarningLevel;
import io.fangxian.config.RulesConfig;
import io.fangxian.domain.ReferenceData;
import io.fangxian.rules.AlertSignals.Text;
import io.fangxian.standing.CertificateCheck;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rules on what nobody has looked at: coverage of key-area enterprises per township and grid
 * (拉网式、不留死角), and the certificates of the three key posts (三项岗位持证上岗).
 */
public final class StandingRules {
  private final RulesConfig rules;
  private final ReferenceData reference;
  private final ZoneId zone;

  public StandingRules(RulesConfig rules, ReferenceData reference, ZoneId zone) {
    this.rules = rules;
    this.reference = reference;
    this.zone = zone;
  }

  /** How long before a certificate's review it is reminded. */
  public java.time.Duration reviewNotice() {
    return rules.certificateReview().remindBefore();
  }

  /** The coverage rule over an area's figures; empty when the rule is off. */
  public Optional<Alert> coverage(AlertSubject subject, AreaStats figures, Instant now) {
    RulesConfig.CoverageRule rule = rules.coverage();
    if (!rule.enabled()) {
      return Optional.empty();
    }
    long keyArea = figures.getKeyAreaEnterprises();
    long inspected = figures.getKeyAreaInspectedLast90d();
    double share = figures.getKeyAreaCoverageLast90d();
    var evidence = AlertSignals.evidence(
        Map.of("keyAreaEnterprises", (double) keyArea, "keyAreaInspectedLast90d", (double) inspected,
            "keyAreaCoverageLast90d", share),
        Map.of("minShare", rule.minShare(), "minKeyAreaEnterprises", (double) rule.minKeyAreaEnterprises()),
        List.of(), List.of());
    String percent = String.format("%.0f%%", share * 100);
    if (keyArea >= rule.minKeyAreaEnterprises() && share < rule.minShare()) {
      return Optional.of(AlertSignals.firing(AlertSignals.COVERAGE_GAP, rule.level(), subject,
          new Text(subject.getName() + "重点行业检查覆盖不足" + levelZh(rule.level()) + "预警",
              subject.getName() + "重点行业领域企业 " + keyArea + " 家,近90天受检 " + inspected + " 家,覆盖率 " + percent
                  + ",低于 " + String.format("%.0f%%", rule.minShare() * 100) + ";请按网格员走访清单补齐检查,不留死角。",
              "Inspection coverage gap in " + subject.getId(),
              inspected + " of " + keyArea + " key-area enterprises inspected in 90 days (" + percent + ")"),
          evidence, now, null));
    }
    return Optional.of(AlertSignals.resolved(AlertSignals.COVERAGE_GAP, subject,
        new Text(subject.getName() + "检查覆盖已达标", subject.getName() + "重点行业领域企业近90天受检覆盖率 " + percent + "。",
            "Inspection coverage restored in " + subject.getId(), percent + " of key-area enterprises inspected in 90 days"),
        evidence, now));
  }

  /** Non-compliance of a key-area enterprise; a resolution when it is compliant, closed or not in a key area. */
  public Optional<Alert> compliance(Enterprise e, boolean applies, CertificateCheck.Result result, Instant now) {
    RulesConfig.CertificateRules rule = rules.certificates();
    if (!rule.enabled()) {
      return Optional.empty();
    }
    AlertSubject subject = AlertSignals.enterpriseSubject(e, reference);
    var evidence = AlertSignals.evidence(Map.of("missingPosts", (double) result.missing().size()), Map.of(),
        List.of(), List.of());
    if (applies && !result.compliant()) {
      WarningLevel level = rule.nonCompliantLevel();
      String missing = String.join("、", result.missing());
      return Optional.of(AlertSignals.firing(AlertSignals.CERTIFICATE_NONCOMPLIANT, level, subject,
          new Text("三项岗位持证缺失" + levelZh(level) + "预警",
              e.getName() + "缺少有效的" + missing + "证书,不得无证上岗。",
              "Key post without a valid certificate", e.getName() + ": no valid certificate for " + missing),
          evidence, now, e.getSupervisor()));
    }
    return Optional.of(AlertSignals.resolved(AlertSignals.CERTIFICATE_NONCOMPLIANT, subject,
        new Text("三项岗位持证已齐全", e.getName() + "三项岗位证书齐全有效。", "Key posts certified",
            e.getName() + " holds the certificates its key posts need"),
        evidence, now));
  }

  /**
   * A BLUE reminder to the enterprise's grid worker while any certificate line expires within 30
   * days; resolved when none does (renewed, or expired: then the figures count it as expired).
   */
  public Optional<Alert> expiry(Enterprise e, List<CertificateEvent> expiring, String gridWorker, Instant now) {
    RulesConfig.CertificateRules rule = rules.certificates();
    if (!rule.enabled() || !rule.expiryReminder()) {
      return Optional.empty();
    }
    AlertSubject subject = AlertSignals.enterpriseSubject(e, reference);
    var evidence = AlertSignals.evidence(Map.of("certificatesExpiringWithin30d", (double) expiring.size()), Map.of(),
        expiring.stream().map(CertificateEvent::getCertificateId).toList(), List.of());
    if (!expiring.isEmpty()) {
      String who = String.join("、", expiring.stream().map(c -> c.getHolderName() + "(" + postZh(c) + ",有效期至 "
          + AlertSignals.time(c.getExpiresAt(), zone).substring(0, 10) + ")").toList());
      return Optional.of(AlertSignals.firing(AlertSignals.CERTIFICATE_EXPIRY, WarningLevel.BLUE, subject,
          new Text("证书到期提醒", e.getName() + "证书30天内到期:" + who + ";请督促企业及时复审或换证。",
              "Certificates expiring", e.getName() + ": " + expiring.size() + " certificate(s) expire within 30 days"),
          evidence, now, gridWorker));
    }
    return Optional.of(AlertSignals.resolved(AlertSignals.CERTIFICATE_EXPIRY, subject,
        new Text("证书到期提醒解除", e.getName() + "无30天内到期的证书。", "No certificate expiring",
            e.getName() + ": no certificate expires within 30 days"),
        evidence, now));
  }

  /**
   * 复审: a reminder to the grid worker while a special operator's certificate is due for its 3-year
   * review within the notice (BLUE by default), rising to {@code overdueLevel} once a review is past
   * with none recorded (the certificate then no longer counts, 第二十六条); resolved when none is.
   */
  public Optional<Alert> review(Enterprise e, CertificateCheck.Result result, String gridWorker, Instant now) {
    RulesConfig.CertificateReview rule = rules.certificateReview();
    if (!rule.enabled()) {
      return Optional.empty();
    }
    AlertSubject subject = AlertSignals.enterpriseSubject(e, reference);
    List<CertificateEvent> named = new java.util.ArrayList<>(result.reviewOverdue());
    named.addAll(result.reviewDueSoon());
    var evidence = AlertSignals.evidence(Map.of("certificatesReviewOverdue", (double) result.reviewOverdue().size(),
            "certificatesReviewDueSoon", (double) result.reviewDueSoon().size()),
        Map.of("remindBeforeDays", (double) rule.remindBefore().toDays()),
        named.stream().map(CertificateEvent::getCertificateId).toList(), List.of());
    if (named.isEmpty()) {
      return Optional.of(AlertSignals.resolved(AlertSignals.CERTIFICATE_REVIEW, subject,
          new Text("证书复审提醒解除", e.getName() + "无待复审或逾期未复审的特种作业操作证。", "No certificate review due",
              e.getName() + ": no special-operation certificate is due for review"),
          evidence, now));
    }
    boolean overdue = !result.reviewOverdue().isEmpty();
    WarningLevel level = overdue ? rule.overdueLevel() : rule.level();
    String who = String.join("、", named.stream().map(c -> c.getHolderName() + "(" + postZh(c) + ",复审日 "
        + AlertSignals.time(CertificateCheck.reviewDue(c), zone).substring(0, 10) + ")").toList());
    String zh = overdue
        ? e.getName() + "特种作业操作证逾期未复审:" + who + ";按原国家安全监管总局令第30号第二十六条,未按期复审的证书失效,不得上岗作业。"
        : e.getName() + "特种作业操作证将到3年复审日:" + who + ";请督促持证人在复审日前60日内申请复审(第30号令第二十二条)。";
    return Optional.of(AlertSignals.firing(AlertSignals.CERTIFICATE_REVIEW, level, subject,
        new Text(overdue ? "证书逾期未复审" + levelZh(level) + "预警" : "证书复审提醒", zh,
            overdue ? "Certificate review overdue" : "Certificate review due",
            e.getName() + ": " + result.reviewOverdue().size() + " certificate(s) past review, "
                + result.reviewDueSoon().size() + " due within " + rule.remindBefore().toDays() + " days"),
        evidence, now, gridWorker));
  }

  public static String postZh(CertificateEvent c) {
    return switch (c.getPost()) {
      case PRINCIPAL -> "主要负责人";
      case SAFETY_MANAGER -> "安全生产管理人员";
      case SPECIAL_OPERATOR -> "特种作业人员" + (c.getOperationType() == null ? "" : "·" + c.getOperationType());
      default -> "未知岗位";
    };
  }
}
