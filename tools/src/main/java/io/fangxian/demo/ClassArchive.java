package io.fangxian.demo;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.management.JMException;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the classes this JVM has loaded to a class-data archive ({@code VM.cds dynamic_dump}),
 * which the next demo of the same jar and JDK maps at start instead of loading and verifying
 * them again: about two seconds less before figures are served after a restart on this 2-core
 * machine. {@code bin/fangxian} chooses the archive and passes it as
 * {@value #PROPERTY}, with {@code -XX:+RecordDynamicDumpInfo}, when none exists yet.
 */
final class ClassArchive {
  static final String PROPERTY = "fangxian.demo.class-archive";
  private static final Logger LOG = LoggerFactory.getLogger(ClassArchive.class);

  private ClassArchive() { }

  /** Writes the archive the launcher asked for, in the background, unless it exists; once. */
  static void writeIfAsked() {
    String asked = System.getProperty(PROPERTY);
    if (asked == null || asked.isBlank() || Files.exists(Path.of(asked))) {
      return;
    }
    Thread writer = new Thread(() -> write(Path.of(asked)), "class-archive");
    writer.setDaemon(true);
    writer.start();
  }

  /**
   * The archive appears under its name only when complete (a kill while it is written leaves a
   * partial file that the next write replaces), and the archives of older builds go then.
   */
  static void write(Path archive) {
    Path partial = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    try {
      Files.createDirectories(archive.getParent());
      ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
          "vmCds", new Object[] {new String[] {"dynamic_dump", partial.toString()}}, new String[] {String[].class.getName()});
      if (!Files.exists(partial) || Files.size(partial) == 0) {
        LOG.debug("the JVM wrote no class-data archive (started without -XX:+RecordDynamicDumpInfo?)");
        return;
      }
      Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      LOG.info("The demo's classes are archived in {}: the next start maps them", archive);
      try (DirectoryStream<Path> others = Files.newDirectoryStream(archive.getParent(), "demo-classes-*.jsa")) {
        for (Path other : others) {
          if (!other.equals(archive)) {
            Files.deleteIfExists(other);
          }
        }
      }
    } catch (JMException | IOException | RuntimeException e) {
      LOG.debug("no class-data archive of the demo: {}", e.toString());
    }
  }
}
