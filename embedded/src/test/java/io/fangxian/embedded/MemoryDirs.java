package io.fangxian.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * Temporary directories for tests, in memory (/dev/shm) where the machine has it, else in the temp
 * directory. RocksDB syncs its files as each store opens, and the broker its metadata log at each
 * change: with the topology's stores that was 3 to 5 s for each TopologyTestDriver on a busy disk,
 * and half a second in memory. What a test keeps here it deletes when done: the memory is the
 * machine's.
 */
public final class MemoryDirs {
  private static final Path SHM = Path.of("/dev/shm");

  private MemoryDirs() {
  }

  /** /dev/shm if it is a writable directory, else java.io.tmpdir. */
  public static Path root() {
    return Files.isDirectory(SHM) && Files.isWritable(SHM) ? SHM : Path.of(System.getProperty("java.io.tmpdir"));
  }

  /** A new directory under {@link #root()}. */
  public static Path create(String prefix) {
    try {
      return Files.createTempDirectory(root(), prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes the directory and everything in it; nothing if it is null. */
  public static void delete(Path dir) {
    if (dir != null) {
      EmbeddedKafkaCluster.deleteRecursively(dir);
    }
  }

  /**
   * Deletes the directory, after copying the logs named (files in it) to {@code target/}, as
   * {@code <test>-<file>}, so that they stay beside the test reports; nothing if it is null.
   */
  public static void deleteKeepingLogs(Path dir, String test, String... logs) throws IOException {
    if (dir == null) {
      return;
    }
    for (String log : logs) {
      if (Files.exists(dir.resolve(log))) {
        Files.copy(dir.resolve(log), Path.of("target", test + "-" + log), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    delete(dir);
  }

  /** For {@code @TempDir(factory = MemoryDirs.TempDirs.class)}: JUnit deletes it after the test. */
  public static final class TempDirs implements TempDirFactory {
    @Override
    public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext context) {
      return create("junit-");
    }
  }
}
