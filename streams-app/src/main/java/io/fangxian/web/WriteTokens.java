package io.fangxian.web;

import io.fangxian.config.AppConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The users who may act on alerts, each with a bearer secret and a scope: the whole district, or
 * one township ({@code http.token.<name>.secret}, {@code http.token.<name>.scope}), and who of the
 * roster the user is ({@code http.token.<name>.person}: a leaderId or a name, for the personal to-do
 * list). Secrets are kept as SHA-256 digests and compared in constant time.
 */
public final class WriteTokens {
  /**
   * One user: a name for the record, the township it covers (null: the whole district), and the
   * person of the roster it is (a leaderId or a name; null when not configured).
   */
  public record User(String name, String townshipId, String person) {
    User(String name, String townshipId) {
      this(name, townshipId, null);
    }

    public boolean covers(String alertTownshipId) {
      return townshipId == null || townshipId.equals(alertTownshipId);
    }

    public String scope() {
      return townshipId == null ? "district" : "township:" + townshipId;
    }
  }

  private record Entry(User user, byte[] digest) { }

  private final List<Entry> entries;

  private WriteTokens(List<Entry> entries) {
    this.entries = entries;
  }

  public static WriteTokens from(AppConfig config) {
    List<Entry> entries = new ArrayList<>();
    config.writeTokens().forEach((name, t) -> {
      String scope = t.getOrDefault("scope", "");
      String person = t.get("person");
      entries.add(new Entry(new User(name, scope.startsWith("township:") ? scope.substring(9) : null,
          person == null || person.isBlank() ? null : person.strip()),
          sha256(t.getOrDefault("secret", ""))));
    });
    return new WriteTokens(List.copyOf(entries));
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The secret an {@code Authorization: Bearer <secret>} header presents, or null. */
  public static String bearer(Context ctx) {
    String header = ctx.header("Authorization");
    return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
  }

  /**
   * The user whose secret the request's bearer header presents, else a 401 saying what is needed:
   * {@code noTokens} when this server has no write token at all, {@code needsToken} otherwise.
   */
  public User authenticate(Context ctx, String noTokens, String needsToken) {
    return user(bearer(ctx)).orElseThrow(() -> {
      ctx.header("WWW-Authenticate", "Bearer realm=\"fangxian\"");
      return new ApiException(401, "unauthorized", isEmpty() ? noTokens : needsToken, 0);
    });
  }

  /** The user whose secret was presented, if any. */
  public Optional<User> user(String presented) {
    if (presented == null || presented.isEmpty()) {
      return Optional.empty();
    }
    byte[] digest = sha256(presented);
    User found = null;
    for (Entry e : entries) {
      if (MessageDigest.isEqual(e.digest(), digest)) {
        found = e.user();
      }
    }
    return Optional.ofNullable(found);
  }

  public static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
