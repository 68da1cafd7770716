package io.fangxian.web;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Which instance holds what (from the Streams metadata every instance gets at each rebalance),
 * and HTTP calls to the other instances' internal endpoint ({@link Router#LOCAL_PATH}), which
 * answers from their local stores only: a request is routed at most one hop and never recursed.
 */
public final class Peers {
  public static final String INTERNAL_HEADER = "X-Fangxian-Internal";

  private final KafkaStreams streams;
  private final HostInfo self;
  private final HttpClient http;
  private final String scheme;
  private final ObjectMapper mapper;
  private final String token;

  public Peers(KafkaStreams streams, HostInfo self, ObjectMapper mapper, String token, String scheme, HttpClient http) {
    this.streams = streams;
    this.self = self;
    this.mapper = mapper;
    this.token = token;
    this.scheme = scheme;
    this.http = http;
  }

  HostInfo self() {
    return self;
  }

  boolean isSelf(HostInfo host) {
    return self.equals(host);
  }

  /** The instance holding {@code key} of a store partitioned by that key (String-serialized). */
  HostInfo ownerOf(String store, String key) {
    requireRunning();
    KeyQueryMetadata m;
    try {
      m = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
    } catch (InvalidStateStoreException | IllegalStateException e) {
      throw ApiException.unavailable("cannot locate the instance holding this key now: " + e.getMessage());
    }
    if (m == null || KeyQueryMetadata.NOT_AVAILABLE.equals(m) || m.activeHost() == null
        || m.activeHost().port() < 0) {
      throw ApiException.unavailable("no instance holds " + store + " partition for this key right now; try again shortly");
    }
    return m.activeHost();
  }

  /** Every instance holding some active partition of the store (this one included). */
  Set<HostInfo> hostsFor(String store) {
    requireRunning();
    Set<HostInfo> hosts = new LinkedHashSet<>();
    try {
      for (StreamsMetadata m : streams.streamsMetadataForStore(store)) {
        hosts.add(m.hostInfo());
      }
    } catch (InvalidStateStoreException | IllegalStateException e) {
      throw ApiException.unavailable("cannot list the instances now: " + e.getMessage());
    }
    if (hosts.isEmpty()) {
      throw ApiException.unavailable("no instance holds store " + store + " right now; try again shortly");
    }
    return hosts;
  }

  /** Every instance of the application. */
  Set<HostInfo> all() {
    Set<HostInfo> hosts = new LinkedHashSet<>();
    try {
      streams.metadataForAllStreamsClients().forEach(m -> hosts.add(m.hostInfo()));
    } catch (RuntimeException e) {
      // not started yet: only this one is known
    }
    hosts.add(self);
    return hosts;
  }

  private void requireRunning() {
    if (streams.state() != KafkaStreams.State.RUNNING) {
      throw ApiException.unavailable("the application is " + streams.state()
          + " (rebalancing or restoring state); try again shortly");
    }
  }

  /**
   * GET {@code pathAndQuery} (already encoded) from another instance: the value, empty on 204 (it
   * holds none), a 503 for anything else: the peer is rebalancing, restarting or unreachable, or
   * (404) runs a version that does not serve the question.
   */
  <T> CompletableFuture<Optional<T>> get(HostInfo host, String pathAndQuery, TypeReference<T> type) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(scheme + "://" + host.host() + ":" + host.port() + pathAndQuery))
        .timeout(Duration.ofSeconds(10))
        .header("Accept", "application/json")
        .header(INTERNAL_HEADER, "1")
        .GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    String peer = host.host() + ":" + host.port();
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
        .handle((response, failure) -> {
          if (failure != null) {
            throw ApiException.unavailable("instance " + peer + " cannot be reached (" + rootMessage(failure)
                + "); try again shortly");
          }
          if (response.statusCode() == 204) {
            return Optional.<T>empty();
          }
          if (response.statusCode() == 404) {
            throw ApiException.unavailable("instance " + peer + " does not serve " + pathAndQuery.replaceFirst("\\?.*", "")
                + " (it may run another version); try again shortly");
          }
          if (response.statusCode() != 200) {
            throw ApiException.unavailable("instance " + peer + " answered " + response.statusCode()
                + "; try again shortly");
          }
          try {
            return Optional.of(mapper.readValue(response.body(), type));
          } catch (IOException e) {
            throw ApiException.unavailable("instance " + peer + " gave an unreadable answer: " + e.getMessage());
          }
        });
  }

  /** Waits for a peer's answer, unwrapping the ApiException it may carry. */
  public static <T> T join(CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof ApiException api) {
        throw api;
      }
      throw ApiException.unavailable("a peer call failed: " + rootMessage(e));
    }
  }

  private static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
  }
}
