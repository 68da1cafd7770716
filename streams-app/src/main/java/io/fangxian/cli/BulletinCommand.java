package io.fangxian.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

/** Writes the printable monthly bulletin of a running instance to a file. */
@Command(name = "bulletin", mixinStandardHelpOptions = true,
    description = {"Write the monthly bulletin (安全生产通报, with its exposure list) of a running instance as one HTML "
        + "page: the page GET /bulletins/{yyyy-MM} serves, from the same figures as the API.",
        "Exit status: 0 written, 1 the instance refused or could not be reached, 2 wrong usage."})
public final class BulletinCommand implements Callable<Integer> {

  @Option(names = "--month", required = true, paramLabel = "yyyy-MM", description = "The month, e.g. 2026-11.")
  String month;

  @Option(names = "--out", required = true, paramLabel = "FILE.html", description = "Where to write the page.")
  Path out;

  @Mixin ApiOptions api;

  @Option(names = "--token", paramLabel = "TOKEN",
      description = "The API token, if the instance has one (http.token); default: the FANGXIAN_HTTP_TOKEN variable.")
  String token;

  @Spec CommandSpec spec;

  private final Map<String, String> env;

  public BulletinCommand() {
    this(System.getenv());
  }

  BulletinCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try {
      YearMonth.parse(month);
    } catch (DateTimeParseException e) {
      err.println("--month '" + month + "' is not a month: use yyyy-MM, e.g. 2026-11");
      return 2;
    }
    String presented = token != null ? token : env.get("FANGXIAN_HTTP_TOKEN");
    URI uri;
    try {
      uri = api.uri("/bulletins/" + month
          + (presented == null ? "" : "?token=" + URLEncoder.encode(presented, StandardCharsets.UTF_8)));
    } catch (IllegalArgumentException e) {
      err.println(api.notAUrl());
      return 2;
    }
    try {
      HttpResponse<String> response = ApiOptions.send(ApiOptions.client(), HttpRequest.newBuilder(uri));
      if (response.statusCode() != 200) {
        err.println(api.refused(response, ""));
        return 1;
      }
      ApiOptions.write(out, response.body());
      spec.commandLine().getOut().println("Wrote the bulletin of " + month + " to " + out);
      return 0;
    } catch (ConnectException e) {
      err.println(api.unreachable());
      return 1;
    } catch (IOException e) {
      err.println("cannot get the bulletin from " + api.url + " or write " + out + ": " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }
}
