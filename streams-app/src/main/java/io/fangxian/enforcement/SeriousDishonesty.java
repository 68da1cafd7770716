package io.fangxian.enforcement;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which listing situations (列入情形) of 《安全生产严重失信主体名单管理办法》(应急管理部令第11号, 2023)
 * an enterprise's accident records show. Only those the events can show, with the text as found
 * (docs/research/law-2026.md §9):
 *
 * <ul>
 *   <li>{@link #MAJOR_ACCIDENT}: "（一）发生特别重大、重大生产安全事故的生产经营单位及其主要负责人……";
 *   <li>{@link #TWO_LARGER_ACCIDENTS_IN_12_MONTHS}: "（二）12个月内累计发生2起以上较大生产安全事故的生产经营单位及其主要负责人".
 * </ul>
 *
 * Not shown by any event, so never flagged: (三) the doubled fine of 安全生产法 第一百一十四条, (四)
 * 瞒报、谎报 (a late report, 迟报, is not a concealed one), (五) the principal's flight, and the situations
 * without an accident (only the first one's opening words were found; a case transferred for a crime is
 * not among the words found). Listing itself is the penalising 应急管理部门's decision (第四条: 谁处罚、谁决定、
 * 谁负责), after an administrative penalty (第三条): a flag says the records meet a situation, not that the
 * enterprise is listed. The article numbers of the situations were not found, so none is cited.
 */
public final class SeriousDishonesty {
  public static final String MAJOR_ACCIDENT = "MAJOR_ACCIDENT";
  public static final String TWO_LARGER_ACCIDENTS_IN_12_MONTHS = "TWO_LARGER_ACCIDENTS_IN_12_MONTHS";
  static final String SOURCE = "《安全生产严重失信主体名单管理办法》(应急管理部令第11号, 2023-10-01 施行), 列入情形";

  private SeriousDishonesty() { }

  /** An accident as the dossier holds it: its grade (GENERAL, LARGER, MAJOR, ESPECIALLY_MAJOR, 493号令 第三条). */
  public record Accident(String accidentId, String grade, Instant occurredAt) { }

  /**
   * A listing situation the records meet.
   *
   * @param criterion {@link #MAJOR_ACCIDENT} or {@link #TWO_LARGER_ACCIDENTS_IN_12_MONTHS}
   * @param text the situation's words as found
   * @param accidentIds the accidents that meet it
   * @param metAt when the records first met it
   */
  public record Criterion(String criterion, String text, String source, List<String> accidentIds, Instant metAt) { }

  public static List<Criterion> criteria(List<Accident> accidents, ZoneId zone) {
    List<Accident> byTime = accidents.stream().filter(a -> a.occurredAt() != null)
        .sorted(Comparator.comparing(Accident::occurredAt).thenComparing(Accident::accidentId)).toList();
    List<Criterion> met = new ArrayList<>();
    List<Accident> grave = byTime.stream()
        .filter(a -> "MAJOR".equals(a.grade()) || "ESPECIALLY_MAJOR".equals(a.grade())).toList();
    if (!grave.isEmpty()) {
      met.add(new Criterion(MAJOR_ACCIDENT, "（一）发生特别重大、重大生产安全事故的生产经营单位及其主要负责人",
          SOURCE + "（一）", grave.stream().map(Accident::accidentId).toList(), grave.get(0).occurredAt()));
    }
    List<Accident> larger = byTime.stream().filter(a -> "LARGER".equals(a.grade())).toList();
    for (int i = 1; i < larger.size(); i++) {
      Accident second = larger.get(i);
      List<String> within = new ArrayList<>();
      for (int j = 0; j <= i; j++) {
        Accident earlier = larger.get(j);
        if (!earlier.occurredAt().atZone(zone).plusMonths(12).toInstant().isBefore(second.occurredAt())) {
          within.add(earlier.accidentId());
        }
      }
      if (within.size() >= 2) {
        met.add(new Criterion(TWO_LARGER_ACCIDENTS_IN_12_MONTHS,
            "（二）12个月内累计发生2起以上较大生产安全事故的生产经营单位及其主要负责人", SOURCE + "（二）", within,
            second.occurredAt()));
        break;
      }
    }
    return met;
  }
}
