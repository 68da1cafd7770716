package io.fangxian.domain;

import io.fangxian.avro.AccidentDuty;
import io.fangxian.avro.AccidentEvent;
import io.fangxian.avro.CaseEvent;
import io.fangxian.avro.PublicReportEvent;
import io.fangxian.avro.Alert;
import io.fangxian.avro.AlertAction;
import io.fangxian.avro.AreaStats;
import io.fangxian.avro.CertificateEvent;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.Grid;
import io.fangxian.avro.HazardEvent;
import io.fangxian.avro.HazardState;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.Leader;
import io.fangxian.avro.Responsibility;
import io.fangxian.avro.SectorDefinition;
import io.fangxian.avro.ViolationEvent;
import io.fangxian.avro.WeatherWarning;
import io.fangxian.serde.SpecificAvroSerde;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic with its key and value serde, in one place. Keys are UTF-8 strings; values are
 * Avro in the Confluent wire format, registered under {@code <topic>-value}.
 */
public final class TopicRegistry {

  /** A topic and how its records are (de)serialized. */
  public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) { }

  public final Topic<String, Enterprise> enterprises;
  public final Topic<String, HazardEvent> hazards;
  public final Topic<String, ViolationEvent> violations;
  public final Topic<String, InspectionEvent> inspections;
  public final Topic<String, WeatherWarning> weatherWarnings;
  public final Topic<String, AccidentEvent> accidents;
  public final Topic<String, AccidentDuty> accidentDuties;
  public final Topic<String, CaseEvent> enforcementCases;
  public final Topic<String, PublicReportEvent> publicReports;
  public final Topic<String, Leader> roster;
  public final Topic<String, Responsibility> responsibilities;
  public final Topic<String, AlertAction> alertActions;
  public final Topic<String, Grid> grids;
  public final Topic<String, SectorDefinition> sectors;
  public final Topic<String, CertificateEvent> certificates;
  public final Topic<String, AreaStats> gridStats;
  public final Topic<String, AreaStats> parkStats;
  public final Topic<String, AreaStats> townshipStats;
  public final Topic<String, AreaStats> sectorStats;
  public final Topic<String, HazardState> hazardLedger;
  public final Topic<String, Alert> alerts;
  public final Topic<byte[], byte[]> deadLetters;

  private final Map<String, ?> serdeConfig;

  /**
   * @param prefix prepended to each topic name
   * @param serdeConfig the registry settings ({@code schema.registry.url}, auth, auto-registration)
   */
  public TopicRegistry(String prefix, Map<String, ?> serdeConfig) {
    this.serdeConfig = serdeConfig;
    enterprises = avro(prefix + Topics.ENTERPRISES, Enterprise.class);
    hazards = avro(prefix + Topics.HAZARDS, HazardEvent.class);
    violations = avro(prefix + Topics.VIOLATIONS, ViolationEvent.class);
    inspections = avro(prefix + Topics.INSPECTIONS, InspectionEvent.class);
    weatherWarnings = avro(prefix + Topics.WEATHER_WARNINGS, WeatherWarning.class);
    accidents = avro(prefix + Topics.ACCIDENTS, AccidentEvent.class);
    accidentDuties = avro(prefix + Topics.ACCIDENT_DUTIES, AccidentDuty.class);
    enforcementCases = avro(prefix + Topics.ENFORCEMENT_CASES, CaseEvent.class);
    publicReports = avro(prefix + Topics.PUBLIC_REPORTS, PublicReportEvent.class);
    roster = avro(prefix + Topics.ROSTER, Leader.class);
    responsibilities = avro(prefix + Topics.RESPONSIBILITIES, Responsibility.class);
    alertActions = avro(prefix + Topics.ALERT_ACTIONS, AlertAction.class);
    grids = avro(prefix + Topics.GRIDS, Grid.class);
    sectors = avro(prefix + Topics.SECTORS, SectorDefinition.class);
    certificates = avro(prefix + Topics.CERTIFICATES, CertificateEvent.class);
    gridStats = avro(prefix + Topics.GRID_STATS, AreaStats.class);
    parkStats = avro(prefix + Topics.PARK_STATS, AreaStats.class);
    townshipStats = avro(prefix + Topics.TOWNSHIP_STATS, AreaStats.class);
    sectorStats = avro(prefix + Topics.SECTOR_STATS, AreaStats.class);
    hazardLedger = avro(prefix + Topics.HAZARD_LEDGER, HazardState.class);
    alerts = avro(prefix + Topics.ALERTS, Alert.class);
    deadLetters = new Topic<>(prefix + Topics.DEAD_LETTERS, Serdes.ByteArray(), Serdes.ByteArray());
  }

  /** A value serde for a record that is not on a public topic (state stores, repartitioning). */
  public <T extends SpecificRecord> Serde<T> serde(Class<T> type) {
    return SpecificAvroSerde.forValues(type, serdeConfig);
  }

  private <T extends SpecificRecord> Topic<String, T> avro(String name, Class<T> type) {
    return new Topic<>(name, Serdes.String(), serde(type));
  }
}
