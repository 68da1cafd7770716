package io.fangxian.areas;

import io.fangxian.avro.AreaStats;
import io.fangxian.avro.AreaType;
import io.fangxian.avro.RecentCounts;
import io.fangxian.avro.SupervisionLevel;
import io.fangxian.avro.WeatherWarning;
import io.fangxian.domain.Clause;
import io.fangxian.domain.ReferenceData;
import io.fangxian.domain.Sector;
import io.fangxian.domain.Township;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The townships', sectors', grids' and parks' figures as the API shows them, their days, and the weather warnings. */
public final class AreaViews {
  private AreaViews() { }

  /** Counts over a period (a rolling window or a local day). */
  public record Counts(long hazardsReported, long majorHazardsReported, long violations, long inspections,
                       long selfReportedHazards, long inspectionFoundHazards, long accidents) {
    public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0);

    public static Counts from(RecentCounts c) {
      return c == null ? ZERO : new Counts(c.getHazardsReported(), c.getMajorHazardsReported(), c.getViolations(),
          c.getInspections(), c.getSelfReportedHazards(), c.getInspectionFoundHazards(), c.getAccidents());
    }

    public Counts plus(Counts o) {
      return new Counts(hazardsReported + o.hazardsReported, majorHazardsReported + o.majorHazardsReported,
          violations + o.violations, inspections + o.inspections, selfReportedHazards + o.selfReportedHazards,
          inspectionFoundHazards + o.inspectionFoundHazards, accidents + o.accidents);
    }
  }

  /** The figures of one township or sector (隐患一口清), windows computed at query time. */
  public record AreaFigures(String areaType, String areaId, String areaName, String areaNameEn, boolean keyArea,
                            long hazardsReported, long openHazards, long openMajorHazards, long overdueHazards,
                            long closedHazards, long rectifiedHazards, long majorHazardsReported, long violations,
                            double fineYuanTotal, long inspections, Map<String, Long> inspectionsByKind,
                            Map<String, Long> hazardsBySource, double rectificationRate, double closureRate, Counts last24h, Counts last7d, Counts last30d,
                            long accidents, long accidentDeaths, long accidentSeriousInjuries,
                            long accidentMinorInjuries, double accidentDirectLossYuan, long accidentsGeneral,
                            long accidentsLarger, long accidentsMajor, long accidentsEspeciallyMajor,
                            long accidentsReportedLate, Map<String, Long> hazardsByCategory,
                            List<Cause> majorHazardCauses, long unclassifiedMajorHazardsReported,
                            long openUnclassifiedMajorHazards, long verificationOverdueHazards,
                            long openMajorHazardsUnsupervised, Map<String, Long> supervisedMajorHazardsByLevel,
                            long enterprises, long inspectedLast30d, long inspectedLast90d, long inspectedLast365d,
                            long neverInspected, double coverageLast30d, double coverageLast90d, double coverageLast365d,
                            long keyAreaEnterprises, long keyAreaInspectedLast90d, double keyAreaCoverageLast90d,
                            long nonCompliantEnterprises, long certificatesExpiringWithin30d, long certificatesExpired,
                            long certificatesReviewOverdue, long patrolledLast90d, long writeOffReviewsOverdue,
                            long accidentsSuspectedLateReport, long accidentDutiesLate,
                            long casesOpened, long casesOpen,
                            long casesDecisionOverdue, double penaltyYuanDecided, long dailyFineCases,
                            long criminalTransfers, long openMajorHazardsWithoutCase,
                            long reportsReceived, long reportsSubstantiated, long reportsVerificationOverdue,
                            double rewardYuan, Instant updatedAt) {

    public static AreaFigures from(AreaStats s, ReferenceData reference) {
      String type = s.getAreaType().name();
      String id = s.getAreaId();
      return new AreaFigures(type, id, nameZh(reference, s.getAreaType(), id, s.getAreaName()),
          nameEn(reference, s.getAreaType(), id), isKeyArea(reference, s.getAreaType(), id),
          s.getHazardsReported(), s.getOpenHazards(), s.getOpenMajorHazards(), s.getOverdueHazards(),
          s.getClosedHazards(), Math.max(0, s.getRectifiedHazards()), s.getMajorHazardsReported(), s.getViolations(),
          s.getFineYuanTotal(), s.getInspections(), new TreeMap<>(s.getInspectionsByKind()),
          new TreeMap<>(s.getHazardsBySource()), s.getRectificationRate(),
          io.fangxian.stats.AreaFigures.share(s.getClosedHazards(), s.getHazardsReported()), Counts.from(s.getLast24h()), Counts.from(s.getLast7d()),
          Counts.from(s.getLast30d()),
          s.getAccidents(), s.getAccidentDeaths(), s.getAccidentSeriousInjuries(), s.getAccidentMinorInjuries(),
          s.getAccidentDirectLossYuan(), s.getAccidentsGeneral(), s.getAccidentsLarger(), s.getAccidentsMajor(),
          s.getAccidentsEspeciallyMajor(), s.getAccidentsReportedLate(), mostFirst(s.getHazardsByCategory()),
          Cause.of(s.getMajorHazardsByClause(), reference), s.getUnclassifiedMajorHazardsReported(),
          s.getOpenUnclassifiedMajorHazards(), s.getVerificationOverdueHazards(), s.getOpenMajorHazardsUnsupervised(),
          byLevel(s.getSupervisedMajorHazardsByLevel()),
          s.getEnterprises(), s.getInspectedLast30d(), s.getInspectedLast90d(), s.getInspectedLast365d(),
          s.getNeverInspected(), s.getCoverageLast30d(), s.getCoverageLast90d(), s.getCoverageLast365d(),
          s.getKeyAreaEnterprises(), s.getKeyAreaInspectedLast90d(), s.getKeyAreaCoverageLast90d(),
          s.getNonCompliantEnterprises(), s.getCertificatesExpiringWithin30d(), s.getCertificatesExpired(),
          s.getCertificatesReviewOverdue(), s.getPatrolledLast90d(), s.getWriteOffReviewsOverdue(),
          s.getAccidentsSuspectedLateReport(), s.getAccidentDutiesLate(), s.getCasesOpened(), s.getCasesOpen(), s.getCasesDecisionOverdue(),
          s.getPenaltyYuanDecided(), s.getDailyFineCases(), s.getCriminalTransfers(), s.getOpenMajorHazardsWithoutCase(),
          s.getReportsReceived(), s.getReportsSubstantiated(), s.getReportsVerificationOverdue(), s.getRewardYuan(),
          s.getUpdatedAt());
    }

    /** The same figures under another display name (a grid named from reference.grids). */
    public AreaFigures named(String name) {
      return name == null || name.equals(areaName) ? this : new AreaFigures(areaType, areaId, name, areaNameEn, keyArea,
          hazardsReported, openHazards, openMajorHazards, overdueHazards, closedHazards, rectifiedHazards,
          majorHazardsReported, violations, fineYuanTotal, inspections, inspectionsByKind, hazardsBySource,
          rectificationRate, closureRate, last24h, last7d, last30d,
          accidents, accidentDeaths, accidentSeriousInjuries, accidentMinorInjuries, accidentDirectLossYuan,
          accidentsGeneral, accidentsLarger, accidentsMajor, accidentsEspeciallyMajor, accidentsReportedLate,
          hazardsByCategory, majorHazardCauses, unclassifiedMajorHazardsReported, openUnclassifiedMajorHazards,
          verificationOverdueHazards, openMajorHazardsUnsupervised, supervisedMajorHazardsByLevel, enterprises,
          inspectedLast30d, inspectedLast90d, inspectedLast365d, neverInspected, coverageLast30d, coverageLast90d,
          coverageLast365d, keyAreaEnterprises, keyAreaInspectedLast90d, keyAreaCoverageLast90d, nonCompliantEnterprises,
          certificatesExpiringWithin30d, certificatesExpired, certificatesReviewOverdue, patrolledLast90d,
          writeOffReviewsOverdue, accidentsSuspectedLateReport, accidentDutiesLate, casesOpened, casesOpen, casesDecisionOverdue,
          penaltyYuanDecided, dailyFineCases, criminalTransfers, openMajorHazardsWithoutCase, reportsReceived,
          reportsSubstantiated, reportsVerificationOverdue, rewardYuan, updatedAt);
    }

    /** An area of the reference data with nothing recorded yet. */
    public static AreaFigures zero(AreaType type, String id, ReferenceData reference) {
      return new AreaFigures(type.name(), id, nameZh(reference, type, id, null), nameEn(reference, type, id),
          isKeyArea(reference, type, id),
          0, 0, 0, 0, 0, 0, 0, 0, 0.0, 0, Map.of(), Map.of(), 0.0, 0.0, Counts.ZERO, Counts.ZERO, Counts.ZERO,
          0, 0, 0, 0, 0.0, 0, 0, 0, 0, 0, Map.of(), List.of(), 0, 0, 0, 0, Map.of(),
          0, 0, 0, 0, 0, 0.0, 0.0, 0.0, 0, 0, 0.0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.0, 0, 0, 0, 0, 0, 0, 0.0, null);
    }
  }

  /**
   * Major hazards reported under one criteria clause (判定依据), with the clause as the catalogue
   * states it; {@code UNCLASSIFIED} (no clause the catalogue knows) has no text.
   */
  public record Cause(String clauseId, long majorHazards, String standard, String article, String text) {
    /** The counts by clause, the most frequent first (then by clause id). */
    static List<Cause> of(Map<? extends CharSequence, Long> byClause, ReferenceData reference) {
      return byClause.entrySet().stream()
          .map(e -> {
            String id = e.getKey().toString();
            Optional<Clause> c = reference.criteria().clause(id);
            return new Cause(id, e.getValue(), c.map(Clause::standard).orElse(null),
                c.map(Clause::article).orElse(null), c.map(Clause::text).orElse(null));
          })
          .sorted(Comparator.comparingLong(Cause::majorHazards).reversed().thenComparing(Cause::clauseId))
          .toList();
    }
  }

  /** Supervised major hazards by level, in the order of the levels (township first). */
  static Map<String, Long> byLevel(Map<? extends CharSequence, Long> counts) {
    Map<String, Long> ordered = new LinkedHashMap<>();
    for (SupervisionLevel level : SupervisionLevel.values()) {
      counts.forEach((k, v) -> {
        if (k.toString().equals(level.name())) {
          ordered.put(level.name(), v);
        }
      });
    }
    return ordered;
  }

  /** A count map ordered with the largest count first (ties by key), as JSON keeps it. */
  static Map<String, Long> mostFirst(Map<? extends CharSequence, Long> counts) {
    Map<String, Long> ordered = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Comparator.<Map.Entry<? extends CharSequence, Long>>comparingLong(Map.Entry::getValue).reversed()
            .thenComparing(e -> e.getKey().toString()))
        .forEach(e -> ordered.put(e.getKey().toString(), e.getValue()));
    return ordered;
  }
  /** One local day of an area. */
  public record Day(LocalDate date, long hazardsReported, long majorHazardsReported, long violations,
                    long inspections, long selfReportedHazards, long inspectionFoundHazards, long accidents) {
    public static Day of(LocalDate date, Counts c) {
      return new Day(date, c.hazardsReported(), c.majorHazardsReported(), c.violations(), c.inspections(),
          c.selfReportedHazards(), c.inspectionFoundHazards(), c.accidents());
    }
  }

  /** Per local day counts of an area between two days, inclusive; days without records are zeros. */
  public record Daily(String areaType, String areaId, String areaName, String zone, LocalDate from, LocalDate to,
                      Counts total, List<Day> days) { }

  /** A weather warning; {@code townshipIds} empty means the whole district. */
  public record WeatherWarningView(String warningId, String eventId, String kind, String level,
                                   List<String> townshipIds, Instant validFrom, Instant validTo, String headline,
                                   boolean active) {
    public static WeatherWarningView from(WeatherWarning w, long nowMs) {
      boolean active = w.getValidFrom().toEpochMilli() <= nowMs && nowMs < w.getValidTo().toEpochMilli();
      return new WeatherWarningView(w.getWarningId(), w.getEventId(), w.getKind().name(), w.getLevel().name(),
          List.copyOf(w.getTownshipIds()), w.getValidFrom(), w.getValidTo(), w.getHeadline(), active);
    }
  }

  private static String nameZh(ReferenceData reference, AreaType type, String id, String stored) {
    String ref = switch (type) {
      case TOWNSHIP -> reference.townshipName(id);
      case SECTOR -> reference.sectorName(id);
      case PARK -> reference.parkName(id);
      default -> null;
    };
    return ref != null ? ref : stored;
  }

  private static String nameEn(ReferenceData reference, AreaType type, String id) {
    return switch (type) {
      case TOWNSHIP -> reference.township(id).map(Township::nameEn).orElse(null);
      case SECTOR -> reference.sector(id).map(Sector::nameEn).orElse(null);
      default -> null;
    };
  }

  private static boolean isKeyArea(ReferenceData reference, AreaType type, String id) {
    return type == AreaType.SECTOR && reference.sector(id).map(Sector::keyArea).orElse(false);
  }
}
