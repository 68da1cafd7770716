package io.fangxian.accident;

import io.fangxian.avro.AccidentEvent;
import io.fangxian.avro.AccidentType;
import java.time.Duration;
import java.time.Instant;

/**
 * When an accident was reported, against 《生产安全事故报告和调查处理条例》(国务院令第493号):
 *
 * <ul>
 *   <li>第九条: the unit's head reports within 1 hour of being informed (单位负责人接到报告后，应当于1小时内…
 *       报告). The hour counts from {@code headInformedAt}; a report later than that is 迟报, a legal
 *       finding that carries a fine (第三十五条). A record without {@code headInformedAt} cannot show
 *       it: a report more than 1 hour after the accident occurred is only 疑似迟报 (suspected), for
 *       the department to check.
 *   <li>第十三条: a change in the casualties within 30 days of the accident (7 days for road-traffic
 *       and fire accidents) is reported as a 补报; a correction of the casualties after that window
 *       is flagged.
 * </ul>
 */
public final class AccidentReport {
  /** 1 hour (493号令 第九条). */
  public static final Duration WITHIN = Duration.ofHours(1);
  /** The 补报 window for casualties (第十三条). */
  public static final Duration SUPPLEMENT_WITHIN = Duration.ofDays(30);
  /** The same for road-traffic and fire accidents (第十三条). */
  public static final Duration SUPPLEMENT_WITHIN_ROAD_OR_FIRE = Duration.ofDays(7);
  public static final String ROAD_TRAFFIC_SECTOR = "road-traffic";

  private AccidentReport() { }

  /** 迟报: reported more than 1 hour after the unit's head was informed. */
  public static boolean late(AccidentEvent a) {
    return a.getHeadInformedAt() != null && Duration.between(a.getHeadInformedAt(), a.getReportedAt()).compareTo(WITHIN) > 0;
  }

  /** 疑似迟报: without the time the head was informed, reported more than 1 hour after the accident. */
  public static boolean suspectedLate(AccidentEvent a) {
    return a.getHeadInformedAt() == null && Duration.between(a.getOccurredAt(), a.getReportedAt()).compareTo(WITHIN) > 0;
  }

  /** The moment the hour is counted from: when the head was informed, or else when the accident occurred. */
  public static Instant hourCountsFrom(AccidentEvent a) {
    return a.getHeadInformedAt() != null ? a.getHeadInformedAt() : a.getOccurredAt();
  }

  /** How long after the accident its casualties may still be reported as a 补报. */
  public static Duration supplementWindow(AccidentEvent a, String sectorId) {
    return a.getAccidentType() == AccidentType.FIRE || ROAD_TRAFFIC_SECTOR.equals(sectorId)
        ? SUPPLEMENT_WITHIN_ROAD_OR_FIRE : SUPPLEMENT_WITHIN;
  }

  /**
   * Whether {@code after}, a correction of {@code before}, changes the casualties after the 补报 window:
   * judged by when it was made ({@code supplementedAt}); a correction that does not say cannot be judged.
   */
  public static boolean supplementLate(AccidentEvent before, AccidentEvent after, String sectorId) {
    boolean casualtiesChanged = before.getDeaths() != after.getDeaths()
        || before.getSeriousInjuries() != after.getSeriousInjuries() || before.getMinorInjuries() != after.getMinorInjuries();
    return casualtiesChanged && after.getSupplementedAt() != null
        && after.getSupplementedAt().isAfter(after.getOccurredAt().plus(supplementWindow(after, sectorId)));
  }
}
