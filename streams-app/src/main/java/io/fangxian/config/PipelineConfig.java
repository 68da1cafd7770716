package io.fangxian.config;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * What the topology needs to know, and nothing about where it runs: the topology is a pure
 * function of this (plus the serde settings), so it builds and is tested without a broker.
 *
 * @param topicPrefix prepended to every topic name (empty by default)
 * @param zone the zone whose local days the daily counts use (Asia/Shanghai)
 * @param dedupRetention how long an eventId is remembered to drop resent events
 * @param maxFutureSkew an event time further than this ahead of the wall clock is rejected
 * @param earliestEventTime an event time before this is rejected as absurd
 * @param statsPublishInterval how often changed area figures are published
 * @param deadlineCheckInterval how often the wall clock is compared with due hazard deadlines
 * @param dailyRetention how long per-local-day counts are kept
 * @param dossierRetention how long an enterprise's violations and inspections stay in its dossier
 *     (一企一档), by the time they occurred: at least three years (see {@link #MIN_DOSSIER_RETENTION})
 */
public record PipelineConfig(
    String topicPrefix,
    ZoneId zone,
    Duration dedupRetention,
    Duration maxFutureSkew,
    Instant earliestEventTime,
    Duration statsPublishInterval,
    Duration deadlineCheckInterval,
    Duration dailyRetention,
    Duration dossierRetention) {

  /** The least a dossier keeps: three years, leap day included. */
  public static final Duration MIN_DOSSIER_RETENTION = Duration.ofDays(3 * 365 + 1);

  public static PipelineConfig defaults() {
    return new PipelineConfig(
        "",
        ZoneId.of("Asia/Shanghai"),
        Duration.ofDays(35),
        Duration.ofHours(1),
        Instant.parse("2000-01-01T00:00:00Z"),
        Duration.ofSeconds(1),
        Duration.ofSeconds(1),
        Duration.ofDays(400),
        Duration.ofDays(5 * 365 + 2)); // five years: the three a dossier must keep, and a margin for trends
  }

  public String topic(String name) {
    return topicPrefix + name;
  }

  public PipelineConfig withTopicPrefix(String prefix) {
    return new PipelineConfig(prefix, zone, dedupRetention, maxFutureSkew, earliestEventTime,
        statsPublishInterval, deadlineCheckInterval, dailyRetention, dossierRetention);
  }

  public PipelineConfig withZone(ZoneId newZone) {
    return new PipelineConfig(topicPrefix, newZone, dedupRetention, maxFutureSkew, earliestEventTime,
        statsPublishInterval, deadlineCheckInterval, dailyRetention, dossierRetention);
  }

  public PipelineConfig withDossierRetention(Duration retention) {
    return new PipelineConfig(topicPrefix, zone, dedupRetention, maxFutureSkew, earliestEventTime,
        statsPublishInterval, deadlineCheckInterval, dailyRetention, retention);
  }
}
