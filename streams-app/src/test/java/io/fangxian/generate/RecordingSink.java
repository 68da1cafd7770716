package io.fangxian.generate;

import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardEvent;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.ViolationEvent;
import io.fangxian.avro.WeatherWarning;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** Keeps everything it is given, in order. */
public final class RecordingSink implements GeneratorSink {
  public final List<SpecificRecord> all = new ArrayList<>();
  public final List<Enterprise> enterprises = new ArrayList<>();
  public final List<HazardEvent> hazards = new ArrayList<>();
  public final List<ViolationEvent> violations = new ArrayList<>();
  public final List<InspectionEvent> inspections = new ArrayList<>();
  public final List<WeatherWarning> weather = new ArrayList<>();

  @Override public void enterprise(Enterprise e) {
    enterprises.add(e);
    all.add(e);
  }

  @Override public void hazard(HazardEvent e) {
    hazards.add(e);
    all.add(e);
  }

  @Override public void violation(ViolationEvent e) {
    violations.add(e);
    all.add(e);
  }

  @Override public void inspection(InspectionEvent e) {
    inspections.add(e);
    all.add(e);
  }

  @Override public void weather(WeatherWarning w) {
    weather.add(w);
    all.add(w);
  }
}
