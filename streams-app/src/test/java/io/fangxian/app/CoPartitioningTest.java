package io.fangxian.app;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fangxian.domain.TopicRegistry;
import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.junit.jupiter.api.Test;

class CoPartitioningTest {
  final TopicRegistry topics = new TopicRegistry("jintan.", Map.of("schema.registry.url", "mock://co-partitioning"));

  /** An Admin that knows only topics and their partition counts (MockAdminClient is in a test jar not on the classpath). */
  static Admin admin(Map<String, Integer> partitions) {
    Node node = new Node(0, "localhost", 9092);
    return (Admin) Proxy.newProxyInstance(Admin.class.getClassLoader(), new Class<?>[] {Admin.class}, (proxy, method, args) -> {
      if (!method.getName().equals("describeTopics") || !(args[0] instanceof Collection<?> names)) {
        throw new UnsupportedOperationException(method.toString());
      }
      Map<String, KafkaFuture<TopicDescription>> futures = new HashMap<>();
      for (Object name : names) {
        Integer count = partitions.get((String) name);
        if (count == null) {
          KafkaFutureImpl<TopicDescription> missing = new KafkaFutureImpl<>();
          missing.completeExceptionally(new UnknownTopicOrPartitionException("This server does not host this topic-partition."));
          futures.put((String) name, missing);
        } else {
          futures.put((String) name, KafkaFuture.completedFuture(new TopicDescription((String) name, false,
              IntStream.range(0, count).mapToObj(p -> new TopicPartitionInfo(p, node, List.of(node), List.of(node))).toList())));
        }
      }
      return new DescribeTopicsResult(null, futures) { };
    });
  }

  private Map<String, Integer> counts(int enterprises, int hazards, int violations, int inspections) {
    return Map.of(topics.enterprises.name(), enterprises, topics.hazards.name(), hazards,
        topics.violations.name(), violations, topics.inspections.name(), inspections,
        topics.accidents.name(), enterprises, // accidents are enriched from the enterprises of their partition too
        topics.accidentDuties.name(), enterprises, // and their duties meet them there

        topics.enforcementCases.name(), enterprises, // and cases, which also meet the ledger of their partition
        topics.publicReports.name(), enterprises); // and reports, whose verifications name the ledger's hazards
  }

  @Test
  void theSameCountEverywherePasses() {
    assertThatCode(() -> CoPartitioning.check(admin(counts(6, 6, 6, 6)), topics)).doesNotThrowAnyException();
  }

  @Test
  void aDifferentCountNamesEveryTopicItsCountAndTheRemedy() {
    assertThatThrownBy(() -> CoPartitioning.check(admin(counts(6, 6, 12, 6)), topics))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContainingAll("jintan.reference.enterprises = 6", "jintan.safety.hazards = 6",
            "jintan.safety.violations = 12", "jintan.safety.inspections = 6", "same count", "fangxian reset");
  }

  @Test
  void aMissingTopicIsNamed() {
    Map<String, Integer> withoutInspections = new HashMap<>(counts(6, 6, 6, 6));
    withoutInspections.remove(topics.inspections.name());
    assertThatThrownBy(() -> CoPartitioning.check(admin(withoutInspections), topics))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Missing topic(s) jintan.safety.inspections;").hasMessageContaining("topics --create");
  }
}
