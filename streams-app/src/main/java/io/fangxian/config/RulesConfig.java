package io.fangxian.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.fangxian.avro.RiskLevel;
import io.fangxian.avro.ViolationAction;
import io.fangxian.avro.WarningLevel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The early-warning rules and their thresholds, read from one YAML file. The defaults are
 * {@code rules/default-rules.yaml} on the classpath, which documents each setting.
 */
public record RulesConfig(
    Duration holdTime,
    MajorHazard majorHazard,
    OverdueRectification overdueRectification,
    Surge surge,
    RepeatViolator repeatViolator,
    WeatherEscalation weatherEscalation,
    KeyEnterprise keyEnterprise,
    SelfInspectionLapse selfInspectionLapse,
    SelfReportGap selfReportGap,
    Accidents accidents,
    MajorHazardSupervision majorHazardSupervision,
    Map<WarningLevel, HandlingLimits> alertHandling,
    CoverageRule coverage,
    CertificateRules certificates,
    WriteOffReview writeOffReview,
    CertificateReview certificateReview,
    ExposureCriteria exposure,
    Enforcement enforcement,
    Accountability accountability,
    Flying flying,
    LinkedSupervision linkedSupervision,
    Reports reports) {

  /**
   * Flying inspections (飞行检查, 四不两直): the monthly plan leaves out enterprises flying-inspected in the
   * last {@code excludeMonths} months and weighs hazards reported by the public ({@code PUBLIC_REPORT})
   * within {@code publicReportWindow}; each hazard a flying inspection finds is assigned (交办) to the
   * enterprise's township and its sector's department, and a 回头看 revisit of the enterprise is due
   * within {@code revisitWithin}. All three are the product's choice.
   */
  public record Flying(Duration revisitWithin, int excludeMonths, Duration publicReportWindow) { }

  /**
   * 挂钩督导: a linked leader of the roster is expected to make {@code visitsPerQuarter}
   * LINKED_SUPERVISION inspections a quarter: the product's default until the district loads its own
   * (no national rule sets a number).
   */
  public record LinkedSupervision(int visitsPerQuarter) { }

  /**
   * Public reports (举报, io.fangxian.reports): how long the bureau has to accept a report
   * ({@code acceptanceLimit}, from its receipt), to verify it ({@code verificationLimit}, from its
   * acceptance, or from the end of the acceptance limit when it was accepted later or not at all) and
   * to reply to the reporter ({@code replyLimit}, from the verification). docs/research/reports-issue-23.md
   * gives each one's source, or says it is the product's default.
   */
  public record Reports(Duration acceptanceLimit, Duration verificationLimit, Duration replyLimit) { }

  /**
   * 考核 / 漏检 (io.fangxian.accountability): a hazard that a flying inspection or a public report finds
   * at an enterprise is missed by every unit whose ROUTINE, LINKED_SUPERVISION or GRID_PATROL
   * inspection of it fell within {@code window} before the report, and an accident there counts
   * apart for the same units. 30 days: the product's choice, no regulation sets it.
   */
  public record Accountability(Duration window) { }

  /**
   * 核销: a major hazard the enterprise has accepted is open until the department writes it off. Its
   * review is due {@code within} of the enterprise's acceptance (its application), 10 days by
   * 安全生产事故隐患排查治理暂行规定 (原国家安全监管总局令第16号); past it the hazard counts in
   * {@code writeOffReviewsOverdue} and raises an alert at {@code level} to the sector's department.
   */
  public record WriteOffReview(boolean enabled, Duration within, WarningLevel level) { }

  /**
   * Enforcement cases (行政处罚案件, io.fangxian.enforcement). A case opened and not decided (nor
   * transferred or withdrawn) {@code decisionLimit} after its opening is decision-overdue: 90 days by
   * 行政处罚法(2021) 第六十条. A major hazard still open {@code caseWindow} after its report with no
   * case of its enterprise naming it counts in openMajorHazardsWithoutCase: 15 days, the product's choice.
   * Each raises an alert to the sector's supervising department, at {@code decisionOverdueLevel} and
   * {@code withoutCaseLevel} (the product's choice), when {@code alerts}.
   */
  public record Enforcement(Duration decisionLimit, Duration caseWindow, boolean alerts,
      WarningLevel decisionOverdueLevel, WarningLevel withoutCaseLevel) { }

  /**
   * 复审 of special operators' certificates (特种作业人员安全技术培训考核管理规定 第二十一、二十二条): a
   * reminder at {@code level} from {@code remindBefore} the 3-year review (the 60 days in which the
   * holder applies), and an alert at {@code overdueLevel} once it is past with none recorded.
   */
  public record CertificateReview(boolean enabled, Duration remindBefore, WarningLevel level, WarningLevel overdueLevel) { }

  /**
   * 曝光台: which enterprises the monthly bulletin names in public. An enterprise with at least
   * {@code minViolationsInMonth} violations that happened in the month is listed, and, when
   * {@code overdueMajorHazard}, one with a major hazard open past its deadline now. The defaults are
   * the bureau's own choice ({@link RuleCatalogue}), not thresholds of a regulation.
   */
  public record ExposureCriteria(int minViolationsInMonth, boolean overdueMajorHazard) { }

  /**
   * 拉网式、不留死角: a township or grid whose key-area enterprises were inspected in the last 90 days
   * less than {@code minShare} of them fires at {@code level}, once it has {@code minKeyAreaEnterprises}.
   */
  public record CoverageRule(boolean enabled, double minShare, long minKeyAreaEnterprises, WarningLevel level) { }

  /**
   * 三项岗位: a key-area enterprise without a valid certificate a key post needs fires at
   * {@code nonCompliantLevel}; a certificate expiring within 30 days raises a BLUE reminder to the
   * enterprise's grid worker when {@code expiryReminder}.
   */
  public record CertificateRules(boolean enabled, WarningLevel nonCompliantLevel, boolean expiryReminder) { }

  /** How long the responsible person has to acknowledge (签收) and to feed back (反馈) on an alert of one level. */
  public record HandlingLimits(Duration acknowledgeWithin, Duration feedbackWithin) { }

  /**
   * 挂牌督办: an open major hazard without a supervision assignment {@code after} its report counts
   * as unsupervised and raises an alert at {@code level}, until it is assigned, regraded or closed.
   */
  public record MajorHazardSupervision(boolean enabled, Duration after, WarningLevel level) { }

  /**
   * Accident alerts ({@code accidents.AccidentRules}). They resolve {@code holdTime} after they last
   * fired or rose; a late report is one more than 1 hour after the accident (国务院令第493号 art. 9).
   */
  public record Accidents(boolean enabled, Duration holdTime, WarningLevel lateReportLevel, boolean sectorWarning) { }

  public record MajorHazard(boolean enabled, WarningLevel level, Set<RiskLevel> redRiskLevels,
      Set<String> redSectors, boolean redInChemicalZone, WarningLevel redWeatherLevel) { }

  public record Step(Duration after, WarningLevel level) { }

  public record OverdueRectification(boolean enabled, List<Step> steps, boolean majorOneLevelHigher) { }

  public record Surge(boolean enabled, long floor, double factor, double resolveBelowFactor) { }

  public record RepeatViolator(boolean enabled, Duration window, int minViolations, Set<ViolationAction> orangeActions) { }

  public record WeatherEscalation(boolean enabled, WarningLevel minLevel, Set<String> sensitiveSectors) { }

  public record KeyEnterprise(boolean enabled, WarningLevel level, Duration maxAge) { }

  public record SelfInspectionLapse(boolean enabled, Duration after, WarningLevel level) { }

  public record SelfReportGap(boolean enabled, Duration window, long minHazards, double maxInspectionShare,
      WarningLevel level) { }

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .registerModule(new JavaTimeModule())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

  public static RulesConfig defaults() {
    try (InputStream in = RulesConfig.class.getResourceAsStream("/rules/default-rules.yaml")) {
      return YAML.readValue(in, RulesConfig.class);
    } catch (IOException e) {
      throw new IllegalStateException("the built-in rules file is broken", e);
    }
  }

  /** Reads a rules file; a mistake is reported with the setting's path and what is accepted. */
  public static RulesConfig load(Path file) {
    if (file == null) {
      return defaults();
    }
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("rules file " + file + " does not exist");
    }
    try (InputStream in = Files.newInputStream(file)) {
      var tree = (com.fasterxml.jackson.databind.node.ObjectNode) YAML.readTree(in);
      if (tree != null) {
        // Rules files written before a rule existed keep working, with that rule's defaults.
        try (InputStream defaults = RulesConfig.class.getResourceAsStream("/rules/default-rules.yaml")) {
          YAML.readTree(defaults).fields().forEachRemaining(rule -> {
            if (!tree.has(rule.getKey())) {
              tree.set(rule.getKey(), rule.getValue());
            }
          });
        }
      }
      return YAML.treeToValue(tree, RulesConfig.class).checked();
    } catch (UnrecognizedPropertyException e) {
      throw new ConfigException("rules file " + file + ": unknown setting '" + e.getPropertyName() + "' at "
          + e.getPathReference() + "; accepted: " + e.getKnownPropertyIds());
    } catch (JsonProcessingException e) {
      throw new ConfigException("rules file " + file + ": " + e.getOriginalMessage()
          + " (every rule needs all its settings; see rules/default-rules.yaml)");
    } catch (IOException e) {
      throw new ConfigException("cannot read rules file " + file + ": " + e.getMessage());
    }
  }

  private RulesConfig checked() {
    if (overdueRectification.steps().isEmpty()) {
      throw new ConfigException("overdueRectification.steps must list at least one step");
    }
    if (surge.resolveBelowFactor() > surge.factor()) {
      throw new ConfigException("surge.resolveBelowFactor (" + surge.resolveBelowFactor()
          + ") must not be above surge.factor (" + surge.factor() + ")");
    }
    if (selfReportGap.maxInspectionShare() <= 0 || selfReportGap.maxInspectionShare() >= 1) {
      throw new ConfigException("selfReportGap.maxInspectionShare must be between 0 and 1");
    }
    for (WarningLevel level : List.of(WarningLevel.BLUE, WarningLevel.YELLOW, WarningLevel.ORANGE, WarningLevel.RED)) {
      HandlingLimits l = alertHandling.get(level);
      if (l == null) {
        throw new ConfigException("alertHandling." + level + " is missing: each of BLUE, YELLOW, ORANGE and RED needs "
            + "acknowledgeWithin and feedbackWithin");
      }
      if (l.acknowledgeWithin().isNegative() || l.acknowledgeWithin().isZero() || l.feedbackWithin().compareTo(l.acknowledgeWithin()) < 0) {
        throw new ConfigException("alertHandling." + level + ": acknowledgeWithin must be positive and feedbackWithin "
            + "not shorter than it");
      }
    }
    if (coverage.minShare() <= 0 || coverage.minShare() > 1) {
      throw new ConfigException("coverage.minShare must be above 0 and at most 1");
    }
    if (majorHazardSupervision.after().isNegative()) {
      throw new ConfigException("majorHazardSupervision.after must not be negative");
    }
    if (writeOffReview.within().isNegative() || writeOffReview.within().isZero()) {
      throw new ConfigException("writeOffReview.within must be positive");
    }
    if (certificateReview.remindBefore().isNegative()) {
      throw new ConfigException("certificateReview.remindBefore must not be negative");
    }
    if (exposure.minViolationsInMonth() < 1) {
      throw new ConfigException("exposure.minViolationsInMonth must be at least 1 (it was " + exposure.minViolationsInMonth()
          + "); an enterprise is named for this many violations in the month");
    }
    if (enforcement.decisionLimit().isNegative() || enforcement.decisionLimit().isZero()
        || enforcement.caseWindow().isNegative()) {
      throw new ConfigException("enforcement.decisionLimit must be positive and enforcement.caseWindow not negative");
    }
    if (accountability.window().isNegative() || accountability.window().isZero()) {
      throw new ConfigException("accountability.window must be positive (it was " + accountability.window()
          + "); a unit is charged with what others find this long after it inspected");
    }
    if (flying.revisitWithin().isNegative() || flying.revisitWithin().isZero()
        || flying.excludeMonths() < 0 || flying.excludeMonths() > 36
        || flying.publicReportWindow().isNegative() || flying.publicReportWindow().isZero()) {
      throw new ConfigException("flying.revisitWithin and flying.publicReportWindow must be positive and "
          + "flying.excludeMonths 0 to 36 (it was " + flying.excludeMonths() + ")");
    }
    if (linkedSupervision.visitsPerQuarter() < 1) {
      throw new ConfigException("linkedSupervision.visitsPerQuarter must be at least 1 (it was "
          + linkedSupervision.visitsPerQuarter() + ")");
    }
    if (reports == null) {
      throw new ConfigException("reports: the section is missing; it sets acceptanceLimit, verificationLimit and replyLimit");
    }
    for (Duration limit : List.of(reports.acceptanceLimit(), reports.verificationLimit(), reports.replyLimit())) {
      if (limit == null || limit.isNegative() || limit.isZero()) {
        throw new ConfigException("reports.acceptanceLimit, reports.verificationLimit and reports.replyLimit must each be"
            + " positive (they were " + reports.acceptanceLimit() + ", " + reports.verificationLimit() + ", "
            + reports.replyLimit() + ")");
      }
    }
    if (accidents.holdTime().isNegative() || accidents.holdTime().isZero()) {
      throw new ConfigException("accidents.holdTime must be positive");
    }
    return this;
  }
}
