package io.fangxian.topology;

import io.fangxian.avro.Enterprise;
import io.fangxian.rules.EnterpriseRules;
import io.fangxian.config.RulesConfig;
import io.fangxian.store.CheckKey;
import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Starts watching a key-area enterprise for self-inspection as soon as the reference data
 * names it: one that never self-inspects is flagged once the lapse has passed since then.
 */
final class EnterpriseWatch extends ContextualFixedKeyProcessor<String, Enterprise, Enterprise> {
  private final RulesConfig rules;
  private final EnterpriseRules enterpriseRules;
  private KeyValueStore<String, Long> selfInspections;
  private KeyValueStore<CheckKey, String> enterpriseChecks;

  EnterpriseWatch(RulesConfig rules, EnterpriseRules enterpriseRules) {
    this.rules = rules;
    this.enterpriseRules = enterpriseRules;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Enterprise> context) {
    super.init(context);
    selfInspections = context.getStateStore(StoreNames.SELF_INSPECTIONS);
    enterpriseChecks = context.getStateStore(StoreNames.ENTERPRISE_CHECKS);
  }

  @Override
  public void process(FixedKeyRecord<String, Enterprise> record) {
    Enterprise e = record.value();
    if (e != null && rules.selfInspectionLapse().enabled() && enterpriseRules.inKeyArea(e)
        && selfInspections.get(record.key()) == null) {
      long now = context().currentSystemTimeMs();
      selfInspections.put(record.key(), SelfInspectionMark.watchedSince(now));
      long due = now + rules.selfInspectionLapse().after().toMillis();
      enterpriseChecks.put(new CheckKey(due, CheckKey.Kind.LAPSE, record.key()), record.key());
    }
    context().forward(record);
  }
}
