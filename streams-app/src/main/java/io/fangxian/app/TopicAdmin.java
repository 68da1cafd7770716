package io.fangxian.app;

import io.fangxian.domain.Topics;
import io.fangxian.domain.Topics.TopicSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the product's topics that do not exist yet (DESIGN §7), compacted where stated. */
public final class TopicAdmin {
  private TopicAdmin() { }

  /** Returns the names of the topics it created. */
  public static List<String> createMissing(Admin admin, String prefix, int partitions, short replicationFactor)
      throws InterruptedException {
    try {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing = new ArrayList<>();
      for (TopicSpec spec : Topics.ALL) {
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
