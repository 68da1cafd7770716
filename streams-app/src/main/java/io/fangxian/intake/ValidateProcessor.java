package io.fangxian.intake;

import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/** Passes valid records on; an invalid one throws and so becomes a dead letter. */
final class ValidateProcessor<V> extends ContextualFixedKeyProcessor<String, V, V> {
  private final EventValidator validator;
  private final boolean tombstonesAllowed;

  ValidateProcessor(EventValidator validator, boolean tombstonesAllowed) {
    this.validator = validator;
    this.tombstonesAllowed = tombstonesAllowed;
  }

  @Override
  public void process(FixedKeyRecord<String, V> record) {
    if (record.value() != null || !tombstonesAllowed) {
      validator.validate(record.key(), record.value(), context().currentSystemTimeMs());
    }
    context().forward(record);
  }
}
