package io.fangxian.rules;

import static io.fangxian.rules.AlertSignals.levelZh;

import io.fangxian.avro.Alert;
import io.fangxian.avro.AlertSubject;
import io.fangxian.avro.HazardState;
import io.fangxian.avro.SubjectType;
import io.fangxian.avro.WarningLevel;
import io.fangxian.avro.WeatherKind;
import io.fangxian.avro.WeatherWarning;
import io.fangxian.config.RulesConfig;
import io.fangxian.domain.ReferenceData;
import io.fangxian.domain.WeatherSignals;
import io.fangxian.rules.AlertSignals.Text;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Rules about a township or sector: surge (3), weather escalation (5), self-report gap (8). */
public final class AreaRules {
  private final RulesConfig rules;
  private final ReferenceData reference;
  private final ZoneId zone;
  private final Set<String> weatherSensitiveSectors;

  public AreaRules(RulesConfig rules, ReferenceData reference, ZoneId zone) {
    this.zone = zone;
    this.rules = rules;
    this.reference = reference;
    Set<String> configured = rules.weatherEscalation().sensitiveSectors();
    this.weatherSensitiveSectors = configured == null || configured.isEmpty()
        ? reference.weatherSensitiveSectorIds() : configured;
  }

  public boolean isWeatherSensitive(String sectorId) {
    return weatherSensitiveSectors.contains(sectorId);
  }

  /**
   * Surge: hazards reported in the last 24 h against the daily mean of the 7 days before them.
   * Empty when the figure sits between the resolve and fire thresholds: the alert keeps its state.
   */
  public Optional<Alert> surge(SubjectType type, String areaId, long last24h, long previous7d, long nowMs) {
    RulesConfig.Surge rule = rules.surge();
    if (!rule.enabled()) {
      return Optional.empty();
    }
    double mean = previous7d / 7.0;
    double ratio = mean == 0 ? (last24h == 0 ? 0 : Double.POSITIVE_INFINITY) : last24h / mean;
    AlertSubject subject = AlertSignals.areaSubject(type, areaId, reference);
    Map<String, Double> figures = Map.of("hazardsLast24h", (double) last24h, "dailyMeanPrevious7d", mean,
        "ratio", Double.isInfinite(ratio) ? -1.0 : ratio);
    Map<String, Double> thresholds = Map.of("floor", (double) rule.floor(), "factor", rule.factor(),
        "resolveBelowFactor", rule.resolveBelowFactor());
    var evidence = AlertSignals.evidence(figures, thresholds, List.of(), List.of());
    Instant now = Instant.ofEpochMilli(nowMs);
    if (last24h >= rule.floor() && ratio >= rule.factor()) {
      WarningLevel level = ratio >= 2 * rule.factor() ? WarningLevel.ORANGE : WarningLevel.YELLOW;
      String times = Double.isInfinite(ratio) ? "此前7天无隐患" : String.format("为前7天日均 %.1f 起的 %.1f 倍", mean, ratio);
      return Optional.of(AlertSignals.firing(AlertSignals.SURGE, level, subject,
          new Text(subject.getName() + "隐患激增" + levelZh(level) + "预警",
              subject.getName() + "近24小时新增隐患 " + last24h + " 起," + times + "。",
              "Hazard surge in " + areaId + " (" + level + ")",
              last24h + " hazards in 24 h against a daily mean of " + String.format("%.1f", mean) + " over the previous 7 days"),
          evidence, now, null));
    }
    if (last24h < rule.floor() || ratio < rule.resolveBelowFactor()) {
      return Optional.of(AlertSignals.resolved(AlertSignals.SURGE, subject,
          new Text(subject.getName() + "隐患激增已回落", subject.getName() + "近24小时新增隐患 " + last24h + " 起,已回落。",
              "Hazard surge over in " + areaId, last24h + " hazards in the last 24 h"),
          evidence, now));
    }
    return Optional.empty();
  }

  /** Self-report gap: too large a share of hazards found by inspectors rather than the enterprises. */
  public Optional<Alert> selfReportGap(SubjectType type, String areaId, long selfReported, long inspectionFound, long nowMs) {
    RulesConfig.SelfReportGap rule = rules.selfReportGap();
    if (!rule.enabled()) {
      return Optional.empty();
    }
    long total = selfReported + inspectionFound;
    double share = total == 0 ? 0 : (double) inspectionFound / total;
    AlertSubject subject = AlertSignals.areaSubject(type, areaId, reference);
    var evidence = AlertSignals.evidence(
        Map.of("selfReported", (double) selfReported, "inspectionFound", (double) inspectionFound, "inspectionShare", share),
        Map.of("minHazards", (double) rule.minHazards(), "maxInspectionShare", rule.maxInspectionShare()),
        List.of(), List.of());
    Instant now = Instant.ofEpochMilli(nowMs);
    long days = rule.window().toDays();
    if (total >= rule.minHazards() && share > rule.maxInspectionShare()) {
      return Optional.of(AlertSignals.firing(AlertSignals.SELF_REPORT_GAP, rule.level(), subject,
          new Text(subject.getName() + "企业自查自纠不足预警",
              String.format("%s近%d天隐患 %d 起,其中检查发现 %d 起(%.0f%%),企业自查仅 %d 起,自查自纠主体作用发挥不足。",
                  subject.getName(), days, total, inspectionFound, share * 100, selfReported),
              "Self-inspection gap in " + areaId,
              String.format("%.0f%% of %d hazards in %d days were found by inspectors, not by the enterprises", share * 100, total, days)),
          evidence, now, null));
    }
    return Optional.of(AlertSignals.resolved(AlertSignals.SELF_REPORT_GAP, subject,
        new Text(subject.getName() + "企业自查自纠占比恢复", String.format("检查发现占比 %.0f%%。", share * 100),
            "Self-inspection gap closed in " + areaId, String.format("inspector share %.0f%%", share * 100)),
        evidence, now));
  }

  /**
   * Weather escalation for a township: the strongest active warning at or above the minimum
   * level while hazards in weather-sensitive sectors are open there.
   */
  public Alert weather(String townshipId, List<WeatherWarning> activeWarnings, List<HazardState> openSensitive, long nowMs) {
    RulesConfig.WeatherEscalation rule = rules.weatherEscalation();
    AlertSubject subject = AlertSignals.areaSubject(SubjectType.TOWNSHIP, townshipId, reference);
    Optional<WeatherWarning> strongest = activeWarnings.stream()
        .filter(w -> AlertSignals.atLeast(w.getLevel(), rule.minLevel()))
        .max(Comparator.comparing(w -> w.getLevel().ordinal()));
    Instant now = Instant.ofEpochMilli(nowMs);
    List<String> hazardIds = openSensitive.stream().map(HazardState::getHazardId).sorted().toList();
    if (rule.enabled() && strongest.isPresent() && !openSensitive.isEmpty()) {
      WeatherWarning w = strongest.get();
      String sectors = openSensitive.stream().map(h -> AlertSignals.sectorName(reference, h.getSectorId()))
          .distinct().sorted().collect(Collectors.joining("、"));
      return AlertSignals.firing(AlertSignals.WEATHER_ESCALATION, w.getLevel(), subject,
          new Text(subject.getName() + levelZh(w.getLevel()) + kindZh(w) + "预警下隐患未整改",
              kindZh(w) + levelZh(w.getLevel()) + "预警生效至 " + AlertSignals.time(w.getValidTo(), zone) + "," + subject.getName()
                  + "尚有 " + openSensitive.size() + " 项未整改隐患处于气象敏感领域(" + sectors + "):"
                  + String.join("、", hazardIds.subList(0, Math.min(10, hazardIds.size())))
                  + (hazardIds.size() > 10 ? " 等" : "") + "。请立即督促落实防范措施。",
              "Weather warning with open hazards in " + townshipId,
              w.getKind() + " " + w.getLevel() + " warning until " + AlertSignals.time(w.getValidTo(), zone) + "; " + openSensitive.size()
                  + " open hazards in weather-sensitive sectors"),
          AlertSignals.evidence(Map.of("openSensitiveHazards", (double) openSensitive.size(),
                  "warningLevel", (double) w.getLevel().ordinal()),
              Map.of("minLevel", (double) rule.minLevel().ordinal()), List.of(w.getEventId()), hazardIds),
          w.getValidFrom().isAfter(now) ? now : w.getValidFrom(), null);
    }
    return AlertSignals.resolved(AlertSignals.WEATHER_ESCALATION, subject,
        new Text(subject.getName() + "气象预警联动解除",
            strongest.isEmpty() ? "气象预警已解除或过期。" : "气象敏感领域隐患已全部整改。",
            "Weather escalation over in " + townshipId,
            strongest.isEmpty() ? "warning lifted or expired" : "no open hazards in weather-sensitive sectors"),
        AlertSignals.evidence(Map.of("openSensitiveHazards", (double) openSensitive.size()), Map.of(), List.of(), hazardIds),
        now);
  }

  /** The signal's Chinese name, as reference/weather-warning-levels.csv gives it; 气象 for any other signal. */
  static String kindZh(WeatherWarning w) {
    return w.getKind() == WeatherKind.OTHER ? "气象" : WeatherSignals.nameZh(w.getKind());
  }
}
