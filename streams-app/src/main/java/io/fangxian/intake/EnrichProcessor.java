package io.fangxian.intake;

import io.fangxian.avro.Enterprise;
import io.fangxian.store.StoreNames;
import io.fangxian.validate.InvalidRecordException;
import io.fangxian.validate.RejectReason;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Attaches the enterprise (township, sector, risk grade, supervision) to an event keyed by
 * enterpriseId. An event for an enterprise the reference data does not hold is a dead letter:
 * counting it under no township would make the figures wrong without anyone noticing.
 */
final class EnrichProcessor<E extends SpecificRecord> extends ContextualFixedKeyProcessor<String, E, EnrichedEvent<E>> {
  private final Predicate<E> namesEnterprise;
  private TimestampedKeyValueStore<String, Enterprise> enterprises;

  /** Every event names its enterprise. */
  EnrichProcessor() {
    this(e -> true);
  }

  /** @param namesEnterprise whether an event names an enterprise; one that does not passes with none (a public report) */
  EnrichProcessor(Predicate<E> namesEnterprise) {
    this.namesEnterprise = namesEnterprise;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, EnrichedEvent<E>> context) {
    super.init(context);
    enterprises = context.getStateStore(StoreNames.ENTERPRISES);
  }

  @Override
  public void process(FixedKeyRecord<String, E> record) {
    if (!namesEnterprise.test(record.value())) {
      context().forward(record.withValue(new EnrichedEvent<>(record.value(), null)));
      return;
    }
    ValueAndTimestamp<Enterprise> enterprise = enterprises.get(record.key());
    if (enterprise == null || enterprise.value() == null) {
      throw new InvalidRecordException(RejectReason.UNKNOWN_ENTERPRISE,
          "unknown enterprise " + record.key() + ": it is not in the reference data (reference.enterprises); "
              + "load the enterprise, then replay this dead letter to its source topic");
    }
    context().forward(record.withValue(new EnrichedEvent<>(record.value(), enterprise.value())));
  }
}
