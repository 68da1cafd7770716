package io.fangxian.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apicurio Registry's prebuilt server ({@code io.apicurio:apicurio-registry-app:<v>:tar.gz:all}
 * on Maven Central), found in the local Maven repository, fetched with {@code mvn} when absent,
 * and extracted once into a cache dir.
 *
 * <p>The 2.6.x tarball is a Quarkus "legacy jar": {@code apicurio-registry-app-<v>-runner.jar}
 * at the top, whose manifest Class-Path points into {@code lib/} (about 300 jars), and an empty
 * {@code meta/}.
 */
public final class ApicurioDistribution {
  private static final Logger LOG = LoggerFactory.getLogger(ApicurioDistribution.class);
  public static final String DEFAULT_VERSION = "2.6.13.Final";
  private static final String GROUP_PATH = "io/apicurio/apicurio-registry-app";

  private ApicurioDistribution() { }

  /** {@code ~/.cache/fangxian} (or {@code $XDG_CACHE_HOME/fangxian}). */
  public static Path defaultCacheDir() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank()
        ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("fangxian");
  }

  /** The runner jar of the given version, extracted under cacheDir; fetches and extracts if needed. */
  public static Path runnerJar(String version, Path cacheDir) {
    Path target = cacheDir.resolve("apicurio-registry-" + version);
    Optional<Path> jar = findRunnerJar(target);
    if (jar.isPresent()) {
      return jar.get();
    }
    Path tarball = tarball(version);
    extract(tarball, target);
    return findRunnerJar(target).orElseThrow(() -> new IllegalStateException(
        "no *-runner.jar in " + target + " (extracted from " + tarball + ")"));
  }

  /** The tarball in the local Maven repository, downloaded from Central first if absent. */
  public static Path tarball(String version) {
    Path repo = localRepository();
    Path file = repo.resolve(GROUP_PATH).resolve(version)
        .resolve("apicurio-registry-app-" + version + "-all.tar.gz");
    if (!Files.isRegularFile(file)) {
      fetch(version, repo);
      if (!Files.isRegularFile(file)) {
        throw new IllegalStateException("mvn dependency:get succeeded but " + file + " is missing");
      }
    }
    return file;
  }

  /** -Dmaven.repo.local, else a plain localRepository in ~/.m2/settings.xml, else ~/.m2/repository. */
  static Path localRepository() {
    String prop = System.getProperty("maven.repo.local");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop);
    }
    Path m2 = Path.of(System.getProperty("user.home"), ".m2");
    Path settings = m2.resolve("settings.xml");
    if (Files.isRegularFile(settings)) {
      try {
        Matcher m = Pattern.compile("<localRepository>\\s*([^<]+?)\\s*</localRepository>")
            .matcher(Files.readString(settings));
        // Only a literal path: ${...} interpolation is left to Maven.
        if (m.find() && !m.group(1).contains("${")) {
          return Path.of(m.group(1).replaceFirst("^~", System.getProperty("user.home")));
        }
      } catch (IOException e) {
        LOG.debug("cannot read {}", settings, e);
      }
    }
    return m2.resolve("repository");
  }

  private static void fetch(String version, Path repo) {
    List<String> cmd;
    try {
      cmd = new ArrayList<>(List.of("mvn", "-B", "-q", "-gs", fetchSettings().toString()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the settings for fetching Apicurio Registry", e);
    }
    if (System.getProperty("maven.repo.local") != null) {
      cmd.add("-Dmaven.repo.local=" + repo);
    }
    cmd.addAll(List.of("dependency:get",
        "-Dartifact=io.apicurio:apicurio-registry-app:" + version + ":tar.gz:all",
        "-Dtransitive=false"));
    LOG.info("Apicurio Registry {} is not in {}: fetching it (about 140 MB): {}",
        version, repo, String.join(" ", cmd));
    try {
      Path log = Files.createTempFile("fangxian-mvn-apicurio-", ".log");
      // Run outside any project, so that no project's .mvn/maven.config applies.
      Process p = new ProcessBuilder(cmd)
          .directory(Path.of(System.getProperty("java.io.tmpdir")).toFile())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      p.getOutputStream().close();
      if (!p.waitFor(20, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException("mvn dependency:get timed out; see " + log);
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException("mvn dependency:get failed (exit " + p.exitValue()
            + "): " + String.join(" ", cmd) + "\n" + Files.readString(log, StandardCharsets.UTF_8));
      }
      Files.deleteIfExists(log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + String.join(" ", cmd)
          + " (is Maven installed?)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while fetching Apicurio Registry", e);
    }
  }

  /** Global settings that send the fetch to Maven Central (written to a temp file: mvn needs a path). */
  private static Path fetchSettings() throws IOException {
    Path file = Files.createTempFile("fangxian-apicurio-settings-", ".xml");
    file.toFile().deleteOnExit();
    try (InputStream in = ApicurioDistribution.class.getResourceAsStream("apicurio-fetch-settings.xml")) {
      Files.copy(Objects.requireNonNull(in, "apicurio-fetch-settings.xml"), file, StandardCopyOption.REPLACE_EXISTING);
    }
    return file;
  }

  /** Extracts into a temp sibling and renames it, so an interrupted extraction is never used. */
  private static void extract(Path tarball, Path target) {
    Path tmp = null;
    try {
      Files.createDirectories(target.getParent());
      tmp = Files.createTempDirectory(target.getParent(), target.getFileName() + ".part-");
      LOG.info("extracting {} into {}", tarball, target);
      Process p = new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", tmp.toString())
          .redirectErrorStream(true)
          .start();
      p.getOutputStream().close();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IllegalStateException("tar -xzf " + tarball + " failed: " + output);
      }
      if (findRunnerJar(tmp).isEmpty()) {
        throw new IllegalStateException("no *-runner.jar in " + tarball);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        if (findRunnerJar(target).isEmpty()) {
          throw e;
        }
        LOG.debug("another process extracted {} first", target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract " + tarball + " into " + target, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while extracting " + tarball, e);
    } finally {
      if (tmp != null) {
        EmbeddedKafkaCluster.deleteRecursively(tmp);
      }
    }
  }

  private static Optional<Path> findRunnerJar(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    Path fastJar = dir.resolve("quarkus-app").resolve("quarkus-run.jar");
    if (Files.isRegularFile(fastJar)) {
      return Optional.of(fastJar);
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith("-runner.jar"))
          .filter(Files::isRegularFile)
          .findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
