package io.fangxian.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The address of a running instance for the commands that ask it over HTTP (plan, bulletin), and how
 * they ask: the request with its timeouts, a bearer token, the messages when it fails, the file
 * written. The token options stay on the commands: each has its own label, variable and way of
 * presenting it (a bearer header for plan, the page's {@code ?token=} for bulletin).
 */
final class ApiOptions {
  @Option(names = "--url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080",
      description = "The instance's HTTP address (default: ${DEFAULT-VALUE}).")
  String url;

  /** The instance's address, without trailing slashes, followed by {@code pathAndQuery}; IllegalArgumentException if not a URI. */
  URI uri(String pathAndQuery) {
    return URI.create(url.replaceAll("/+$", "") + pathAndQuery);
  }

  static HttpClient client() {
    return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** A JSON POST to {@code uri}, authorized by a bearer token. */
  static HttpRequest.Builder postJson(URI uri, String secret, String body) {
    return HttpRequest.newBuilder(uri)
        .header("Authorization", "Bearer " + secret).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  /** Sends {@code request} with a timeout of 2 minutes and reads the answer as UTF-8 text. */
  static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(request.timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** Writes {@code text} to {@code file} as UTF-8, creating its folder if need be. */
  static void write(Path file, String text) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  String notAUrl() {
    return "--url '" + url + "' is not a URL: use e.g. http://127.0.0.1:8080";
  }

  String unreachable() {
    return "cannot reach an instance at " + url + " (is it running? --url sets the address)";
  }

  /** The instance's answer other than 200; {@code what} says to what, if not the main request (e.g. " for the CSV"). */
  String refused(HttpResponse<String> response, String what) {
    return "the instance at " + url + " answered " + response.statusCode() + what + ": " + response.body();
  }
}
