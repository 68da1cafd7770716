package io.fangxian.topology;

import io.fangxian.avro.Alert;
import io.fangxian.avro.WarningLevel;
import io.fangxian.ledger.HazardLifecycle;
import io.fangxian.rules.HazardRules;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The rules about one hazard that is not major, per enterprise partition, from each ledger change.
 * A major hazard's level depends on the weather in its township, so its rules run by area (see
 * {@link HazardsToTownship} and {@link AreaRulesProcessor}). Emits signals keyed by alert key.
 */
final class HazardRulesProcessor extends ContextualProcessor<String, LedgerChange, String, Alert> {
  private final HazardRules hazardRules;

  HazardRulesProcessor(HazardRules hazardRules) {
    this.hazardRules = hazardRules;
  }

  static boolean downgraded(LedgerChange change) {
    return change.before() != null && HazardLifecycle.isMajor(change.before()) && !HazardLifecycle.isMajor(change.after());
  }

  @Override
  public void process(Record<String, LedgerChange> record) {
    LedgerChange change = record.value();
    if (HazardLifecycle.isMajor(change.after()) || downgraded(change)) {
      return; // the township's area rules judge major hazards, and the change that makes one general
    }
    long now = context().currentSystemTimeMs();
    for (Alert signal : hazardRules.evaluate(change.before(), change.after(), WarningLevel.UNKNOWN, now)) {
      context().forward(new Record<>(signal.getAlertKey(), signal, now));
    }
  }
}
