package io.fangxian.generate;

import org.apache.avro.specific.SpecificRecord;

/**
 * Where {@link DataGenerator} delivers its records (enterprises, hazard, violation and inspection
 * events, weather warnings), in event-time order. A resent duplicate is delivered as the same
 * instance again; sinks must not modify what they are given.
 */
@FunctionalInterface
public interface GeneratorSink {
  void accept(SpecificRecord record);
}
