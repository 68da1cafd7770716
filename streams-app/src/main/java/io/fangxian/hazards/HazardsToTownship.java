package io.fangxian.hazards;

import io.fangxian.avro.AreaType;
import io.fangxian.avro.HazardState;
import io.fangxian.avro.internal.AreaUpdate;
import io.fangxian.ledger.HazardLifecycle;
import io.fangxian.rules.AreaRules;
import io.fangxian.stats.AreaKeys;
import io.fangxian.stats.AreaUpdates;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Sends on to its township the states the area rules must see: every change of a major hazard
 * (its level follows the township's weather) and a weather-sensitive hazard opening or closing
 * (the weather alert lists them). Keyed by area; changes no count.
 */
final class HazardsToTownship extends ContextualProcessor<String, LedgerChange, String, AreaUpdate> {
  private final AreaRules areaRules;

  HazardsToTownship(AreaRules areaRules) {
    this.areaRules = areaRules;
  }

  @Override
  public void process(Record<String, LedgerChange> record) {
    LedgerChange change = record.value();
    HazardState after = change.after();
    if (HazardLifecycle.isMajor(after) || HazardRulesProcessor.downgraded(change) || (change.openedOrClosed() && areaRules.isWeatherSensitive(after.getSectorId()))) {
      context().forward(new Record<>(AreaKeys.area(AreaType.TOWNSHIP, after.getTownshipId()), AreaUpdates.hazardState(after),
          context().currentSystemTimeMs()));
    }
  }
}
