package io.fangxian.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.fangxian.config.PipelineConfig;
import io.fangxian.config.RulesConfig;
import io.fangxian.domain.ReferenceData;
import io.fangxian.domain.TopicRegistry;
import io.fangxian.metrics.PipelineMetrics;
import io.fangxian.serde.MockSchemaRegistry;
import io.fangxian.store.StoreNames;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.errors.TopologyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shape of the topology is a contract with running deployments: store names are the stems of
 * their changelog topics, repartition topics hold data in flight. Any change to the graph shows
 * up here as a diff against {@code src/test/resources/topology/description.txt}.
 */
class FangxianTopologyDescriptionTest {
  static final String EXPECTED = "topology/description.txt";
  static final Path ACTUAL = Path.of("target/topology-description.actual.txt");
  /** What Kafka Streams calls a processor, store or topic that was not named: KSTREAM-MAP-0000000003. */
  static final Pattern GENERATED = Pattern.compile("(KSTREAM|KTABLE)-[A-Z-]+-\\d{10}");

  final String scope = "description-" + UUID.randomUUID();
  final Properties settings = TopologyFixture.streamsSettings(scope, PipelineConfig.defaults());
  final TopicRegistry topics = new TopicRegistry("", Map.of("schema.registry.url", "mock://" + scope));

  @AfterEach
  void dropScope() {
    MockSchemaRegistry.dropScope(scope);
  }

  private TopologyDescription describe() {
    return FangxianTopology.build(PipelineConfig.defaults(), RulesConfig.defaults(), topics, ReferenceData.load(),
        PipelineMetrics.NONE, settings).describe();
  }

  @Test
  void theDescriptionIsTheCheckedInOne() throws IOException {
    String actual = describe().toString();
    String expected = expected();
    if (!actual.equals(expected)) {
      Files.createDirectories(ACTUAL.getParent());
      Files.writeString(ACTUAL, actual);
      fail("""
          The topology changed. If that is intended, check that no store or repartition topic was \
          renamed (a running deployment would lose that state), then copy
            streams-app/%s
          over
            streams-app/src/test/resources/%s
          and update the drawings in docs/design.md and FangxianTopology.
          Changed lines (- checked in, + now):
          %s""".formatted(ACTUAL, EXPECTED, diff(expected.lines().toList(), actual.lines().toList())));
    }
  }

  @Test
  void everyProcessorStoreAndInternalTopicIsNamed() throws IllegalAccessException {
    Set<String> storeNames = storeNameConstants();
    Set<String> publicTopics = Set.of(topics.enterprises.name(), topics.hazards.name(), topics.violations.name(),
        topics.inspections.name(), topics.weatherWarnings.name(), topics.accidents.name(), topics.townshipStats.name(), topics.sectorStats.name(),
        topics.hazardLedger.name(), topics.alerts.name(), topics.alertActions.name(), topics.certificates.name(),
        topics.gridStats.name(), topics.parkStats.name(), topics.accidentDuties.name(),
        topics.enforcementCases.name(), topics.publicReports.name());
    Set<String> repartitionTopics = Set.of(StoreNames.AREA_UPDATES_REPARTITION + "-repartition",
        StoreNames.ALERT_SIGNALS_REPARTITION + "-repartition", StoreNames.AREA_ALERT_SIGNALS_REPARTITION + "-repartition",
        StoreNames.CERTIFICATES_BY_ENTERPRISE_REPARTITION + "-repartition");
    Set<String> stores = new TreeSet<>();
    Set<String> internalTopics = new TreeSet<>();
    for (TopologyDescription.Subtopology sub : describe().subtopologies()) {
      for (TopologyDescription.Node node : sub.nodes()) {
        assertThat(node.name()).as("a processor's name").doesNotMatch(".*" + GENERATED.pattern() + ".*");
        if (node instanceof TopologyDescription.Processor p) {
          stores.addAll(p.stores());
        } else if (node instanceof TopologyDescription.Source s) {
          s.topicSet().stream().filter(t -> !publicTopics.contains(t)).forEach(internalTopics::add);
        } else if (node instanceof TopologyDescription.Sink s && s.topic() != null && !publicTopics.contains(s.topic())) {
          internalTopics.add(s.topic());
        }
      }
    }
    assertThat(stores).as("stores, each named in StoreNames").isSubsetOf(storeNames)
        .allSatisfy(s -> assertThat(s).doesNotMatch(".*" + GENERATED.pattern() + ".*"));
    assertThat(internalTopics).as("internal topics").containsExactlyInAnyOrderElementsOf(repartitionTopics);
  }

  /** Each side has tasks of its own, so it restores and scales apart from the others. */
  @Test
  void theEnterpriseTheAreaAndTheAlertSidesAreSubtopologiesOfTheirOwn() {
    Set<TopologyDescription.Subtopology> subtopologies = describe().subtopologies();
    assertThat(Set.of(holding(subtopologies, "ledger"), holding(subtopologies, "area-figures"),
        holding(subtopologies, "alert-lifecycle"))).hasSize(3);
    assertThat(holding(subtopologies, "area-rules")).isEqualTo(holding(subtopologies, "area-figures"));
    assertThat(holding(subtopologies, "enterprise-standing")).isEqualTo(holding(subtopologies, "ledger"));
  }

  private static int holding(Set<TopologyDescription.Subtopology> subtopologies, String processor) {
    return subtopologies.stream()
        .filter(sub -> sub.nodes().stream().anyMatch(n -> n.name().equals(processor)))
        .mapToInt(TopologyDescription.Subtopology::id).findFirst().orElseThrow();
  }

  /** The production settings make Kafka Streams refuse a topology with a generated name. */
  @Test
  void theSettingsRefuseATopologyWithAGeneratedName() {
    assertThat(settings.get(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG)).isEqualTo(true);
    StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(settings)));
    builder.<String, String>stream("in").groupByKey().count();
    assertThatThrownBy(builder::build).isInstanceOf(TopologyException.class).hasMessageContaining("has not been named");
  }

  private static Set<String> storeNameConstants() throws IllegalAccessException {
    Set<String> names = new HashSet<>();
    // The feature slices declare their own stores (STYLE.md, "Feature slices").
    for (Class<?> holder : List.of(StoreNames.class, io.fangxian.enforcement.EnforcementStores.class,
        io.fangxian.accountability.AccountabilityStores.class, io.fangxian.flying.RevisitStores.class,
        io.fangxian.reports.ReportsStores.class)) {
      for (Field f : holder.getFields()) {
        if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
          names.add((String) f.get(null));
        }
      }
    }
    return names;
  }

  private static String expected() throws IOException {
    try (InputStream in = FangxianTopologyDescriptionTest.class.getClassLoader().getResourceAsStream(EXPECTED)) {
      assertThat(in).as("classpath resource " + EXPECTED).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The lines only in {@code a} (-) and only in {@code b} (+), in order: a longest-common-subsequence diff. */
  static String diff(List<String> a, List<String> b) {
    int[][] common = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        common[i][j] = a.get(i).equals(b.get(j)) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
      }
    }
    List<String> out = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
        i++;
        j++;
      } else if (i < a.size() && (j == b.size() || common[i + 1][j] >= common[i][j + 1])) {
        out.add("- " + a.get(i++));
      } else {
        out.add("+ " + b.get(j++));
      }
    }
    return String.join("\n", out);
  }
}
