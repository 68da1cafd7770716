package io.fangxian.accidents;

import io.fangxian.avro.Alert;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;

/** The accident rules, per enterprise partition, from each accident change. Emits signals keyed by alert key. */
final class AccidentRulesProcessor extends ContextualProcessor<String, AccidentChange, String, Alert> {
  private final AccidentRules accidentRules;

  AccidentRulesProcessor(AccidentRules accidentRules) {
    this.accidentRules = accidentRules;
  }

  @Override
  public void process(Record<String, AccidentChange> record) {
    AccidentChange change = record.value();
    long now = context().currentSystemTimeMs();
    for (Alert signal : accidentRules.evaluate(change.before() == null ? null : change.before().getAccident(),
        change.after().getAccident(), change.after().getTownshipId(), change.after().getSectorId(), change.enterprise())) {
      context().forward(new Record<>(signal.getAlertKey(), signal, now));
    }
  }
}
