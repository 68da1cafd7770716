package io.fangxian.app;

import io.fangxian.domain.Topics;
import io.fangxian.domain.Topics.TopicSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the product's topics that do not exist yet (DESIGN §7), compacted where stated. */
public final class TopicAdmin {
  private TopicAdmin() { }

  /** Creates the product's missing topics; returns the names of those it created. */
  public static List<String> createMissing(Admin admin, String prefix, int partitions, short replicationFactor)
      throws InterruptedException {
    return createMissing(admin, Topics.ALL, prefix, partitions, replicationFactor);
  }

  /** Creates the missing ones of {@code specs}; returns the names of those it created. */
  public static List<String> createMissing(Admin admin, List<TopicSpec> specs, String prefix, int partitions,
      short replicationFactor) throws InterruptedException {
    try {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing = new ArrayList<>();
      for (TopicSpec spec : specs) {
        String name = prefix + spec.name();
        if (!existing.contains(name)) {
          missing.add(newTopic(name, spec.compacted(), partitions, replicationFactor));
        }
      }
      if (!missing.isEmpty()) {
        try {
          admin.createTopics(missing).all().get();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e; // another instance racing us to create them is fine
          }
        }
      }
      return missing.stream().map(NewTopic::name).toList();
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot create topics: " + e.getCause().getMessage(), e.getCause());
    }
  }

  /** The partition count of the product's topics already on the cluster, if there are any. */
  public static OptionalInt existingPartitions(Admin admin, String prefix) throws InterruptedException {
    try {
      List<String> present = present(admin, prefix);
      if (present.isEmpty()) {
        return OptionalInt.empty();
      }
      String first = present.get(0);
      return OptionalInt.of(admin.describeTopics(List.of(first)).allTopicNames().get().get(first).partitions().size());
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot describe topics: " + e.getCause().getMessage(), e.getCause());
    }
  }

  /**
   * One product topic as it is on the cluster compared with the configuration. Partitions and
   * replication are -1 and the policy null when the topic is missing; replication is the smallest
   * replica count of any partition.
   */
  public record TopicState(String name, boolean compacted, boolean exists, int partitions,
      int replicationFactor, String cleanupPolicy, List<String> drift) {
    public String wantedPolicy() {
      return compacted ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE;
    }

    public boolean ok() {
      return drift.isEmpty();
    }
  }

  /** Compares every product topic with the wanted partitions, replication factor and cleanup policy. */
  public static List<TopicState> check(Admin admin, String prefix, int partitions, short replicationFactor)
      throws InterruptedException {
    try {
      List<String> present = present(admin, prefix);
      Map<String, TopicDescription> descriptions = admin.describeTopics(present).allTopicNames().get();
      List<ConfigResource> resources = present.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
      Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
      List<TopicState> states = new ArrayList<>();
      for (TopicSpec spec : Topics.ALL) {
        String name = prefix + spec.name();
        TopicDescription d = descriptions.get(name);
        if (d == null) {
          states.add(new TopicState(name, spec.compacted(), false, -1, -1, null, List.of("missing")));
          continue;
        }
        int actualPartitions = d.partitions().size();
        int actualReplicas = d.partitions().stream().mapToInt(p -> p.replicas().size()).min().orElse(0);
        var entry = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name)).get(TopicConfig.CLEANUP_POLICY_CONFIG);
        String policy = entry == null ? TopicConfig.CLEANUP_POLICY_DELETE : entry.value();
        List<String> drift = new ArrayList<>();
        if (actualPartitions != partitions) {
          drift.add("partitions " + actualPartitions + ", configured " + partitions);
        }
        if (actualReplicas != replicationFactor) {
          drift.add("replication factor " + actualReplicas + ", configured " + replicationFactor);
        }
        String wanted = spec.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE;
        if (!policies(policy).equals(policies(wanted))) {
          drift.add("cleanup.policy " + policy + ", should be " + wanted);
        }
        states.add(new TopicState(name, spec.compacted(), true, actualPartitions, actualReplicas, policy, List.copyOf(drift)));
      }
      return states;
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot describe topics: " + e.getCause().getMessage(), e.getCause());
    }
  }

  /** The names of the product's topics that are on the cluster. */
  private static List<String> present(Admin admin, String prefix) throws InterruptedException, ExecutionException {
    Set<String> existing = admin.listTopics().names().get();
    return Topics.ALL.stream().map(s -> prefix + s.name()).filter(existing::contains).toList();
  }

  private static Set<String> policies(String policy) {
    Collection<String> parts = Arrays.stream(policy.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList();
    return new TreeSet<>(parts);
  }

  static NewTopic newTopic(String name, boolean compacted, int partitions, short replicationFactor) {
    NewTopic topic = new NewTopic(name, partitions, replicationFactor);
    if (compacted) {
      topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }
    if (replicationFactor >= 3) {
      topic.configs(merge(topic.configs(), TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2"));
    }
    return topic;
  }

  private static Map<String, String> merge(Map<String, String> configs, String key, String value) {
    Map<String, String> m = new java.util.HashMap<>(configs == null ? Map.of() : configs);
    m.put(key, value);
    return m;
  }
}
