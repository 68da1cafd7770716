package io.fangxian.enterprises;

import io.fangxian.avro.CertificateEvent;
import io.fangxian.store.StoreNames;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the current version of each certificate (keyed by certificateId) and sends it on keyed by
 * its enterprise. When a later version names another enterprise (the holder changed employer, or a
 * correction), the old enterprise gets the new version too: a certificate whose enterpriseId is not
 * the record's key tells that enterprise it no longer holds it.
 */
final class CertificateVersions extends ContextualProcessor<String, CertificateEvent, String, CertificateEvent> {
  private KeyValueStore<String, CertificateEvent> current;

  @Override
  public void init(ProcessorContext<String, CertificateEvent> context) {
    super.init(context);
    current = context.getStateStore(StoreNames.CERTIFICATES);
  }

  @Override
  public void process(Record<String, CertificateEvent> record) {
    CertificateEvent next = record.value();
    CertificateEvent before = current.get(next.getCertificateId());
    current.put(next.getCertificateId(), next);
    if (before != null && !before.getEnterpriseId().equals(next.getEnterpriseId())) {
      context().forward(record.withKey(before.getEnterpriseId()));
    }
    context().forward(record.withKey(next.getEnterpriseId()));
  }
}
