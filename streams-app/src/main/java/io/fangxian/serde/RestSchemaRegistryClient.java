package io.fangxian.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.apache.avro.Schema;

/**
 * Talks to a Confluent-compatible schema registry (Confluent, Apicurio's {@code /apis/ccompat/v7},
 * Karapace, Redpanda) over HTTP. Ids and schemas are cached for the life of the client, so each
 * schema id and each (subject, schema) pair costs at most one successful HTTP call.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {
  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> baseUrls;
  private final String displayUrl;
  private final String authorization;
  private final int retries;
  private final Duration timeout;
  private final Duration backoff;
  private final HttpClient http;
  private final AtomicInteger preferredUrl = new AtomicInteger();
  private final RegistryWitness witness;

  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();

  private record SubjectSchema(String subject, Schema schema) { }

  private RestSchemaRegistryClient(Builder b) {
    this.witness = b.witness;
    List<String> urls = new ArrayList<>();
    String userInfoFromUrl = null;
    for (String raw : b.urls.split(",")) {
      String trimmed = raw.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      URI uri;
      try {
        uri = new URI(trimmed);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("Invalid schema registry URL"
            + (trimmed.contains("@") ? "" : " " + trimmed) + ": " + e.getReason());
      }
      if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
        throw new IllegalArgumentException("Schema registry URL must be http:// or https://: " + stripUserInfo(uri));
      }
      if (uri.getRawUserInfo() != null) {
        userInfoFromUrl = URLDecoder.decode(uri.getRawUserInfo(), StandardCharsets.UTF_8);
      }
      String clean = stripUserInfo(uri);
      urls.add(clean.endsWith("/") ? clean.substring(0, clean.length() - 1) : clean);
    }
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("No schema registry URL given");
    }
    this.baseUrls = List.copyOf(urls);
    this.displayUrl = String.join(",", baseUrls);
    String userInfo = b.basicAuthUserInfo != null ? b.basicAuthUserInfo : userInfoFromUrl;
    if (b.bearerToken != null) {
      this.authorization = "Bearer " + b.bearerToken;
    } else if (userInfo != null) {
      this.authorization = "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    } else {
      this.authorization = null;
    }
    this.retries = b.retries;
    this.timeout = b.timeout;
    this.backoff = b.backoff;
    HttpClient.Builder hb = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(timeout);
    if (b.sslContext != null) {
      hb.sslContext(b.sslContext);
    }
    this.http = hb.build();
  }

  public static Builder builder(String urls) {
    return new Builder(urls);
  }

  @Override
  public String url() {
    return displayUrl;
  }

  @Override
  public int register(String subject, Schema schema) {
    return idsBySubjectSchema.computeIfAbsent(new SubjectSchema(subject, schema), k -> {
      JsonNode response;
      try {
        response = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema), subject);
      } catch (SchemaRegistryException e) {
        // Two clients registering a new subject at once: Apicurio answers the loser 409 "already
        // exists". If our schema is now there, that is success; a real incompatibility is not.
        if (e.httpStatus() != 409) {
          throw e;
        }
        try {
          response = send("POST", "/subjects/" + encode(subject), schemaBody(schema), subject);
        } catch (SchemaRegistryException notThere) {
          throw e;
        }
      }
      int id = requireInt(response, "id", subject);
      witness(id, schema);
      schemasById.putIfAbsent(id, schema);
      return id;
    });
  }

  @Override
  public int lookup(String subject, Schema schema) {
    return idsBySubjectSchema.computeIfAbsent(new SubjectSchema(subject, schema), k -> {
      JsonNode response = send("POST", "/subjects/" + encode(subject), schemaBody(schema), subject);
      int id = requireInt(response, "id", subject);
      witness(id, schema);
      schemasById.putIfAbsent(id, schema);
      return id;
    });
  }

  @Override
  public Schema getById(int id) {
    return schemasById.computeIfAbsent(id, k -> {
      JsonNode response;
      try {
        response = send("GET", "/schemas/ids/" + id, null, null);
      } catch (SchemaRegistryException e) {
        if (e.isNotFound() && witness != null && witness.knows(id)) {
          throw witness.lost(displayUrl, id);
        }
        throw e;
      }
      String type = response.path("schemaType").asText("AVRO");
      if (!type.equals("AVRO")) {
        throw new SchemaRegistryException("Schema id " + id + " in registry " + displayUrl + " is " + type
            + ", not AVRO", 200, -1, displayUrl, null, null);
      }
      JsonNode text = response.get("schema");
      if (text == null || !text.isTextual()) {
        throw new SchemaRegistryException("Registry " + displayUrl + " answered GET /schemas/ids/" + id
            + " without a schema", 200, -1, displayUrl, null, null);
      }
      Schema schema = new Schema.Parser().parse(text.asText());
      witness(id, schema);
      return schema;
    });
  }

  private void witness(int id, Schema schema) {
    if (witness != null) {
      witness.check(displayUrl, id, schema);
    }
  }

  @Override
  public boolean isCompatible(String subject, Schema schema) {
    try {
      JsonNode response = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest",
          schemaBody(schema), subject);
      return response.path("is_compatible").asBoolean(false);
    } catch (SchemaRegistryException e) {
      if (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND
          || e.errorCode() == SchemaRegistryException.VERSION_NOT_FOUND) {
        return true;
      }
      throw e;
    }
  }

  @Override
  public String getCompatibility(String subjectOrNull) {
    if (subjectOrNull == null) {
      return compatibilityLevel(send("GET", "/config", null, null));
    }
    try {
      return compatibilityLevel(send("GET", "/config/" + encode(subjectOrNull) + "?defaultToGlobal=true", null,
          subjectOrNull));
    } catch (SchemaRegistryException e) {
      // Registries that ignore defaultToGlobal answer 404 for a subject without its own level.
      if (e.isNotFound()) {
        return getCompatibility(null);
      }
      throw e;
    }
  }

  @Override
  public void setCompatibility(String subjectOrNull, String level) {
    String path = subjectOrNull == null ? "/config" : "/config/" + encode(subjectOrNull);
    send("PUT", path, JSON.createObjectNode().put("compatibility", level), subjectOrNull);
  }

  @Override
  public List<String> subjects() {
    JsonNode response = send("GET", "/subjects", null, null);
    List<String> result = new ArrayList<>();
    response.forEach(n -> result.add(n.asText()));
    return result;
  }

  private static JsonNode schemaBody(Schema schema) {
    return JSON.createObjectNode().put("schema", schema.toString());
  }

  private static String compatibilityLevel(JsonNode response) {
    // Confluent answers GET with compatibilityLevel; some registries use compatibility.
    JsonNode level = response.has("compatibilityLevel") ? response.get("compatibilityLevel")
        : response.get("compatibility");
    return level == null ? null : level.asText();
  }

  private int requireInt(JsonNode response, String field, String subject) {
    JsonNode value = response.get(field);
    if (value == null || !value.canConvertToInt()) {
      throw new SchemaRegistryException("Registry " + displayUrl + " answered without \"" + field + "\" for subject '"
          + subject + "': " + truncate(response.toString()), 200, -1, displayUrl, subject, null);
    }
    return value.asInt();
  }

  private JsonNode send(String method, String pathAndQuery, JsonNode body, String subject) {
    String payload = body == null ? null : body.toString();
    Throwable lastFailure = null;
    String lastUrl = baseUrls.get(preferredUrl.get());
    int lastStatus = 0;
    for (int attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) {
        sleep(backoff.multipliedBy(1L << Math.min(attempt - 1, 10)), method, pathAndQuery, subject);
      }
      int first = preferredUrl.get();
      for (int i = 0; i < baseUrls.size(); i++) {
        int index = (first + i) % baseUrls.size();
        String base = baseUrls.get(index);
        lastUrl = base + pathAndQuery;
        HttpResponse<String> response;
        try {
          response = http.send(request(method, lastUrl, payload), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
          lastFailure = e;
          lastStatus = 0;
          continue;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new SchemaRegistryException("Interrupted while calling schema registry " + method + " " + lastUrl,
              0, -1, displayUrl, subject, e);
        }
        preferredUrl.set(index);
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          return parse(response.body(), method, lastUrl, subject);
        }
        SchemaRegistryException error = httpError(status, response.body(), method, lastUrl, subject);
        if (status < 500 && status != 429) {
          throw error;
        }
        lastFailure = error;
        lastStatus = status;
      }
    }
    if (lastStatus != 0) {
      throw new SchemaRegistryException(lastFailure.getMessage() + " (gave up after " + (retries + 1) + " attempts)",
          lastStatus, ((SchemaRegistryException) lastFailure).errorCode(), displayUrl, subject, lastFailure);
    }
    throw new SchemaRegistryException("Schema registry unreachable at " + displayUrl + ": " + describe(lastFailure)
        + " (" + method + " " + lastUrl + (subject == null ? "" : ", subject '" + subject + "'") + ", "
        + (retries + 1) + (retries == 0 ? " attempt)" : " attempts)"), 0, -1, displayUrl, subject, lastFailure);
  }

  private HttpRequest request(String method, String url, String payload) {
    HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(url))
        .timeout(timeout)
        .header("Accept", CONTENT_TYPE + ", application/json");
    if (authorization != null) {
      rb.header("Authorization", authorization);
    }
    if (payload == null) {
      rb.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      rb.header("Content-Type", CONTENT_TYPE);
      rb.method(method, HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8));
    }
    return rb.build();
  }

  private JsonNode parse(String body, String method, String url, String subject) {
    try {
      return JSON.readTree(body == null || body.isEmpty() ? "{}" : body);
    } catch (IOException e) {
      throw new SchemaRegistryException("Schema registry " + method + " " + url + " answered with invalid JSON: "
          + truncate(body), 200, -1, displayUrl, subject, e);
    }
  }

  private SchemaRegistryException httpError(int status, String body, String method, String url, String subject) {
    int errorCode = -1;
    String message = truncate(body);
    try {
      JsonNode json = JSON.readTree(body);
      if (json != null && json.has("error_code")) {
        errorCode = json.get("error_code").asInt(-1);
        message = json.path("message").asText(message);
      }
    } catch (IOException | RuntimeException ignored) {
      // Not JSON (a proxy's error page, say): the raw body is the best message there is.
    }
    String text = "Schema registry error" + (errorCode >= 0 ? " " + errorCode : "") + ": " + message
        + " (HTTP " + status + ", " + method + " " + url + (subject == null ? "" : ", subject '" + subject + "'") + ")";
    return new SchemaRegistryException(text, status, errorCode, displayUrl, subject, null);
  }

  private void sleep(Duration delay, String method, String path, String subject) {
    try {
      Thread.sleep(Math.min(delay.toMillis(), 30_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException("Interrupted while retrying schema registry " + method + " " + path,
          0, -1, displayUrl, subject, e);
    }
  }

  private static String describe(Throwable t) {
    if (t == null) {
      return "unknown error";
    }
    // The JDK client's ConnectException often has no message; a cause may say more.
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c.getMessage() != null && !c.getMessage().isBlank()) {
        return t.getClass().getSimpleName() + ": " + c.getMessage();
      }
    }
    return t.getClass().getSimpleName() + (t instanceof java.net.ConnectException ? " (connection refused)" : "");
  }

  private static String truncate(String s) {
    if (s == null) {
      return "";
    }
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String stripUserInfo(URI uri) {
    if (uri.getRawUserInfo() == null) {
      return uri.toString();
    }
    try {
      return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getRawPath(), null, null).toString();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("Invalid schema registry URL");
    }
  }

  public static final class Builder {
    private final String urls;
    private String basicAuthUserInfo;
    private String bearerToken;
    private int retries = 3;
    private Duration timeout = Duration.ofSeconds(10);
    private Duration backoff = Duration.ofMillis(100);
    private SSLContext sslContext;
    private RegistryWitness witness;

    private Builder(String urls) {
      this.urls = Objects.requireNonNull(urls, "schema registry url");
    }

    /** {@code user:password}, sent as HTTP basic auth. */
    public Builder basicAuth(String userInfo) {
      this.basicAuthUserInfo = userInfo;
      return this;
    }

    public Builder bearerToken(String token) {
      this.bearerToken = token;
      return this;
    }

    /** How many times a call is retried after a connection failure or a 5xx answer. */
    public Builder retries(int retries) {
      if (retries < 0) {
        throw new IllegalArgumentException("retries must be >= 0, got " + retries);
      }
      this.retries = retries;
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout);
      return this;
    }

    /** The first retry's delay; each further retry waits twice as long. */
    public Builder backoff(Duration backoff) {
      this.backoff = Objects.requireNonNull(backoff);
      return this;
    }

    public Builder sslContext(SSLContext sslContext) {
      this.sslContext = sslContext;
      return this;
    }

    /** Checks every id against what the registry answered for it before (see {@link RegistryWitness}). */
    public Builder witness(RegistryWitness witness) {
      this.witness = witness;
      return this;
    }

    public RestSchemaRegistryClient build() {
      return new RestSchemaRegistryClient(this);
    }
  }

  @Override
  public String toString() {
    return "RestSchemaRegistryClient[" + displayUrl + "]";
  }
}
