package io.fangxian.deadletter;

import io.fangxian.serde.Causes;
import io.fangxian.serde.RegistryMismatchException;
import io.fangxian.serde.SchemaRegistryException;
import io.fangxian.validate.InvalidRecordException;
import io.fangxian.validate.RejectReason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends every record that cannot be read or is invalid to the dead-letter topic (KIP-1033 and
 * KIP-1034): the original key and value bytes and headers, plus headers saying why and where it
 * came from. Streams produces the dead letter in the same transaction as the rest of the task's
 * output and then goes on with the next record.
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler, ProcessingExceptionHandler {
  /** The dead-letter topic; set by the application from the topic registry. */
  public static final String TOPIC_CONFIG = "fangxian.dead.letter.topic";

  public static final String REASON = "fangxian.error.reason";
  public static final String MESSAGE = "fangxian.error.message";
  public static final String SOURCE_TOPIC = "fangxian.error.topic";
  public static final String SOURCE_PARTITION = "fangxian.error.partition";
  public static final String SOURCE_OFFSET = "fangxian.error.offset";
  public static final String PROCESSOR = "fangxian.error.processor";
  public static final String EXCEPTION = "fangxian.error.exception";

  private static final Logger log = LoggerFactory.getLogger(DeadLetterHandler.class);
  private static final int MAX_MESSAGE_CHARS = 1000;

  private String topic = "safety.dead-letters";
  private DeadLetterListener listener = DeadLetterListener.NONE;

  @Override
  public void configure(Map<String, ?> configs) {
    Object configured = configs.get(TOPIC_CONFIG);
    if (configured != null) {
      topic = configured.toString();
    }
    Object l = configs.get(DeadLetterListener.CONFIG);
    if (l instanceof DeadLetterListener dl) {
      listener = dl;
    }
  }

  @Override
  public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context,
      ConsumerRecord<byte[], byte[]> record, Exception exception) {
    if (registryUnavailable(exception)) {
      log.error("Schema registry unavailable reading {}-{}@{}; failing so the record is read again", context.topic(),
          context.partition(), context.offset(), exception);
      return DeserializationExceptionHandler.Response.fail();
    }
    return DeserializationExceptionHandler.Response.resume(List.of(deadLetter(context, record.key(), record.value(), record.headers(),
        RejectReason.UNDESERIALIZABLE, describe(exception), exception)));
  }

  @Override
  public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    if (registryUnavailable(exception)) {
      log.error("Schema registry unavailable at {} for {}-{}@{}; failing so the record is processed again",
          context.processorNodeId(), context.topic(), context.partition(), context.offset(), exception);
      return ProcessingExceptionHandler.Response.fail();
    }
    RejectReason reason = exception instanceof InvalidRecordException invalid
        ? invalid.reason() : RejectReason.PROCESSING_FAILED;
    if (reason == RejectReason.PROCESSING_FAILED) {
      log.error("Processing failed at {} for {}-{}@{}; the record goes to dead letters",
          context.processorNodeId(), context.topic(), context.partition(), context.offset(), exception);
    }
    return ProcessingExceptionHandler.Response.resume(List.of(deadLetter(context, context.sourceRawKey(),
        context.sourceRawValue(), context.headers(), reason, describe(exception), exception)));
  }

  private ProducerRecord<byte[], byte[]> deadLetter(ErrorHandlerContext context, byte[] key, byte[] value,
      Headers original, RejectReason reason, String message, Exception exception) {
    Headers headers = new RecordHeaders();
    if (original != null) {
      original.forEach(h -> {
        if (!h.key().startsWith("fangxian.error.")) {
          headers.add(h);
        }
      });
    }
    put(headers, REASON, reason.code());
    put(headers, MESSAGE, message);
    put(headers, SOURCE_TOPIC, context.topic());
    put(headers, SOURCE_PARTITION, Integer.toString(context.partition()));
    put(headers, SOURCE_OFFSET, Long.toString(context.offset()));
    put(headers, PROCESSOR, context.processorNodeId());
    put(headers, EXCEPTION, exception.getClass().getName());
    listener.deadLettered(context.topic(), reason);
    return new ProducerRecord<>(topic, null, key, value, headers);
  }

  private static void put(Headers headers, String name, String value) {
    if (value != null) {
      headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * A registry that cannot be reached or answers 5xx says nothing about the record: failing makes
   * the stream thread restart from its last commit and try again, instead of dead-lettering every
   * record of an outage. A registry that changed its ids says nothing about the record either.
   */
  static boolean registryUnavailable(Throwable e) {
    return Causes.find(e, t -> t instanceof RegistryMismatchException
        || t instanceof SchemaRegistryException r && (r.isUnreachable() || r.httpStatus() >= 500)).isPresent();
  }


  static String describe(Throwable e) {
    StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable cause = e.getCause(); cause != null && cause != e; cause = cause.getCause()) {
      text.append(": ").append(cause.getMessage());
    }
    return text.length() <= MAX_MESSAGE_CHARS ? text.toString() : text.substring(0, MAX_MESSAGE_CHARS) + "…";
  }
}
