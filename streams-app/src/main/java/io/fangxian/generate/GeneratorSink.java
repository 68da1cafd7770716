package io.fangxian.generate;

import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardEvent;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.ViolationEvent;
import io.fangxian.avro.WeatherWarning;

/**
 * Where {@link DataGenerator} delivers its records, in event-time order. A resent duplicate is
 * delivered as the same instance again; sinks must not modify what they are given.
 */
public interface GeneratorSink {
  void enterprise(Enterprise e);

  void hazard(HazardEvent e);

  void violation(ViolationEvent e);

  void inspection(InspectionEvent e);

  void weather(WeatherWarning w);
}
