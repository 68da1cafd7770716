package io.fangxian.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class HangingTransactionsTest {
  private static final TopicPartition OFFSETS = new TopicPartition("__consumer_offsets", 3);
  private static final long NOW = 1_000_000;
  private static final long MIN_AGE = 30_000;

  private static ProducerState open(long lastWrite) {
    return new ProducerState(7, 2, 0, lastWrite, OptionalInt.of(1), OptionalLong.of(120));
  }

  private static Optional<TransactionDescription> coordinator(TransactionState state, TopicPartition... partitions) {
    return Optional.of(new TransactionDescription(0, state, 7, 2, 10_000, OptionalLong.of(NOW - 60_000), Set.of(partitions)));
  }

  @Test
  void anOpenTransactionNoCoordinatorKnowsIsHangingOnceItIsOldEnough() {
    assertThat(HangingTransactions.isHanging(open(NOW - 40_000), Optional.empty(), OFFSETS, NOW, MIN_AGE)).isTrue();
    assertThat(HangingTransactions.isHanging(open(NOW - 10_000), Optional.empty(), OFFSETS, NOW, MIN_AGE))
        .as("too recent: its markers may be on their way").isFalse();
  }

  @Test
  void aTransactionItsCoordinatorStillDrivesOnThisPartitionIsLeftAlone() {
    for (TransactionState driven : new TransactionState[] {TransactionState.ONGOING, TransactionState.PREPARE_COMMIT,
        TransactionState.PREPARE_ABORT}) {
      assertThat(HangingTransactions.isHanging(open(NOW - 40_000), coordinator(driven, OFFSETS), OFFSETS, NOW, MIN_AGE))
          .as(driven.toString()).isFalse();
    }
  }

  @Test
  void aCoordinatorThatEndedTheTransactionOrNeverAddedThePartitionLeavesItHanging() {
    assertThat(HangingTransactions.isHanging(open(NOW - 40_000), coordinator(TransactionState.COMPLETE_ABORT, OFFSETS),
        OFFSETS, NOW, MIN_AGE)).isTrue();
    assertThat(HangingTransactions.isHanging(open(NOW - 40_000),
        coordinator(TransactionState.ONGOING, new TopicPartition("__consumer_offsets", 4)), OFFSETS, NOW, MIN_AGE)).isTrue();
  }

  @Test
  void aProducerWithNoOpenTransactionIsNeverHanging() {
    ProducerState idle = new ProducerState(7, 2, 0, NOW - 100_000, OptionalInt.empty(), OptionalLong.empty());
    assertThat(HangingTransactions.isHanging(idle, Optional.empty(), OFFSETS, NOW, MIN_AGE)).isFalse();
  }
}
