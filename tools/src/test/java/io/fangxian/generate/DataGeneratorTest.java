package io.fangxian.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.fangxian.avro.CertificateEvent;
import io.fangxian.avro.CertificatePost;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardEvent;
import io.fangxian.avro.HazardEventType;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.HazardState;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.InspectionKind;
import io.fangxian.avro.Leader;
import io.fangxian.avro.LeaderRole;
import io.fangxian.avro.RiskLevel;
import io.fangxian.avro.ViolationAction;
import io.fangxian.avro.ViolationEvent;
import io.fangxian.avro.WarningLevel;
import io.fangxian.avro.WeatherKind;
import io.fangxian.avro.WeatherWarning;
import io.fangxian.domain.CreditCode;
import io.fangxian.domain.ReferenceData;
import io.fangxian.domain.Sector;
import io.fangxian.domain.WeatherSignals;
import io.fangxian.ledger.HazardLifecycle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DataGeneratorTest {
  static final Instant START = Instant.parse("2026-07-15T02:00:00Z"); // 10:00 in Jintan
  static final Instant DEMO_END = START.plus(Duration.ofMinutes(10));
  static final DataGenerator.Config CONFIG = DataGenerator.Config.defaults(START)
      .withSeed(42).withEnterprises(150).withHistoryDays(14).withDuplicateRate(0.03);

  static final ReferenceData REF = ReferenceData.load();
  static RecordingSink run;
  static DataGenerator.Scenarios scenarios;
  static Map<String, Enterprise> enterprises;

  @BeforeAll
  static void generate() {
    run = new RecordingSink();
    DataGenerator gen = new DataGenerator(CONFIG, run);
    gen.emitReferenceData();
    gen.emitUntil(DEMO_END);
    scenarios = gen.scenarios().orElseThrow();
    enterprises = run.enterprises.stream().collect(Collectors.toMap(Enterprise::getEnterpriseId, e -> e));
  }

  @Test
  void sameSeedSameEventsWhateverTheSteps() {
    RecordingSink stepped = new RecordingSink();
    DataGenerator gen = new DataGenerator(CONFIG, stepped);
    gen.emitReferenceData();
    for (Instant t = START.minus(Duration.ofDays(15)); !t.isAfter(DEMO_END); t = t.plus(Duration.ofMinutes(37))) {
      gen.step(t);
    }
    gen.emitUntil(DEMO_END);
    assertThat(stepped.all).isEqualTo(run.all);

    RecordingSink other = new RecordingSink();
    new DataGenerator(CONFIG.withSeed(43), other).emitUntil(DEMO_END);
    assertThat(other.enterprises).isNotEqualTo(run.enterprises);
  }

  @Test
  void theRosterNamesALeaderForEveryTownshipAndDepartmentAndTheDistrict() {
    assertThat(run.roster).filteredOn(l -> l.getRole() == LeaderRole.TOWNSHIP_LEADER)
        .flatExtracting(Leader::getTownshipIds).containsExactlyInAnyOrderElementsOf(
            REF.townships().stream().map(io.fangxian.domain.Township::id).toList());
    assertThat(run.roster).filteredOn(l -> l.getRole() == LeaderRole.DEPARTMENT_HEAD).extracting(Leader::getDepartment)
        .containsExactlyInAnyOrderElementsOf(new java.util.TreeSet<>(io.fangxian.alerts.Responsibilities.builtIn().values()));
    assertThat(run.roster).filteredOn(l -> l.getRole() == LeaderRole.DEPUTY_DISTRICT_HEAD).hasSize(1);
    List<String> linked = run.roster.stream().flatMap(l -> l.getEnterpriseIds().stream()).toList();
    assertThat(linked).isNotEmpty().allSatisfy(id -> assertThat(enterprises.get(id).getKeySupervised()).isTrue());
  }

  @Test
  void enterprisesAreValidAndPlausible() {
    assertThat(run.enterprises).hasSize(150);
    assertThat(enterprises).hasSize(150);
    assertThat(run.enterprises.stream().map(Enterprise::getName).distinct()).hasSize(150);
    for (Enterprise e : run.enterprises) {
      assertThat(CreditCode.problem(e.getEnterpriseId())).as(e.getEnterpriseId()).isEmpty();
      assertThat(e.getEnterpriseId()).startsWith("91320413");
      assertThat(e.getAddress()).startsWith("江苏省常州市金坛区");
      assertThat(REF.township(e.getTownshipId())).as(e.getTownshipId()).isPresent();
      assertThat(REF.sector(e.getSectorId())).as(e.getSectorId()).isPresent();
      assertThat(e.getInChemicalZone()).isEqualTo(e.getSectorId().equals("chemical-zone"));
      assertThat(e.getSupervisor() != null).isEqualTo(e.getKeySupervised());
      assertThat(e.getName()).matches(".*\\p{IsHan}.*");
    }
    assertThat(run.enterprises.stream().map(Enterprise::getTownshipId).distinct().count()).isGreaterThanOrEqualTo(10);
    assertThat(run.enterprises.stream().map(Enterprise::getSectorId).distinct().count()).isGreaterThanOrEqualTo(15);
    Map<RiskLevel, Long> risk = count(run.enterprises, Enterprise::getRiskLevel);
    assertThat(risk.getOrDefault(RiskLevel.BLUE, 0L) + risk.getOrDefault(RiskLevel.YELLOW, 0L)).isGreaterThan(90);
    assertThat(risk.get(RiskLevel.RED)).isPositive();
    long key = run.enterprises.stream().filter(Enterprise::getKeySupervised).count();
    assertThat(key).isBetween(5L, 30L);
    assertThat(run.enterprises).filteredOn(Enterprise::getKeySupervised)
        .allSatisfy(e -> assertThat(e.getSupervisor()).matches("区\\S+ \\S某"));
  }

  @Test
  void everyEventIsForAKnownEnterpriseOrTownship() {
    run.hazards.forEach(h -> assertThat(enterprises).containsKey(h.getEnterpriseId()));
    run.violations.forEach(v -> assertThat(enterprises).containsKey(v.getEnterpriseId()));
    run.inspections.forEach(i -> assertThat(enterprises).containsKey(i.getEnterpriseId()));
    run.weather.forEach(w -> w.getTownshipIds().forEach(t -> assertThat(REF.township(t)).isPresent()));
    run.accidents.forEach(a -> assertThat(enterprises).containsKey(a.getEnterpriseId()));
  }

  @Test
  void anAccidentReportedLateAndCorrectedWithANewEventId() {
    List<io.fangxian.avro.AccidentEvent> versions = run.accidents.stream()
        .filter(a -> a.getAccidentId().equals(scenarios.accidentId())).distinct().toList();
    assertThat(versions).hasSize(2);
    var first = versions.get(0);
    var correction = versions.get(1);
    assertThat(first.getEventId()).isNotEqualTo(correction.getEventId());
    assertThat(Duration.between(first.getOccurredAt(), first.getReportedAt())).isGreaterThan(Duration.ofHours(1));
    assertThat(first.getDeaths()).isZero();
    assertThat(correction.getDeaths()).isEqualTo(1);
    assertThat(io.fangxian.accident.AccidentGrade.of(correction)).isEqualTo(io.fangxian.accident.AccidentGrade.GENERAL);
    assertThat(enterprises.get(first.getEnterpriseId()).getSectorId()).isEqualTo("construction");
  }

  @Test
  void accidentsAreRareAndMostlyGeneralOverAYear() {
    RecordingSink year = new RecordingSink();
    DataGenerator gen = new DataGenerator(DataGenerator.Config.defaults(START).withSeed(7).withHistoryDays(365)
        .withScenarios(false).withHazardsPerDay(1), year);
    gen.emitUntil(START);
    long accidents = year.accidents.stream().map(a -> a.getAccidentId()).distinct().count();
    assertThat(accidents).isBetween(1L, 15L);
    year.accidents.forEach(a -> {
      assertThat(a.getReportedAt()).isAfterOrEqualTo(a.getOccurredAt());
      assertThat(a.getDeaths()).isBetween(0, 4);
    });
  }

  @Test
  void everyEnterpriseIsInAGridOfItsTownshipAndTheKeyPostsHoldCertificatesOfEveryState() {
    Map<String, io.fangxian.avro.Grid> grids = run.grids.stream()
        .collect(Collectors.toMap(io.fangxian.avro.Grid::getGridId, g -> g));
    assertThat(grids).hasSize(REF.townships().size() * DataGenerator.GRIDS_PER_TOWNSHIP);
    assertThat(run.enterprises).allSatisfy(e ->
        assertThat(grids.get(e.getGridId()).getTownshipId()).as(e.getEnterpriseId()).isEqualTo(e.getTownshipId()));
    assertThat(grids.values()).allSatisfy(g -> assertThat(g.getWorkerName()).isNotBlank());

    io.fangxian.standing.CertificateCheck check = new io.fangxian.standing.CertificateCheck(REF);
    List<CertificateEvent> keyPosts = run.certificates.stream()
        .filter(c -> c.getPost() != CertificatePost.SPECIAL_OPERATOR).toList();
    assertThat(keyPosts).isNotEmpty().allSatisfy(c -> {
      assertThat(check.requiresKeyPosts(enterprises.get(c.getEnterpriseId()))).isTrue();
      assertThat(c.getExpiresAt()).isAfter(c.getIssuedAt());
    });
    List<CertificateEvent> operators = run.certificates.stream()
        .filter(c -> c.getPost() == CertificatePost.SPECIAL_OPERATOR).toList();
    assertThat(operators).as("special operators, 6 years, reviewed every 3").isNotEmpty().allSatisfy(c ->
        assertThat(enterprises.get(c.getEnterpriseId()).getSpecialOperations()).contains(c.getOperationType()));
    assertThat(operators).anyMatch(c -> c.getReviewedAt() != null)
        .anyMatch(c -> io.fangxian.standing.CertificateCheck.reviewOverdue(c, START))
        .anyMatch(c -> !io.fangxian.standing.CertificateCheck.reviewOverdue(c, START) && c.getReviewedAt() == null);
    Map<String, Long> states = keyPosts.stream().collect(Collectors.groupingBy(c ->
        !c.getExpiresAt().isAfter(START) ? "expired"
            : c.getExpiresAt().isBefore(START.plus(Duration.ofDays(30))) ? "expiring" : "valid", Collectors.counting()));
    assertThat(states).containsKeys("expired", "expiring", "valid");
    assertThat(states.get("valid")).isGreaterThan(states.get("expired") + states.get("expiring"));
  }

  @Test
  void eventIdsAreUniqueExceptResends() {
    Map<String, SpecificRecord> byId = new HashMap<>();
    int resent = 0;
    List<SpecificRecord> events = run.all.subList(run.enterprises.size() + run.roster.size() + run.grids.size()
        + run.certificates.size(), run.all.size());
    for (SpecificRecord r : events) {
      String id = (String) r.get(r.getSchema().getField("eventId").pos());
      SpecificRecord earlier = byId.putIfAbsent(id, r);
      if (earlier != null) {
        assertThat(r).isEqualTo(earlier);
        resent++;
      }
    }
    double rate = resent / (double) byId.size();
    assertThat(rate).isBetween(0.015, 0.045); // configured 3%
  }

  @Test
  void hazardLifecyclesAreInOrderAndTheLedgerAcceptsEveryStep() {
    Map<String, List<HazardEvent>> byHazard = distinct(run.hazards).stream()
        .collect(Collectors.groupingBy(HazardEvent::getHazardId, LinkedHashMap::new, Collectors.toList()));
    assertThat(byHazard).hasSizeGreaterThan(100);
    HazardLifecycle ledger = new HazardLifecycle(REF.criteria(), Duration.ofDays(7), Duration.ofDays(10));
    for (List<HazardEvent> events : byHazard.values()) {
      HazardEvent first = events.get(0);
      assertThat(first.getType()).isEqualTo(HazardEventType.REPORTED);
      assertThat(first.getSeverity()).isNotNull();
      assertThat(first.getSource()).isNotNull();
      assertThat(first.getDeadline()).isAfter(first.getOccurredAt());
      assertThat(first.getHazardId()).matches("YH320413-\\d{8}-\\d{5}");
      HazardState state = null;
      for (int i = 0; i < events.size(); i++) {
        HazardEvent next = events.get(i);
        if (i > 0) {
          assertThat(next.getOccurredAt()).isAfterOrEqualTo(events.get(i - 1).getOccurredAt());
        }
        assertThat(next.getEnterpriseId()).isEqualTo(first.getEnterpriseId());
        HazardState before = state;
        assertThatCode(() -> ledger.apply(before, next, enterprises.get(next.getEnterpriseId()), DEMO_END.toEpochMilli()))
            .as(events.toString()).doesNotThrowAnyException();
        state = ledger.apply(before, next, enterprises.get(next.getEnterpriseId()), DEMO_END.toEpochMilli());
      }
    }
    Map<HazardEventType, Long> types = count(distinct(run.hazards), HazardEvent::getType);
    assertThat(types).containsKeys(HazardEventType.REPORTED, HazardEventType.RECTIFICATION_STARTED,
        HazardEventType.DEADLINE_EXTENDED, HazardEventType.RECTIFIED, HazardEventType.VERIFIED_CLOSED,
        HazardEventType.SUPERVISION_ASSIGNED, HazardEventType.ENTERPRISE_ACCEPTED, HazardEventType.RECHECK_FAILED);
  }

  @Test
  void everyReportHasACategoryAndEveryMajorAClauseOfItsEnterprisesSector() {
    List<HazardEvent> reported = distinct(run.hazards).stream()
        .filter(h -> h.getType() == HazardEventType.REPORTED).toList();
    assertThat(reported).allSatisfy(h -> assertThat(h.getCategory()).isNotNull());
    assertThat(count(reported, HazardEvent::getCategory)).hasSize(4);
    List<HazardEvent> majors = reported.stream().filter(h -> h.getSeverity() == HazardSeverity.MAJOR).toList();
    assertThat(majors).isNotEmpty().allSatisfy(h -> {
      String sector = enterprises.get(h.getEnterpriseId()).getSectorId();
      var clause = REF.criteria().clause(h.getClauseId());
      assertThat(clause).as(h.getHazardId()).isPresent();
      assertThat(clause.get().appliesTo(sector)).as(h.getClauseId() + " for " + sector).isTrue();
      assertThat(h.getDescription()).contains(clause.get().text());
    });
    assertThat(reported.stream().filter(h -> h.getSeverity() == HazardSeverity.GENERAL))
        .allSatisfy(h -> assertThat(h.getClauseId()).isNull());
  }

  @Test
  void realisticMix() {
    List<HazardEvent> reported = distinct(run.hazards).stream()
        .filter(h -> h.getType() == HazardEventType.REPORTED).toList();
    Map<HazardSource, Long> sources = count(reported, HazardEvent::getSource);
    long self = sources.get(HazardSource.SELF_INSPECTION);
    assertThat(sources.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(self));
    assertThat(self).isLessThan(reported.size() / 2);
    assertThat(sources).containsKeys(HazardSource.values()[0], HazardSource.DEPARTMENT_INSPECTION,
        HazardSource.FLYING_INSPECTION, HazardSource.LINKED_SUPERVISION, HazardSource.GRID_PATROL, HazardSource.PUBLIC_REPORT);
    double major = count(reported, HazardEvent::getSeverity).get(HazardSeverity.MAJOR) / (double) reported.size();
    assertThat(major).as("major hazards are rare (scenarios add a few)").isBetween(0.01, 0.05);

    for (ViolationEvent v : distinct(run.violations)) {
      if (v.getAction() == ViolationAction.FINE) {
        assertThat(v.getFineYuan()).isBetween(5000.0, 200_000.0);
      } else if (v.getAction() == ViolationAction.WARNING) {
        assertThat(v.getFineYuan()).isNull();
      }
    }
    assertThat(count(run.violations, ViolationEvent::getAction)).containsKeys(
        ViolationAction.WARNING, ViolationAction.FINE, ViolationAction.SUSPENSION);
    assertThat(count(run.inspections, InspectionEvent::getKind)).containsKeys(
        InspectionKind.ROUTINE, InspectionKind.FLYING, InspectionKind.LINKED_SUPERVISION,
        InspectionKind.SELF_INSPECTION, InspectionKind.GRID_PATROL);
    for (WeatherWarning w : run.weather) {
      assertThat(w.getValidTo()).isAfter(w.getValidFrom());
      assertThat(w.getLevel()).isNotEqualTo(WarningLevel.UNKNOWN);
      assertThat(WeatherSignals.levels(w.getKind())).as("a possible colour for " + w.getKind()).contains(w.getLevel());
    }
  }

  @Test
  void aYearOfWeatherSendsOnlyTheColoursEachSignalHasAndNamesItsSignal() {
    // A year of history takes in the winter signals: 道路结冰 has no blue (气象灾害预警信号, 中国气象局令第16号).
    Instant end = Instant.parse("2026-02-27T02:00:00Z");
    RecordingSink year = new RecordingSink();
    new DataGenerator(DataGenerator.Config.defaults(end).withSeed(7).withEnterprises(20).withHistoryDays(365), year)
        .emitUntil(end);
    Map<WeatherKind, Long> kinds = count(year.weather, WeatherWarning::getKind);
    assertThat(kinds).containsKeys(WeatherKind.ROAD_ICING, WeatherKind.COLD_WAVE, WeatherKind.HIGH_TEMPERATURE)
        .doesNotContainKey(WeatherKind.OTHER);
    for (WeatherWarning w : year.weather) {
      assertThat(WeatherSignals.levels(w.getKind())).as("a possible colour for " + w.getKind()).contains(w.getLevel());
      assertThat(w.getHeadline()).contains(WeatherSignals.nameZh(w.getKind()) + switch (w.getLevel()) {
        case BLUE -> "蓝色";
        case YELLOW -> "黄色";
        case ORANGE -> "橙色";
        default -> "红色";
      });
    }
    assertThat(year.weather).filteredOn(w -> w.getKind() == WeatherKind.ROAD_ICING)
        .noneMatch(w -> w.getLevel() == WarningLevel.BLUE);
  }

  @Test
  void surgeInOneTownshipWithinAnHour() {
    long inHour = distinct(run.hazards).stream()
        .filter(h -> h.getType() == HazardEventType.REPORTED)
        .filter(h -> township(h.getEnterpriseId()).equals(scenarios.surgeTownshipId()))
        .filter(h -> !h.getOccurredAt().isBefore(START.minus(Duration.ofMinutes(30)))
            && !h.getOccurredAt().isAfter(START.plus(Duration.ofMinutes(5))))
        .count();
    assertThat(inHour).isGreaterThanOrEqualTo(15);
  }

  @Test
  void majorHazardsAlreadyOverdue() {
    assertThat(scenarios.overdueMajorHazardIds()).hasSize(3);
    for (String id : scenarios.overdueMajorHazardIds()) {
      List<HazardEvent> events = run.hazards.stream().filter(h -> h.getHazardId().equals(id)).toList();
      HazardEvent reported = events.get(0);
      assertThat(reported.getSeverity()).isEqualTo(HazardSeverity.MAJOR);
      assertThat(reported.getDeadline()).isBefore(START);
      assertThat(events).extracting(HazardEvent::getType).doesNotContain(HazardEventType.VERIFIED_CLOSED,
          HazardEventType.RECTIFIED, HazardEventType.DEADLINE_EXTENDED);
    }
  }

  @Test
  void repeatViolatorWithSuspension() {
    List<ViolationEvent> vs = distinct(run.violations).stream()
        .filter(v -> v.getEnterpriseId().equals(scenarios.repeatViolatorId()))
        .filter(v -> v.getOccurredAt().isAfter(START.minus(Duration.ofDays(7)))).toList();
    assertThat(vs).hasSizeGreaterThanOrEqualTo(3);
    assertThat(vs).extracting(ViolationEvent::getAction).contains(ViolationAction.SUSPENSION);
    assertThat(vs).allSatisfy(v -> assertThat(v.getOccurredAt()).isBeforeOrEqualTo(DEMO_END));
  }

  @Test
  void heatWarningOverOpenWeatherSensitiveHazards() {
    WeatherWarning w = run.weather.stream().filter(x -> x.getWarningId().equals(scenarios.heatWarningId()))
        .findFirst().orElseThrow();
    assertThat(w.getKind()).isEqualTo(WeatherKind.HIGH_TEMPERATURE);
    assertThat(w.getLevel().ordinal()).isGreaterThanOrEqualTo(WarningLevel.YELLOW.ordinal());
    assertThat(w.getTownshipIds()).containsExactly(scenarios.heatTownshipId());
    Set<String> open = openHazards(w.getValidFrom());
    Set<String> sectors = distinct(run.hazards).stream()
        .filter(h -> open.contains(h.getHazardId()))
        .filter(h -> township(h.getEnterpriseId()).equals(scenarios.heatTownshipId()))
        .map(h -> enterprises.get(h.getEnterpriseId()).getSectorId())
        .collect(Collectors.toSet());
    assertThat(sectors).contains("construction", "hazardous-chemicals");
  }

  @Test
  void keySupervisedEnterpriseGetsANewHazard() {
    Enterprise key = enterprises.get(scenarios.keySupervisedEnterpriseId());
    assertThat(key.getKeySupervised()).isTrue();
    assertThat(key.getSupervisor()).isEqualTo("区应急局 王某");
    HazardEvent h = run.hazards.stream().filter(x -> x.getHazardId().equals(scenarios.keySupervisedHazardId()))
        .findFirst().orElseThrow();
    assertThat(h.getType()).isEqualTo(HazardEventType.REPORTED);
    assertThat(h.getEnterpriseId()).isEqualTo(key.getEnterpriseId());
    assertThat(h.getOccurredAt()).isBetween(START, START.plus(Duration.ofMinutes(5)));
  }

  @Test
  void keyAreaEnterpriseWithoutSelfInspectionFor30Days() {
    Enterprise quiet = enterprises.get(scenarios.quietEnterpriseId());
    assertThat(REF.sector(quiet.getSectorId()).map(Sector::keyArea)).contains(true);
    List<InspectionEvent> its = run.inspections.stream()
        .filter(i -> i.getEnterpriseId().equals(quiet.getEnterpriseId())).toList();
    assertThat(its).extracting(InspectionEvent::getKind).contains(InspectionKind.SELF_INSPECTION);
    Instant lastSelf = its.stream().filter(i -> i.getKind() == InspectionKind.SELF_INSPECTION)
        .map(InspectionEvent::getOccurredAt).max(Comparator.naturalOrder()).orElseThrow();
    assertThat(Duration.between(lastSelf, DEMO_END).toDays()).isGreaterThanOrEqualTo(30);

    // Other key-area enterprises do self-inspect within 30 days (so the scenario stands out).
    Set<String> recentSelf = run.inspections.stream()
        .filter(i -> i.getKind() == InspectionKind.SELF_INSPECTION)
        .filter(i -> i.getOccurredAt().isAfter(DEMO_END.minus(Duration.ofDays(30))))
        .map(InspectionEvent::getEnterpriseId).collect(Collectors.toSet());
    assertThat(run.enterprises).filteredOn(e -> REF.keyAreaSectorIds().contains(e.getSectorId()))
        .filteredOn(e -> !e.getEnterpriseId().equals(quiet.getEnterpriseId()))
        .allSatisfy(e -> assertThat(recentSelf).contains(e.getEnterpriseId()));
  }

  @Test
  void inspectionsNameTheirUnitAndFlyingInspectionsAndPublicReportsFindWhatTheUnitsMissed() {
    Set<String> units = new HashSet<>();
    REF.townships().forEach(t -> units.add(t.id()));
    units.addAll(io.fangxian.alerts.Responsibilities.builtIn().values());
    run.grids.forEach(g -> units.add(g.getGridId()));
    units.add(DataGenerator.FLYING_UNIT);
    for (InspectionEvent i : run.inspections) {
      if (i.getKind() == InspectionKind.SELF_INSPECTION) {
        assertThat(i.getUnitId()).as(i.getInspectionId()).isNull();
      } else {
        assertThat(i.getUnitId()).as(i.getInspectionId()).isIn(units);
      }
    }
    assertThat(run.inspections.stream().map(InspectionEvent::getUnitId).distinct().count()).isGreaterThan(10);

    // (i): a flying inspection found a major hazard at an enterprise a unit had inspected within 30 days
    Set<String> missedBy = new HashSet<>();
    for (HazardEvent h : distinct(run.hazards)) {
      if (h.getType() != HazardEventType.REPORTED || h.getSeverity() != HazardSeverity.MAJOR
          || h.getSource() != HazardSource.FLYING_INSPECTION && h.getSource() != HazardSource.PUBLIC_REPORT) {
        continue;
      }
      for (InspectionEvent i : run.inspections) {
        if (i.getEnterpriseId().equals(h.getEnterpriseId()) && i.getUnitId() != null
            && (i.getKind() == InspectionKind.ROUTINE || i.getKind() == InspectionKind.GRID_PATROL)
            && i.getOccurredAt().isBefore(h.getOccurredAt())
            && !i.getOccurredAt().isBefore(h.getOccurredAt().minus(Duration.ofDays(30)))) {
          missedBy.add(i.getUnitId());
        }
      }
    }
    assertThat(missedBy).hasSizeGreaterThanOrEqualTo(2)
        .anyMatch(u -> u.startsWith(scenarios.heatTownshipId() + "-G")); // the grid patrol of (i)
  }

  @Test
  void townshipWhereInspectionsFindMostHazards() {
    List<HazardEvent> reported = distinct(run.hazards).stream()
        .filter(h -> h.getType() == HazardEventType.REPORTED)
        .filter(h -> township(h.getEnterpriseId()).equals(scenarios.inspectionLedTownshipId())).toList();
    long byInspection = reported.stream().filter(h -> h.getSource() == HazardSource.FLYING_INSPECTION
        || h.getSource() == HazardSource.DEPARTMENT_INSPECTION).count();
    assertThat(byInspection).isGreaterThan(reported.size() / 2);
    long self = reported.stream().filter(h -> h.getSource() == HazardSource.SELF_INSPECTION).count();
    assertThat(self).isLessThan(byInspection / 3);
  }

  @Test
  void defaultsProduceAUsefulDemoQuickly() {
    RecordingSink sink = new RecordingSink();
    DataGenerator gen = new DataGenerator(DataGenerator.Config.defaults(START), sink);
    gen.emitUntil(START);
    assertThat(sink.enterprises).hasSize(400);
    assertThat(sink.hazards.size()).isBetween(3000, 15000);
    int live = gen.emitUntil(START.plus(Duration.ofMinutes(5)));
    assertThat(live).isPositive();
  }

  private Set<String> openHazards(Instant at) {
    Set<String> open = new HashSet<>();
    for (HazardEvent h : distinct(run.hazards)) {
      if (h.getOccurredAt().isAfter(at)) {
        continue;
      }
      if (h.getType() == HazardEventType.REPORTED) {
        open.add(h.getHazardId());
      } else if (h.getType() == HazardEventType.VERIFIED_CLOSED) {
        open.remove(h.getHazardId());
      }
    }
    return open;
  }

  private static String township(String enterpriseId) {
    return enterprises.get(enterpriseId).getTownshipId();
  }

  private static <T extends SpecificRecord> List<T> distinct(List<T> events) {
    Set<Object> seen = new HashSet<>();
    List<T> out = new ArrayList<>();
    for (T e : events) {
      if (seen.add(e.get(e.getSchema().getField("eventId").pos()))) {
        out.add(e);
      }
    }
    return out;
  }

  private static <T, K> Map<K, Long> count(List<T> items, Function<T, K> key) {
    return items.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
  }

  @Test
  void casesAreMostlyDecidedInTimeSomeOverdueSomeTransferredEachInItsOrder() {
    RecordingSink year = new RecordingSink();
    DataGenerator gen = new DataGenerator(DataGenerator.Config.defaults(START).withSeed(5).withEnterprises(60)
        .withHistoryDays(240).withDuplicateRate(0), year);
    gen.emitReferenceData();
    gen.emitUntil(START);
    Map<String, List<io.fangxian.avro.CaseEvent>> byCase = year.cases.stream()
        .collect(Collectors.groupingBy(c -> c.getCaseId().toString(), LinkedHashMap::new, Collectors.toList()));
    assertThat(byCase).hasSizeGreaterThan(100);
    long inTime = 0;
    long late = 0;
    long waiting = 0;
    long transferred = 0;
    for (List<io.fangxian.avro.CaseEvent> steps : byCase.values()) {
      assertThat(steps.get(0).getType()).isEqualTo(io.fangxian.avro.CaseEventType.OPENED);
      Instant opened = steps.get(0).getOccurredAt();
      var decided = steps.stream().filter(c -> c.getType() == io.fangxian.avro.CaseEventType.DECIDED).findFirst();
      boolean moved = steps.stream().anyMatch(c -> c.getType() == io.fangxian.avro.CaseEventType.TRANSFERRED);
      boolean ended = steps.stream().anyMatch(c -> c.getType() == io.fangxian.avro.CaseEventType.WITHDRAWN);
      transferred += moved ? 1 : 0;
      if (decided.isPresent()) {
        if (decided.get().getOccurredAt().isAfter(opened.plus(Duration.ofDays(90)))) {
          late++;
        } else {
          inTime++;
        }
      } else if (!moved && !ended && opened.isBefore(START.minus(Duration.ofDays(90)))) {
        waiting++;
      }
    }
    assertThat(inTime).isGreaterThan(3 * (late + waiting));
    assertThat(late + waiting).isPositive();
    assertThat(transferred).isPositive();
    assertThat(year.cases).anySatisfy(c -> assertThat(c.getHazardIds()).isNotEmpty());
    assertThat(year.cases).anySatisfy(c -> assertThat(c.getPenalties())
        .anySatisfy(p -> assertThat(p.getKind()).isEqualTo(io.fangxian.avro.PenaltyKind.DAILY_FINE)));
  }

  @Test
  void flyingInspectionsWithFindingsAreRevisitedByTheTownshipLater() {
    List<InspectionEvent> revisits = run.inspections.stream().filter(i -> i.getInspectionId().startsWith("HT")).toList();
    assertThat(revisits).isNotEmpty().allSatisfy(r -> {
      assertThat(r.getKind()).isEqualTo(InspectionKind.ROUTINE);
      assertThat(r.getUnitId()).isEqualTo(enterprises.get(r.getEnterpriseId()).getTownshipId());
      assertThat(run.inspections).as("a flying inspection with findings 3 to 45 days before")
          .anyMatch(f -> f.getKind() == InspectionKind.FLYING && f.getFindings() > 0
              && f.getEnterpriseId().equals(r.getEnterpriseId())
              && !f.getOccurredAt().isAfter(r.getOccurredAt().minus(java.time.Duration.ofDays(3)))
              && !f.getOccurredAt().isBefore(r.getOccurredAt().minus(java.time.Duration.ofDays(45))));
    });
  }

  @Test
  void reportsGoThroughTheirWholeLifecycleEachInItsOrder() {
    RecordingSink year = new RecordingSink();
    DataGenerator gen = new DataGenerator(DataGenerator.Config.defaults(START).withSeed(5).withEnterprises(60)
        .withHistoryDays(240).withDuplicateRate(0), year);
    gen.emitReferenceData();
    gen.emitUntil(START);
    Map<String, List<io.fangxian.avro.PublicReportEvent>> byReport = year.reports.stream()
        .collect(Collectors.groupingBy(r -> r.getReportId().toString(), LinkedHashMap::new, Collectors.toList()));
    assertThat(byReport).hasSizeGreaterThan(100);
    java.util.Set<String> hazardIds = year.hazards.stream().map(h -> h.getHazardId().toString())
        .collect(Collectors.toSet());
    Map<io.fangxian.avro.PublicReportEventType, Long> reportsWith = new java.util.EnumMap<>(io.fangxian.avro.PublicReportEventType.class);
    long neverVerified = 0;
    long withoutEnterprise = 0;
    for (List<io.fangxian.avro.PublicReportEvent> steps : byReport.values()) {
      assertThat(steps.get(0).getType()).isEqualTo(io.fangxian.avro.PublicReportEventType.RECEIVED);
      assertThat(steps.get(0).getTownshipId()).isNotNull();
      assertThat(steps).extracting(io.fangxian.avro.PublicReportEvent::getEnterpriseId).containsOnly(steps.get(0).getEnterpriseId());
      steps.stream().map(io.fangxian.avro.PublicReportEvent::getType).distinct().forEach(t -> reportsWith.merge(t, 1L, Long::sum));
      List<io.fangxian.avro.PublicReportEventType> types = steps.stream().map(io.fangxian.avro.PublicReportEvent::getType).toList();
      if (types.contains(io.fangxian.avro.PublicReportEventType.ASSIGNED) && types.contains(io.fangxian.avro.PublicReportEventType.VERIFIED)) {
        assertThat(types.lastIndexOf(io.fangxian.avro.PublicReportEventType.ASSIGNED))
            .as("assigned before verified").isLessThan(types.indexOf(io.fangxian.avro.PublicReportEventType.VERIFIED));
      }
      boolean verified = steps.stream().anyMatch(r -> r.getType() == io.fangxian.avro.PublicReportEventType.VERIFIED);
      boolean rejected = steps.stream().anyMatch(r -> r.getType() == io.fangxian.avro.PublicReportEventType.REJECTED);
      neverVerified += !verified && !rejected && steps.get(0).getOccurredAt().isBefore(START.minus(Duration.ofDays(80))) ? 1 : 0;
      withoutEnterprise += steps.get(0).getEnterpriseId() == null ? 1 : 0;
      steps.stream().filter(r -> r.getType() == io.fangxian.avro.PublicReportEventType.VERIFIED)
          .flatMap(r -> r.getHazardIds().stream()).forEach(h -> assertThat(hazardIds).contains(h.toString()));
    }
    assertThat(reportsWith).containsKeys(io.fangxian.avro.PublicReportEventType.values().length > 0
        ? new io.fangxian.avro.PublicReportEventType[] {io.fangxian.avro.PublicReportEventType.ACCEPTED,
            io.fangxian.avro.PublicReportEventType.REJECTED, io.fangxian.avro.PublicReportEventType.ASSIGNED,
            io.fangxian.avro.PublicReportEventType.VERIFIED, io.fangxian.avro.PublicReportEventType.REPLIED,
            io.fangxian.avro.PublicReportEventType.REWARDED} : null);
    assertThat(neverVerified).as("left to go verification-overdue").isPositive();
    assertThat(withoutEnterprise).as("naming only an address").isPositive();
    assertThat(year.reports).anySatisfy(r -> assertThat(r.getHazardIds()).isNotEmpty());
    assertThat(year.hazards).filteredOn(h -> h.getSource() == io.fangxian.avro.HazardSource.PUBLIC_REPORT).isNotEmpty();
  }
}
