package io.fangxian.config;

import io.fangxian.domain.HazardCriteria;
import io.fangxian.domain.ReferenceData;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The application's settings: built-in defaults, then a properties file, then environment
 * variables ({@code FANGXIAN_KAFKA_BOOTSTRAP_SERVERS} sets {@code kafka.bootstrap.servers}), then
 * command-line options; each later source wins. Every {@code kafka.*} key is handed to the Kafka
 * clients without the prefix, so security settings (SASL_SSL, SCRAM, mTLS) need no code.
 */
public final class AppConfig {
  public static final String KAFKA_PREFIX = "kafka.";
  public static final String ENV_PREFIX = "FANGXIAN_";

  public static final String BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
  public static final String REGISTRY_URL = "schema.registry.url";
  public static final String REGISTRY_USER_INFO = "schema.registry.basic.auth.user.info";
  public static final String REGISTRY_TOKEN = "schema.registry.bearer.auth.token";
  public static final String APPLICATION_ID = "application.id";
  public static final String PROCESSING_GUARANTEE = "processing.guarantee";
  public static final String REPLICATION_FACTOR = "replication.factor";
  public static final String STANDBY_REPLICAS = "num.standby.replicas";
  public static final String STREAM_THREADS = "num.stream.threads";
  public static final String STATE_DIR = "state.dir";
  public static final String INSTANCE_ID = "instance.id";
  public static final String TOPIC_PREFIX = "topic.prefix";
  public static final String TOPIC_PARTITIONS = "topic.partitions";
  public static final String TIME_ZONE = "time.zone";
  public static final String RULES_FILE = "rules.file";
  /** A district's own catalogue of major-hazard criteria, replacing the built-in one. */
  public static final String HAZARD_CRITERIA_FILE = "hazard.criteria.file";
  public static final String HTTP_HOST = "http.host";
  public static final String HTTP_PORT = "http.port";
  public static final String HTTP_ADVERTISED_HOST = "http.advertised.host";
  public static final String HTTP_TOKEN = "http.token";
  /** Origins allowed to call the API from a browser (comma-separated); empty means no CORS headers. */
  public static final String HTTP_CORS_ORIGINS = "http.cors.origins";
  /** Requests per second per client IP (token bucket, burst of the same size); 0 turns it off. */
  public static final String HTTP_RATE_LIMIT = "http.rate.limit";
  /** The largest request body accepted, in bytes. */
  public static final String HTTP_MAX_BODY_BYTES = "http.max.body.bytes";
  public static final String HTTP_TLS_KEYSTORE = "http.tls.keystore";
  public static final String HTTP_TLS_KEYSTORE_PASSWORD = "http.tls.keystore.password";
  public static final String DEDUP_RETENTION = "dedup.retention";
  public static final String MAX_FUTURE_SKEW = "validation.max.future.skew";
  /** How long violations and inspections stay in an enterprise's dossier (一企一档); at least three years. */
  public static final String DOSSIER_RETENTION = "dossier.retention";

  /** Alertmanager's base URL (http://alertmanager:9093); empty: alerts are not pushed. */
  public static final String ALERTMANAGER_URL = "alertmanager.url";
  /** The dashboard's public URL, for the link in each alert pushed to Alertmanager. */
  public static final String ALERTMANAGER_LINK_BASE = "alertmanager.link.base";
  /** The most alert records waiting to be pushed to Alertmanager. */
  public static final String ALERTMANAGER_BACKLOG = "alertmanager.backlog";
  /** How often live alerts are pushed again (they lapse in Alertmanager after four of these). */
  public static final String ALERTMANAGER_RESEND_INTERVAL = "alertmanager.resend.interval";
  /** One push's timeout. */
  public static final String ALERTMANAGER_TIMEOUT = "alertmanager.timeout";

  /** Every setting the application itself reads; {@code kafka.*} and {@code schema.registry.*} pass through. */
  public static final List<String> KEYS = List.of(BOOTSTRAP_SERVERS, REGISTRY_URL, REGISTRY_USER_INFO, REGISTRY_TOKEN,
      APPLICATION_ID, PROCESSING_GUARANTEE, REPLICATION_FACTOR, STANDBY_REPLICAS, STREAM_THREADS, STATE_DIR,
      INSTANCE_ID, TOPIC_PREFIX, TOPIC_PARTITIONS, TIME_ZONE, RULES_FILE, HAZARD_CRITERIA_FILE, HTTP_HOST, HTTP_PORT, HTTP_ADVERTISED_HOST, HTTP_TOKEN,
      HTTP_CORS_ORIGINS, HTTP_RATE_LIMIT, HTTP_MAX_BODY_BYTES, HTTP_TLS_KEYSTORE, HTTP_TLS_KEYSTORE_PASSWORD,
      DEDUP_RETENTION, MAX_FUTURE_SKEW, DOSSIER_RETENTION,
      ALERTMANAGER_URL, ALERTMANAGER_LINK_BASE, ALERTMANAGER_BACKLOG, ALERTMANAGER_RESEND_INTERVAL, ALERTMANAGER_TIMEOUT);

  private static final Map<String, String> DEFAULTS = defaults();
  private static final Set<String> SECRET_WORDS = Set.of("password", "secret", "token", "user.info", "sasl.jaas.config", "key");

  private final Map<String, String> values;

  private AppConfig(Map<String, String> values) {
    this.values = values;
  }

  private static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put(APPLICATION_ID, "fangxian");
    d.put(PROCESSING_GUARANTEE, "exactly_once_v2");
    d.put(REPLICATION_FACTOR, "1");
    d.put(STANDBY_REPLICAS, "0");
    d.put(STREAM_THREADS, "1");
    d.put(STATE_DIR, System.getProperty("java.io.tmpdir") + "/fangxian-state");
    d.put(TOPIC_PREFIX, "");
    d.put(TOPIC_PARTITIONS, "6");
    d.put(TIME_ZONE, "Asia/Shanghai");
    d.put(HTTP_HOST, "127.0.0.1");
    d.put(HTTP_PORT, "8080");
    d.put(HTTP_CORS_ORIGINS, "");
    d.put(HTTP_RATE_LIMIT, "50");
    d.put(HTTP_MAX_BODY_BYTES, "65536");
    d.put(DEDUP_RETENTION, "P35D");
    d.put(MAX_FUTURE_SKEW, "PT1H");
    d.put(DOSSIER_RETENTION, "P" + PipelineConfig.defaults().dossierRetention().toDays() + "D");
    d.put(ALERTMANAGER_URL, "");
    d.put(ALERTMANAGER_LINK_BASE, "");
    d.put(ALERTMANAGER_BACKLOG, "10000");
    d.put(ALERTMANAGER_RESEND_INTERVAL, "PT1M");
    d.put(ALERTMANAGER_TIMEOUT, "PT10S");
    return d;
  }

  /** The built-in default of a key, or null when it has none. */
  public static String defaultValue(String key) {
    return DEFAULTS.get(key);
  }

  /** Whether a key means something to the application (a typo in a file or variable does not). */
  public static boolean isKnownKey(String key) {
    return KEYS.contains(key) || (key.startsWith(KAFKA_PREFIX) && KafkaKeys.isKnown(key.substring(KAFKA_PREFIX.length())))
        || key.startsWith("schema.registry.") || WRITE_TOKEN_KEY.matcher(key).matches();
  }

  /**
   * A write token's setting: {@code http.token.<name>.secret}, {@code .scope}, or {@code .person}
   * (who of the roster the token's user is: a leaderId or a name as alerts' handling names people).
   */
  public static final java.util.regex.Pattern WRITE_TOKEN_KEY =
      java.util.regex.Pattern.compile("http\\.token\\.([A-Za-z0-9_-]{1,64})\\.(secret|scope|person)");

  /**
   * The write tokens: name → {secret, scope, person}, from {@code http.token.<name>.secret},
   * {@code .scope} ({@code district} or {@code township:<townshipId>}) and the optional {@code .person}.
   * Checked by {@link #validate()}.
   */
  public Map<String, Map<String, String>> writeTokens() {
    Map<String, Map<String, String>> tokens = new TreeMap<>();
    values.forEach((k, v) -> {
      java.util.regex.Matcher m = WRITE_TOKEN_KEY.matcher(k);
      if (m.matches()) {
        tokens.computeIfAbsent(m.group(1), n -> new TreeMap<>()).put(m.group(2), v == null ? "" : v.trim());
      }
    });
    return tokens;
  }

  public static AppConfig of(Map<String, String> overrides) {
    Map<String, String> v = new LinkedHashMap<>(DEFAULTS);
    v.putAll(overrides);
    return new AppConfig(v);
  }

  /** Defaults, then the file (if any), then the environment. */
  public static AppConfig load(Path file, Map<String, String> env) {
    Map<String, String> v = new LinkedHashMap<>(DEFAULTS);
    if (file != null) {
      if (!Files.isRegularFile(file)) {
        throw new ConfigException("configuration file " + file + " does not exist or is not a file");
      }
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(r);
      } catch (IOException | IllegalArgumentException e) {
        throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage());
      }
      p.stringPropertyNames().forEach(k -> v.put(k.trim(), p.getProperty(k).trim()));
    }
    env.forEach((name, value) -> {
      if (name.startsWith(ENV_PREFIX)) {
        v.put(name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
      }
    });
    return new AppConfig(v);
  }

  public AppConfig with(String key, String value) {
    Map<String, String> v = new LinkedHashMap<>(values);
    v.put(key, value);
    return new AppConfig(v);
  }

  public String get(String key) {
    return values.get(key);
  }

  /**
   * Checks what the application needs to start, naming the key and what it accepts. Every mistake
   * is reported at once (one {@link ConfigException} listing them all), so a file is fixed in one go.
   */
  public AppConfig validate() {
    List<String> mistakes = new ArrayList<>();
    check(mistakes, () -> require(BOOTSTRAP_SERVERS, "host:port[,host:port...] of the Kafka cluster"));
    check(mistakes, () -> require(REGISTRY_URL,
        "the schema registry URL, e.g. http://registry:8081 (Confluent) or http://registry:8080/apis/ccompat/v7 (Apicurio)"));
    check(mistakes, () -> {
      String guarantee = get(PROCESSING_GUARANTEE);
      if (!List.of("exactly_once_v2", "at_least_once").contains(guarantee)) {
        throw new ConfigException(PROCESSING_GUARANTEE + "=" + guarantee + " is not accepted; use exactly_once_v2 or at_least_once");
      }
    });
    check(mistakes, () -> positiveInt(REPLICATION_FACTOR));
    check(mistakes, () -> positiveInt(STREAM_THREADS));
    check(mistakes, () -> positiveInt(TOPIC_PARTITIONS));
    check(mistakes, () -> nonNegativeInt(STANDBY_REPLICAS));
    check(mistakes, () -> {
      int port = nonNegativeInt(HTTP_PORT);
      if (port > 65535) {
        throw new ConfigException(HTTP_PORT + "=" + port + " is not a port; use 0-65535");
      }
    });
    check(mistakes, () -> nonNegativeInt(HTTP_RATE_LIMIT));
    check(mistakes, () -> positiveInt(HTTP_MAX_BODY_BYTES));
    check(mistakes, this::zone);
    check(mistakes, () -> duration(DEDUP_RETENTION));
    check(mistakes, () -> duration(MAX_FUTURE_SKEW));
    check(mistakes, () -> positiveInt(ALERTMANAGER_BACKLOG));
    for (String key : List.of(ALERTMANAGER_RESEND_INTERVAL, ALERTMANAGER_TIMEOUT)) {
      check(mistakes, () -> {
        if (duration(key).isNegative() || duration(key).isZero()) {
          throw new ConfigException(key + "=" + get(key) + " must be a positive duration such as PT1M");
        }
      });
    }
    String alertmanager = get(ALERTMANAGER_URL);
    if (alertmanager != null && !alertmanager.isBlank() && !alertmanager.strip().matches("https?://[^\\s/]+(/\\S*)?")) {
      mistakes.add(ALERTMANAGER_URL + "=" + alertmanager + " is not a URL; use http://host:9093 (or leave it empty)");
    }
    check(mistakes, () -> {
      if (duration(DOSSIER_RETENTION).compareTo(PipelineConfig.MIN_DOSSIER_RETENTION) < 0) {
        throw new ConfigException(DOSSIER_RETENTION + "=" + get(DOSSIER_RETENTION) + " is shorter than the three years an"
            + " enterprise dossier must keep; use P" + PipelineConfig.MIN_DOSSIER_RETENTION.toDays() + "D or more");
      }
    });
    if (get(REGISTRY_URL) != null) {
      for (String url : get(REGISTRY_URL).split(",")) {
        if (!url.isBlank() && !url.startsWith("http://") && !url.startsWith("https://") && !url.startsWith("mock://")) {
          mistakes.add(REGISTRY_URL + " must start with http:// or https://, got " + url);
        }
      }
    }
    String keystore = get(HTTP_TLS_KEYSTORE);
    if (keystore != null && !keystore.isBlank() && !Files.isRegularFile(Path.of(keystore))) {
      mistakes.add(HTTP_TLS_KEYSTORE + "=" + keystore + " does not exist; it needs a PKCS12 keystore file");
    }
    if (get(RULES_FILE) != null && !get(RULES_FILE).isBlank() && !Files.isRegularFile(Path.of(get(RULES_FILE)))) {
      mistakes.add(RULES_FILE + "=" + get(RULES_FILE) + " does not exist");
    }
    new TreeMap<>(values).keySet().forEach(key -> check(mistakes, () -> knownKafkaKey(key)));
    ReferenceData reference;
    try {
      reference = reference();
    } catch (ConfigException e) {
      mistakes.add(e.getMessage());
      reference = ReferenceData.builtIn();
    }
    ReferenceData townships = reference;
    Set<String> secrets = new java.util.HashSet<>();
    writeTokens().forEach((name, t) -> {
      String secret = t.getOrDefault("secret", "");
      String scope = t.getOrDefault("scope", "");
      if (secret.length() < 16) {
        mistakes.add("http.token." + name + ".secret must be set, at least 16 characters");
      } else if (!secrets.add(secret)) {
        mistakes.add("http.token." + name + ".secret is the secret of another token; each user needs their own");
      }
      if (t.containsKey("person") && (t.get("person").isEmpty() || t.get("person").length() > 128)) {
        mistakes.add("http.token." + name + ".person must name someone of the roster (a leaderId or a name, "
            + "1 to 128 characters), or be left out");
      }
      boolean township = scope.startsWith("township:") && townships.township(scope.substring(9)).isPresent();
      if (!scope.equals("district") && !township) {
        mistakes.add("http.token." + name + ".scope=" + scope + " is not accepted; use district or "
            + "township:<townshipId> with a township of the reference data");
      }
    });
    if (!mistakes.isEmpty()) {
      throw new ConfigException(mistakes);
    }
    return this;
  }

  private static void check(List<String> mistakes, Runnable check) {
    try {
      check.run();
    } catch (ConfigException e) {
      mistakes.addAll(e.mistakes());
    }
  }

  /**
   * A {@code kafka.*} key must name a setting of the Kafka clients or Streams: a typo would
   * otherwise be handed on and ignored. The refusal suggests the nearest known name.
   */
  private static void knownKafkaKey(String key) {
    if (!key.startsWith(KAFKA_PREFIX)) {
      return;
    }
    String name = key.substring(KAFKA_PREFIX.length());
    if (KafkaKeys.isKnown(name)) {
      return;
    }
    throw new ConfigException(key + " is not a setting of the Kafka clients or Kafka Streams"
        + KafkaKeys.nearest(name).map(n -> "; did you mean " + KAFKA_PREFIX + n + "?")
            .orElse("; a kafka.* key is a Kafka client or Streams setting with kafka. in front, e.g. kafka.security.protocol"));
  }

  /** The townships and sectors, with the district's criteria catalogue when {@code hazard.criteria.file} names one. */
  public ReferenceData reference() {
    return reference(ReferenceData.builtIn());
  }

  /** {@code base} (the built-in data, or with the district's sectors) with the district's criteria file, if set. */
  public ReferenceData reference(ReferenceData base) {
    String file = get(HAZARD_CRITERIA_FILE);
    if (file == null || file.isBlank()) {
      return base;
    }
    if (!Files.isRegularFile(Path.of(file))) {
      throw new ConfigException(HAZARD_CRITERIA_FILE + "=" + file + " does not exist");
    }
    try {
      return base.withCriteria(HazardCriteria.fromFile(Path.of(file), base));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(HAZARD_CRITERIA_FILE + ": " + e.getMessage());
    }
  }

  public ZoneId zone() {
    try {
      return ZoneId.of(get(TIME_ZONE));
    } catch (DateTimeException e) {
      throw new ConfigException(TIME_ZONE + "=" + get(TIME_ZONE) + " is not a time zone; use an IANA id such as Asia/Shanghai");
    }
  }

  public int intValue(String key) {
    try {
      return Integer.parseInt(get(key));
    } catch (NumberFormatException e) {
      throw new ConfigException(key + "=" + get(key) + " is not a whole number");
    }
  }

  public Duration duration(String key) {
    try {
      return Duration.parse(get(key));
    } catch (RuntimeException e) {
      throw new ConfigException(key + "=" + get(key) + " is not an ISO-8601 duration such as PT1H or P35D");
    }
  }

  private void require(String key, String accepted) {
    if (get(key) == null || get(key).isBlank()) {
      throw new ConfigException(key + " is not set; it needs " + accepted
          + " (in the file, or as environment variable " + envName(key) + ")");
    }
  }

  private int positiveInt(String key) {
    int v = intValue(key);
    if (v < 1) {
      throw new ConfigException(key + "=" + v + " must be 1 or more");
    }
    return v;
  }

  private int nonNegativeInt(String key) {
    int v = intValue(key);
    if (v < 0) {
      throw new ConfigException(key + "=" + v + " must be 0 or more");
    }
    return v;
  }

  public static String envName(String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_');
  }

  /** The {@code kafka.*} settings without their prefix. */
  public Map<String, Object> kafkaClientSettings() {
    Map<String, Object> m = new LinkedHashMap<>();
    values.forEach((k, v) -> {
      if (k.startsWith(KAFKA_PREFIX)) {
        m.put(k.substring(KAFKA_PREFIX.length()), v);
      }
    });
    return m;
  }

  /** The registry settings the serde understands (Confluent's names). */
  public Map<String, Object> serdeSettings() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schema.registry.url", get(REGISTRY_URL));
    if (get(REGISTRY_USER_INFO) != null) {
      m.put("basic.auth.credentials.source", "USER_INFO");
      m.put("basic.auth.user.info", get(REGISTRY_USER_INFO));
    }
    if (get(REGISTRY_TOKEN) != null) {
      m.put("bearer.auth.token", get(REGISTRY_TOKEN));
    }
    values.forEach((k, v) -> {
      if (k.startsWith("schema.registry.") && !m.containsKey(k) && !k.equals(REGISTRY_USER_INFO) && !k.equals(REGISTRY_TOKEN)) {
        m.put(k, v);
      }
    });
    return m;
  }

  public PipelineConfig pipeline() {
    PipelineConfig d = PipelineConfig.defaults();
    return new PipelineConfig(get(TOPIC_PREFIX), zone(), duration(DEDUP_RETENTION), duration(MAX_FUTURE_SKEW),
        d.earliestEventTime(), d.statsPublishInterval(), d.deadlineCheckInterval(), d.dailyRetention(),
        duration(DOSSIER_RETENTION));
  }

  public RulesConfig rules() {
    String file = get(RULES_FILE);
    return RulesConfig.load(file == null || file.isBlank() ? null : Path.of(file));
  }

  /** Every setting, with secrets masked: safe to log. */
  public Map<String, String> describe() {
    Map<String, String> shown = new TreeMap<>();
    values.forEach((k, v) -> shown.put(k, isSecret(k) ? "******" : v));
    return shown;
  }

  static boolean isSecret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return SECRET_WORDS.stream().anyMatch(k::contains) && !k.endsWith(".type") && !k.endsWith(".location");
  }
}
