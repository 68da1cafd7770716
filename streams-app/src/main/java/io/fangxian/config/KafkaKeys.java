package io.fangxian.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The names a {@code kafka.*} setting may have once its prefix is taken off: a Streams, producer,
 * consumer or admin client setting, the same behind one of Streams' prefixes ({@code producer.},
 * {@code main.consumer.}, {@code topic.}…), and otherwise the nearest known name to suggest.
 */
final class KafkaKeys {
  /** Streams' prefixes that aim a setting at one client (or at the internal topics). */
  private static final List<String> CLIENT_PREFIXES = List.of(StreamsConfig.MAIN_CONSUMER_PREFIX,
      StreamsConfig.RESTORE_CONSUMER_PREFIX, StreamsConfig.GLOBAL_CONSUMER_PREFIX, StreamsConfig.CONSUMER_PREFIX,
      StreamsConfig.PRODUCER_PREFIX, StreamsConfig.ADMIN_CLIENT_PREFIX);

  static final Set<String> CLIENT_NAMES = clientNames();
  static final Set<String> TOPIC_NAMES = topicNames();

  private KafkaKeys() { }

  private static Set<String> clientNames() {
    Set<String> names = new TreeSet<>();
    names.addAll(StreamsConfig.configDef().names());
    names.addAll(ProducerConfig.configNames());
    names.addAll(ConsumerConfig.configNames());
    names.addAll(AdminClientConfig.configNames());
    return names;
  }

  private static Set<String> topicNames() {
    Set<String> names = new TreeSet<>();
    for (Field f : TopicConfig.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class && f.getName().endsWith("_CONFIG")) {
        try {
          names.add((String) f.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return names;
  }

  /** Whether {@code name} (without {@code kafka.}) is something a Kafka client or Streams reads. */
  static boolean isKnown(String name) {
    if (CLIENT_NAMES.contains(name)) {
      return true;
    }
    if (name.startsWith(StreamsConfig.TOPIC_PREFIX)) {
      return TOPIC_NAMES.contains(name.substring(StreamsConfig.TOPIC_PREFIX.length()));
    }
    for (String prefix : CLIENT_PREFIXES) {
      if (name.startsWith(prefix)) {
        return CLIENT_NAMES.contains(name.substring(prefix.length()));
      }
    }
    return false;
  }

  /** The known name nearest to {@code name} (fewest single-character edits), if any is near enough to be a typo. */
  static Optional<String> nearest(String name) {
    String prefix = "";
    String rest = name;
    Set<String> candidates = CLIENT_NAMES;
    if (name.startsWith(StreamsConfig.TOPIC_PREFIX)) {
      prefix = StreamsConfig.TOPIC_PREFIX;
      candidates = TOPIC_NAMES;
    } else {
      for (String p : CLIENT_PREFIXES) {
        if (name.startsWith(p)) {
          prefix = p;
          break;
        }
      }
    }
    rest = name.substring(prefix.length());
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = levenshtein(rest, candidate);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    // A typo, not a different setting: at most a third of the name changed.
    return best != null && bestDistance <= Math.max(2, rest.length() / 3) ? Optional.of(prefix + best) : Optional.empty();
  }

  static int levenshtein(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
