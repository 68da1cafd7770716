package io.fangxian.hazards;

import io.fangxian.avro.Alert;
import io.fangxian.avro.HazardState;
import io.fangxian.avro.WarningLevel;
import io.fangxian.ledger.HazardLifecycle;
import io.fangxian.rules.AlertSignals;
import io.fangxian.rules.HazardRules;
import io.fangxian.store.EnterpriseItemKey;
import io.fangxian.store.StoreNames;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The hazard rules that run per enterprise partition, from each ledger change.
 *
 * <p>Per hazard, for hazards that are not major: a major hazard's level depends on the weather in
 * its township, so its rules run by area (see {@link HazardsToTownship} and {@code areas.AreaRulesProcessor}).
 *
 * <p>Per enterprise, for every hazard, major or not: overdue rectification and key enterprise
 * converge into one alert per enterprise. The store {@link StoreNames#ENTERPRISE_HAZARD_ALERTS}
 * holds which hazards each enterprise's alert is made of; each change to a member (joining,
 * leaving, an overdue step falling due) sends the enterprise's signal computed from all its members.
 * Emits signals keyed by alert key.
 */
final class HazardRulesProcessor extends ContextualProcessor<String, LedgerChange, String, Alert> {
  static final String OVERDUE = AlertSignals.OVERDUE_RECTIFICATION + ":";
  static final String KEY = AlertSignals.KEY_ENTERPRISE + ":";

  private final HazardRules hazardRules;
  private KeyValueStore<EnterpriseItemKey, HazardState> members;

  HazardRulesProcessor(HazardRules hazardRules) {
    this.hazardRules = hazardRules;
  }

  @Override
  public void init(ProcessorContext<String, Alert> context) {
    super.init(context);
    members = context.getStateStore(StoreNames.ENTERPRISE_HAZARD_ALERTS);
  }

  static boolean downgraded(LedgerChange change) {
    return change.before() != null && HazardLifecycle.isMajor(change.before()) && !HazardLifecycle.isMajor(change.after());
  }

  @Override
  public void process(Record<String, LedgerChange> record) {
    LedgerChange change = record.value();
    long now = context().currentSystemTimeMs();
    HazardState after = change.after();
    if (!HazardLifecycle.isMajor(after) && !downgraded(change)) {
      // the township's area rules judge major hazards, and the change that makes one general
      for (Alert signal : hazardRules.evaluate(change.before(), after, WarningLevel.UNKNOWN, now)) {
        forward(signal, now);
      }
    }
    boolean overdue = hazardRules.overdueMember(after);
    if (update(OVERDUE, after, overdue)) {
      forward(hazardRules.overdue(membersOf(OVERDUE, after.getEnterpriseId()), after, now), now);
    }
    if (!overdue && change.before() != null && hazardRules.overdueMember(change.before())) {
      // an alert of this hazard alone, from before alerts converged, ends as the hazard leaves
      forward(hazardRules.legacyResolved(AlertSignals.OVERDUE_RECTIFICATION, after), now);
    }
    EnterpriseItemKey key = new EnterpriseItemKey(after.getEnterpriseId(), KEY + after.getHazardId());
    boolean keyMember = hazardRules.keyEnterpriseJoins(change.before(), after, now)
        || (members.get(key) != null && hazardRules.keyEnterpriseMember(after));
    if (update(KEY, after, keyMember)) {
      forward(hazardRules.keyEnterprise(membersOf(KEY, after.getEnterpriseId()), after, now), now);
    } else if (change.before() != null && HazardLifecycle.isOpen(change.before()) && !HazardLifecycle.isOpen(after)
        && after.getKeySupervised()) {
      forward(hazardRules.legacyResolved(AlertSignals.KEY_ENTERPRISE, after), now);
    }
  }

  /**
   * Records whether the hazard belongs to the enterprise's alert of one rule.
   *
   * @return whether the enterprise's signal must be sent: the hazard is or was a member
   */
  private boolean update(String rule, HazardState after, boolean member) {
    EnterpriseItemKey key = new EnterpriseItemKey(after.getEnterpriseId(), rule + after.getHazardId());
    if (member) {
      members.put(key, after);
      return true;
    }
    if (members.get(key) != null) {
      members.delete(key);
      return true;
    }
    return false;
  }

  private List<HazardState> membersOf(String rule, String enterpriseId) {
    List<HazardState> found = new ArrayList<>();
    try (KeyValueIterator<EnterpriseItemKey, HazardState> it = members.prefixScan(enterpriseId, EnterpriseItemKey.ENTERPRISE_PREFIX)) {
      it.forEachRemaining(kv -> {
        if (kv.key.enterpriseId().equals(enterpriseId) && kv.key.id().startsWith(rule)) {
          found.add(kv.value);
        }
      });
    }
    return found;
  }

  private void forward(Alert signal, long now) {
    context().forward(new Record<>(signal.getAlertKey(), signal, now));
  }
}
