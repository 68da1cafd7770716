package io.fangxian.cli;

import io.fangxian.config.AppConfig;
import io.fangxian.config.ConfigException;
import io.fangxian.domain.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.tools.StreamsResetter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "reset", mixinStandardHelpOptions = true,
    description = {"Reset the application to reprocess its input from the start, with Kafka's streams reset tool: "
        + "the consumer group's offsets on the input topics go back to the earliest offset and the internal topics "
        + "(changelogs, repartition topics) are deleted. Output topics are kept.",
        "Stop every replica first; afterwards run 'clean' on each replica's host before starting it again."})
public final class ResetCommand implements Callable<Integer> {
  /** "java.util.concurrent.ExecutionException: org.apache...TimeoutException: " before a message. */
  private static final Pattern EXCEPTION_NAMES = Pattern.compile("^(?:(?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*: )+");

  @Mixin OperatorOptions options;

  @Option(names = "--dry-run", description = "Only show what would be reset and deleted.")
  boolean dryRun;

  @Option(names = "--force", description = "Remove members still registered in the consumer group "
      + "(left over from stopped replicas with a long session timeout). The replicas must be stopped.")
  boolean force;

  @Spec CommandSpec spec;

  private final Map<String, String> env;
  private final Prompt prompt;

  public ResetCommand() {
    this(System.getenv(), Prompt.console());
  }

  public ResetCommand(Map<String, String> env, Prompt prompt) {
    this.env = env;
    this.prompt = prompt;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    AppConfig settings;
    try {
      settings = OperatorSupport.load(options.config, env);
      OperatorSupport.bootstrap(settings);
      OperatorSupport.applicationId(settings);
    } catch (ConfigException e) {
      err.println("error: " + e.getMessage());
      return OperatorSupport.BAD_SETTINGS;
    }
    String id = settings.get(AppConfig.APPLICATION_ID);
    List<String> inputs = inputTopics(settings);
    out.println("Reset of application '" + id + "' on Kafka " + settings.get(AppConfig.BOOTSTRAP_SERVERS) + ":");
    out.println("  - consumer group '" + id + "': offsets on " + String.join(", ", inputs) + " go back to the earliest offset");
    out.println("  - internal topics '" + id + "-…' (changelogs, repartition topics) are deleted");
    out.println("  - output topics are kept; reprocessing publishes stats, ledger and alerts again, "
        + "so alert consumers will see earlier alerts a second time");
    out.println("  - then run 'fangxian clean' on every replica's host before starting it");
    out.flush();
    if (dryRun) {
      return runResetter(settings, true, out, err);
    }
    if (!options.yes) {
      if (!prompt.available()) {
        OperatorSupport.confirmed(false, prompt, "", "reset", err);
        return OperatorSupport.FAILED;
      }
      // Show exactly which topics the tool will touch before asking.
      int preview = runResetter(settings, true, out, err);
      if (preview != 0) {
        return preview;
      }
      if (!OperatorSupport.confirmed(false, prompt, "This cannot be undone.", "reset", err)) {
        return OperatorSupport.FAILED;
      }
    }
    return runResetter(settings, false, out, err);
  }

  public static List<String> inputTopics(AppConfig settings) {
    String prefix = settings.get(AppConfig.TOPIC_PREFIX) == null ? "" : settings.get(AppConfig.TOPIC_PREFIX);
    return Topics.INPUTS.stream().map(t -> prefix + t).toList();
  }

  /** The reset tool's arguments; security settings go in the command config file. */
  public static List<String> resetterArgs(AppConfig settings, boolean dryRun, boolean force, Path commandConfig) {
    List<String> args = new ArrayList<>(List.of(
        "--application-id", settings.get(AppConfig.APPLICATION_ID),
        "--bootstrap-server", settings.get(AppConfig.BOOTSTRAP_SERVERS),
        "--input-topics", String.join(",", inputTopics(settings)),
        "--to-earliest"));
    if (commandConfig != null) {
      args.addAll(List.of("--command-config", commandConfig.toString()));
    }
    if (dryRun) {
      args.add("--dry-run");
    }
    if (force) {
      args.add("--force");
    }
    return args;
  }

  /**
   * The admin and consumer settings among {@code kafka.*} (security, timeouts), without bootstrap,
   * with timeouts that report an unreachable cluster in seconds rather than minutes.
   */
  public static Properties clientSettings(AppConfig settings) {
    Set<String> admin = AdminClientConfig.configNames();
    Set<String> consumer = ConsumerConfig.configNames();
    Properties p = new Properties();
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
    settings.kafkaClientSettings().forEach((k, v) -> {
      if ((admin.contains(k) || consumer.contains(k)) && !k.equals(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)) {
        p.put(k, v.toString());
      }
    });
    return p;
  }

  private int runResetter(AppConfig settings, boolean preview, PrintWriter out, PrintWriter err) {
    Properties client = clientSettings(settings);
    Path file = null;
    try {
      // The tool's admin client reads security settings only from a file; it may hold secrets, so
      // only the owner can read it and it is deleted right after.
      file = Files.createTempFile("fangxian-reset-", ".properties",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try (OutputStream o = Files.newOutputStream(file)) {
        client.store(o, null);
      }
      String[] args = resetterArgs(settings, preview, force, file).toArray(String[]::new);
      out.flush();
      return runQuietly(() -> new StreamsResetter().execute(args, client), out, err);
    } catch (IOException | UnsupportedOperationException e) {
      err.println("error: cannot write the reset tool's client settings: " + e.getMessage());
      return OperatorSupport.FAILED;
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          err.println("warning: could not delete " + file + "; delete it, it holds the Kafka client settings");
        }
      }
    }
  }

  /** The tool's error output without stack traces, "ERROR: java...Exception: message" as "error: message". */
  public static List<String> errorLines(String toolStderr) {
    List<String> seen = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    for (String line : toolStderr.lines().toList()) {
      boolean stackTrace = line.isBlank() || Character.isWhitespace(line.charAt(0)) || line.startsWith("Caused by:")
          || seen.stream().anyMatch(e -> e.endsWith(line)); // the trace's first line repeats the error
      if (!stackTrace) {
        seen.add(line);
        lines.add(line.startsWith("ERROR: ") ? "error: " + EXCEPTION_NAMES.matcher(line.substring(7)).replaceFirst("") : line);
      }
    }
    return lines;
  }

  /**
   * Runs the tool with its console output captured: it prints to System.out and System.err, and
   * on failure "ERROR: exception" followed by a stack trace. Operators get the lines without the
   * stack trace, on the command's own out and err.
   */
  private static int runQuietly(IntSupplier tool, PrintWriter out, PrintWriter err) {
    ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
    ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    int rc;
    synchronized (ResetCommand.class) {
      System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
      try {
        rc = tool.getAsInt();
      } finally {
        System.setOut(originalOut);
        System.setErr(originalErr);
      }
    }
    capturedOut.toString(StandardCharsets.UTF_8).lines().forEach(out::println);
    out.flush();
    errorLines(capturedErr.toString(StandardCharsets.UTF_8)).forEach(err::println);
    err.flush();
    return rc;
  }

}
