package io.fangxian.cli;

import io.fangxian.app.TopicAdmin;
import io.fangxian.app.TopicAdmin.TopicState;
import io.fangxian.config.AppConfig;
import io.fangxian.config.ConfigException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "topics", mixinStandardHelpOptions = true,
    description = {"Check the product's topics against the configuration: missing topics, partition count, "
        + "replication factor and cleanup policy (compacted or not).",
        "Exit status: 0 all as configured, 1 drift found, 2 wrong setting or Kafka unreachable."})
public final class TopicsCommand implements Callable<Integer> {

  @Option(names = "--config", paramLabel = "FILE",
      description = "Properties file (see docs/configuration.md); FANGXIAN_* environment variables override it.")
  Path config;

  @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT[,...]",
      description = "Kafka to check; overrides kafka.bootstrap.servers.")
  String bootstrapServer;

  @Option(names = "--create", description = "Create the missing topics (existing topics are never changed).")
  boolean create;

  @Spec CommandSpec spec;

  private final Map<String, String> env;

  public TopicsCommand() {
    this(System.getenv());
  }

  public TopicsCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      AppConfig settings = OperatorSupport.load(config, env);
      if (bootstrapServer != null) {
        settings = settings.with(AppConfig.BOOTSTRAP_SERVERS, bootstrapServer);
      }
      String prefix = settings.get(AppConfig.TOPIC_PREFIX);
      int partitions = positive(settings, AppConfig.TOPIC_PARTITIONS);
      short replication = (short) positive(settings, AppConfig.REPLICATION_FACTOR);
      try (Admin admin = Admin.create(OperatorSupport.adminSettings(settings))) {
        List<TopicState> states = TopicAdmin.check(admin, prefix, partitions, replication);
        if (create && states.stream().anyMatch(s -> !s.exists())) {
          List<String> created = TopicAdmin.createMissing(admin, prefix, partitions, replication);
          out.println("Created " + created.size() + " topic(s): " + String.join(", ", created));
          states = checkAfterCreation(admin, prefix, partitions, replication, created);
        }
        out.print(table(states, partitions, replication));
        long bad = states.stream().filter(s -> !s.ok()).count();
        out.println(bad == 0 ? "All " + states.size() + " topics as configured."
            : bad + " of " + states.size() + " topics differ from the configuration"
                + (states.stream().anyMatch(s -> !s.exists()) ? " (--create creates the missing ones)." : "."));
        out.flush();
        return bad == 0 ? 0 : OperatorSupport.FAILED;
      }
    } catch (ConfigException e) {
      err.println("error: " + e.getMessage());
      return OperatorSupport.BAD_SETTINGS;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("error: interrupted");
      return OperatorSupport.FAILED;
    } catch (RuntimeException e) {
      err.println("error: " + OperatorSupport.describe(e));
      return OperatorSupport.BAD_SETTINGS;
    }
  }

  /** Created topics reach every broker's metadata a moment later: wait for them (up to 15 s). */
  private static List<TopicState> checkAfterCreation(Admin admin, String prefix, int partitions, short replication,
      List<String> created) throws InterruptedException {
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (true) {
      List<TopicState> states = TopicAdmin.check(admin, prefix, partitions, replication);
      boolean visible = states.stream().filter(s -> created.contains(s.name())).allMatch(TopicState::exists);
      if (visible || System.nanoTime() > deadline) {
        return states;
      }
      Thread.sleep(200);
    }
  }

  private static int positive(AppConfig settings, String key) {
    int v = settings.intValue(key);
    if (v < 1) {
      throw new ConfigException(key + "=" + v + " must be 1 or more");
    }
    return v;
  }

  static String table(List<TopicState> states, int partitions, short replication) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"TOPIC", "PARTITIONS", "REPLICATION", "CLEANUP.POLICY", "STATUS"});
    for (TopicState s : states) {
      if (!s.exists()) {
        rows.add(new String[] {s.name(), "-", "-", "-", "MISSING"});
        continue;
      }
      rows.add(new String[] {s.name(),
          cell(Integer.toString(s.partitions()), Integer.toString(partitions)),
          cell(Integer.toString(s.replicationFactor()), Short.toString(replication)),
          s.drift().stream().anyMatch(d -> d.startsWith("cleanup.policy"))
              ? s.cleanupPolicy() + " (want " + s.wantedPolicy() + ")" : s.cleanupPolicy(),
          s.ok() ? "ok" : "DRIFT"});
    }
    int[] width = new int[5];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    StringBuilder text = new StringBuilder();
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        text.append(i == r.length - 1 ? r[i] : String.format("%-" + (width[i] + 2) + "s", r[i]));
      }
      text.append(System.lineSeparator());
    }
    return text.toString();
  }

  private static String cell(String actual, String wanted) {
    return actual.equals(wanted) ? actual : actual + " (want " + wanted + ")";
  }
}
