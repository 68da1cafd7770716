package io.fangxian.accountability;

import io.fangxian.avro.internal.UnitHazard;
import io.fangxian.domain.TopicRegistry;
import io.fangxian.store.EnterpriseItemKey;
import io.fangxian.store.UnitItemKey;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The slice's stores, written only by {@link AccountabilityProcessor}, all on the enterprise
 * partition. The first three hold what happened at each enterprise, so that whichever of an
 * inspection and a later report arrives second finds the other; the {@code unit-*} ones hold what
 * each unit is charged with, keyed by unit. A hazard is charged on its enterprise's partition only,
 * so a unit's figures are the sum of its entries over every partition (the REST side gathers them).
 * Each name is also the stem of its changelog topic, so renaming one loses its state: don't.
 */
public final class AccountabilityStores {
  /** The inspections that named their unit: {@code <enterpriseId>|<inspectionId>} → InspectionEvent (the first version). */
  public static final String INSPECTIONS = "accountability-inspections";
  /**
   * Hazards found by others (kept: a late inspection may still be charged), and hazards naming an
   * inspection that has not arrived (kept until it does): {@code <enterpriseId>|<hazardId>} → UnitHazard.
   */
  public static final String HAZARDS = "accountability-hazards";
  /** Accidents: {@code <enterpriseId>|<accidentId>} → when it happened (epoch ms). */
  public static final String ACCIDENTS = "accountability-accidents";
  /** Each unit's inspections: {@code <unitId>|<inspectionId>} → when (epoch ms). */
  public static final String UNIT_INSPECTIONS = "unit-inspections";
  /** Hazards a unit's inspection found: {@code <unitId>|<hazardId>} → when reported (epoch ms). */
  public static final String UNIT_FOUND = "unit-hazards-found";
  /** Hazards a unit missed (漏检): {@code <unitId>|<hazardId>} → the hazard as reported. */
  public static final String UNIT_MISSED = "unit-missed-hazards";
  /** Accidents at an enterprise soon after a unit inspected it: {@code <unitId>|<accidentId>} → when (epoch ms). */
  public static final String UNIT_ACCIDENTS = "unit-accidents-after-inspection";

  private AccountabilityStores() { }

  public static void add(StreamsBuilder builder, TopicRegistry topics) {
    Serde<UnitHazard> hazards = topics.serde(UnitHazard.class);
    store(builder, INSPECTIONS, EnterpriseItemKey.SERDE, topics.inspections.valueSerde());
    store(builder, HAZARDS, EnterpriseItemKey.SERDE, hazards);
    store(builder, ACCIDENTS, EnterpriseItemKey.SERDE, Serdes.Long());
    store(builder, UNIT_INSPECTIONS, UnitItemKey.SERDE, Serdes.Long());
    store(builder, UNIT_FOUND, UnitItemKey.SERDE, Serdes.Long());
    store(builder, UNIT_MISSED, UnitItemKey.SERDE, hazards);
    store(builder, UNIT_ACCIDENTS, UnitItemKey.SERDE, Serdes.Long());
  }

  private static <K, V> void store(StreamsBuilder builder, String name, Serde<K> keys, Serde<V> values) {
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keys, values)
        .withCachingDisabled());
  }
}
