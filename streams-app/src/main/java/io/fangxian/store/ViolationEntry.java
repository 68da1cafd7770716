package io.fangxian.store;

import io.fangxian.avro.ViolationAction;
import org.apache.kafka.common.serialization.Serde;

/**
 * The value stored with a {@link ViolationKey}: the violation's event id and action, written
 * {@code <eventId>|<action>}. The action, an enum symbol, is read from after the last separator,
 * so an event id may hold any character (entries written before this type are read alike).
 */
public record ViolationEntry(String eventId, ViolationAction action) {
  public static final Serde<ViolationEntry> SERDE = KeyText.serde(ViolationEntry::write, ViolationEntry::read);

  static String write(ViolationEntry v) {
    return v.eventId + KeyText.SEPARATOR + v.action.name();
  }

  static ViolationEntry read(String s) {
    int last = s.lastIndexOf(KeyText.SEPARATOR);
    if (last < 0) {
      throw new org.apache.kafka.common.errors.SerializationException("violation entry '" + s + "' has no action");
    }
    return new ViolationEntry(s.substring(0, last), ViolationAction.valueOf(s.substring(last + 1)));
  }
}
