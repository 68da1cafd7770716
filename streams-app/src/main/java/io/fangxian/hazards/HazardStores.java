package io.fangxian.hazards;

import io.fangxian.avro.internal.HazardReportLinks;
import io.fangxian.domain.TopicRegistry;
import io.fangxian.store.DueKey;
import io.fangxian.store.EnterpriseItemKey;
import io.fangxian.store.KeyValueStores;
import io.fangxian.store.StoreNames;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;

/**
 * The slice's stores (their names are in {@link StoreNames}): the ledger, its deadlines, the report
 * links waiting for their hazard and the dossier's hazards, written by {@link LedgerProcessor}; the
 * hazards behind each enterprise-level hazard alert, written by {@link HazardRulesProcessor}.
 */
public final class HazardStores {
  private HazardStores() { }

  public static void add(StreamsBuilder builder, TopicRegistry topics) {
    KeyValueStores.add(builder, StoreNames.HAZARD_LEDGER, topics.hazardLedger.valueSerde(), false);
    KeyValueStores.add(builder, StoreNames.HAZARD_DEADLINES, DueKey.SERDE, Serdes.String(), false);
    KeyValueStores.add(builder, StoreNames.HAZARD_REPORT_LINKS, topics.serde(HazardReportLinks.class), false);
    KeyValueStores.add(builder, StoreNames.DOSSIER_HAZARDS, EnterpriseItemKey.SERDE, Serdes.String(), false);
    KeyValueStores.add(builder, StoreNames.ENTERPRISE_HAZARD_ALERTS, EnterpriseItemKey.SERDE,
        topics.hazardLedger.valueSerde(), false);
  }
}
