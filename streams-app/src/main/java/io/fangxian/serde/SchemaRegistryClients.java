package io.fangxian.serde;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import org.apache.kafka.common.config.ConfigException;

/**
 * Creates registry clients from serde configuration, sharing one client (and so one cache) per
 * distinct configuration, because Kafka Streams creates many serde instances from the same config.
 */
public final class SchemaRegistryClients {
  public static final String URL = "schema.registry.url";
  public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
  public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
  public static final String BEARER_AUTH_CREDENTIALS_SOURCE = "bearer.auth.credentials.source";
  public static final String BEARER_AUTH_TOKEN = "bearer.auth.token";
  public static final String RETRIES = "schema.registry.retries";
  public static final String RETRY_BACKOFF_MS = "schema.registry.retry.backoff.ms";
  public static final String TIMEOUT_MS = "schema.registry.timeout.ms";
  /** An {@link SSLContext} instance (not a name) for registries whose certificate the JDK does not trust. */
  public static final String SSL_CONTEXT = "schema.registry.ssl.context";
  /** A file in which the ids this instance has used are remembered and checked (see {@link RegistryWitness}). */
  public static final String WITNESS_FILE = "schema.registry.witness.file";

  public static final String MOCK_PREFIX = "mock://";

  private static final List<String> KEYS = List.of(URL, BASIC_AUTH_CREDENTIALS_SOURCE, BASIC_AUTH_USER_INFO,
      BEARER_AUTH_CREDENTIALS_SOURCE, BEARER_AUTH_TOKEN, RETRIES, RETRY_BACKOFF_MS, TIMEOUT_MS, SSL_CONTEXT, WITNESS_FILE);
  private static final Map<List<Object>, SchemaRegistryClient> SHARED = new ConcurrentHashMap<>();
  private static final Map<Path, RegistryWitness> WITNESSES = new ConcurrentHashMap<>();

  private SchemaRegistryClients() {
  }

  /** The one witness kept in this file, shared by every client that names it. */
  public static RegistryWitness witness(Path file) {
    return WITNESSES.computeIfAbsent(file.toAbsolutePath().normalize(), RegistryWitness::open);
  }

  public static SchemaRegistryClient create(Map<String, ?> config) {
    Object url = config.get(URL);
    if (url == null || url.toString().isBlank()) {
      throw new ConfigException("Missing required configuration \"" + URL + "\" (e.g. http://localhost:8081 or "
          + MOCK_PREFIX + "test)");
    }
    String urls = url.toString().trim();
    if (urls.startsWith(MOCK_PREFIX)) {
      return MockSchemaRegistry.forScope(urls.substring(MOCK_PREFIX.length()).split(",")[0].trim());
    }
    List<Object> key = Arrays.asList(KEYS.stream().map(config::get).toArray());
    return SHARED.computeIfAbsent(key, k -> rest(urls, config));
  }

  /**
   * A client of its own, with an empty cache: what the registry answers now, not what it answered
   * before (for checking the registry at start-up).
   */
  public static SchemaRegistryClient uncached(Map<String, ?> config) {
    String urls = String.valueOf(config.get(URL)).trim();
    return urls.startsWith(MOCK_PREFIX) ? create(config) : rest(urls, config);
  }

  private static SchemaRegistryClient rest(String urls, Map<String, ?> config) {
    RestSchemaRegistryClient.Builder builder = RestSchemaRegistryClient.builder(urls);
    String basicSource = string(config, BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO");
    switch (basicSource) {
      case "USER_INFO" -> {
        String userInfo = string(config, BASIC_AUTH_USER_INFO, null);
        if (userInfo != null && !userInfo.isEmpty()) {
          builder.basicAuth(userInfo);
        }
      }
      case "URL" -> { } // the client takes user info from the URL itself
      default -> throw new ConfigException(BASIC_AUTH_CREDENTIALS_SOURCE + " must be USER_INFO or URL, got "
          + basicSource);
    }
    String bearerSource = string(config, BEARER_AUTH_CREDENTIALS_SOURCE, "STATIC_TOKEN");
    if (!bearerSource.equals("STATIC_TOKEN")) {
      throw new ConfigException(BEARER_AUTH_CREDENTIALS_SOURCE + " must be STATIC_TOKEN, got " + bearerSource);
    }
    String token = string(config, BEARER_AUTH_TOKEN, null);
    if (token != null && !token.isEmpty()) {
      builder.bearerToken(token);
    }
    builder.retries(integer(config, RETRIES, 3));
    builder.backoff(Duration.ofMillis(integer(config, RETRY_BACKOFF_MS, 100)));
    builder.timeout(Duration.ofMillis(integer(config, TIMEOUT_MS, 10_000)));
    String witness = string(config, WITNESS_FILE, null);
    if (witness != null && !witness.isEmpty()) {
      builder.witness(witness(Path.of(witness)));
    }
    Object ssl = config.get(SSL_CONTEXT);
    if (ssl != null) {
      if (!(ssl instanceof SSLContext context)) {
        throw new ConfigException(SSL_CONTEXT + " must be a javax.net.ssl.SSLContext instance, got "
            + ssl.getClass().getName());
      }
      builder.sslContext(context);
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new ConfigException("Invalid " + URL + ": " + e.getMessage());
    }
  }

  private static String string(Map<String, ?> config, String key, String defaultValue) {
    Object value = config.get(key);
    if (value == null) {
      return defaultValue;
    }
    // Kafka passes passwords as Password objects, whose toString() hides the value.
    if (value instanceof org.apache.kafka.common.config.types.Password password) {
      return password.value();
    }
    return value.toString().trim();
  }

  private static int integer(Map<String, ?> config, String key, int defaultValue) {
    Object value = config.get(key);
    if (value == null) {
      return defaultValue;
    }
    if (value instanceof Number n) {
      return n.intValue();
    }
    try {
      return Integer.parseInt(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key, value, "must be an integer");
    }
  }
}
