package io.fangxian.load;

import io.fangxian.avro.AccidentDuty;
import io.fangxian.avro.AccidentEvent;
import io.fangxian.avro.CaseEvent;
import io.fangxian.avro.CertificateEvent;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.Grid;
import io.fangxian.avro.HazardEvent;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.Leader;
import io.fangxian.avro.PublicReportEvent;
import io.fangxian.avro.Responsibility;
import io.fangxian.avro.SectorDefinition;
import io.fangxian.avro.ViolationEvent;
import io.fangxian.avro.WeatherWarning;
import io.fangxian.domain.Topics;
import java.util.Arrays;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;

/** The kinds of record a file can hold, with their CLI names, schemas, Kafka keys and topics. */
public enum RecordKind {
  ENTERPRISES("enterprises", Enterprise.getClassSchema(), "enterpriseId", Topics.ENTERPRISES, Enterprise::new),
  HAZARDS("hazards", HazardEvent.getClassSchema(), "enterpriseId", Topics.HAZARDS, HazardEvent::new),
  VIOLATIONS("violations", ViolationEvent.getClassSchema(), "enterpriseId", Topics.VIOLATIONS, ViolationEvent::new),
  INSPECTIONS("inspections", InspectionEvent.getClassSchema(), "enterpriseId", Topics.INSPECTIONS, InspectionEvent::new),
  WEATHER("weather", WeatherWarning.getClassSchema(), "warningId", Topics.WEATHER_WARNINGS, WeatherWarning::new),
  ACCIDENTS("accidents", AccidentEvent.getClassSchema(), "enterpriseId", Topics.ACCIDENTS, AccidentEvent::new),
  ACCIDENT_DUTIES("accident-duties", AccidentDuty.getClassSchema(), "enterpriseId", Topics.ACCIDENT_DUTIES, AccidentDuty::new),
  CASES("cases", CaseEvent.getClassSchema(), "enterpriseId", Topics.ENFORCEMENT_CASES, CaseEvent::new),
  /** Keyed by the enterprise the report names, else by its reportId ({@link #keyOf}). */
  REPORTS("reports", PublicReportEvent.getClassSchema(), "enterpriseId", Topics.PUBLIC_REPORTS, PublicReportEvent::new) {
    @Override
    public String keyOf(SpecificRecord record) {
      String enterpriseId = super.keyOf(record);
      return enterpriseId != null ? enterpriseId : ((PublicReportEvent) record).getReportId();
    }
  },
  ROSTER("roster", Leader.getClassSchema(), "leaderId", Topics.ROSTER, Leader::new),
  RESPONSIBILITIES("responsibilities", Responsibility.getClassSchema(), "sectorId", Topics.RESPONSIBILITIES, Responsibility::new),
  GRIDS("grids", Grid.getClassSchema(), "gridId", Topics.GRIDS, Grid::new),
  SECTORS("sectors", SectorDefinition.getClassSchema(), "sectorId", Topics.SECTORS, SectorDefinition::new),
  CERTIFICATES("certificates", CertificateEvent.getClassSchema(), "certificateId", Topics.CERTIFICATES, CertificateEvent::new);

  private final String cliName;
  private final Schema schema;
  private final String keyField;
  private final String topic;
  private final Supplier<SpecificRecordBase> factory;

  RecordKind(String cliName, Schema schema, String keyField, String topic, Supplier<SpecificRecordBase> factory) {
    this.cliName = cliName;
    this.schema = schema;
    this.keyField = keyField;
    this.topic = topic;
    this.factory = factory;
  }

  /** The name on the command line: enterprises, hazards, violations, inspections, weather, accidents, cases, reports, roster, responsibilities, grids, sectors or certificates. */
  public String cliName() {
    return cliName;
  }

  public Schema schema() {
    return schema;
  }

  /** The field whose value is the Kafka key (DESIGN §7). */
  public String keyField() {
    return keyField;
  }

  /** The default topic for this kind. */
  public String topic() {
    return topic;
  }

  /** The file name {@link RecordFileWriter} uses, e.g. {@code hazards.jsonl}. */
  public String fileName() {
    return cliName + ".jsonl";
  }

  /** The Kafka key of a record of this kind. */
  public String keyOf(SpecificRecord record) {
    return (String) record.get(schema.getField(keyField).pos());
  }

  SpecificRecordBase newRecord() {
    return factory.get();
  }

  /** The kind for a CLI name, or an exception saying which names are accepted. */
  public static RecordKind fromCliName(String name) {
    for (RecordKind k : values()) {
      if (k.cliName.equals(name)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown kind '" + name + "'; accepted: " + acceptedNames());
  }

  public static String acceptedNames() {
    return Arrays.stream(values()).map(RecordKind::cliName).collect(Collectors.joining(", "));
  }

  /** The kind a record belongs to. */
  public static RecordKind of(SpecificRecord record) {
    for (RecordKind k : values()) {
      if (k.schema.getFullName().equals(record.getSchema().getFullName())) {
        return k;
      }
    }
    throw new IllegalArgumentException("not a loadable record: " + record.getSchema().getFullName());
  }
}
