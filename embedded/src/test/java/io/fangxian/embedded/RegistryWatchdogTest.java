package io.fangxian.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Tag("integration")
@Timeout(120)
class RegistryWatchdogTest {

  @Test
  void registryDiesWhenItsParentJvmIsKilled() throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    Process probe = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        RegistryOrphanProbe.class.getName())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    List<ProcessHandle> registryProcesses;
    int port;
    try {
      BufferedReader out = new BufferedReader(
          new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8));
      String line;
      do {
        line = out.readLine();
      } while (line != null && !line.startsWith("READY "));
      assertThat(line).as("probe output").isNotNull();
      port = Integer.parseInt(line.substring("READY ".length()).trim());
      registryProcesses = probe.descendants().toList();
      // the watchdog shell (and maybe its sleep) and the registry JVM
      assertThat(registryProcesses)
          .anyMatch(h -> h.info().command().orElse("").endsWith("/java"))
          .anyMatch(h -> h.info().command().orElse("").endsWith("sh"));
    } finally {
      probe.destroyForcibly(); // SIGKILL: no shutdown hook runs
    }
    probe.waitFor();

    long deadline = System.currentTimeMillis() + 20_000;
    while (registryProcesses.stream().anyMatch(RegistryWatchdogTest::running)
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
    }
    assertThat(registryProcesses).noneMatch(RegistryWatchdogTest::running);
    assertThat(FreePorts.isFree(port)).isTrue();
  }

  /** Alive and not a zombie (an orphaned shell may wait for a reaper that is slow or absent). */
  private static boolean running(ProcessHandle h) {
    if (!h.isAlive()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(h.pid()), "stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (Exception e) {
      return false;
    }
  }
}
