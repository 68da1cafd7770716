package io.fangxian.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * Finds transactions left open on the application's partition of {@code __consumer_offsets} that
 * no transaction coordinator will end any more ("hanging" transactions, KIP-664), and aborts them.
 * Such a transaction keeps the group's committed offsets unstable, and a starting instance waits
 * for them for ever in {@code fetchCommittedOffsets}. A transaction its coordinator still drives
 * (ongoing or being committed or aborted on that partition) is never touched.
 */
public final class HangingTransactions {
  private static final Logger log = LoggerFactory.getLogger(HangingTransactions.class);
  private static final String OFFSETS_TOPIC = "__consumer_offsets";
  private static final Set<TransactionState> DRIVEN = Set.of(TransactionState.ONGOING,
      TransactionState.PREPARE_COMMIT, TransactionState.PREPARE_ABORT, TransactionState.PREPARE_EPOCH_FENCE);

  private HangingTransactions() { }

  /**
   * Aborts the hanging transactions on the group's offsets partition and returns what it aborted.
   *
   * @param minAge how long a transaction must have been silent before it may count as hanging, so
   *     that one whose markers are being written is left alone
   */
  public static List<AbortTransactionSpec> abortForGroup(Admin admin, String groupId, Duration minAge, Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    int partitions = admin.describeTopics(List.of(OFFSETS_TOPIC)).allTopicNames()
        .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(OFFSETS_TOPIC).partitions().size();
    TopicPartition tp = new TopicPartition(OFFSETS_TOPIC, Utils.abs(groupId.hashCode()) % partitions);
    List<ProducerState> open = admin.describeProducers(List.of(tp)).partitionResult(tp)
        .get(timeout.toMillis(), TimeUnit.MILLISECONDS).activeProducers().stream()
        .filter(p -> p.currentTransactionStartOffset().isPresent()).toList();
    List<AbortTransactionSpec> aborted = new ArrayList<>();
    for (ProducerState producer : open) {
      Optional<TransactionDescription> coordinatorView = describe(admin, producer.producerId(), timeout);
      if (isHanging(producer, coordinatorView, tp, System.currentTimeMillis(), minAge.toMillis())) {
        AbortTransactionSpec spec = new AbortTransactionSpec(tp, producer.producerId(),
            (short) producer.producerEpoch(), producer.coordinatorEpoch().orElse(-1));
        log.warn("Aborting a hanging transaction on {} (producer {} epoch {}, open since offset {}; its coordinator {}):"
                + " it kept the committed offsets of group {} unstable", tp, producer.producerId(), producer.producerEpoch(),
            producer.currentTransactionStartOffset().getAsLong(),
            coordinatorView.map(d -> "says " + d.state() + " on " + d.topicPartitions()).orElse("does not know it"), groupId);
        admin.abortTransaction(spec).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        aborted.add(spec);
      }
    }
    return aborted;
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
