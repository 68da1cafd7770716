package io.fangxian.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Asks a running instance for a month's flying-inspection plan (POST /api/v1/plans) and writes it. */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = {"Draw a month's flying-inspection plan (飞行检查, 四不两直) from a running instance: count enterprises at"
        + " random, weighted by risk, key area, time since the last inspection, open major hazards, recent public-report"
        + " hazards and the township's misses, leaving out those flying-inspected in the last flying.excludeMonths months."
        + " The same --seed over the same state gives the same plan. Nothing is published: keep the files to yourself.",
        "Needs a write token whose scope is the district (http.token.<name>.scope=district).",
        "Exit status: 0 written, 1 the instance refused or could not be reached, 2 wrong usage."})
public final class PlanCommand implements Callable<Integer> {

  @Option(names = "--month", required = true, paramLabel = "yyyy-MM",
      description = "The month planned: the current one or one of the next 12, e.g. 2026-12.")
  String month;

  @Option(names = "--count", required = true, paramLabel = "N", description = "How many enterprises, 1 to 500.")
  int count;

  @Option(names = "--seed", paramLabel = "S", description = "The seed (any 64-bit integer); without it a random one, "
      + "written with the plan so that it can be drawn again.")
  Long seed;

  @Option(names = "--out", paramLabel = "FILE.json", description = "Where to write the plan as JSON (default: standard output).")
  Path out;

  @Option(names = "--csv", paramLabel = "FILE.csv", description = "Also write it as CSV, one line a pick.")
  Path csv;

  @Mixin ApiOptions api;

  @Option(names = "--token", paramLabel = "SECRET",
      description = "A district write token's secret; default: the FANGXIAN_PLAN_TOKEN variable.")
  String token;

  @Spec CommandSpec spec;

  private final Map<String, String> env;

  public PlanCommand() {
    this(System.getenv());
  }

  PlanCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try {
      YearMonth.parse(month);
    } catch (DateTimeParseException e) {
      err.println("--month '" + month + "' is not a month: use yyyy-MM, e.g. 2026-12 (the current month or one of the next 12)");
      return 2;
    }
    if (count < 1 || count > 500) {
      err.println("--count " + count + " is out of range: use 1 to 500");
      return 2;
    }
    String secret = token != null ? token : env.get("FANGXIAN_PLAN_TOKEN");
    if (secret == null || secret.isBlank()) {
      err.println("a plan needs a district write token: --token SECRET or the FANGXIAN_PLAN_TOKEN variable"
          + " (http.token.<name>.secret with .scope=district on the instance)");
      return 2;
    }
    String body = "{\"month\":\"" + month + "\",\"count\":" + count + (seed == null ? "" : ",\"seed\":" + seed) + "}";
    try {
      HttpClient http = ApiOptions.client();
      HttpResponse<String> json = send(http, api.uri("/api/v1/plans"), secret, body);
      if (json.statusCode() != 200) {
        err.println(api.refused(json, ""));
        return 1;
      }
      if (out == null) {
        spec.commandLine().getOut().println(json.body());
      } else {
        ApiOptions.write(out, json.body());
      }
      if (csv != null) {
        // the seed the first answer was drawn with, so that both files are the same plan
        long used = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.body()).get("seed").asLong();
        HttpResponse<String> rows = send(http, api.uri("/api/v1/plans?format=csv"), secret,
            "{\"month\":\"" + month + "\",\"count\":" + count + ",\"seed\":" + used + "}");
        if (rows.statusCode() != 200) {
          err.println(api.refused(rows, " for the CSV"));
          return 1;
        }
        ApiOptions.write(csv, rows.body());
      }
      if (out != null || csv != null) {
        spec.commandLine().getOut().println("Wrote the flying-inspection plan of " + month + " to "
            + (out == null ? "" : out) + (out != null && csv != null ? " and " : "") + (csv == null ? "" : csv)
            + "; do not share it before the visits (四不两直)");
      }
      return 0;
    } catch (IllegalArgumentException e) {
      err.println(api.notAUrl());
      return 2;
    } catch (ConnectException e) {
      err.println(api.unreachable());
      return 1;
    } catch (IOException e) {
      err.println("cannot get the plan from " + api.url + " or write it: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  private static HttpResponse<String> send(HttpClient http, URI uri, String secret, String body)
      throws IOException, InterruptedException {
    return ApiOptions.send(http, ApiOptions.postJson(uri, secret, body));
  }
}
