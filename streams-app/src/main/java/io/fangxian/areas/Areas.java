package io.fangxian.areas;

import io.fangxian.avro.Alert;
import io.fangxian.avro.AreaStats;
import io.fangxian.avro.WeatherWarning;
import io.fangxian.avro.internal.AreaUpdate;
import io.fangxian.config.PipelineConfig;
import io.fangxian.config.RulesConfig;
import io.fangxian.domain.ReferenceData;
import io.fangxian.domain.TopicRegistry;
import io.fangxian.intake.Intake;
import io.fangxian.rules.AreaRules;
import io.fangxian.rules.HazardRules;
import io.fangxian.rules.StandingRules;
import io.fangxian.stats.AreaKeys;
import io.fangxian.stats.AreaUpdates;
import io.fangxian.store.StoreNames;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.RecordContext;
import org.apache.kafka.streams.processor.TopicNameExtractor;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The areas slice's part of the topology: the counts summed per area, the figures of each
 * township, sector, grid and park, and the area rules.
 */
public final class Areas {
  private Areas() { }

  /** The counts of every slice, summed per area on the enterprise partition and sent on twice a second. */
  public static KStream<String, AreaUpdate> sums(KStream<String, CountChange> counts, PipelineConfig config) {
    return counts.process(() -> new AreaSumsProcessor(config), Named.as("area-sums"), StoreNames.AREA_DELTAS);
  }

  /**
   * The weather warnings, and every update of an area brought to the area's partition: its figures
   * go to the stats topics, and the area rules' signals are returned.
   *
   * @param sums what {@link #sums} sends on
   * @param hazardsToTownship the hazards the area rules watch, by township
   */
  public static KStream<String, Alert> figures(KStream<String, AreaUpdate> sums,
      KStream<String, AreaUpdate> hazardsToTownship, Intake intake, TopicRegistry topics, PipelineConfig config,
      RulesConfig rules, ReferenceData reference, HazardRules hazardRules, AreaRules areaRules,
      StandingRules standingRules) {
    KStream<String, WeatherWarning> warnings = intake.validated(topics.weatherWarnings, "validate-weather");
    warnings.toTable(Named.as("weather-table"),
        Materialized.<String, WeatherWarning, KeyValueStore<Bytes, byte[]>>as(StoreNames.WEATHER_WARNINGS)
            .withKeySerde(Serdes.String()).withValueSerde(topics.weatherWarnings.valueSerde()));
    KStream<String, AreaUpdate> weatherByTownship = warnings
        .flatMap((key, warning) -> AreaUpdates.weather(warning, townshipIds(reference)).stream()
            .map(u -> KeyValue.pair(AreaKeys.area(u.getAreaType(), u.getAreaId()), u)).toList(), Named.as("weather-by-township"));

    KStream<String, AreaUpdate> areaUpdates = sums
        .merge(hazardsToTownship, Named.as("merge-hazard-states"))
        .merge(weatherByTownship, Named.as("merge-weather"))
        .repartition(Repartitioned.<String, AreaUpdate>as(StoreNames.AREA_UPDATES_REPARTITION)
            .withKeySerde(Serdes.String()).withValueSerde(topics.serde(AreaUpdate.class)));

    areaUpdates
        .process(() -> new AreaAggregator(config, areaNames(reference)), Named.as("area-figures"),
            StoreNames.AREA_TOTALS, StoreNames.AREA_DAILY, StoreNames.AREA_HOURLY, StoreNames.AREA_MONTHLY)
        .to(new AreaStatsTopic(topics.townshipStats.name(), topics.sectorStats.name(), topics.gridStats.name(),
                topics.parkStats.name()),
            Produced.with(Serdes.String(), topics.townshipStats.valueSerde()).withName("area-stats-sink"));

    return areaUpdates.process(
        () -> new AreaRulesProcessor(config, rules, hazardRules, areaRules, standingRules, reference), Named.as("area-rules"),
        StoreNames.AREA_OPEN_HAZARDS, StoreNames.AREA_WEATHER, StoreNames.AREA_HOURLY, StoreNames.AREA_TOTALS);
  }

  /** Each kind of area's figures to its topic; named so that the description of the topology is stable. */
  private record AreaStatsTopic(String townships, String sectors, String grids, String parks)
      implements TopicNameExtractor<String, AreaStats> {
    @Override
    public String extract(String key, AreaStats stats, RecordContext context) {
      return switch (stats.getAreaType()) {
        case TOWNSHIP -> townships;
        case GRID -> grids;
        case PARK -> parks;
        default -> sectors;
      };
    }

    @Override
    public String toString() {
      return "AreaStatsTopic[" + townships + ", " + sectors + ", " + grids + " or " + parks + "]";
    }
  }

  /** The townships a warning for "the whole district" (no township listed) covers. */
  static List<String> townshipIds(ReferenceData reference) {
    return reference.townships().stream().map(t -> t.id()).toList();
  }

  /** Display names for area keys, from the shipped reference data. */
  static Function<String, String> areaNames(ReferenceData reference) {
    return area -> switch (AreaKeys.type(area)) {
      case TOWNSHIP -> reference.township(AreaKeys.id(area)).map(t -> t.nameZh()).orElse(null);
      case SECTOR -> reference.sector(AreaKeys.id(area)).map(s -> s.nameZh()).orElse(null);
      case PARK -> reference.parkName(AreaKeys.id(area));
      default -> null;
    };
  }
}
