package io.fangxian.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The registry child starts from a class-data archive that its first run wrote as it stopped. */
@Tag("integration")
@Timeout(240)
class RegistryClassDataTest {
  @TempDir
  Path cache;

  @Test
  void theFirstRunWritesTheArchiveOnceUpAndTheNextStartsFromIt() throws Exception {
    Path archive = cacheSharingTheDistribution();
    try (EmbeddedSchemaRegistry first = EmbeddedSchemaRegistry.builder().cacheDir(cache).build().start()) {
      assertThat(registryArguments(first)).contains("-XX:+RecordDynamicDumpInfo")
          .noneMatch(a -> a.startsWith("-XX:SharedArchiveFile"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!Files.exists(archive) && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      // written while the registry runs: a demo that ends in a kill -9 leaves it too
      assertThat(archive).isRegularFile();
      assertThat(Files.size(archive)).isPositive();
    }
    assertThat(leftovers()).isEmpty();

    try (EmbeddedSchemaRegistry second = EmbeddedSchemaRegistry.builder().cacheDir(cache).build().start()) {
      assertThat(registryArguments(second)).contains("-XX:SharedArchiveFile=" + archive)
          .doesNotContain("-XX:+RecordDynamicDumpInfo");
      assertThat(Files.readString(second.logFile())).doesNotContainIgnoringCase("shared archive");
    }
  }

  /** A cache of its own, so the archive starts absent, holding the distribution already extracted. */
  private Path cacheSharingTheDistribution() throws Exception {
    String version = ApicurioDistribution.DEFAULT_VERSION;
    Path distribution = ApicurioDistribution.runnerJar(version, ApicurioDistribution.defaultCacheDir()).getParent();
    Files.createSymbolicLink(cache.resolve(distribution.getFileName()), distribution);
    return EmbeddedSchemaRegistry.classDataArchive(cache, version);
  }

  private List<Path> leftovers() throws Exception {
    try (Stream<Path> files = Files.list(cache)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
    }
  }

  private static ProcessHandle registryJvm(EmbeddedSchemaRegistry registry) {
    String port = "-Dquarkus.http.port=" + registry.port();
    return ProcessHandle.current().descendants()
        .filter(h -> h.info().arguments().map(List::of).orElse(List.of()).contains(port))
        .filter(h -> h.info().command().orElse("").endsWith("java"))
        .findFirst().orElseThrow();
  }

  private static List<String> registryArguments(EmbeddedSchemaRegistry registry) {
    return registryJvm(registry).info().arguments().map(List::of).orElseThrow();
  }
}
