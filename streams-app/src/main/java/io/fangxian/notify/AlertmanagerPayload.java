package io.fangxian.notify;

import io.fangxian.avro.Alert;
import io.fangxian.avro.AlertStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One Fangxian alert as an Alertmanager v2 alert ({@code POST /api/v2/alerts}). Pure functions.
 *
 * <p>Labels (Alertmanager identifies and deduplicates an alert by them): {@code alertname} the rule,
 * {@code alert_key}, {@code level} (RED, ORANGE, YELLOW, BLUE), {@code township}, {@code sector},
 * {@code responsible} (who must act now), {@code source=fangxian}. Annotations: {@code title} and
 * {@code message} in Chinese, {@code title_en}, {@code link} to the alert. A firing alert's
 * {@code endsAt} lies a few resend intervals ahead, so it stays active while it is resent and
 * lapses by itself if Fangxian stops; a resolved one ends when it resolved.
 */
public final class AlertmanagerPayload {
  private AlertmanagerPayload() { }

  /** The labels an alert is known by in Alertmanager, now. */
  public static Map<String, String> labels(Alert a) {
    Map<String, String> labels = new TreeMap<>();
    labels.put("alertname", a.getRule());
    labels.put("alert_key", a.getAlertKey());
    labels.put("level", a.getLevel().name());
    labels.put("source", "fangxian");
    if (a.getSubject() != null && a.getSubject().getTownshipId() != null) {
      labels.put("township", a.getSubject().getTownshipId());
    }
    if (a.getSubject() != null && a.getSubject().getSectorId() != null) {
      labels.put("sector", a.getSubject().getSectorId());
    }
    if (a.getHandling() != null && a.getHandling().getResponsible() != null) {
      labels.put("responsible", a.getHandling().getResponsible());
    }
    return labels;
  }

  public static boolean resolved(Alert a) {
    return a.getStatus() == AlertStatus.RESOLVED;
  }

  /** The link to the alert in the REST API under {@code linkBase} (e.g. {@code https://fangxian.example}). */
  public static String link(Alert a, String linkBase) {
    String base = linkBase == null ? "" : linkBase.replaceAll("/+$", "");
    return base + "/api/v1/alerts/" + URLEncoder.encode(a.getAlertKey(), StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * The v2 alert.
   *
   * @param labels the labels to send it under (those of {@link #labels}, or an earlier set being ended)
   * @param ended whether to end it now (resolved, or a label set the alert no longer has)
   * @param now the send time
   * @param firingFor how far ahead a firing alert's endsAt lies
   */
  public static Map<String, Object> alert(Alert a, Map<String, String> labels, boolean ended, Instant now,
      Duration firingFor, String linkBase) {
    Map<String, Object> annotations = new LinkedHashMap<>();
    annotations.put("title", a.getTitleZh());
    annotations.put("message", a.getMessageZh());
    if (a.getTitleEn() != null) {
      annotations.put("title_en", a.getTitleEn());
    }
    String link = link(a, linkBase);
    annotations.put("link", link);
    annotations.put("status", a.getStatus().name());
    if (a.getSubject() != null && a.getSubject().getName() != null) {
      annotations.put("subject", a.getSubject().getName());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("labels", labels);
    out.put("annotations", annotations);
    Instant starts = a.getFirstFiredAt() == null ? now : a.getFirstFiredAt();
    out.put("startsAt", starts.toString());
    Instant ends = ended ? (resolved(a) && a.getEmittedAt() != null ? a.getEmittedAt() : now) : now.plus(firingFor);
    out.put("endsAt", (ends.isBefore(starts) ? starts : ends).toString());
    if (link.startsWith("http")) {
      out.put("generatorURL", link);
    }
    return out;
  }
}
