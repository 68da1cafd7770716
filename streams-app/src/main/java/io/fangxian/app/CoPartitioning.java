package io.fangxian.app;

import io.fangxian.domain.TopicRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Each event is enriched from the enterprise table of its own partition number: the event topics
 * and {@code reference.enterprises} are keyed by enterpriseId and must have the same partition
 * count, or an event meets the enterprise table of another partition and is dead-lettered as an
 * unknown enterprise. Kafka Streams checks this only for joins; this checks it before starting.
 */
public final class CoPartitioning {
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private CoPartitioning() { }

  /** How often, and how far apart, a missing topic is asked for again before start-up fails. */
  static final int MISSING_RETRIES = 10;
  static final Duration MISSING_RETRY_PAUSE = Duration.ofMillis(500);

  /**
   * @throws IllegalStateException when the partition counts differ or a topic is missing, naming
   *     the topics, their counts and what to do
   */
  public static void check(Admin admin, TopicRegistry topics) throws InterruptedException {
    List<String> names = List.of(topics.enterprises.name(), topics.hazards.name(), topics.violations.name(),
        topics.inspections.name(), topics.accidents.name(), topics.accidentDuties.name(),
        topics.enforcementCases.name(), topics.publicReports.name());
    Map<String, Integer> partitions = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    // A topic created a moment ago (by this instance or a replica starting beside it) may not be known
    // to the broker answering yet: ask again a few times before calling it missing.
    for (int attempt = 0; attempt < MISSING_RETRIES; attempt++) {
      if (attempt > 0) {
        Thread.sleep(MISSING_RETRY_PAUSE.toMillis());
      }
      partitions.clear();
      missing.clear();
      describe(admin, names, partitions, missing);
      if (missing.isEmpty()) {
        break;
      }
    }
    if (!missing.isEmpty()) {
      String count = partitions.isEmpty() ? "one partition count for all"
          : "the partition count of " + String.join(", ", partitions.keySet());
      throw new IllegalStateException("Missing topic(s) " + String.join(", ", missing) + "; create them with " + count
          + " (fangxian topics --create).");
    }
    if (partitions.values().stream().distinct().count() > 1) {
      throw new IllegalStateException("The enterprise reference data and the event topics must have the same "
          + "number of partitions, because each event is enriched from the enterprises of its own partition "
          + "number; found " + partitions.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue())
              .collect(Collectors.joining(", "))
          + ". Give them all the same count (kafka-topics.sh --alter --partitions N on the smaller ones, "
          + "or recreate them), re-publish " + topics.enterprises.name() + " so each enterprise lands on "
          + "its new partition, and reset the application (fangxian reset) before starting it.");
    }
  }

  private static void describe(Admin admin, List<String> names, Map<String, Integer> partitions, List<String> missing)
      throws InterruptedException {
    Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(names).topicNameValues();
    for (String name : names) {
      try {
        partitions.put(name, described.get(name).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).partitions().size());
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw new IllegalStateException("cannot read the partition count of " + name + ": " + e.getCause().getMessage(),
              e.getCause());
        }
        missing.add(name);
      } catch (TimeoutException e) {
        throw new IllegalStateException("cannot read the partition count of " + name + ": Kafka did not answer within "
            + TIMEOUT.toSeconds() + " s", e);
      }
    }
  }
}
