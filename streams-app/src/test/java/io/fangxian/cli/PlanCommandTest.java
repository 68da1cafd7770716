package io.fangxian.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PlanCommandTest {
  private record Run(int exitCode, String out, String err) { }

  private static Run run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int rc = new CommandLine(new PlanCommand(env)).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
        .execute(args);
    return new Run(rc, out.toString(), err.toString());
  }

  @Test
  void aWrongMonthCountOrMissingTokenIsAUsageErrorThatSaysWhatIsAccepted() {
    Run month = run(Map.of("FANGXIAN_PLAN_TOKEN", "t"), "--month", "2026-13", "--count", "20");
    assertThat(month.exitCode()).isEqualTo(2);
    assertThat(month.err()).contains("is not a month: use yyyy-MM");
    Run count = run(Map.of("FANGXIAN_PLAN_TOKEN", "t"), "--month", "2026-12", "--count", "0");
    assertThat(count.exitCode()).isEqualTo(2);
    assertThat(count.err()).contains("use 1 to 500");
    Run token = run(Map.of(), "--month", "2026-12", "--count", "20");
    assertThat(token.exitCode()).isEqualTo(2);
    assertThat(token.err()).contains("district write token", "FANGXIAN_PLAN_TOKEN");
    Run down = run(Map.of(), "--month", "2026-12", "--count", "20", "--token", "t", "--url", "http://127.0.0.1:1");
    assertThat(down.exitCode()).isEqualTo(1);
    assertThat(down.err()).contains("cannot reach an instance at http://127.0.0.1:1");
  }

  @Test
  void writesTheJsonAndTheCsvOfTheSamePlanAndPassesTheRefusalOn(@TempDir Path dir) throws Exception {
    List<String> bodies = new ArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/v1/plans", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      bodies.add(exchange.getRequestURI().getQuery() + " " + body + " " + exchange.getRequestHeaders().getFirst("Authorization"));
      boolean csv = "format=csv".equals(exchange.getRequestURI().getQuery());
      byte[] answer = (body.contains("\"count\":99") ? "{\"error\":\"bad_request\",\"message\":\"month 2020-01 is out of range\"}"
          : csv ? "rank,enterpriseId\n1,E1\n" : "{\"month\":\"2026-12\",\"seed\":4242,\"picks\":[]}").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(body.contains("\"count\":99") ? 400 : 200, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort();
      Run ok = run(Map.of("FANGXIAN_PLAN_TOKEN", "district-secret"), "--month", "2026-12", "--count", "20", "--url", url,
          "--out", dir.resolve("plan.json").toString(), "--csv", dir.resolve("plan.csv").toString());
      assertThat(ok.exitCode()).as(ok.err()).isZero();
      assertThat(Files.readString(dir.resolve("plan.json"))).contains("\"seed\":4242");
      assertThat(Files.readString(dir.resolve("plan.csv"))).startsWith("rank,enterpriseId");
      assertThat(bodies.get(0)).isEqualTo("null {\"month\":\"2026-12\",\"count\":20} Bearer district-secret");
      assertThat(bodies.get(1)).as("the CSV is drawn with the JSON's seed").contains("format=csv", "\"seed\":4242");
      Run refused = run(Map.of(), "--month", "2026-12", "--count", "99", "--token", "t", "--url", url);
      assertThat(refused.exitCode()).isEqualTo(1);
      assertThat(refused.err()).contains("answered 400", "out of range");
    } finally {
      server.stop(0);
    }
  }
}
