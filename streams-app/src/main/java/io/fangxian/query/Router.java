package io.fangxian.query;

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
final class Router {
  /** The internal endpoint: {@code {name}} of a registered query, {@code ?args=} its arguments as JSON. */
  static final String LOCAL_PATH = "/internal/v1/local/";

  private final Peers peers;
  private final ObjectMapper mapper;
  private final Map<String, LocalQuery<?, ?>> byName = new LinkedHashMap<>();

  Router(Peers peers, ObjectMapper mapper, List<LocalQuery<?, ?>> queries) {
    this.peers = peers;
    this.mapper = mapper;
    queries.forEach(q -> {
      if (byName.put(q.name(), q) != null) {
        throw new IllegalArgumentException("two local queries are named " + q.name());
      }
    });
  }

  /** The answer of the instance that holds it: the key's owner, or for {@link LocalQuery.Reach#ANY} the first found. */
  <A, T> Optional<T> find(LocalQuery<A, T> query, A args) {
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
  <A, T> List<T> gather(LocalQuery<A, T> query, A args) {
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
  Optional<?> local(String name, String args) {
    LocalQuery<?, ?> query = byName.get(name);
    if (query == null) {
      throw ApiException.notFound("no local query '" + Params.shorten(name) + "'; known: " + String.join(", ", byName.keySet()));
    }
    return read(query, args);
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
