package io.fangxian.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds transactions left open on the application's partitions that no transaction coordinator
 * will end any more ("hanging" transactions, KIP-664), and aborts them. On the group's partition of
 * {@code __consumer_offsets} such a transaction keeps the committed offsets unstable, and a starting
 * instance waits for them for ever in {@code fetchCommittedOffsets}; on a changelog, repartition or
 * output topic it holds every read-committed reader (the restore of the stores among them) at its
 * first offset. A crash loses the markers of a whole transaction, so all of them are looked at. A
 * transaction its coordinator still drives (ongoing or being committed or aborted on that
 * partition) is never touched.
 */
public final class HangingTransactions {
  private static final Logger log = LoggerFactory.getLogger(HangingTransactions.class);
  private static final String OFFSETS_TOPIC = "__consumer_offsets";
  private static final Set<TransactionState> DRIVEN = Set.of(TransactionState.ONGOING,
      TransactionState.PREPARE_COMMIT, TransactionState.PREPARE_ABORT, TransactionState.PREPARE_EPOCH_FENCE);

  private HangingTransactions() { }

  /**
   * Aborts the hanging transactions on the group's offsets partition and on every partition of the
   * topics named, and returns what it aborted.
   *
   * @param groupId the application id, whose internal topics (changelogs, repartitions) are looked at too
   * @param ownTopics the application's other topics (its outputs and dead letters), as named on the cluster
   * @param minAge how long a transaction must have been silent before it may count as hanging, so
   *     that one whose markers are being written is left alone
   */
  public static List<AbortTransactionSpec> abortForApplication(Admin admin, String groupId, Set<String> ownTopics,
      Duration minAge, Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
    Set<String> topics = new TreeSet<>(admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    topics.removeIf(t -> !t.startsWith(groupId + "-") && !ownTopics.contains(t));
    topics.add(OFFSETS_TOPIC);
    List<TopicPartition> partitions = new ArrayList<>();
    admin.describeTopics(topics).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS).forEach((name, d) -> {
      if (name.equals(OFFSETS_TOPIC)) {
        partitions.add(new TopicPartition(name, Utils.abs(groupId.hashCode()) % d.partitions().size()));
      } else {
        d.partitions().forEach(p -> partitions.add(new TopicPartition(name, p.partition())));
      }
    });
    Map<TopicPartition, List<ProducerState>> open = new LinkedHashMap<>();
    admin.describeProducers(partitions).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS).forEach((tp, state) ->
        state.activeProducers().stream().filter(p -> p.currentTransactionStartOffset().isPresent())
            .forEach(p -> open.computeIfAbsent(tp, k -> new ArrayList<>()).add(p)));
    List<AbortTransactionSpec> aborted = new ArrayList<>();
    for (Map.Entry<TopicPartition, List<ProducerState>> entry : open.entrySet()) {
      for (ProducerState producer : entry.getValue()) {
        abortIfHanging(admin, groupId, entry.getKey(), producer, minAge, timeout).ifPresent(aborted::add);
      }
    }
    return aborted;
  }

  private static Optional<AbortTransactionSpec> abortIfHanging(Admin admin, String groupId, TopicPartition tp,
      ProducerState producer, Duration minAge, Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    Optional<TransactionDescription> coordinatorView = describe(admin, producer.producerId(), timeout);
    if (!isHanging(producer, coordinatorView, tp, System.currentTimeMillis(), minAge.toMillis())) {
      return Optional.empty();
    }
    AbortTransactionSpec spec = new AbortTransactionSpec(tp, producer.producerId(),
        (short) producer.producerEpoch(), producer.coordinatorEpoch().orElse(-1));
    log.warn("Aborting a hanging transaction on {} (producer {} epoch {}, open since offset {}; its coordinator {}):"
            + " it held the read-committed readers of application {} there", tp, producer.producerId(),
        producer.producerEpoch(), producer.currentTransactionStartOffset().getAsLong(),
        coordinatorView.map(d -> "says " + d.state() + " on " + d.topicPartitions()).orElse("does not know it"), groupId);
    admin.abortTransaction(spec).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return Optional.of(spec);
  }

  /** Whether an open transaction on tp is one that its coordinator will not end. */
  static boolean isHanging(ProducerState producer, Optional<TransactionDescription> coordinatorView, TopicPartition tp,
      long nowMs, long minAgeMs) {
    if (producer.currentTransactionStartOffset().isEmpty() || nowMs - producer.lastTimestamp() < minAgeMs) {
      return false;
    }
    return coordinatorView.map(d -> !(DRIVEN.contains(d.state()) && d.topicPartitions().contains(tp))).orElse(true);
  }

  private static Optional<TransactionDescription> describe(Admin admin, long producerId, Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    List<TransactionListing> listings = new ArrayList<>(admin.listTransactions(new ListTransactionsOptions()
        .filterProducerIds(List.of(producerId))).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    if (listings.isEmpty()) {
      return Optional.empty();
    }
    String transactionalId = listings.get(0).transactionalId();
    Map<String, TransactionDescription> described = admin.describeTransactions(List.of(transactionalId)).all()
        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return Optional.ofNullable(described.get(transactionalId));
  }
}
