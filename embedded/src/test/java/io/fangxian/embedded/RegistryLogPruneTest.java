package io.fangxian.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A registry started with its log in the cache removes the logs other ports left there over a day ago. */
class RegistryLogPruneTest {
  @TempDir Path cache;

  private Path log(String name, Duration age, Instant now) throws Exception {
    Path f = Files.writeString(cache.resolve(name), "log");
    Files.setLastModifiedTime(f, FileTime.from(now.minus(age)));
    return f;
  }

  @Test
  void oldLogsOfOtherPortsGoTheRestStay() throws Exception {
    Instant now = Instant.parse("2026-12-07T12:00:00Z");
    Path old = log("registry-40123.log", Duration.ofDays(2), now);
    Path recent = log("registry-40124.log", Duration.ofHours(23), now);
    Path current = log("registry-8081.log", Duration.ofDays(30), now);
    Path other = log("registry-8081.log.bak", Duration.ofDays(30), now);
    Path archive = log("apicurio-registry-2.6.13.Final-classes-17.jsa", Duration.ofDays(30), now);

    EmbeddedSchemaRegistry.pruneOldLogs(cache, current, now);

    assertThat(old).doesNotExist();
    assertThat(recent).exists();
    assertThat(current).as("the log this registry writes").exists();
    assertThat(other).exists();
    assertThat(archive).exists();
  }
}
