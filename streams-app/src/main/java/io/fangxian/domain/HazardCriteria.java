package io.fangxian.domain;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The catalogue of major-hazard criteria: every clause a major hazard may cite as its 判定依据, and
 * the sectors each applies to. The product ships {@code reference/major-hazard-criteria.csv}
 * (columns {@code clauseId,standardShort,standard,article,text,sectors,source}; {@code sectors} is
 * a {@code ;} list of sector ids or {@code *} for all; an optional {@code supersededBy} column names
 * the standard that replaced a clause's own, such as GB 35181-2017 by GB 35181-2025); a district
 * replaces it with its own file ({@code hazard.criteria.file}). Every row names the source its text
 * was read from. A superseded clause stays in the catalogue: a hazard judged under it before the new
 * standard took effect still cites it, still grades, and its text can still be read.
 */
public final class HazardCriteria {
  public static final String RESOURCE = "reference/major-hazard-criteria.csv";
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,63}");
  private static final List<String> COLUMNS = List.of("clauseId", "standardShort", "standard", "article", "text",
      "sectors", "source");
  private static volatile HazardCriteria builtIn;

  private final Map<String, Clause> clauses;

  private HazardCriteria(Map<String, Clause> clauses) {
    this.clauses = clauses;
  }

  /** The catalogue that ships with the product. */
  public static HazardCriteria builtIn() {
    HazardCriteria c = builtIn;
    if (c == null) {
      synchronized (HazardCriteria.class) {
        if (builtIn == null) {
          try (InputStream in = HazardCriteria.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
              throw new IllegalStateException("missing classpath resource " + RESOURCE);
            }
            builtIn = read(in, RESOURCE, ReferenceData.builtIn()); // its sectors are the built-in list's
          } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
          }
        }
        c = builtIn;
      }
    }
    return c;
  }

  /** A district's own catalogue, in the same columns; every sector it names must be in the reference data. */
  public static HazardCriteria fromFile(Path file, ReferenceData reference) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString(), reference);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the hazard criteria file " + file + ": " + e.getMessage(), e);
    }
  }

  static HazardCriteria read(InputStream in, String name, ReferenceData reference) throws IOException {
    CsvSchema schema = CsvSchema.emptySchema().withHeader();
    Map<String, Clause> byId = new LinkedHashMap<>();
    try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class).with(schema).readValues(in)) {
      int line = 1;
      while (it.hasNext()) {
        line++;
        Map<String, String> row = it.next();
        if (line == 2 && !row.keySet().containsAll(COLUMNS)) {
          throw new IllegalArgumentException(name + ": the header must name the columns " + String.join(",", COLUMNS)
              + "; it has " + String.join(",", row.keySet()));
        }
        Clause clause = clause(row, name + " line " + line, reference);
        if (byId.put(clause.id(), clause) != null) {
          throw new IllegalArgumentException(name + " line " + line + ": clause id " + clause.id() + " appears twice");
        }
      }
    }
    if (byId.isEmpty()) {
      throw new IllegalArgumentException(name + " holds no clause");
    }
    return new HazardCriteria(byId);
  }

  private static Clause clause(Map<String, String> row, String where, ReferenceData reference) {
    String id = value(row, "clauseId");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(where + ": clause id '" + id
          + "' must be 1 to 64 letters, digits, '.' or '-', starting with a letter or digit");
    }
    Set<String> sectors = new LinkedHashSet<>();
    String list = value(row, "sectors");
    if (!list.equals("*")) {
      for (String s : list.split(";")) {
        String sector = s.trim();
        if (reference.sector(sector).isEmpty()) {
          throw new IllegalArgumentException(where + ": clause " + id + " names the unknown sector '" + sector
              + "'; use the ids of reference/sectors.csv, or * for every sector");
        }
        sectors.add(sector);
      }
    }
    return new Clause(id, value(row, "standardShort"), value(row, "standard"), value(row, "article"),
        value(row, "text"), Set.copyOf(sectors), value(row, "source"), value(row, "supersededBy"));
  }

  private static String value(Map<String, String> row, String column) {
    String v = row.get(column);
    return v == null ? "" : v.trim();
  }

  public Optional<Clause> clause(String id) {
    return Optional.ofNullable(id == null ? null : clauses.get(id));
  }

  public Collection<Clause> all() {
    return clauses.values();
  }

  /** The clauses a hazard of an enterprise in {@code sectorId} may cite, in catalogue order. */
  public List<Clause> forSector(String sectorId) {
    List<Clause> found = new ArrayList<>();
    for (Clause c : clauses.values()) {
      if (c.appliesTo(sectorId)) {
        found.add(c);
      }
    }
    return found;
  }
}
