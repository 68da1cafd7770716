package io.fangxian.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fangxian.config.AppConfig;
import io.fangxian.config.ConfigException;
import io.fangxian.config.PipelineConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppConfigTest {
  @TempDir Path dir;

  Path file(String text) throws Exception {
    Path f = dir.resolve("fangxian.properties");
    Files.writeString(f, text);
    return f;
  }

  @Test
  void environmentOverridesFileWhichOverridesDefaults() throws Exception {
    Path f = file("kafka.bootstrap.servers=from-file:9092\ntopic.partitions=12\nschema.registry.url=http://r:8081\n");
    AppConfig c = AppConfig.load(f, Map.of(
        "FANGXIAN_KAFKA_BOOTSTRAP_SERVERS", "from-env:9092",
        "FANGXIAN_HTTP_ADVERTISED_HOST", "fangxian-1",
        "PATH", "/usr/bin"));
    assertThat(c.get(AppConfig.BOOTSTRAP_SERVERS)).isEqualTo("from-env:9092");
    assertThat(c.get(AppConfig.TOPIC_PARTITIONS)).isEqualTo("12");
    assertThat(c.get(AppConfig.HTTP_ADVERTISED_HOST)).isEqualTo("fangxian-1");
    assertThat(c.get(AppConfig.APPLICATION_ID)).isEqualTo("fangxian");
    assertThat(c.kafkaClientSettings()).containsEntry("bootstrap.servers", "from-env:9092");
    // command-line options come last
    assertThat(c.with(AppConfig.BOOTSTRAP_SERVERS, "from-cli:9092").get(AppConfig.BOOTSTRAP_SERVERS)).isEqualTo("from-cli:9092");
  }

  @Test
  void badValuesAreRefusedNamingTheKey() throws Exception {
    Map<String, String> ok = Map.of(AppConfig.BOOTSTRAP_SERVERS, "k:9092", AppConfig.REGISTRY_URL, "http://r:8081");
    assertThat(AppConfig.of(ok).validate()).isNotNull();
    assertRefused(AppConfig.of(ok).with(AppConfig.TOPIC_PARTITIONS, "six"), "topic.partitions=six is not a whole number");
    assertRefused(AppConfig.of(ok).with(AppConfig.REPLICATION_FACTOR, "0"), "replication.factor=0 must be 1 or more");
    assertRefused(AppConfig.of(ok).with(AppConfig.HTTP_PORT, "70000"), "http.port=70000");
    assertRefused(AppConfig.of(ok).with(AppConfig.PROCESSING_GUARANTEE, "exactly_once"), "processing.guarantee=exactly_once");
    assertRefused(AppConfig.of(ok).with(AppConfig.TIME_ZONE, "Beijing"), "time.zone=Beijing");
    assertRefused(AppConfig.of(ok).with(AppConfig.DEDUP_RETENTION, "35 days"), "dedup.retention=35 days");
    assertRefused(AppConfig.of(ok).with(AppConfig.DOSSIER_RETENTION, "P365D"),
        "dossier.retention=P365D", "three years", "P1096D");
    assertThat(AppConfig.of(ok).with(AppConfig.DOSSIER_RETENTION, "P3650D").validate().pipeline().dossierRetention())
        .isEqualTo(Duration.ofDays(3650));
    assertThat(AppConfig.of(ok).validate().pipeline()).isEqualTo(PipelineConfig.defaults());
    assertRefused(AppConfig.of(ok).with(AppConfig.REGISTRY_URL, "registry:8081"), "schema.registry.url");
    assertRefused(AppConfig.of(Map.of(AppConfig.REGISTRY_URL, "http://r:8081")),
        "kafka.bootstrap.servers is not set", "FANGXIAN_KAFKA_BOOTSTRAP_SERVERS");
    assertThatThrownBy(() -> AppConfig.load(dir.resolve("missing.properties"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("missing.properties");
  }

  private static void assertRefused(AppConfig c, String... parts) {
    assertThatThrownBy(c::validate).isInstanceOf(ConfigException.class).hasMessageContainingAll(parts);
  }

  @Test
  void describeMasksSecrets() throws Exception {
    AppConfig c = AppConfig.load(file("kafka.ssl.truststore.location=/etc/t.p12\nkafka.ssl.keystore.type=PKCS12\n"), Map.of(
        "FANGXIAN_KAFKA_SASL_JAAS_CONFIG", "ScramLoginModule required username=\"u\" password=\"SECRET-1\";",
        "FANGXIAN_KAFKA_SSL_TRUSTSTORE_PASSWORD", "SECRET-2",
        "FANGXIAN_KAFKA_SSL_KEY_PASSWORD", "SECRET-3",
        "FANGXIAN_SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", "u:SECRET-4",
        "FANGXIAN_SCHEMA_REGISTRY_BEARER_AUTH_TOKEN", "SECRET-5",
        "FANGXIAN_HTTP_TOKEN", "SECRET-6"));
    Map<String, String> shown = c.describe();
    assertThat(shown.toString()).doesNotContain("SECRET");
    assertThat(shown).containsEntry("kafka.sasl.jaas.config", "******")
        .containsEntry("kafka.ssl.truststore.location", "/etc/t.p12")
        .containsEntry("kafka.ssl.keystore.type", "PKCS12")
        .containsEntry(AppConfig.HTTP_TOKEN, "******");
  }

  @Test
  void everyMistakeOfAFileIsReportedAtOnce() throws Exception {
    Path f = file("kafka.bootstrap.servers=k:9092\nschema.registry.url=http://r:8081\n"
        + "topic.partitions=six\ntime.zone=Beijing\nhttp.token.duty.secret=short\nhttp.token.duty.scope=district\n");
    assertThatThrownBy(() -> AppConfig.load(f, Map.of()).validate()).isInstanceOfSatisfying(ConfigException.class, e -> {
      assertThat(e.mistakes()).hasSize(3);
      assertThat(e.getMessage()).startsWith("3 mistakes in the settings:")
          .contains("topic.partitions=six is not a whole number", "time.zone=Beijing", "http.token.duty.secret must be set");
    });
  }

  @Test
  void anUnknownKafkaKeyIsRefusedWithTheNearestKnownName() throws Exception {
    Map<String, String> ok = Map.of(AppConfig.BOOTSTRAP_SERVERS, "k:9092", AppConfig.REGISTRY_URL, "http://r:8081");
    assertRefused(AppConfig.of(ok).with("kafka.bootstrap.server", "k:9092"),
        "kafka.bootstrap.server is not a setting", "did you mean kafka.bootstrap.servers?");
    assertRefused(AppConfig.of(ok).with("kafka.securty.protocol", "SASL_SSL"), "did you mean kafka.security.protocol?");
    assertRefused(AppConfig.of(ok).with("kafka.producer.lingr.ms", "5"), "did you mean kafka.producer.linger.ms?");
    assertRefused(AppConfig.of(ok).with("kafka.topic.min.insync.replica", "2"), "did you mean kafka.topic.min.insync.replicas?");
    assertRefused(AppConfig.of(ok).with("kafka.flux.capacitor", "1.21"), "kafka.flux.capacitor is not a setting");
    // from the environment too
    assertThatThrownBy(() -> AppConfig.load(null, Map.of("FANGXIAN_KAFKA_SASL_MECHANISMS", "PLAIN")).validate())
        .hasMessageContaining("did you mean kafka.sasl.mechanism?");
    // real names, and real names behind Streams' client and topic prefixes, pass
    assertThat(AppConfig.of(ok).with("kafka.security.protocol", "SASL_SSL").with("kafka.sasl.mechanism", "SCRAM-SHA-512")
        .with("kafka.commit.interval.ms", "200").with("kafka.producer.linger.ms", "5").with("kafka.main.consumer.max.poll.records", "100")
        .with("kafka.topic.min.insync.replicas", "2").with("kafka.ssl.truststore.location", "/etc/t.p12").validate()).isNotNull();
  }

  @Test
  void knownKeys() {
    assertThat(AppConfig.isKnownKey("http.port")).isTrue();
    assertThat(AppConfig.isKnownKey("kafka.security.protocol")).isTrue();
    assertThat(AppConfig.isKnownKey("schema.registry.timeout.ms")).isTrue();
    assertThat(AppConfig.isKnownKey("http.prot")).isFalse();
    assertThat(AppConfig.isKnownKey("kafka.")).isFalse();
    assertThat(AppConfig.isKnownKey("kafka.bootstrap.server")).isFalse();
  }
}
