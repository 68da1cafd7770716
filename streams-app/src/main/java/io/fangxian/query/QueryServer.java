package io.fangxian.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.fangxian.alerts.AlertActionsApi;
import io.fangxian.config.AppConfig;
import io.fangxian.domain.ReferenceData;
import io.fangxian.domain.TopicRegistry;
import io.fangxian.serde.Causes;
import io.fangxian.serde.SchemaRegistryException;
import io.fangxian.web.ApiException;
import io.fangxian.web.LocalState;
import io.fangxian.web.Params;
import io.fangxian.web.Peers;
import io.fangxian.web.ReadContext;
import io.fangxian.web.Resource;
import io.fangxian.web.Router;
import io.fangxian.web.WriteTokens;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of one instance: the REST API over interactive queries ({@code /api/v1}), the
 * one internal endpoint the instances ask each other ({@link Router#LOCAL_PATH}, local stores only),
 * the live feed (SSE), health probes, an optional Prometheus hook and the dashboard. Security (TLS,
 * token, CORS, limits) and errors are set up here; the routes are the resources' (the slices', and
 * {@link QueryService}'s composite reads).
 */
public final class QueryServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(QueryServer.class);
  private static final String ERROR_WRITTEN = "fangxian.error";

  private final HttpSettings settings;
  private final KafkaStreams streams;
  private final QueryService service;
  private final Router router;
  private final List<Resource> resources;
  private final LiveFeed feed;
  private final Supplier<String> prometheus;
  private final ObjectMapper mapper;
  private final RateLimiter publicLimiter;
  private final RateLimiter internalLimiter;
  private final byte[] tokenDigest;
  private final List<String> routes = Collections.synchronizedList(new ArrayList<>());
  private final byte[] openApi;
  private final AlertActionsApi actions;
  private final WriteTokens writeTokens;
  private Javalin app;
  private static final long UNREADABLE_HOLD_NANOS = 10_000_000_000L;
  private final RepeatedErrorLog storeErrors = new RepeatedErrorLog(log, System::nanoTime);
  private volatile long lastUnreadableNanos = System.nanoTime() - UNREADABLE_HOLD_NANOS;
  private volatile String failure;

  private QueryServer(HttpSettings settings, KafkaStreams streams, QueryService service, List<Resource> resources, Router router,
      LiveFeed feed, Supplier<String> prometheus, ObjectMapper mapper, WriteTokens writeTokens, AlertActionsApi actions) {
    this.settings = settings;
    this.router = router;
    this.resources = resources;
    this.writeTokens = writeTokens;
    this.actions = actions;
    this.streams = streams;
    this.service = service;
    this.feed = feed;
    this.prometheus = prometheus;
    this.mapper = mapper;
    this.publicLimiter = new RateLimiter(settings.rateLimitPerSecond(), System::nanoTime);
    // Peers fan requests out to each other: a looser bucket for the internal endpoints.
    this.internalLimiter = new RateLimiter(settings.rateLimitPerSecond() * 20, System::nanoTime);
    this.tokenDigest = settings.token() == null ? null : sha256(settings.token());
    this.openApi = resource("/api/openapi.json");
  }

  /**
   * Starts the server on {@code http.host}:{@code http.port}.
   *
   * @param advertised the {@code host:port} given to Streams as {@code application.server}
   * @param reference the reference data the topology was built with: the API names and checks by the same lists
   * @param prometheus the Prometheus text for {@code GET /metrics}, or null (then 404)
   */
  public static QueryServer start(AppConfig config, String advertised, KafkaStreams streams, TopicRegistry topics,
      ReferenceData reference, Supplier<String> prometheus) {
    HttpSettings settings = HttpSettings.from(config, advertised);
    ObjectMapper mapper = mapper();
    HostInfo self = HostInfo.buildFromEndpoint(advertised);
    Router router = new Router(new Peers(streams, self, mapper, settings.token(), settings.scheme(), settings.peerClient()),
        mapper);
    ReadContext read = new ReadContext(new LocalState(streams, self), router, reference, config.zone(),
        System::currentTimeMillis, config.rules());
    ReadApis apis = ReadApis.of(read);
    LocalStores local = new LocalStores(read.state(), reference, apis.cases(), apis.reports());
    LocalQueries queries = new LocalQueries(local, read);
    QueryService service = new QueryService(local, queries, read, apis);
    LiveFeed feed = new LiveFeed(config.kafkaClientSettings(), topics, mapper, reference).start();
    WriteTokens writeTokens = WriteTokens.from(config);
    AlertActionsApi actions = new AlertActionsApi(apis.alerts(), System::currentTimeMillis, writeTokens, mapper, config, topics);
    List<Resource> resources = new ArrayList<>(apis.all());
    resources.addAll(List.of(service, actions, new PlansApi(service, writeTokens, mapper)));
    QueryServer server = new QueryServer(settings, streams, service, resources, router, feed, prometheus, mapper, writeTokens,
        actions);
    try {
      server.startJavalin();
    } catch (RuntimeException e) {
      feed.close();
      actions.close();
      throw e;
    }
    return server;
  }

  static ObjectMapper mapper() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  public int port() {
    return app.port();
  }

  /** "METHOD path" of every registered handler (for the OpenAPI check). */
  public List<String> routes() {
    synchronized (routes) {
      return List.copyOf(routes);
    }
  }

  /** Connected live-feed clients. */
  public int streamClients() {
    return feed.clientCount();
  }

  /** True once the live feed reads from the end of its topics. */
  public boolean streamReady() {
    return feed.positioned();
  }

  private void startJavalin() {
    app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.startupWatcherEnabled = false;
      config.jsonMapper(new JavalinJackson(mapper, false));
      config.http.maxRequestSize = settings.maxBodyBytes();
      config.http.defaultContentType = "application/json";
      config.router.ignoreTrailingSlashes = true;
      config.staticFiles.add(sf -> {
        sf.hostedPath = "/";
        sf.directory = "/web";
        sf.location = Location.CLASSPATH;
        sf.headers = Map.of("Cache-Control", "no-cache");
      });
      config.staticFiles.enableWebjars();
      config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
      config.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(new JsonErrorHandler()));
      config.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(false));
      if (settings.tls()) {
        // With a connector of our own Javalin opens no plain-HTTP port.
        config.jetty.addConnector((server, http) -> {
          SslContextFactory.Server ssl = new SslContextFactory.Server();
          ssl.setKeyStorePath(settings.tlsKeystore().toAbsolutePath().toString());
          ssl.setKeyStoreType("PKCS12");
          if (settings.tlsPassword() != null) {
            ssl.setKeyStorePassword(settings.tlsPassword());
          }
          HttpConfiguration https = new HttpConfiguration(http);
          SecureRequestCustomizer secure = new SecureRequestCustomizer();
          secure.setSniHostCheck(false); // replicas are reached by address as well as by name
          https.addCustomizer(secure);
          ServerConnector connector = new ServerConnector(server,
              new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(https));
          connector.setHost(settings.host());
          connector.setPort(settings.port());
          return connector;
        });
      }
      config.events.handlerAdded(meta -> routes.add(meta.getHttpMethod().name() + " " + meta.getPath()));
    });

    app.before(this::guard);
    app.options("/*", this::preflight);

    app.get("/health", ctx -> ctx.json(Map.of("status", "UP")));
    app.get("/health/ready", this::ready);
    app.get("/metrics", this::metrics);
    app.get("/api/v1/openapi.json", ctx -> {
      Params.allowOnly(ctx, Set.of());
      ctx.contentType("application/json").result(openApi);
    });

    resources.forEach(r -> r.routes(app));
    // What the other instances ask of this one: any local query, answered from this instance's stores only.
    app.get(Router.LOCAL_PATH + "{query}", ctx -> router.local(ctx.pathParam("query"), ctx.queryParam("args"))
        .ifPresentOrElse(ctx::json, () -> ctx.status(204)));

    app.before("/api/v1/stream", ctx -> {
      Params.allowOnly(ctx, Set.of("token"));
      if (!"text/event-stream".equals(ctx.header("Accept"))) {
        throw new ApiException(406, "not_acceptable", "this is a Server-Sent Events stream: send 'Accept: text/event-stream'"
            + " (as EventSource does)", 0);
      }
    });
    app.sse("/api/v1/stream", client -> {
      client.ctx().header("Cache-Control", "no-cache");
      client.ctx().header("X-Accel-Buffering", "no");
      client.keepAlive();
      feed.add(client);
    });

    app.exception(ApiException.class, (e, ctx) -> writeError(ctx, e.status(), e.error(), e.getMessage(), e.retryAfterSeconds()));
    app.exception(InvalidStateStoreException.class, (e, ctx) -> writeError(ctx, 503, "unavailable",
        "state is not queryable now (rebalancing or restoring); try again shortly", 2));
    app.exception(HttpResponseException.class, (e, ctx) -> {
      if (e.getStatus() == 404 || e.getStatus() == 405) {
        ctx.status(e.getStatus()); // the error handlers below say what is served instead
        return;
      }
      writeError(ctx, e.getStatus(), JsonErrorHandler.errorCode(e.getStatus()), Params.shorten(e.getMessage()), 0);
    });
    app.exception(Exception.class, (e, ctx) -> {
      String unreadable = unreadableState(e);
      if (unreadable != null) {
        storeErrors.error("Stored figures cannot be read: " + unreadable, e);
        lastUnreadableNanos = System.nanoTime();
        writeError(ctx, 503, "state_unreadable", "stored figures cannot be read: " + unreadable, 10);
        return;
      }
      log.error("Unexpected error answering {} {}", ctx.method(), ctx.path(), e);
      writeError(ctx, 500, "internal_error", "the server could not answer this request; the cause is in its log", 0);
    });
    app.error(404, ctx -> {
      if (ctx.attribute(ERROR_WRITTEN) == null) {
        writeError(ctx, 404, "not_found", "no such resource: " + ctx.method() + " " + Params.shorten(ctx.path())
            + "; the API is described at /api/v1/openapi.json", 0);
      }
    });
    app.error(405, ctx -> {
      if (ctx.attribute(ERROR_WRITTEN) == null) {
        writeError(ctx, 405, "method_not_allowed", "only GET is served here (and POST on /api/v1/alerts/{alertKey}/actions and /api/v1/plans)", 0);
      }
    });

    app.start(settings.host(), settings.port());
    log.info("HTTP on {}:{} (advertised {}), token {}, CORS {}, rate limit {}/s per client",
        settings.host(), app.port(), settings.advertised(), settings.token() == null ? "off" : "on",
        settings.corsOrigins().isEmpty() ? "closed" : settings.corsOrigins(),
        settings.rateLimitPerSecond() == 0 ? "off" : settings.rateLimitPerSecond());
  }

  // --- security: headers, CORS, body size, rate limit, token ---

  private void guard(Context ctx) {
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    cors(ctx);
    String path = ctx.path();
    if (path.equals("/health") || path.startsWith("/health/")) {
      return;
    }
    if (ctx.contentLength() > settings.maxBodyBytes()) {
      throw new ApiException(413, "payload_too_large", "request bodies are limited to " + settings.maxBodyBytes() + " bytes", 0);
    }
    boolean internal = path.startsWith("/internal/");
    if (!(internal ? internalLimiter : publicLimiter).tryAcquire(ctx.ip())) {
      throw new ApiException(429, "rate_limited", "more than " + settings.rateLimitPerSecond()
          + " requests per second from this client; slow down", 1);
    }
    if (AlertActionsApi.isActionPath(ctx) || PlansApi.isPlanPath(ctx)) {
      return; // the write token is checked there, with its scope
    }
    if (tokenDigest != null && ctx.method() != io.javalin.http.HandlerType.OPTIONS
        && (path.startsWith("/api/") || internal || path.equals("/metrics") || path.startsWith("/bulletins/"))
        && !authorized(ctx)) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"fangxian\"");
      throw new ApiException(401, "unauthorized", "this API needs 'Authorization: Bearer <token>' (the http.token"
          + " setting of the server)" + (path.equals("/api/v1/stream") || path.startsWith("/bulletins/") ? " or ?token=<token>" : ""), 0);
    }
  }

  private boolean authorized(Context ctx) {
    String presented = WriteTokens.bearer(ctx);
    if (presented == null && (ctx.path().equals("/api/v1/stream") || ctx.path().startsWith("/bulletins/"))) {
      // EventSource cannot set headers, nor can a link to a printable page.
      presented = ctx.queryParam("token");
    }
    // Digests of equal length, compared in constant time: neither content nor length leaks. A user
    // who may act on alerts (a write token) may read too.
    return presented != null && (MessageDigest.isEqual(tokenDigest, sha256(presented)) || writeTokens.user(presented).isPresent());
  }

  private void cors(Context ctx) {
    String origin = ctx.header("Origin");
    if (origin == null || settings.corsOrigins().isEmpty()) {
      return;
    }
    if (settings.corsOrigins().contains(origin) || settings.corsOrigins().contains("*")) {
      ctx.header("Access-Control-Allow-Origin", origin);
      ctx.header("Vary", "Origin");
      ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type");
      ctx.header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
      ctx.header("Access-Control-Max-Age", "600");
    }
  }

  private void preflight(Context ctx) {
    if (ctx.res().getHeader("Access-Control-Allow-Origin") == null) {
      throw new ApiException(405, "method_not_allowed", "only GET is served here (no cross-origin access is configured)", 0);
    }
    ctx.status(204);
  }

  // --- health and metrics ---

  private void ready(Context ctx) {
    KafkaStreams.State state = streams.state();
    String reason = notReadyReason();
    ctx.status(reason == null ? 200 : 503);
    Map<String, String> body = new LinkedHashMap<>();
    body.put("status", reason == null ? "UP" : "DOWN");
    body.put("streamsState", state.name());
    if (reason != null) {
      ctx.header("Retry-After", "2");
      body.put("reason", reason);
    }
    ctx.json(body);
  }

  /** Null when figures can be served; otherwise why not. */
  public String notReadyReason() {
    String failed = failure;
    if (failed != null) {
      return failed;
    }
    KafkaStreams.State state = streams.state();
    if (state != KafkaStreams.State.RUNNING) {
      return "Kafka Streams is " + state + (state == KafkaStreams.State.REBALANCING ? " (restoring or assigning state)" : "");
    }
    if (System.nanoTime() - lastUnreadableNanos < UNREADABLE_HOLD_NANOS) {
      return "stored figures could not be read in the last 10 s; see the log";
    }
    try {
      return service.localStoresAnswer() ? null : "the local stores do not answer yet";
    } catch (RuntimeException e) {
      String unreadable = unreadableState(e);
      if (unreadable == null) {
        throw e;
      }
      storeErrors.error("Stored figures cannot be read: " + unreadable, e);
      return "stored figures cannot be read: " + unreadable;
    }
  }

  /** Marks the instance as unable to serve figures for good (e.g. the registry changed its ids). */
  public void reportFailure(String reason) {
    failure = reason;
  }

  /** The message of a registry or deserialization error in e's causes, or null if there is none. */
  static String unreadableState(Throwable e) {
    return Causes.find(e, t -> t instanceof SchemaRegistryException || t instanceof SerializationException)
        .map(t -> String.valueOf(t.getMessage()))
        .map(message -> message.length() <= 400 ? message : message.substring(0, 400) + "…")
        .orElse(null);
  }

  private void metrics(Context ctx) {
    if (prometheus == null) {
      throw ApiException.notFound("metrics are not enabled on this instance");
    }
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(prometheus.get());
  }

  private void writeError(Context ctx, int status, String error, String message, int retryAfter) {
    ctx.attribute(ERROR_WRITTEN, Boolean.TRUE);
    ctx.status(status);
    if (retryAfter > 0) {
      ctx.header("Retry-After", Integer.toString(retryAfter));
    }
    ctx.json(new Views.ErrorBody(error, message));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = QueryServer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    feed.close();
    if (app != null) {
      app.stop();
    }
    actions.close();
  }
}
