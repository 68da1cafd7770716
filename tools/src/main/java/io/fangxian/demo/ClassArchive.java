package io.fangxian.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Has the classes the demo loaded written to a class-data archive (AppCDS), which later demos of
 * the same jar and JDK map at start instead of loading, parsing and verifying them: a restart
 * serves figures two to three seconds sooner on a 2-core machine.
 *
 * <p>{@code bin/fangxian} starts a demo that has no archive yet with {@code
 * -XX:DumpLoadedClassList} and names the archive in {@value #PROPERTY}. Once figures are served,
 * a separate JVM (at low priority, about 13 s of one core) writes the archive from that list with
 * {@code -Xshare:dump}. Writing it in the demo's own JVM ({@code VM.cds dynamic_dump}) stopped
 * every thread, the embedded broker's included, for 3.5 s. The archive appears under its name
 * only when complete; the archives of older builds, and what a killed writer left, go then.
 */
final class ClassArchive {
  static final String PROPERTY = "fangxian.demo.class-archive";
  private static final Logger LOG = LoggerFactory.getLogger(ClassArchive.class);

  private ClassArchive() { }

  /** Starts the writer of the archive the launcher asked for, unless it exists. */
  static void writeIfAsked() {
    String asked = System.getProperty(PROPERTY);
    if (asked == null || asked.isBlank() || Files.exists(Path.of(asked))) {
      return;
    }
    Path archive = Path.of(asked).toAbsolutePath();
    Path loaded = classList(archive);
    try {
      List<String> command = writer(archive, loaded, snapshot(loaded));
      new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      LOG.info("Archiving the demo's classes in {} in the background: the next start maps them", archive);
    } catch (IOException e) {
      LOG.debug("no class-data archive of the demo: {}", e.toString());
    }
  }

  /** Where the launcher has the JVM list the classes it loads. */
  private static Path classList(Path archive) {
    return archive.resolveSibling(archive.getFileName() + ".classes");
  }

  /** The classes loaded so far, without a line the JVM may be writing. */
  private static Path snapshot(Path loaded) throws IOException {
    byte[] bytes = Files.readAllBytes(loaded);
    int end = bytes.length;
    while (end > 0 && bytes[end - 1] != '\n') {
      end--;
    }
    Path snapshot = loaded.resolveSibling(loaded.getFileName() + "." + ProcessHandle.current().pid());
    Files.write(snapshot, Arrays.copyOf(bytes, end));
    return snapshot;
  }

  /**
   * A shell that writes the archive to a partial file, moves it into place, and removes the older
   * archives, the class lists, and what writers stopped with the demo left over ten minutes ago.
   */
  private static List<String> writer(Path archive, Path loaded, Path snapshot) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path partial = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    String script = "nice -n 10 \"$1\" -Xshare:dump -XX:SharedClassListFile=\"$2\" -XX:SharedArchiveFile=\"$3\" -cp \"$4\""
        + " && mv -f \"$3\" \"$5\""
        + " && for f in \"$6\"/demo-classes-*.jsa; do [ \"$f\" = \"$5\" ] || rm -f \"$f\"; done;"
        + " find \"$6\" -maxdepth 1 \\( -name 'demo-classes-*.tmp' -o -name 'demo-classes-*.classes.*' \\) -mmin +10 -delete;"
        + " rm -f \"$2\" \"$3\" \"$7\"";
    return List.of("sh", "-c", script, "class-archive", java, snapshot.toString(), partial.toString(),
        System.getProperty("java.class.path"), archive.toString(), archive.getParent().toString(), loaded.toString());
  }
}
