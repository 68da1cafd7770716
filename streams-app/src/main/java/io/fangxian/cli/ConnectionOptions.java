package io.fangxian.cli;

import io.fangxian.config.AppConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where the Kafka cluster and registry are: options, or a configuration file for secured clusters. */
public final class ConnectionOptions {
  @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT",
      description = "Kafka bootstrap servers (default: kafka.bootstrap.servers from --config, else 127.0.0.1:9092).")
  String bootstrapServer;

  @Option(names = "--registry-url", paramLabel = "URL",
      description = "Schema registry URL (default: schema.registry.url from --config, else http://127.0.0.1:8081/apis/ccompat/v7).")
  String registryUrl;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Properties file with client settings (security, topic.prefix); FANGXIAN_* variables override it.")
  Path config;

  @Option(names = "--topic-prefix", paramLabel = "PREFIX", description = "Prefix of the topic names (default: none).")
  String topicPrefix;

  public AppConfig settings() {
    AppConfig c = AppConfig.load(config, System.getenv());
    if (bootstrapServer != null) {
      c = c.with(AppConfig.BOOTSTRAP_SERVERS, bootstrapServer);
    } else if (c.get(AppConfig.BOOTSTRAP_SERVERS) == null) {
      c = c.with(AppConfig.BOOTSTRAP_SERVERS, "127.0.0.1:9092");
    }
    if (registryUrl != null) {
      c = c.with(AppConfig.REGISTRY_URL, registryUrl);
    } else if (c.get(AppConfig.REGISTRY_URL) == null) {
      c = c.with(AppConfig.REGISTRY_URL, "http://127.0.0.1:8081/apis/ccompat/v7");
    }
    if (topicPrefix != null) {
      c = c.with(AppConfig.TOPIC_PREFIX, topicPrefix);
    }
    return c.validate();
  }

  public static Map<String, Object> clientSettings(AppConfig c) {
    return new HashMap<>(c.kafkaClientSettings());
  }
}
