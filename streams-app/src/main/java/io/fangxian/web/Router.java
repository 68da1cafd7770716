package io.fangxian.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks {@link LocalQuery local queries} of the instances that hold their answer, as the Streams
 * metadata tells: this instance reads its own stores, another is asked over
 * {@code GET /internal/v1/local/{name}}, which answers from that instance's stores only (a request is
 * routed at most one hop). An instance that cannot answer makes the question fail with a 503,
 * except where another instance may hold the answer ({@link LocalQuery.Reach#ANY}).
 */
public final class Router {
  /** The internal endpoint: {@code {name}} of a registered query, {@code ?args=} its arguments as JSON. */
  public static final String LOCAL_PATH = "/internal/v1/local/";

  private final Peers peers;
  private final ObjectMapper mapper;
  private final Map<String, LocalQuery<?, ?>> byName = new LinkedHashMap<>();

  public Router(Peers peers, ObjectMapper mapper) {
    this.peers = peers;
    this.mapper = mapper;
  }

  /** Serves {@code query} to the other instances by its name (before the HTTP server starts); returns it. */
  public synchronized <A, T> LocalQuery<A, T> serve(LocalQuery<A, T> query) {
    if (byName.putIfAbsent(query.name(), query) != null) {
      throw new IllegalArgumentException("two local queries are named " + query.name());
    }
    return query;
  }

  /** Every query served, in the order they were declared. */
  public synchronized List<LocalQuery<?, ?>> served() {
    return List.copyOf(byName.values());
  }

  /** The answer of the instance that holds it: the key's owner, or for {@link LocalQuery.Reach#ANY} the first found. */
  public <A, T> Optional<T> find(LocalQuery<A, T> query, A args) {
    return switch (query.reach()) {
      case OWNER -> {
        HostInfo owner = peers.ownerOf(query.store(), query.key().apply(args));
        yield peers.isSelf(owner) ? query.read().apply(args) : Peers.join(ask(owner, query, args));
      }
      case ANY -> first(query, args);
      case PARTS -> throw new IllegalArgumentException(query.name() + " is answered in parts: gather it");
    };
  }

  /** The parts of every instance holding some of the query's store (this one read locally), asked in parallel. */
  public <A, T> List<T> gather(LocalQuery<A, T> query, A args) {
    if (query.reach() != LocalQuery.Reach.PARTS) {
      throw new IllegalArgumentException(query.name() + " is answered by one instance: find it");
    }
    Set<HostInfo> hosts = peers.hostsFor(query.store());
    List<CompletableFuture<Optional<T>>> remote = askOthers(hosts, query, args);
    List<T> parts = new ArrayList<>();
    if (hosts.stream().anyMatch(peers::isSelf)) {
      query.read().apply(args).ifPresent(parts::add);
    }
    for (CompletableFuture<Optional<T>> f : remote) {
      Peers.join(f).ifPresent(parts::add);
    }
    return parts;
  }

  /**
   * Every instance is asked (in parallel, this one first): the first answer found; when none has it and
   * some could not answer, that instance's error, else empty.
   */
  private <A, T> Optional<T> first(LocalQuery<A, T> query, A args) {
    List<CompletableFuture<Optional<T>>> remote = askOthers(peers.all(), query, args);
    Optional<T> mine = query.read().apply(args);
    if (mine.isPresent()) {
      return mine;
    }
    ApiException unavailable = null;
    for (CompletableFuture<Optional<T>> f : remote) {
      try {
        Optional<T> found = Peers.join(f);
        if (found.isPresent()) {
          return found;
        }
      } catch (ApiException e) {
        unavailable = e;
      }
    }
    if (unavailable != null) {
      throw unavailable;
    }
    return Optional.empty();
  }

  private <A, T> List<CompletableFuture<Optional<T>>> askOthers(Set<HostInfo> hosts, LocalQuery<A, T> query, A args) {
    List<CompletableFuture<Optional<T>>> remote = new ArrayList<>();
    for (HostInfo host : hosts) {
      if (!peers.isSelf(host)) {
        remote.add(ask(host, query, args));
      }
    }
    return remote;
  }

  private <A, T> CompletableFuture<Optional<T>> ask(HostInfo host, LocalQuery<A, T> query, A args) {
    String path = LOCAL_PATH + query.name();
    if (args != null) {
      try {
        path += "?args=" + URLEncoder.encode(mapper.writeValueAsString(args), StandardCharsets.UTF_8);
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }
    return peers.get(host, path, query.answer());
  }

  /**
   * This instance's own answer to the query named {@code name}, with its arguments as JSON (null: none),
   * for the internal endpoint; empty when nothing is held here.
   */
  public Optional<?> local(String name, String args) {
    return read(named(name), args);
  }

  private synchronized LocalQuery<?, ?> named(String name) {
    LocalQuery<?, ?> query = byName.get(name);
    if (query == null) {
      throw ApiException.notFound("no local query '" + Params.shorten(name) + "'; known: " + String.join(", ", byName.keySet()));
    }
    return query;
  }

  private <A, T> Optional<T> read(LocalQuery<A, T> query, String json) {
    A args;
    try {
      args = json == null ? null : mapper.readValue(json, query.args());
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("args of " + query.name() + " are not a " + query.args().getSimpleName() + ": "
          + Params.shorten(e.getOriginalMessage()));
    }
    return query.read().apply(args);
  }
}
