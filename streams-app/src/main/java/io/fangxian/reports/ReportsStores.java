package io.fangxian.reports;

import io.fangxian.avro.internal.ReportState;
import io.fangxian.domain.TopicRegistry;
import io.fangxian.store.DueKey;
import io.fangxian.store.EnterpriseItemKey;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The slice's stores, written only by {@link ReportsProcessor}. Each name is also the stem of its
 * changelog topic, so renaming one loses its state: don't.
 */
public final class ReportsStores {
  /** Each report as it stands: reportId → {@code ReportState}. */
  public static final String REPORTS = "reports";
  /** When a report's verification falls due: {@code store.DueKey} (its reportId) → reportId. */
  public static final String DUE = "reports-due";
  /** The enterprise dossier's reports (一企一档): {@code store.EnterpriseItemKey} ({@code <enterpriseId>|<reportId>}) → reportId. */
  public static final String DOSSIER = "dossier-reports";

  private ReportsStores() { }

  public static void add(StreamsBuilder builder, TopicRegistry topics) {
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(REPORTS),
        Serdes.String(), topics.serde(ReportState.class)).withCachingDisabled());
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DUE),
        DueKey.SERDE, Serdes.String()).withCachingDisabled());
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DOSSIER),
        EnterpriseItemKey.SERDE, Serdes.String()).withCachingDisabled());
  }
}
