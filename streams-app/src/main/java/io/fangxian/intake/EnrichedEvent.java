package io.fangxian.intake;

import io.fangxian.avro.Enterprise;
import org.apache.avro.specific.SpecificRecord;

/**
 * An input event together with its enterprise as the reference data knew it on arrival, on its way
 * down the chain of its kind of event.
 *
 * <p>A later step may still refuse the event (the ledger: a lifecycle step that is impossible). It
 * then calls {@link #refuse()} before it throws, and the event becomes a dead letter. Kafka Streams
 * hands an exception to the exception handler at the processor that threw it, so without this the
 * dedup step upstream would see its forward return normally and remember the event as seen; replayed
 * from the dead letters once it can be applied, it would then be dropped as a duplicate.
 */
public final class EnrichedEvent<E extends SpecificRecord> {
  private final E event;
  private final Enterprise enterprise;
  private boolean refused;

  public EnrichedEvent(E event, Enterprise enterprise) {
    this.event = event;
    this.enterprise = enterprise;
  }

  public E event() {
    return event;
  }

  public Enterprise enterprise() {
    return enterprise;
  }

  public void refuse() {
    refused = true;
  }

  public boolean refused() {
    return refused;
  }
}
