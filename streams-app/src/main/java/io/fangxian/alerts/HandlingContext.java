package io.fangxian.alerts;

import io.fangxian.avro.Leader;
import io.fangxian.avro.Responsibility;
import io.fangxian.config.RulesConfig;
import io.fangxian.domain.ReferenceData;
import io.fangxian.domain.Township;
import io.fangxian.store.StoreNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/** The handling rules over the global roster and responsibility stores, for the processors that publish alerts. */
final class HandlingContext {
  private HandlingContext() { }

  static AlertHandlingRules rules(ProcessingContext context, RulesConfig rules, ReferenceData reference) {
    TimestampedKeyValueStore<String, Leader> roster = context.getStateStore(StoreNames.ROSTER);
    TimestampedKeyValueStore<String, Responsibility> responsibilities = context.getStateStore(StoreNames.RESPONSIBILITIES);
    ResponsibilityChain chain = new ResponsibilityChain(
        () -> {
          List<Leader> all = new ArrayList<>();
          try (KeyValueIterator<String, ValueAndTimestamp<Leader>> it = roster.all()) {
            it.forEachRemaining(kv -> {
              if (kv.value != null && kv.value.value() != null) {
                all.add(kv.value.value());
              }
            });
          }
          return all;
        },
        sector -> {
          ValueAndTimestamp<Responsibility> loaded = responsibilities.get(sector);
          return loaded != null && loaded.value() != null ? Optional.of(loaded.value().getDepartment())
              : Responsibilities.builtIn(sector);
        },
        township -> reference.township(township).map(Township::nameZh).orElse(township),
        sector -> {
          ValueAndTimestamp<Responsibility> loaded = responsibilities.get(sector);
          return loaded == null || loaded.value() == null;
        });
    return new AlertHandlingRules(rules.alertHandling(), chain);
  }
}
