package io.fangxian.standing;

import io.fangxian.avro.CertificateEvent;
import io.fangxian.avro.CertificatePost;
import io.fangxian.avro.Enterprise;
import io.fangxian.domain.ReferenceData;
import io.fangxian.domain.Sector;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether an enterprise's key posts (三项岗位) hold valid certificates at an instant.
 *
 * <ul>
 *   <li>A certificate is valid from {@code issuedAt} until {@code expiresAt} (exclusive), unless revoked.
 *   <li>An enterprise whose sector is marked {@code keyPostCertificates} in the sector list needs a
 *       valid principal (主要负责人) and safety-manager (安全生产管理人员) certificate. The column follows
 *       安全生产法 (2021) 第二十七条第二款: 「危险物品的生产、经营、储存、装卸单位以及矿山、金属冶炼、建筑施工、
 *       运输单位的主要负责人和安全生产管理人员，应当由主管的负有安全生产监督管理职责的部门对其安全生产知识和管理
 *       能力考核合格」 (text: https://github.com/LawRefBook/Laws, 社会法/安全生产法(2021-06-10).md; 危险物品
 *       as 第一百一十七条 defines them). Each sector's row says why it is or is not such a unit. Neither the
 *       key-area flag (养老, 消防 and 工改商 are key areas the article does not name) nor the risk level
 *       decides it, and neither does lying in the chemical zone: a unit in the zone follows its own sector
 *       (the zone's chemical units are in the chemical-zone sector, which is marked).
 *   <li>Each special operation done on site (Enterprise.specialOperations) needs a valid special
 *       operator certificate of that category (安全生产法 第三十条; 特种作业目录).
 * </ul>
 *
 * A holder's certificates for one post (and operation) form a line: only the latest, by expiry,
 * says whether the line is expiring, expired or review-overdue, so a renewal ends the old one's count.
 *
 * <p>A special operator's certificate is valid 6 years and reviewed (复审) every 3 years
 * (特种作业人员安全技术培训考核管理规定, 原国家安全监管总局令第30号, 第十九、二十一条); the holder
 * applies in the 60 days before (第二十二条), and a certificate not reviewed on time is no longer
 * valid (第二十六条第二款: 未按期复审的). So a certificate past its review date with no {@code
 * reviewedAt} is review-overdue and satisfies no requirement; an expired or revoked one is counted
 * as such instead. The 10-year extension of 第二十一条 (a holder with 10 years of lawful work may be
 * reviewed every 6 years) cannot be seen in the records: such a holder's review should be recorded
 * as done ({@code reviewedAt}).
 */
public final class CertificateCheck {
  public static final Duration EXPIRY_NOTICE = Duration.ofDays(30);
  /** The review every 3 years (第二十一条), counted from issue in China's time (UTC+8, no daylight saving). */
  public static final int REVIEW_EVERY_YEARS = 3;
  private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

  private final ReferenceData reference;
  private final Duration reviewNotice;

  /** @param reviewNotice how long before a review falls due it is reminded (60 days: 第二十二条) */
  public CertificateCheck(ReferenceData reference, Duration reviewNotice) {
    this.reference = reference;
    this.reviewNotice = reviewNotice;
  }

  public CertificateCheck(ReferenceData reference) {
    this(reference, Duration.ofDays(60));
  }

  /** What the certificates say at {@code now}. */
  public record Result(List<String> missing, List<CertificateEvent> expiring, List<CertificateEvent> expired,
      List<CertificateEvent> reviewOverdue, List<CertificateEvent> reviewDueSoon) {
    public static final Result NONE = new Result(List.of(), List.of(), List.of(), List.of(), List.of());

    public boolean compliant() {
      return missing.isEmpty();
    }
  }

  /** Whether the enterprise's sector is one whose principal and safety manager must be assessed (第二十七条第二款). */
  public boolean requiresKeyPosts(Enterprise e) {
    return reference.sector(e.getSectorId()).map(Sector::keyPostCertificates).orElse(false);
  }

  public Result check(Enterprise e, List<CertificateEvent> certificates, Instant now) {
    List<String> missing = new ArrayList<>();
    if (requiresKeyPosts(e)) {
      if (!holds(certificates, CertificatePost.PRINCIPAL, null, now)) {
        missing.add("主要负责人");
      }
      if (!holds(certificates, CertificatePost.SAFETY_MANAGER, null, now)) {
        missing.add("安全生产管理人员");
      }
    }
    for (String operation : e.getSpecialOperations().stream().map(reference::specialOperationId).distinct().toList()) {
      if (!holds(certificates, CertificatePost.SPECIAL_OPERATOR, operation, now)) {
        missing.add("特种作业人员(" + operationName(operation) + ")");
      }
    }
    List<CertificateEvent> expiring = new ArrayList<>();
    List<CertificateEvent> expired = new ArrayList<>();
    List<CertificateEvent> reviewOverdue = new ArrayList<>();
    List<CertificateEvent> reviewDueSoon = new ArrayList<>();
    for (CertificateEvent latest : latestOfEachLine(certificates)) {
      Instant expires = latest.getExpiresAt();
      if (!expires.isAfter(now)) {
        expired.add(latest);
        continue;
      }
      if (valid(latest, now) && !expires.isAfter(now.plus(EXPIRY_NOTICE))) {
        expiring.add(latest);
      }
      if (reviewOverdue(latest, now)) {
        reviewOverdue.add(latest);
      } else if (valid(latest, now) && reviewDueWithin(latest, reviewNotice, now)) {
        reviewDueSoon.add(latest);
      }
    }
    return new Result(missing, expiring, expired, reviewOverdue, reviewDueSoon);
  }

  /** When a certificate's 3-year review falls due; null when it needs none (not a special operator's, or it ends first). */
  public static Instant reviewDue(CertificateEvent c) {
    if (c.getPost() != CertificatePost.SPECIAL_OPERATOR) {
      return null;
    }
    Instant due = c.getIssuedAt().atOffset(CHINA).plusYears(REVIEW_EVERY_YEARS).toInstant();
    return due.isBefore(c.getExpiresAt()) ? due : null;
  }

  /** Whether a review was recorded for the certificate (at or after its issue). */
  public static boolean reviewed(CertificateEvent c) {
    return c.getReviewedAt() != null && !c.getReviewedAt().isBefore(c.getIssuedAt());
  }

  /** Valid but for its review: issued, not revoked, not expired, past its review date with none recorded. */
  public static boolean reviewOverdue(CertificateEvent c, Instant now) {
    Instant due = reviewDue(c);
    return due != null && !reviewed(c) && !due.isAfter(now) && !c.getRevoked()
        && !c.getIssuedAt().isAfter(now) && c.getExpiresAt().isAfter(now);
  }

  private static boolean reviewDueWithin(CertificateEvent c, Duration notice, Instant now) {
    Instant due = reviewDue(c);
    return due != null && !reviewed(c) && due.isAfter(now) && !due.isAfter(now.plus(notice));
  }

  /** The next instant after {@code now} at which any certificate's standing changes; null if none will. */
  public Instant nextChange(List<CertificateEvent> certificates, Instant now) {
    Instant next = null;
    for (CertificateEvent c : certificates) {
      if (c.getRevoked()) {
        continue;
      }
      List<Instant> changes = new ArrayList<>(List.of(c.getIssuedAt(), c.getExpiresAt().minus(EXPIRY_NOTICE), c.getExpiresAt()));
      Instant review = reviewDue(c);
      if (review != null && !reviewed(c)) {
        changes.add(review.minus(reviewNotice));
        changes.add(review);
      }
      for (Instant t : changes) {
        if (t.isAfter(now) && (next == null || t.isBefore(next))) {
          next = t;
        }
      }
    }
    return next;
  }

  public static boolean valid(CertificateEvent c, Instant now) {
    return !c.getRevoked() && !c.getIssuedAt().isAfter(now) && c.getExpiresAt().isAfter(now);
  }

  /** Whether the certificate answers for its post now: valid, and reviewed when its review is due. */
  public static boolean satisfies(CertificateEvent c, Instant now) {
    return valid(c, now) && !reviewOverdue(c, now);
  }

  public String operationName(String operationId) {
    return reference.specialOperations().stream().filter(o -> o.id().equals(operationId))
        .map(o -> o.nameZh()).findFirst().orElse(operationId);
  }

  private boolean holds(List<CertificateEvent> certificates, CertificatePost post, String operation, Instant now) {
    return certificates.stream().anyMatch(c -> c.getPost() == post && satisfies(c, now)
        && (operation == null || (c.getOperationType() != null
            && reference.specialOperationId(c.getOperationType()).equals(operation))));
  }

  /** The latest certificate (by expiry) of each holder, post and operation; revoked ones end nothing and count nowhere. */
  private List<CertificateEvent> latestOfEachLine(List<CertificateEvent> certificates) {
    Map<String, CertificateEvent> latest = new LinkedHashMap<>();
    certificates.stream().filter(c -> !c.getRevoked())
        .sorted(Comparator.comparing(CertificateEvent::getExpiresAt))
        .forEach(c -> latest.put(line(c), c));
    return List.copyOf(latest.values());
  }

  private String line(CertificateEvent c) {
    String operation = c.getOperationType() == null ? "" : reference.specialOperationId(c.getOperationType());
    return c.getHolderId() + "|" + c.getPost() + "|" + Objects.toString(operation, "");
  }
}
