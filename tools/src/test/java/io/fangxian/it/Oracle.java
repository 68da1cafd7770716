package io.fangxian.it;

import io.fangxian.avro.AccidentEvent;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardEvent;
import io.fangxian.avro.HazardEventType;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.ViolationEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.apache.avro.specific.SpecificRecord;

/**
 * An independent computation of the figures from the same input, written as plainly as possible
 * (no code shared with the pipeline): the numbers the pipeline must agree with.
 */
public final class Oracle {
  /** The figures of one township or sector. */
  public record Figures(long hazardsReported, long openHazards, long openMajorHazards, long overdueHazards,
      long closedHazards, long violations, double fineYuanTotal, long inspections,
      long accidents, long accidentDeaths, long accidentSeriousInjuries, double accidentDirectLossYuan,
      long accidentsGeneral, long accidentsLarger, long accidentsMajor, long accidentsEspeciallyMajor,
      long accidentsReportedLate, long openUnclassifiedMajorHazards, Map<String, Long> hazardsByCategory,
      Map<String, Long> majorHazardsByClause) { }

  /** The criteria catalogue, read here from its CSV: clause id → the sectors it applies to (empty: all). */
  private static final Map<String, Set<String>> CLAUSES = readClauses();

  /** The latest version of an accident, where it was first counted. */
  private record Accident(String enterpriseId, String township, String sector, AccidentEvent latest) { }

  private final Map<String, Accident> accidents = new HashMap<>();

  private final Map<String, Enterprise> enterprises = new HashMap<>();
  private final Set<String> seen = new HashSet<>();
  private final Map<String, Hazard> hazards = new HashMap<>();
  private final List<Object[]> counted = new java.util.ArrayList<>(); // township, sector, violation?, fine, inspection?

  private static final class Hazard {
    String township;
    String sector;
    boolean major;
    String category; // null: unclassified
    String clause; // null: none the catalogue knows
    boolean closed;
    Instant deadline;
    int step;
  }

  public void accept(SpecificRecord r) {
    if (r instanceof Enterprise e) {
      enterprises.put(e.getEnterpriseId(), e);
    } else if (r instanceof HazardEvent h) {
      Enterprise e = enterprises.get(h.getEnterpriseId());
      if (e == null || !seen.add("h" + h.getEventId())) {
        return;
      }
      Hazard hz = hazards.get(h.getHazardId());
      int step = switch (h.getType()) {
        case REPORTED -> 0;
        case RECTIFICATION_STARTED -> 1;
        case RECTIFIED -> 2;
        case VERIFIED_CLOSED -> 3;
        default -> -1;
      };
      if (h.getType() == HazardEventType.REPORTED) {
        if (hz != null) {
          seen.remove("h" + h.getEventId());
          return;
        }
        Set<String> clauseSectors = h.getClauseId() == null ? null : CLAUSES.get(h.getClauseId().trim());
        if (clauseSectors != null && !clauseSectors.isEmpty() && !clauseSectors.contains(e.getSectorId())) {
          seen.remove("h" + h.getEventId()); // a clause of another sector's standard: a dead letter
          return;
        }
        hz = new Hazard();
        hz.township = e.getTownshipId();
        hz.sector = e.getSectorId();
        hz.major = h.getSeverity() == HazardSeverity.MAJOR;
        hz.category = h.getCategory() == null ? null : h.getCategory().name();
        hz.clause = clauseSectors == null ? null : h.getClauseId().trim();
        hz.deadline = h.getDeadline();
        hazards.put(h.getHazardId(), hz);
      } else if (hz == null || hz.closed || (step >= 0 && step <= hz.step)) {
        seen.remove("h" + h.getEventId());
      } else if (h.getType() == HazardEventType.DEADLINE_EXTENDED) {
        hz.deadline = h.getDeadline();
      } else {
        hz.step = step;
        hz.closed = h.getType() == HazardEventType.VERIFIED_CLOSED;
      }
    } else if (r instanceof ViolationEvent v) {
      Enterprise e = enterprises.get(v.getEnterpriseId());
      if (e != null && seen.add("v" + v.getEventId())) {
        counted.add(new Object[] {e.getTownshipId(), e.getSectorId(), true, v.getFineYuan() == null ? 0.0 : v.getFineYuan(), false});
      }
    } else if (r instanceof AccidentEvent a) {
      Enterprise e = enterprises.get(a.getEnterpriseId());
      if (e == null || !seen.add("a" + a.getEventId())) {
        return;
      }
      Accident known = accidents.get(a.getAccidentId());
      if (known == null) {
        accidents.put(a.getAccidentId(), new Accident(a.getEnterpriseId(), e.getTownshipId(), e.getSectorId(), a));
      } else if (known.enterpriseId().equals(a.getEnterpriseId())) {
        accidents.put(a.getAccidentId(), new Accident(known.enterpriseId(), known.township(), known.sector(), a));
      } else {
        seen.remove("a" + a.getEventId());
      }
    } else if (r instanceof InspectionEvent i) {
      Enterprise e = enterprises.get(i.getEnterpriseId());
      if (e != null && seen.add("i" + i.getEventId())) {
        counted.add(new Object[] {e.getTownshipId(), e.getSectorId(), false, 0.0, true});
      }
    }
  }

  /** Figures per township (or per sector) as of the wall-clock time {@code now}. */
  public Map<String, Figures> figures(boolean byTownship, Instant now) {
    Map<String, long[]> n = new TreeMap<>();
    Map<String, Double> fines = new TreeMap<>();
    Map<String, Map<String, Long>> categories = new TreeMap<>();
    Map<String, Map<String, Long>> clauses = new TreeMap<>();
    Map<String, Long> unclassifiedOpen = new TreeMap<>();
    for (Hazard h : hazards.values()) {
      String area = byTownship ? h.township : h.sector;
      long[] c = n.computeIfAbsent(area, k -> new long[7]);
      c[0]++;
      categories.computeIfAbsent(area, k -> new TreeMap<>()).merge(h.category == null ? "UNCLASSIFIED" : h.category, 1L, Long::sum);
      if (h.major) {
        clauses.computeIfAbsent(area, k -> new TreeMap<>()).merge(h.clause == null ? "UNCLASSIFIED" : h.clause, 1L, Long::sum);
      }
      if (h.closed) {
        c[4]++;
      } else {
        c[1]++;
        c[2] += h.major ? 1 : 0;
        unclassifiedOpen.merge(area, h.major && h.clause == null ? 1L : 0L, Long::sum);
        c[3] += h.deadline != null && !h.deadline.isAfter(now) ? 1 : 0;
      }
    }
    for (Object[] row : counted) {
      String area = (String) (byTownship ? row[0] : row[1]);
      long[] c = n.computeIfAbsent(area, k -> new long[7]);
      if ((Boolean) row[2]) {
        c[5]++;
        fines.merge(area, (Double) row[3], Double::sum);
      } else {
        c[6]++;
      }
    }
    // Accidents: [count, deaths, serious, general, larger, major, especially major, late]; grades per
    // 国务院令第493号 art. 3 written out here, late per art. 9 (more than 60 minutes).
    Map<String, long[]> acc = new TreeMap<>();
    Map<String, Double> losses = new TreeMap<>();
    for (Accident a : accidents.values()) {
      String area = byTownship ? a.township() : a.sector();
      n.computeIfAbsent(area, k -> new long[7]);
      long[] c = acc.computeIfAbsent(area, k -> new long[8]);
      AccidentEvent e = a.latest();
      int d = e.getDeaths();
      int s = e.getSeriousInjuries();
      double y = e.getDirectLossYuan();
      c[0]++;
      c[1] += d;
      c[2] += s;
      if (d >= 30 || s >= 100 || y >= 1e8) {
        c[6]++;
      } else if (d >= 10 || s >= 50 || y >= 5e7) {
        c[5]++;
      } else if (d >= 3 || s >= 10 || y >= 1e7) {
        c[4]++;
      } else {
        c[3]++;
      }
      if (e.getReportedAt().toEpochMilli() - e.getOccurredAt().toEpochMilli() > 3_600_000L) {
        c[7]++;
      }
      losses.merge(area, y, Double::sum);
    }
    Map<String, Figures> result = new TreeMap<>();
    n.forEach((area, c) -> {
      long[] a = acc.getOrDefault(area, new long[8]);
      result.put(area, new Figures(c[0], c[1], c[2], c[3], c[4], c[5],
          Math.round(fines.getOrDefault(area, 0.0) * 100) / 100.0, c[6],
          a[0], a[1], a[2], Math.round(losses.getOrDefault(area, 0.0) * 100) / 100.0, a[3], a[4], a[5], a[6], a[7],
          unclassifiedOpen.getOrDefault(area, 0L), categories.getOrDefault(area, Map.of()),
          clauses.getOrDefault(area, Map.of())));
    });
    return result;
  }

  private static Map<String, Set<String>> readClauses() {
    Map<String, Set<String>> clauses = new HashMap<>();
    try (var in = Oracle.class.getClassLoader().getResourceAsStream("reference/major-hazard-criteria.csv");
         var rows = new CsvMapper().readerForMapOf(String.class).with(CsvSchema.emptySchema().withHeader())
             .<Map<String, String>>readValues(in)) {
      rows.forEachRemaining(row -> clauses.put(row.get("clauseId").trim(), row.get("sectors").trim().equals("*")
          ? Set.of() : Set.of(row.get("sectors").trim().split(";"))));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return clauses;
  }
}
