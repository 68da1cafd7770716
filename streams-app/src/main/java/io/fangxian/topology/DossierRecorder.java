package io.fangxian.topology;

import io.fangxian.store.EnterpriseItemKey;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each violation or inspection in the enterprise's dossier (一企一档), under its own id: a
 * resent event never gets here (dedup), and a record sent again with a new eventId replaces the
 * one of the same id. Kept for as long as the store lives; the dossier shows them all.
 */
final class DossierRecorder<E extends SpecificRecord> extends ContextualProcessor<String, EnrichedEvent<E>, Void, Void> {
  private final String storeName;
  private final Function<E, String> id;
  private KeyValueStore<EnterpriseItemKey, E> store;

  DossierRecorder(String storeName, Function<E, String> id) {
    this.storeName = storeName;
    this.id = id;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    super.init(context);
    store = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, EnrichedEvent<E>> record) {
    E event = record.value().event();
    store.put(new EnterpriseItemKey(record.key(), id.apply(event)), event);
  }
}
