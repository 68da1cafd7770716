package io.fangxian.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Configuration is read before the rules exist, and the rules are given their configuration: the
 * rules may use {@code io.fangxian.config}, never the other way round.
 */
class PackageCycleTest {
  private static final Path SOURCES = Path.of("src/main/java/io/fangxian");

  @Test
  void configurationDoesNotDependOnTheRules() throws IOException {
    assertThat(filesMentioning("config", "io.fangxian.rules")).isEmpty();
  }

  private static List<Path> filesMentioning(String pkg, String other) throws IOException {
    try (Stream<Path> files = Files.walk(SOURCES.resolve(pkg))) {
      return files.filter(f -> f.toString().endsWith(".java")).filter(f -> read(f).contains(other)).toList();
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
