package io.fangxian.config;

import io.fangxian.domain.ReferenceData;
import io.fangxian.domain.Township;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The write tokens of a demo run, so a newcomer can sign for an alert without writing a file: the
 * district's duty officer at the emergency bureau ({@code LD-B-1}, scope {@code district}) and the
 * linked leader of the first township ({@code LD-T-<townshipId>}, scope {@code township:<id>}). The
 * names are the generator's roster ids of those people. Secrets are 32 random hex characters,
 * new each run. When the settings already hold write tokens ({@code --config}), those win and none
 * are made.
 */
public final class DemoWriteTokens {
  /** One token: its name (recorded with each action), its scope and its secret. */
  public record Token(String name, String scope, String secret) {
    /** The banner line: {@code Write token (district): SECRET}. */
    public String bannerLine() {
      return "Write token (" + scope + "): " + secret;
    }
  }

  private final List<Token> made;
  private final Map<String, Map<String, String>> configured;

  private DemoWriteTokens(List<Token> made, Map<String, Map<String, String>> configured) {
    this.made = made;
    this.configured = configured;
  }

  /** Tokens for a run with these settings: the file's, if it has any, else two new ones. */
  public static DemoWriteTokens forRun(AppConfig settings, ReferenceData reference, SecureRandom random) {
    Map<String, Map<String, String>> configured = settings.writeTokens();
    if (!configured.isEmpty()) {
      return new DemoWriteTokens(List.of(), configured);
    }
    Township township = reference.townships().get(0);
    List<Token> made = List.of(
        new Token("LD-B-1", "district", secret(random)),
        new Token("LD-T-" + township.id(), "township:" + township.id(), secret(random)));
    return new DemoWriteTokens(made, Map.of());
  }

  private static String secret(SecureRandom random) {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** The tokens made for this run (none when the settings brought their own). */
  public List<Token> made() {
    return made;
  }

  /** The settings with the made tokens added ({@code http.token.<name>.secret}, {@code .scope} and {@code .person}). */
  public AppConfig applyTo(AppConfig settings) {
    AppConfig s = settings;
    for (Token t : made) {
      s = s.with("http.token." + t.name() + ".secret", t.secret()).with("http.token." + t.name() + ".scope", t.scope())
          .with("http.token." + t.name() + ".person", t.name()); // the roster's leaderId: 我的待办 works in the demo
    }
    return s;
  }

  /**
   * What the banner says about write tokens: a line per made token with its secret, or the names
   * and scopes of the configured ones (their secrets are the file's, and stay out of the output).
   */
  public List<String> bannerLines() {
    List<String> lines = new ArrayList<>();
    made.forEach(t -> lines.add(t.bannerLine()));
    if (!configured.isEmpty()) {
      Map<String, String> scopes = new LinkedHashMap<>();
      configured.forEach((name, t) -> scopes.put(name, t.getOrDefault("scope", "")));
      lines.add("Write tokens from --config (secrets as in the file): "
          + String.join(", ", scopes.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")").toList()));
    }
    return lines;
  }
}
