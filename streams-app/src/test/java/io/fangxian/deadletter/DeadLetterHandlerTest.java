package io.fangxian.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.serde.SchemaRegistryException;
import io.fangxian.validate.InvalidRecordException;
import io.fangxian.validate.RejectReason;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/** A bad record becomes a dead letter; a registry outage is not the record's fault and is retried. */
class DeadLetterHandlerTest {
  final DeadLetterHandler handler = new DeadLetterHandler();

  DeadLetterHandlerTest() {
    handler.configure(Map.of(DeadLetterHandler.TOPIC_CONFIG, "dlq"));
  }

  static final ErrorHandlerContext CONTEXT = new ErrorHandlerContext() {
    @Override public String topic() { return "safety.hazards"; }
    @Override public int partition() { return 2; }
    @Override public long offset() { return 41; }
    @Override public Headers headers() { return new RecordHeaders(); }
    @Override public String processorNodeId() { return "validate-events"; }
    @Override public TaskId taskId() { return new TaskId(0, 2); }
    @Override public long timestamp() { return 0; }
    @Override public byte[] sourceRawKey() { return "k".getBytes(); }
    @Override public byte[] sourceRawValue() { return new byte[] {1, 2, 3}; }
  };

  static SchemaRegistryException registry(int status) {
    return new SchemaRegistryException("registry says " + status, status, -1, "http://r", "s", null);
  }

  @Test
  void anInvalidRecordIsDeadLetteredAndProcessingGoesOn() {
    var response = handler.handleError(CONTEXT, new Record<>("k", "v", 0),
        new InvalidRecordException(RejectReason.UNKNOWN_ENTERPRISE, "unknown enterprise k"));
    assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
    assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(r -> {
      assertThat(r.topic()).isEqualTo("dlq");
      assertThat(r.value()).containsExactly(1, 2, 3);
      assertThat(new String(r.headers().lastHeader(DeadLetterHandler.REASON).value())).isEqualTo("unknown-enterprise");
      assertThat(new String(r.headers().lastHeader(DeadLetterHandler.SOURCE_OFFSET).value())).isEqualTo("41");
    });
  }

  @Test
  void anUnreachableOrFailingRegistryFailsTheTaskInsteadOfDeadLetteringEverything() {
    for (int status : new int[] {0, 503}) {
      var processing = handler.handleError(CONTEXT, new Record<>("k", "v", 0),
          new org.apache.kafka.streams.errors.StreamsException(new SerializationException("x", registry(status))));
      assertThat(processing.result()).as("status " + status).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
      var reading = handler.handleError(CONTEXT, new ConsumerRecord<>("safety.hazards", 2, 41, "k".getBytes(), new byte[] {0}),
          new SerializationException("x", registry(status)));
      assertThat(reading.result()).isEqualTo(DeserializationExceptionHandler.Result.FAIL);
    }
  }

  @Test
  void anUnknownSchemaIdIsTheRecordsFault() {
    var reading = handler.handleError(CONTEXT, new ConsumerRecord<>("safety.hazards", 2, 41, "k".getBytes(), new byte[] {0}),
        new SerializationException("Unknown schema id 9", registry(404)));
    assertThat(reading.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
    assertThat(reading.deadLetterQueueRecords()).hasSize(1);
  }
}
