package io.fangxian.cli;

import io.fangxian.config.AppConfig;
import io.fangxian.config.ConfigException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** What the operator commands share: settings, Kafka admin settings and confirmation. */
final class OperatorSupport {
  /** Exit codes: 1 = drift, refusal or a failed action; 2 = a wrong setting or option. */
  static final int FAILED = 1;
  static final int BAD_SETTINGS = 2;

  private OperatorSupport() { }

  static AppConfig load(Path file, Map<String, String> env) {
    return AppConfig.load(file, env);
  }

  static String bootstrap(AppConfig config) {
    String servers = config.get(AppConfig.BOOTSTRAP_SERVERS);
    if (servers == null || servers.isBlank()) {
      throw new ConfigException(AppConfig.BOOTSTRAP_SERVERS + " is not set; give it in the --config file, as "
          + AppConfig.envName(AppConfig.BOOTSTRAP_SERVERS) + " or (topics) with --bootstrap-server");
    }
    return servers;
  }

  static String applicationId(AppConfig config) {
    String id = config.get(AppConfig.APPLICATION_ID);
    if (id == null || !id.matches("[A-Za-z0-9._-]+") || id.equals(".") || id.equals("..")) {
      throw new ConfigException(AppConfig.APPLICATION_ID + "=" + id + " is not accepted; use letters, digits, '.', '_' and '-'");
    }
    return id;
  }

  /**
   * The admin client's share of the {@code kafka.*} settings (security included), with timeouts
   * short enough that an unreachable cluster is reported in seconds rather than minutes.
   */
  static Map<String, Object> adminSettings(AppConfig config) {
    Set<String> names = AdminClientConfig.configNames();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    m.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
    config.kafkaClientSettings().forEach((k, v) -> {
      if (names.contains(k)) {
        m.put(k, v);
      }
    });
    m.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(config));
    return m;
  }

  /** True when --yes was given or the operator typed yes; says why when it refuses. */
  static boolean confirmed(boolean yes, Prompt prompt, String question, String action, PrintWriter err) {
    if (yes) {
      return true;
    }
    String answer = prompt.available() ? prompt.ask(question + " Type yes to go on: ") : null;
    if (answer == null) {
      err.println("error: refusing to " + action + " without confirmation: there is no terminal to ask on; add --yes to confirm");
      return false;
    }
    if (!answer.trim().toLowerCase(Locale.ROOT).equals("yes")) {
      err.println("Nothing done.");
      return false;
    }
    return true;
  }

  /** One line for an error an operator can act on; the cause chain without a stack trace. */
  static String describe(Throwable e) {
    StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      if (c.getMessage() != null && !text.toString().contains(c.getMessage())) {
        text.append(": ").append(c.getMessage());
      }
    }
    return text.toString();
  }
}
