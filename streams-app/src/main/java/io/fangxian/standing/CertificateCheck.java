package io.fangxian.standing;

import io.fangxian.avro.CertificateEvent;
import io.fangxian.avro.CertificatePost;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.RiskLevel;
import io.fangxian.domain.ReferenceData;
import java.time.Duration;
import java.time.Instant;
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
 *   <li>Enterprises of the key areas, of the chemical zone and of major or larger risk (RED, ORANGE)
 *       need a valid principal (主要负责人) and safety-manager (安全生产管理人员) certificate:
 *       安全生产法 (2021) 第二十七条 requires both to pass the assessment for dangerous goods,
 *       mining, metal smelting, construction and road transport, the core of the key areas.
 *   <li>Each special operation done on site (Enterprise.specialOperations) needs a valid special
 *       operator certificate of that category (安全生产法 第三十条; 特种作业目录).
 * </ul>
 *
 * A holder's certificates for one post (and operation) form a line: only the latest, by expiry,
 * says whether the line is expiring or expired, so a renewal ends the old one's count.
 */
public final class CertificateCheck {
  public static final Duration EXPIRY_NOTICE = Duration.ofDays(30);

  private final ReferenceData reference;

  public CertificateCheck(ReferenceData reference) {
    this.reference = reference;
  }

  /** What the certificates say at {@code now}. */
  public record Result(List<String> missing, List<CertificateEvent> expiring, List<CertificateEvent> expired) {
    public boolean compliant() {
      return missing.isEmpty();
    }
  }

  public boolean requiresKeyPosts(Enterprise e) {
    return reference.inKeyArea(e) || e.getRiskLevel() == RiskLevel.RED || e.getRiskLevel() == RiskLevel.ORANGE;
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
    for (CertificateEvent latest : latestOfEachLine(certificates)) {
      Instant expires = latest.getExpiresAt();
      if (!expires.isAfter(now)) {
        expired.add(latest);
      } else if (valid(latest, now) && !expires.isAfter(now.plus(EXPIRY_NOTICE))) {
        expiring.add(latest);
      }
    }
    return new Result(missing, expiring, expired);
  }

  /** The next instant after {@code now} at which any certificate's standing changes; null if none will. */
  public static Instant nextChange(List<CertificateEvent> certificates, Instant now) {
    Instant next = null;
    for (CertificateEvent c : certificates) {
      if (c.getRevoked()) {
        continue;
      }
      for (Instant t : List.of(c.getIssuedAt(), c.getExpiresAt().minus(EXPIRY_NOTICE), c.getExpiresAt())) {
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

  public String operationName(String operationId) {
    return reference.specialOperations().stream().filter(o -> o.id().equals(operationId))
        .map(o -> o.nameZh()).findFirst().orElse(operationId);
  }

  private boolean holds(List<CertificateEvent> certificates, CertificatePost post, String operation, Instant now) {
    return certificates.stream().anyMatch(c -> c.getPost() == post && valid(c, now)
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
