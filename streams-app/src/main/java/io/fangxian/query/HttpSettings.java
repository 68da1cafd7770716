package io.fangxian.query;

import io.fangxian.config.AppConfig;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The HTTP server's settings, from {@link AppConfig}: bind address and port, the advertised
 * {@code host:port} other instances use, the bearer token ({@code http.token}; none = open), the
 * CORS origins ({@code http.cors.origins}; none = no CORS headers), the per-client rate limit
 * ({@code http.rate.limit} requests/s; 0 = off) and the largest request body accepted.
 */
public record HttpSettings(String host, int port, String advertised, String token, Set<String> corsOrigins,
                           int rateLimitPerSecond, long maxBodyBytes) {

  public static HttpSettings from(AppConfig config, String advertised) {
    String token = config.get(AppConfig.HTTP_TOKEN);
    String origins = config.get(AppConfig.HTTP_CORS_ORIGINS);
    return new HttpSettings(config.get(AppConfig.HTTP_HOST), config.intValue(AppConfig.HTTP_PORT), advertised,
        token == null || token.isBlank() ? null : token.trim(),
        origins == null ? Set.of() : Arrays.stream(origins.split(",")).map(String::trim).filter(s -> !s.isEmpty())
            .collect(Collectors.toUnmodifiableSet()),
        config.intValue(AppConfig.HTTP_RATE_LIMIT), config.intValue(AppConfig.HTTP_MAX_BODY_BYTES));
  }
}
