package io.fangxian.notify;

import io.fangxian.config.AppConfig;
import java.time.Duration;

/**
 * Where and how alerts are pushed to Alertmanager ({@code alertmanager.*} in docs/configuration.md).
 *
 * @param url Alertmanager's base URL ({@code http://alertmanager:9093}); empty turns the push off
 * @param linkBase the dashboard's public URL, for the link to each alert
 * @param backlog the most alert records waiting to be pushed; past it the notifier stops reading
 *     the alerts topic until there is room (processing is never held up)
 * @param resendInterval how often the live alerts are sent again (Alertmanager ends an alert whose
 *     endsAt passes; the firing ones are sent with endsAt four intervals ahead)
 * @param timeout one request's timeout
 * @param maxBackoff the longest wait between retries of a failed push
 */
public record AlertmanagerSettings(String url, String linkBase, int backlog, Duration resendInterval, Duration timeout,
    Duration maxBackoff) {
  public static AlertmanagerSettings from(AppConfig config) {
    return new AlertmanagerSettings(config.get(AppConfig.ALERTMANAGER_URL).trim().replaceAll("/+$", ""),
        config.get(AppConfig.ALERTMANAGER_LINK_BASE).trim(), config.intValue(AppConfig.ALERTMANAGER_BACKLOG),
        config.duration(AppConfig.ALERTMANAGER_RESEND_INTERVAL), config.duration(AppConfig.ALERTMANAGER_TIMEOUT),
        Duration.ofSeconds(30));
  }

  public boolean enabled() {
    return url != null && !url.isEmpty();
  }

  /** How far ahead a firing alert's endsAt lies: four resend intervals, as Prometheus does. */
  public Duration firingFor() {
    return resendInterval.multipliedBy(4);
  }
}
