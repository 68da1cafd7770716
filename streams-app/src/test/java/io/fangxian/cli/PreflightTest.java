package io.fangxian.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fangxian.config.AppConfig;
import io.fangxian.load.LoadException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `load` against an address where nothing answers says so, names the address, and does not wait a minute. */
class PreflightTest {
  /** A port nothing listens on: taken from the OS, then released. */
  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void loadAgainstABrokerThatIsDownNamesItAndWhatToCheck() throws Exception {
    int port = closedPort();
    Path file = Path.of(PreflightTest.class.getResource("/load/enterprises-bom.csv").toURI());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    long start = System.nanoTime();
    int rc = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
        .execute("load", "--kind", "enterprises", "--bootstrap-server", "127.0.0.1:" + port, file.toString());
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(rc).isEqualTo(2);
    assertThat(err.toString()).contains("Kafka is not reachable at 127.0.0.1:" + port, "kafka.bootstrap.servers",
        "Connection refused", "Check that a broker runs there").doesNotContain("\tat ");
    assertThat(err.toString().strip().lines()).hasSize(1);
    assertThat(took).as("named within the preflight's bound, not after the producer's minute").isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void somethingThatListensButIsNoKafkaBrokerIsNamedWithinTheBound() throws Exception {
    try (ServerSocket silent = new ServerSocket(0)) { // accepts connections, never answers
      String address = "127.0.0.1:" + silent.getLocalPort();
      AppConfig settings = AppConfig.of(Map.of(AppConfig.BOOTSTRAP_SERVERS, address, AppConfig.REGISTRY_URL, "mock://x"));
      long start = System.nanoTime();
      assertThatThrownBy(() -> Preflight.kafka(settings)).isInstanceOf(LoadException.class)
          .hasMessageContainingAll("Kafka is not reachable at " + address, "no answer to a describe-cluster request",
              "kafka.security.protocol");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }
  }

  @Test
  void aRegistryThatIsDownIsNamed() throws Exception {
    int port = closedPort();
    AppConfig settings = AppConfig.of(Map.of(AppConfig.BOOTSTRAP_SERVERS, "127.0.0.1:9",
        AppConfig.REGISTRY_URL, "http://127.0.0.1:" + port + "/apis/ccompat/v7"));
    long start = System.nanoTime();
    assertThatThrownBy(() -> Preflight.registry(settings)).isInstanceOf(LoadException.class)
        .hasMessageContainingAll("schema registry is not reachable at http://127.0.0.1:" + port + "/apis/ccompat/v7",
            "schema.registry.url", "--registry-url");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void theProducerIsBoundedUnlessTheUserSaidOtherwise() {
    assertThat(Preflight.boundedProducer(Map.of())).containsEntry("max.block.ms", (int) Preflight.TIMEOUT.toMillis());
    assertThat(Preflight.boundedProducer(Map.of("max.block.ms", "60000"))).containsEntry("max.block.ms", "60000");
  }
}
