package io.fangxian.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fangxian.embedded.MemoryDirs;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * `bin/fangxian demo` as a newcomer runs it (a child JVM, generator on): the two write tokens its
 * banner prints sign for alerts through the REST API, each within its scope, and the class-data
 * archive the launcher writes before the first demo of a build is mapped by the next start.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DemoWriteTokenIntegrationTest {
  private static final Pattern TOKEN = Pattern.compile("(?m)^Write token \\((district|township:([a-z0-9-]+))\\): ([0-9a-f]{32})$");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ObjectMapper json = new ObjectMapper();
  private Process demo;
  private Path dir;
  private int httpPort;

  @AfterEach
  void stop() throws Exception {
    if (demo != null) {
      List<ProcessHandle> all = Stream.concat(Stream.of(demo.toHandle()), demo.descendants()).toList();
      demo.destroy(); // SIGTERM, as Ctrl-C
      if (!demo.waitFor(60, TimeUnit.SECONDS)) {
        all.forEach(ProcessHandle::destroyForcibly);
        demo.waitFor(10, TimeUnit.SECONDS);
      }
    }
    // The demo's log stays beside the test reports; its data and the archive go.
    MemoryDirs.deleteKeepingLogs(dir, "DemoWriteTokenIntegrationTest", "demo.log");
  }

  @Test
  void theTokensTheBannerPrintsSignForAlerts() throws Exception {
    dir = Files.createTempDirectory("fangxian-demo-token");
    int base = freeBase();
    httpPort = base;
    Path archive = dir.resolve("demo-classes-test.jsa");
    ProcessBuilder launch = launcher(archive, "demo",
        "--http-port", Integer.toString(base), "--kafka-port", Integer.toString(base + 2),
        "--registry-port", Integer.toString(base + 5));
    demo = launch.redirectErrorStream(true).redirectOutput(dir.resolve("demo.log").toFile()).start();

    // The banner, then alerts from the generator waiting to be signed for.
    String[] district = new String[1];
    String[] township = new String[2];
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      assertThat(demo.isAlive()).as("demo alive; its output:\n" + output()).isTrue();
      Matcher m = TOKEN.matcher(output());
      while (m.find()) {
        if (m.group(1).equals("district")) {
          district[0] = m.group(3);
        } else {
          township[0] = m.group(2);
          township[1] = m.group(3);
        }
      }
      assertThat(district[0]).as("district token line in:\n" + output()).isNotNull();
      assertThat(township[1]).as("township token line in:\n" + output()).isNotNull();
    });
    // The launcher has exec'd the demo's JVM by now, with C1 only (a restart serves figures sooner).
    assertThat(demo.info().arguments()).hasValueSatisfying(args -> assertThat(args).contains("-XX:TieredStopAtLevel=1"));
    JsonNode[] waiting = new JsonNode[1];
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().untilAsserted(() -> {
      JsonNode alerts = json.readTree(get("/api/v1/alerts?handling=unacknowledged&limit=1000").body());
      assertThat(alerts.isArray()).as(alerts.toString()).isTrue();
      assertThat(alerts.size()).isGreaterThan(1);
      waiting[0] = alerts;
    });

    String forDistrict = null;
    String inTownship = null;
    String elsewhere = null;
    // RED and ORANGE alerts first: their handling stays open even if their cause goes away meanwhile.
    List<JsonNode> candidates = new ArrayList<>();
    waiting[0].forEach(candidates::add);
    candidates.sort(Comparator.comparing((JsonNode a) -> !a.path("handling").path("closeRequired").asBoolean()));
    for (JsonNode a : candidates) {
      String t = a.path("subject").path("townshipId").asText(null);
      if (township[0].equals(t) && inTownship == null) {
        inTownship = a.get("alertKey").asText();
      } else if (t != null && !township[0].equals(t) && elsewhere == null) {
        elsewhere = a.get("alertKey").asText();
      } else if (forDistrict == null) {
        forDistrict = a.get("alertKey").asText();
      }
    }
    forDistrict = forDistrict != null ? forDistrict : elsewhere;
    assertThat(forDistrict).isNotNull();

    assertThat(act(forDistrict, district[0]).statusCode()).isEqualTo(202);
    if (elsewhere != null && !elsewhere.equals(forDistrict)) {
      HttpResponse<String> refused = act(elsewhere, township[1]);
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
    }
    if (inTownship != null) {
      HttpResponse<String> signed = act(inTownship, township[1]);
      assertThat(signed.statusCode()).as(signed.body()).isEqualTo(202);
    }

    // The launcher wrote the archive before it started the demo, and the next start maps it
    // (-Xshare:on makes a JVM that cannot map its archive fail).
    assertThat(archive).isNotEmptyFile();
    assertThat(dir).isDirectoryNotContaining(p -> p.getFileName().toString().endsWith(".tmp")
        || p.getFileName().toString().endsWith(".lst"));
    Process next = launcher(archive, "demo", "--help").redirectErrorStream(true)
        .redirectOutput(dir.resolve("next.log").toFile()).start();
    assertThat(next.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(next.exitValue()).as(Files.readString(dir.resolve("next.log"))).isZero();
    assertThat(Files.readString(dir.resolve("next.log"))).contains("--data-dir");
  }

  /** `bin/fangxian` with its class-data archive at the given place, in a JVM of 1 GB. */
  private static ProcessBuilder launcher(Path archive, String... args) throws IOException {
    Path root = Path.of(System.getProperty("user.dir")).getParent();
    List<String> command = new ArrayList<>(List.of("bash", root.resolve("bin/fangxian").toString()));
    command.addAll(List.of(args));
    ProcessBuilder launch = new ProcessBuilder(command);
    launch.environment().put("FANGXIAN_CLASS_ARCHIVE", archive.toString());
    // Its temp directory (the demo's data, RocksDB's native library) in the test's, which goes after it.
    Path tmp = Files.createDirectories(archive.resolveSibling("tmp"));
    launch.environment().put("FANGXIAN_JAVA_OPTS", "-Xmx1g -Djava.io.tmpdir=" + tmp + (Files.exists(archive) ? " -Xshare:on" : ""));
    return launch;
  }

  private HttpResponse<String> act(String alertKey, String secret) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/v1/alerts/" + enc(alertKey) + "/actions"))
        .header("Authorization", "Bearer " + secret).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"ACKNOWLEDGE\",\"by\":\"张某\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private String output() throws IOException {
    return Files.readString(dir.resolve("demo.log"));
  }

  /** Six free ports from base: HTTP, Kafka and its controller, the registry. */
  private static int freeBase() {
    java.util.Random random = new java.util.Random();
    while (true) {
      int base = 20_000 + random.nextInt(30_000);
      if (Stream.of(base, base + 2, base + 3, base + 5).allMatch(DemoWriteTokenIntegrationTest::isFree)) {
        return base;
      }
    }
  }

  private static boolean isFree(int port) {
    try (java.net.ServerSocket s = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
