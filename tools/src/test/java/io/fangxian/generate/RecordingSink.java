package io.fangxian.generate;

import io.fangxian.avro.AccidentDuty;
import io.fangxian.avro.AccidentEvent;
import io.fangxian.avro.CaseEvent;
import io.fangxian.avro.CertificateEvent;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.Grid;
import io.fangxian.avro.HazardEvent;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.Leader;
import io.fangxian.avro.ViolationEvent;
import io.fangxian.avro.WeatherWarning;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** Keeps everything it is given, in order, and by kind. */
public final class RecordingSink implements GeneratorSink {
  public final List<SpecificRecord> all = new ArrayList<>();
  public final List<Enterprise> enterprises = new ArrayList<>();
  public final List<HazardEvent> hazards = new ArrayList<>();
  public final List<ViolationEvent> violations = new ArrayList<>();
  public final List<InspectionEvent> inspections = new ArrayList<>();
  public final List<WeatherWarning> weather = new ArrayList<>();
  public final List<AccidentEvent> accidents = new ArrayList<>();
  public final List<CaseEvent> cases = new ArrayList<>();
  public final List<io.fangxian.avro.PublicReportEvent> reports = new ArrayList<>();
  public final List<Leader> roster = new ArrayList<>();
  public final List<Grid> grids = new ArrayList<>();
  public final List<CertificateEvent> certificates = new ArrayList<>();
  public final List<AccidentDuty> accidentDuties = new ArrayList<>();

  @Override public void accept(SpecificRecord record) {
    all.add(record);
    if (record instanceof Enterprise e) {
      enterprises.add(e);
    } else if (record instanceof HazardEvent h) {
      hazards.add(h);
    } else if (record instanceof ViolationEvent v) {
      violations.add(v);
    } else if (record instanceof InspectionEvent i) {
      inspections.add(i);
    } else if (record instanceof WeatherWarning w) {
      weather.add(w);
    } else if (record instanceof Leader l) {
      roster.add(l);
    } else if (record instanceof AccidentEvent a) {
      accidents.add(a);
    } else if (record instanceof CaseEvent c) {
      cases.add(c);
    } else if (record instanceof io.fangxian.avro.PublicReportEvent r) {
      reports.add(r);
    } else if (record instanceof Grid g) {
      grids.add(g);
    } else if (record instanceof CertificateEvent c) {
      certificates.add(c);
    } else if (record instanceof AccidentDuty d) {
      accidentDuties.add(d);
    }
  }
}
