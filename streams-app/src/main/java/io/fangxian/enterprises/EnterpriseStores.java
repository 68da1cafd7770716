package io.fangxian.enterprises;

import io.fangxian.avro.internal.EnterpriseStanding;
import io.fangxian.domain.TopicRegistry;
import io.fangxian.store.CheckKey;
import io.fangxian.store.DueKey;
import io.fangxian.store.KeyValueStores;
import io.fangxian.store.StoreNames;
import io.fangxian.store.ViolationEntry;
import io.fangxian.store.ViolationKey;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;

/**
 * The slice's stores (their names are in {@link StoreNames}): the violations, self-inspections and
 * checks of the enterprise rules, written by {@link EnterpriseRulesProcessor}; the certificates,
 * written by {@link CertificateVersions}; each enterprise's standing and when it next changes,
 * written by {@link EnterpriseStandingProcessor}.
 */
public final class EnterpriseStores {
  private EnterpriseStores() { }

  public static void add(StreamsBuilder builder, TopicRegistry topics) {
    KeyValueStores.add(builder, StoreNames.ENTERPRISE_VIOLATIONS, ViolationKey.SERDE, ViolationEntry.SERDE, false);
    KeyValueStores.add(builder, StoreNames.SELF_INSPECTIONS, Serdes.Long(), false);
    KeyValueStores.add(builder, StoreNames.ENTERPRISE_CHECKS, CheckKey.SERDE, Serdes.String(), false);
    KeyValueStores.add(builder, StoreNames.CERTIFICATES, topics.certificates.valueSerde(), false);
    KeyValueStores.add(builder, StoreNames.ENTERPRISE_STANDING, topics.serde(EnterpriseStanding.class), false);
    KeyValueStores.add(builder, StoreNames.STANDING_DUE, DueKey.SERDE, Serdes.String(), false);
  }
}
