package io.fangxian.dossier;

import io.fangxian.domain.TopicRegistry;
import io.fangxian.store.EnterpriseItemKey;
import io.fangxian.store.KeyValueStores;
import io.fangxian.store.StoreNames;
import org.apache.kafka.streams.StreamsBuilder;

/**
 * The dossier's violations and inspections (their names are in {@link StoreNames}), each written by
 * its {@link DossierRecorder}. The dossier's hazards, accidents and cases are kept by the slices that
 * own them.
 */
public final class DossierStores {
  private DossierStores() { }

  public static void add(StreamsBuilder builder, TopicRegistry topics) {
    KeyValueStores.add(builder, StoreNames.DOSSIER_VIOLATIONS, EnterpriseItemKey.SERDE, topics.violations.valueSerde(), false);
    KeyValueStores.add(builder, StoreNames.DOSSIER_INSPECTIONS, EnterpriseItemKey.SERDE, topics.inspections.valueSerde(),
        false);
  }
}
