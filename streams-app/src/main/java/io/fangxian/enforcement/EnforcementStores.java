package io.fangxian.enforcement;

import io.fangxian.avro.internal.CaseState;
import io.fangxian.avro.internal.HazardCaseWatch;
import io.fangxian.domain.TopicRegistry;
import io.fangxian.store.DueKey;
import io.fangxian.store.EnterpriseItemKey;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The slice's stores, written only by {@link EnforcementProcessor}. Each name is also the stem of
 * its changelog topic, so renaming one loses its state: don't.
 */
public final class EnforcementStores {
  /** Each case as it stands: caseId → {@code CaseState}. */
  public static final String CASES = "enforcement-cases";
  /** What the slice knows of each major hazard (and each hazard a case named): {@code <enterpriseId>|<hazardId>} → {@code HazardCaseWatch}. */
  public static final String HAZARDS = "enforcement-hazards";
  /** When a case's decision or a hazard's case window falls due: {@code store.DueKey} ({@code case:<id>} or {@code hazard:<id>}) → the same. */
  public static final String DUE = "enforcement-due";
  /** The enterprise dossier's cases (一企一档): {@code store.EnterpriseItemKey} ({@code <enterpriseId>|<caseId>}) → caseId. */
  public static final String DOSSIER = "dossier-cases";

  private EnforcementStores() { }

  public static void add(StreamsBuilder builder, TopicRegistry topics) {
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CASES),
        Serdes.String(), topics.serde(CaseState.class)).withCachingDisabled());
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HAZARDS),
        Serdes.String(), topics.serde(HazardCaseWatch.class)).withCachingDisabled());
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DUE),
        DueKey.SERDE, Serdes.String()).withCachingDisabled());
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DOSSIER),
        EnterpriseItemKey.SERDE, Serdes.String()).withCachingDisabled());
  }
}
