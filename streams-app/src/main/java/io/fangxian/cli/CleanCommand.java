package io.fangxian.cli;

import io.fangxian.config.AppConfig;
import io.fangxian.config.ConfigException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "clean", mixinStandardHelpOptions = true,
    description = {"Delete this host's local state of the application (state.dir/application.id). "
        + "The stores are rebuilt from their changelog topics at the next start.",
        "Needed after 'reset'; the application must be stopped."})
public final class CleanCommand implements Callable<Integer> {
  /** Kafka Streams holds a lock on this file in the application's state directory while it runs. */
  static final String STREAMS_LOCK_FILE = ".lock";

  @Mixin OperatorOptions options;

  @Spec CommandSpec spec;

  private final Map<String, String> env;
  private final Prompt prompt;

  public CleanCommand() {
    this(System.getenv(), Prompt.console());
  }

  public CleanCommand(Map<String, String> env, Prompt prompt) {
    this.env = env;
    this.prompt = prompt;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path dir;
    try {
      AppConfig settings = OperatorSupport.load(options.config, env);
      String stateDir = settings.get(AppConfig.STATE_DIR);
      if (stateDir == null || stateDir.isBlank()) {
        throw new ConfigException(AppConfig.STATE_DIR + " is not set");
      }
      dir = Path.of(stateDir).resolve(OperatorSupport.applicationId(settings)).toAbsolutePath().normalize();
    } catch (ConfigException e) {
      err.println("error: " + e.getMessage());
      return OperatorSupport.BAD_SETTINGS;
    }
    if (!Files.exists(dir)) {
      out.println("Nothing to clean: " + dir + " does not exist.");
      return 0;
    }
    if (!Files.isDirectory(dir)) {
      err.println("error: " + dir + " is not a directory; not touching it");
      return OperatorSupport.FAILED;
    }
    try {
      if (locked(dir)) {
        err.println("error: " + dir + " is in use by a running instance of the application; stop it first");
        return OperatorSupport.FAILED;
      }
      List<Path> files = contents(dir);
      long bytes = 0;
      for (Path f : files) {
        bytes += Files.isRegularFile(f) ? Files.size(f) : 0;
      }
      out.printf("Deletes the local state of this host: %s (%d files, %.1f MB).%n", dir,
          files.stream().filter(Files::isRegularFile).count(), bytes / 1e6);
      out.flush();
      if (!OperatorSupport.confirmed(options.yes, prompt, "Delete it?", "delete the state directory", err)) {
        return OperatorSupport.FAILED;
      }
      for (Path f : files) {
        Files.deleteIfExists(f);
      }
      out.println("Deleted " + dir + ".");
      return 0;
    } catch (IOException | UncheckedIOException e) {
      err.println("error: cannot delete " + dir + ": " + e.getMessage());
      return OperatorSupport.FAILED;
    }
  }

  /** Everything under dir, deepest first, dir itself last. */
  private static List<Path> contents(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      return paths.sorted(Comparator.reverseOrder()).toList();
    }
  }

  private static boolean locked(Path dir) throws IOException {
    Path lockFile = dir.resolve(STREAMS_LOCK_FILE);
    if (!Files.exists(lockFile)) {
      return false;
    }
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        return true;
      }
      lock.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true; // held inside this JVM
    }
  }
}
