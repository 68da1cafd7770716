package io.fangxian.domain;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The district's townships, the sector catalogue and the major-hazard criteria, read from
 * {@code reference/townships.csv}, {@code reference/sectors.csv} and
 * {@code reference/major-hazard-criteria.csv} on the classpath; a district's own criteria file
 * replaces the last ({@link #withCriteria}). The application builds its instance once at start and
 * passes it to the topology and the query side alike; nothing holds it in a static.
 */
public final class ReferenceData {

  private final Map<String, Township> townships;
  private final Map<String, Sector> sectors;
  private final Map<String, Park> parks;
  private final Map<String, SpecialOperation> specialOperations;
  private final HazardCriteria criteria; // null: the built-in catalogue, read on first use

  private ReferenceData(Map<String, Township> townships, Map<String, Sector> sectors, Map<String, Park> parks,
      Map<String, SpecialOperation> specialOperations, HazardCriteria criteria) {
    this.townships = townships;
    this.sectors = sectors;
    this.parks = parks;
    this.specialOperations = specialOperations;
    this.criteria = criteria;
  }

  /** The same townships and sectors with a district's own criteria catalogue. */
  public ReferenceData withCriteria(HazardCriteria districtCriteria) {
    return new ReferenceData(townships, sectors, parks, specialOperations, districtCriteria);
  }

  /**
   * The district's own sector list over the built-in one: {@code loaded} replaces the sectors of
   * the same id and adds the others, in their order after the built-in ones; {@code removed} drops
   * built-in sectors (a tombstone on reference.sectors).
   */
  public ReferenceData withSectors(List<Sector> loaded, Set<String> removed) {
    Map<String, Sector> merged = new LinkedHashMap<>(sectors);
    removed.forEach(merged::remove);
    loaded.forEach(s -> merged.put(s.id(), s));
    return new ReferenceData(townships, merged, parks, specialOperations, criteria);
  }

  public HazardCriteria criteria() {
    return criteria == null ? HazardCriteria.builtIn() : criteria;
  }

  /**
   * The built-in reference data ({@link #builtIn()}), for tests' fixtures and the data generator. The
   * application's own lists (a district's sectors and criteria) are the instance it was given.
   */
  public static ReferenceData load() {
    return builtIn();
  }

  private static volatile ReferenceData builtIn;

  /** The reference data that ships with the product (the classpath files), read once; never replaced. */
  public static ReferenceData builtIn() {
    ReferenceData r = builtIn;
    if (r == null) {
      synchronized (ReferenceData.class) {
        if (builtIn == null) {
          builtIn = new ReferenceData(
              index(readCsv("reference/townships.csv", Township.class), Township::id, "township"),
              index(readCsv("reference/sectors.csv", Sector.class), Sector::id, "sector"),
              index(readCsv("reference/parks.csv", Park.class), Park::id, "park"),
              index(readCsv("reference/special-operations.csv", SpecialOperation.class), SpecialOperation::id,
                  "special operation"), null);
        }
        r = builtIn;
      }
    }
    return r;
  }

  public List<Township> townships() {
    return List.copyOf(townships.values());
  }

  public Optional<Township> township(String id) {
    return Optional.ofNullable(id == null ? null : townships.get(id));
  }

  /** A township's Chinese name, or null for an id the list does not hold. */
  public String townshipName(String id) {
    return township(id).map(Township::nameZh).orElse(null);
  }

  public List<Sector> sectors() {
    return List.copyOf(sectors.values());
  }

  public Optional<Sector> sector(String id) {
    return Optional.ofNullable(id == null ? null : sectors.get(id));
  }

  /** A sector's Chinese name, or null for an id the list does not hold. */
  public String sectorName(String id) {
    return sector(id).map(Sector::nameZh).orElse(null);
  }

  /** A park's name; a park id the list does not hold is named by its id. */
  public String parkName(String id) {
    Park park = parks.get(id);
    return park == null ? id : park.nameZh();
  }

  public List<Park> parks() {
    return List.copyOf(parks.values());
  }

  public List<SpecialOperation> specialOperations() {
    return List.copyOf(specialOperations.values());
  }

  /**
   * The catalogue category of a special operation given by id, Chinese name or one of its items
   * (电工作业 and 低压电工作业 → electrical): a certificate of any item of a category answers a need
   * for that category. Text the catalogue does not hold is kept as written, trimmed, so that it
   * still matches itself.
   */
  public String specialOperationId(String idOrName) {
    String text = idOrName.strip();
    return specialOperations.values().stream().filter(o -> o.named(text)).map(SpecialOperation::id)
        .findFirst().orElse(text);
  }

  /** The eight key areas (DESIGN §1), in catalogue order. */
  public Set<String> keyAreaSectorIds() {
    Set<String> ids = new LinkedHashSet<>();
    sectors.values().stream().filter(Sector::keyArea).forEach(s -> ids.add(s.id()));
    return Collections.unmodifiableSet(ids);
  }

  /** Whether an enterprise is in one of the key areas: its sector is one, or it lies in the chemical zone. */
  public boolean inKeyArea(io.fangxian.avro.Enterprise e) {
    return sectors.containsKey(e.getSectorId()) && sectors.get(e.getSectorId()).keyArea() || e.getInChemicalZone();
  }

  /** Sectors whose risk rises under weather warnings, in catalogue order. */
  public Set<String> weatherSensitiveSectorIds() {
    Set<String> ids = new LinkedHashSet<>();
    sectors.values().stream().filter(Sector::weatherSensitive).forEach(s -> ids.add(s.id()));
    return Collections.unmodifiableSet(ids);
  }

  private static <T> List<T> readCsv(String resource, Class<T> type) {
    try (InputStream in = ReferenceData.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + resource);
      }
      CsvMapper mapper = new CsvMapper();
      CsvSchema schema = CsvSchema.emptySchema().withHeader();
      try (MappingIterator<T> it = mapper.readerFor(type).with(schema).readValues(in)) {
        return it.readAll();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  private static <T> Map<String, T> index(List<T> rows, java.util.function.Function<T, String> id, String what) {
    Map<String, T> byId = new LinkedHashMap<>();
    for (T row : rows) {
      if (byId.put(id.apply(row), row) != null) {
        throw new IllegalStateException("duplicate " + what + " id " + id.apply(row));
      }
    }
    return byId;
  }
}
