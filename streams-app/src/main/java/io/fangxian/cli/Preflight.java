package io.fangxian.cli;

import io.fangxian.config.AppConfig;
import io.fangxian.load.LoadException;
import io.fangxian.serde.SchemaRegistryClients;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Before a command writes anything: is the Kafka cluster there, and the schema registry? Each gets
 * one bounded try ({@link #TIMEOUT}), and a failure names the address tried and what to check,
 * instead of a producer blocking for a minute per file.
 */
final class Preflight {
  static final Duration TIMEOUT = Duration.ofSeconds(8);
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

  private Preflight() { }

  /** Checks the broker, then the registry; throws a {@link LoadException} naming the one that did not answer. */
  static void check(AppConfig settings) {
    kafka(settings);
    registry(settings);
  }

  static void kafka(AppConfig settings) {
    String servers = settings.get(AppConfig.BOOTSTRAP_SERVERS);
    listening(servers);
    Map<String, Object> admin = new HashMap<>(settings.kafkaClientSettings());
    int ms = (int) TIMEOUT.toMillis();
    admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
    admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
    admin.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, ms);
    admin.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
    String what = "Kafka is not reachable at " + servers + " (" + AppConfig.BOOTSTRAP_SERVERS + ")";
    Admin client = null;
    try {
      client = Admin.create(admin);
      client.describeCluster().nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      boolean timedOut = e instanceof TimeoutException || cause instanceof org.apache.kafka.common.errors.TimeoutException;
      throw new LoadException(what + ": " + (timedOut ? "no answer to a describe-cluster request within "
          + TIMEOUT.toSeconds() + " s" : cause.getMessage()) + ". Check that a broker runs there and listens on that "
          + "address (--bootstrap-server), and that kafka.security.protocol and the SASL/SSL settings match its listener.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LoadException(what + ": interrupted");
    } catch (org.apache.kafka.common.KafkaException e) {
      throw new LoadException(what + ": " + e.getMessage() + ". Check --bootstrap-server and the kafka.* settings.");
    } finally {
      if (client != null) {
        client.close(Duration.ZERO); // nothing to wait for: the answer is in, or will not come
      }
    }
  }

  /**
   * A first, quick look: does anything accept a connection at one of the bootstrap addresses? A
   * refused or unanswered connection is named at once, with what each address answered.
   */
  static void listening(String servers) {
    List<String> refused = new ArrayList<>();
    for (String server : servers.split(",")) {
      String address = server.trim();
      int colon = address.lastIndexOf(':');
      if (colon <= 0) {
        return; // not host:port: leave it to the client, which says what it wants
      }
      String host = address.substring(0, colon).replace("[", "").replace("]", "");
      int port;
      try {
        port = Integer.parseInt(address.substring(colon + 1));
      } catch (NumberFormatException e) {
        return;
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, port), (int) CONNECT_TIMEOUT.toMillis());
        return; // something listens; the describe-cluster request tells whether it is Kafka
      } catch (IOException e) {
        refused.add(address + " (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
      }
    }
    throw new LoadException("Kafka is not reachable at " + servers + " (" + AppConfig.BOOTSTRAP_SERVERS + "): tried "
        + String.join(", ", refused) + ". Check that a broker runs there and listens on that address (--bootstrap-server),"
        + " and that no firewall is in between.");
  }

  static void registry(AppConfig settings) {
    String url = settings.get(AppConfig.REGISTRY_URL);
    if (url == null || url.startsWith(SchemaRegistryClients.MOCK_PREFIX)) {
      return;
    }
    Map<String, Object> serde = new HashMap<>(settings.serdeSettings());
    serde.put(SchemaRegistryClients.RETRIES, 0);
    serde.put(SchemaRegistryClients.TIMEOUT_MS, (int) TIMEOUT.toMillis());
    try {
      SchemaRegistryClients.uncached(serde).subjects();
    } catch (RuntimeException e) {
      throw new LoadException("The schema registry is not reachable at " + url + " (" + AppConfig.REGISTRY_URL + "): "
          + e.getMessage() + ". Check that it runs there (--registry-url; Apicurio's Confluent API is under "
          + "/apis/ccompat/v7) and its credentials (schema.registry.basic.auth.user.info or .bearer.auth.token).");
    }
  }

  /** Producer settings that fail within the preflight's bound rather than a minute later, unless the user set them. */
  static Map<String, Object> boundedProducer(Map<String, Object> clientSettings) {
    Map<String, Object> m = new HashMap<>(clientSettings);
    m.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis());
    m.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    m.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 3 * (int) TIMEOUT.toMillis());
    return m;
  }
}
