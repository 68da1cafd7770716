package io.fangxian.topology;

import io.fangxian.avro.Alert;
import io.fangxian.avro.WarningLevel;
import io.fangxian.ledger.HazardLifecycle;
import io.fangxian.rules.HazardRules;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The rules about one hazard that is not major, per enterprise partition, from each ledger change.
 * A major hazard's level depends on the weather in its township, so its rules run by area (see
 * {@link HazardsToTownship} and {@link AreaRulesProcessor}). Emits signals keyed by alert key.
 */
final class HazardRulesProcessor implements Processor<String, LedgerChange, String, Alert> {
  private final HazardRules hazardRules;
  private ProcessorContext<String, Alert> context;

  HazardRulesProcessor(HazardRules hazardRules) {
    this.hazardRules = hazardRules;
  }

  @Override
  public void init(ProcessorContext<String, Alert> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, LedgerChange> record) {
    LedgerChange change = record.value();
    if (HazardLifecycle.isMajor(change.after())) {
      return;
    }
    long now = context.currentSystemTimeMs();
    for (Alert signal : hazardRules.evaluate(change.before(), change.after(), WarningLevel.UNKNOWN, now)) {
      context.forward(new Record<>(signal.getAlertKey(), signal, now));
    }
  }
}
