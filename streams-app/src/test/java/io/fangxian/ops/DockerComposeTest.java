package io.fangxian.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fangxian.avro.Alert;
import io.fangxian.avro.AlertEvidence;
import io.fangxian.avro.AlertStatus;
import io.fangxian.avro.AlertSubject;
import io.fangxian.avro.SubjectType;
import io.fangxian.avro.WarningLevel;
import io.fangxian.config.AppConfig;
import io.fangxian.config.PipelineConfig;
import io.fangxian.domain.ReferenceData;
import io.fangxian.domain.TopicRegistry;
import io.fangxian.domain.Topics;
import io.fangxian.metrics.FangxianMetrics;
import io.fangxian.topology.FangxianTopology;
import io.fangxian.validate.RejectReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docker/ stays consistent with the code; no Docker engine needed. */
class DockerComposeTest {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> APPS = List.of("fangxian-1", "fangxian-2");
  static final List<String> BROKERS = List.of("kafka-1", "kafka-2", "kafka-3");
  static final int DEFAULT_HTTP_PORT = Integer.parseInt(AppConfig.defaultValue(AppConfig.HTTP_PORT));

  static JsonNode compose;
  static JsonNode services;

  @BeforeAll
  static void read() throws Exception {
    compose = YAML.readTree(RepoFiles.path("docker/compose.yaml").toFile());
    services = compose.get("services");
  }

  static Map<String, String> env(String service) {
    Map<String, String> env = new LinkedHashMap<>();
    services.get(service).path("environment").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
    return env;
  }

  static int httpPort(String app) {
    String port = env(app).get(AppConfig.envName(AppConfig.HTTP_PORT));
    return port == null ? DEFAULT_HTTP_PORT : Integer.parseInt(port);
  }

  /** The container side of each "host:container" or "ip:host:container" port mapping. */
  static List<Integer> containerPorts(String service) {
    List<Integer> ports = new ArrayList<>();
    services.get(service).path("ports").forEach(p -> {
      String[] parts = p.asText().split(":");
      ports.add(Integer.parseInt(parts[parts.length - 1]));
    });
    return ports;
  }

  @Test
  void theServicesExist() {
    Set<String> names = new LinkedHashSet<>();
    services.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactlyInAnyOrder("kafka-1", "kafka-2", "kafka-3", "registry", "fangxian-1", "fangxian-2",
        "prometheus", "alertmanager", "grafana");
    for (String app : APPS) {
      assertThat(services.get(app).path("build").path("dockerfile").asText()).isEqualTo("docker/Dockerfile");
      assertThat(services.get(app).path("build").path("context").asText()).isEqualTo("..");
    }
  }

  @Test
  void everyFangxianVariableIsASettingTheAppKnows() throws Exception {
    List<String> names = new ArrayList<>();
    Pattern variable = Pattern.compile("\\bFANGXIAN_[A-Z0-9_]+");
    try (Stream<Path> files = Files.walk(RepoFiles.path("docker"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Matcher m = variable.matcher(Files.readString(f));
        while (m.find()) {
          names.add(m.group());
        }
      }
    }
    assertThat(names).isNotEmpty();
    for (String name : names) {
      String key = name.substring(AppConfig.ENV_PREFIX.length()).toLowerCase(java.util.Locale.ROOT).replace('_', '.');
      assertThat(AppConfig.isKnownKey(key)).as(name + " -> " + key).isTrue();
      assertThat(AppConfig.envName(key)).isEqualTo(name);
    }
    Properties baked = new Properties();
    baked.load(Files.newBufferedReader(RepoFiles.path("docker/fangxian.properties")));
    assertThat(baked.stringPropertyNames()).allMatch(AppConfig::isKnownKey);
  }

  @Test
  void replicasAreConfiguredAlikeAndForADistributedDeployment() {
    Map<String, String> one = env("fangxian-1");
    Map<String, String> two = env("fangxian-2");
    String advertised = AppConfig.envName(AppConfig.HTTP_ADVERTISED_HOST);
    assertThat(one.get(advertised)).isEqualTo("fangxian-1");
    assertThat(two.get(advertised)).isEqualTo("fangxian-2");
    Map<String, String> rest = new HashMap<>(one);
    rest.put(advertised, "fangxian-2");
    assertThat(two).isEqualTo(rest);
    for (String app : APPS) {
      Map<String, String> env = env(app);
      assertThat(env.get(AppConfig.envName(AppConfig.HTTP_HOST))).isEqualTo("0.0.0.0");
      assertThat(env.get(AppConfig.envName(AppConfig.REPLICATION_FACTOR))).isEqualTo("3");
      assertThat(env.get(AppConfig.envName(AppConfig.STANDBY_REPLICAS))).isEqualTo("1");
      AppConfig config = AppConfig.of(Map.of()).with(AppConfig.BOOTSTRAP_SERVERS, "x:1");
      for (var e : env.entrySet()) {
        config = config.with(e.getKey().substring(AppConfig.ENV_PREFIX.length()).toLowerCase(java.util.Locale.ROOT).replace('_', '.'),
            e.getValue());
      }
      assertThat(config.validate()).isNotNull();
    }
  }

  @Test
  void portsAndAddressesMatch() throws Exception {
    for (String app : APPS) {
      assertThat(httpPort(app)).isEqualTo(DEFAULT_HTTP_PORT);
      assertThat(containerPorts(app)).containsExactly(httpPort(app));
      // the bootstrap servers are the brokers' internal listener, the registry the registry service
      String bootstrap = env(app).get(AppConfig.envName(AppConfig.BOOTSTRAP_SERVERS));
      assertThat(bootstrap.split(",")).containsExactlyElementsOf(BROKERS.stream().map(b -> b + ":9092").toList());
      assertThat(env(app).get(AppConfig.envName(AppConfig.REGISTRY_URL))).isEqualTo("http://registry:8080/apis/ccompat/v7");
    }
    for (String broker : BROKERS) {
      assertThat(env(broker).get("KAFKA_LISTENERS")).contains("PLAINTEXT://:9092");
      assertThat(env(broker).get("KAFKA_ADVERTISED_LISTENERS")).contains("PLAINTEXT://" + broker + ":9092");
      assertThat(env(broker).get("KAFKA_CONTROLLER_QUORUM_VOTERS")).isEqualTo("1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093");
      assertThat(env(broker).get("CLUSTER_ID")).isEqualTo(env("kafka-1").get("CLUSTER_ID"));
    }
    assertThat(containerPorts("registry")).containsExactly(8080);
    String dockerfile = Files.readString(RepoFiles.path("docker/Dockerfile"));
    assertThat(dockerfile).contains("EXPOSE " + DEFAULT_HTTP_PORT, "${FANGXIAN_HTTP_PORT:-" + DEFAULT_HTTP_PORT + "}",
        "/health/ready", "streams-app/target/fangxian.jar", "USER fangxian",
        "\"run\", \"--config\", \"/etc/fangxian/fangxian.properties\"");
  }

  @Test
  void prometheusScrapesBothReplicas() throws Exception {
    JsonNode prometheus = YAML.readTree(RepoFiles.path("docker/prometheus/prometheus.yml").toFile());
    JsonNode job = null;
    for (JsonNode j : prometheus.get("scrape_configs")) {
      if (j.get("job_name").asText().equals("fangxian")) {
        job = j;
      }
    }
    assertThat(job).isNotNull();
    assertThat(job.path("metrics_path").asText("/metrics")).isEqualTo("/metrics");
    List<String> targets = new ArrayList<>();
    job.get("static_configs").forEach(c -> c.get("targets").forEach(t -> targets.add(t.asText())));
    assertThat(targets).containsExactlyInAnyOrderElementsOf(APPS.stream().map(a -> a + ":" + httpPort(a)).toList());
    assertThat(services.get("prometheus").path("volumes").toString()).contains("./prometheus/prometheus.yml:/etc/prometheus/prometheus.yml");
  }

  @Test
  void topicNamesInDockerAreTheProductsTopics() throws Exception {
    Set<String> known = Topics.ALL.stream().map(Topics.TopicSpec::name).collect(Collectors.toSet());
    Pattern topic = Pattern.compile("\\b(?:safety|reference)\\.[a-z][a-z-]*[a-z]");
    Set<String> used = new LinkedHashSet<>();
    try (Stream<Path> files = Files.walk(RepoFiles.path("docker"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Matcher m = topic.matcher(Files.readString(f));
        while (m.find()) {
          used.add(m.group());
        }
      }
    }
    assertThat(used).isNotEmpty();
    assertThat(known).containsAll(used);
  }

  @Test
  void grafanaIsProvisionedAndTheDashboardUsesRealMetrics(@TempDir Path stateDir) throws Exception {
    JsonNode datasources = YAML.readTree(RepoFiles.path("docker/grafana/provisioning/datasources/prometheus.yml").toFile());
    JsonNode ds = datasources.get("datasources").get(0);
    assertThat(ds.get("type").asText()).isEqualTo("prometheus");
    assertThat(ds.get("url").asText()).isEqualTo("http://prometheus:" + containerPorts("prometheus").get(0));
    JsonNode providers = YAML.readTree(RepoFiles.path("docker/grafana/provisioning/dashboards/fangxian.yml").toFile());
    String dashboardsPath = providers.get("providers").get(0).get("options").get("path").asText();
    assertThat(services.get("grafana").path("volumes").toString()).contains("./grafana/dashboards:" + dashboardsPath);

    JsonNode dashboard = JSON.readTree(RepoFiles.path("docker/grafana/dashboards/fangxian.json").toFile());
    List<String> exprs = new ArrayList<>();
    dashboard.get("panels").forEach(p -> {
      assertThat(p.path("datasource").path("uid").asText()).isEqualTo(ds.get("uid").asText());
      p.get("targets").forEach(t -> exprs.add(t.get("expr").asText()));
    });
    String all = String.join("\n", exprs);
    assertThat(all).contains("fangxian_records_in_total", "fangxian_dead_letters_total", "fangxian_alert_latency_seconds_bucket",
        "fangxian_alerts_published_total", "kafka_consumer_fetch_manager_records_lag_max");

    Set<String> scraped = scrapedNames(stateDir);
    Matcher m = Pattern.compile("\\b(?:fangxian|kafka|jvm)_[a-z0-9_]+").matcher(all);
    while (m.find()) {
      assertThat(scraped).as("metric " + m.group() + " used by the dashboard").contains(m.group());
    }
    // the labels the dashboard groups by exist on those metrics
    assertThat(all).contains("by (topic)", "by (reason)", "by (level)", "by (le)");
  }

  /** Metric names in a scrape of FangxianMetrics with every meter in use and a Streams client bound. */
  private static Set<String> scrapedNames(Path stateDir) {
    try (FangxianMetrics metrics = new FangxianMetrics()) {
      metrics.recordIn(Topics.HAZARDS);
      metrics.duplicateDropped(Topics.HAZARDS);
      metrics.deadLettered(Topics.HAZARDS, RejectReason.UNKNOWN_ENTERPRISE);
      Instant now = Instant.now();
      metrics.alertPublished(Alert.newBuilder().setAlertKey("k").setRule("major-hazard").setLevel(WarningLevel.RED)
          .setStatus(AlertStatus.FIRING).setSubject(AlertSubject.newBuilder().setType(SubjectType.HAZARD).setId("H").build())
          .setTitleZh("t").setMessageZh("m").setEvidence(AlertEvidence.newBuilder().build())
          .setTriggeredAt(now).setFirstFiredAt(now).setEmittedAt(now).build(), 100);
      metrics.registerHazardGauges(() -> 1, () -> 0);
      Properties props = new Properties();
      props.put(StreamsConfig.APPLICATION_ID_CONFIG, "fangxian-docker-test");
      props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
      props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
      TopicRegistry topics = new TopicRegistry("", Map.of("schema.registry.url", "mock://docker-" + UUID.randomUUID()));
      try (KafkaStreams streams = new KafkaStreams(FangxianTopology.build(PipelineConfig.defaults(), topics, ReferenceData.load(), props), props)) {
        metrics.bind(streams);
        String scrape = metrics.scrape();
        streams.close(Duration.ofSeconds(5));
        return scrape.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
            .map(l -> l.split("[{ ]")[0]).collect(Collectors.toSet());
      }
    }
  }

  @Test
  void dockerComposeAcceptsTheComposeFile() throws Exception {
    ToolRun run = ToolRun.of(RepoFiles.path("docker"), Map.of("GRAFANA_ADMIN_PASSWORD", "check"),
        "docker-compose", "-f", "compose.yaml", "config", "-q");
    assertThat(run.exitCode()).as("docker-compose config:\n" + run.output()).isZero();
  }

  @Test
  void promtoolAcceptsThePrometheusConfig() throws Exception {
    ToolRun run = ToolRun.of(RepoFiles.path("docker"), Map.of(), "promtool", "check", "config", "prometheus/prometheus.yml");
    assertThat(run.exitCode()).as("promtool check config:\n" + run.output()).isZero();
  }

  @Test
  void amtoolAcceptsTheAlertmanagerConfigAndTheAppsPushToIt() throws Exception {
    ToolRun run = ToolRun.of(RepoFiles.path("docker"), Map.of(), "amtool", "check-config", "alertmanager/alertmanager.yml");
    assertThat(run.exitCode()).as("amtool check-config:\n" + run.output()).isZero();
    assertThat(services.get("alertmanager").path("volumes").toString())
        .contains("./alertmanager/alertmanager.yml:/etc/alertmanager/alertmanager.yml");
    for (String app : APPS) {
      assertThat(services.get(app).path("environment").path("FANGXIAN_ALERTMANAGER_URL").asText())
          .isEqualTo("http://alertmanager:" + containerPorts("alertmanager").get(0));
    }
  }

  /** A validation tool from Debian's packages, run on docker/; skipped where it is not installed, except in CI. */
  record ToolRun(int exitCode, String output) {
    static ToolRun of(Path dir, Map<String, String> env, String... command) throws Exception {
      boolean installed = Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
          .anyMatch(p -> Files.isExecutable(Path.of(p, command[0])));
      if (!"true".equals(System.getenv("CI"))) {
        org.junit.jupiter.api.Assumptions.assumeTrue(installed, command[0] + " is not installed (apt-get install it)");
      }
      ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
      pb.environment().putAll(env);
      Process p = pb.start();
      String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as(command[0] + " finished").isTrue();
      return new ToolRun(p.exitValue(), output);
    }
  }
}
