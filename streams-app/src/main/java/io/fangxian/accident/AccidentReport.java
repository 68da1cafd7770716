package io.fangxian.accident;

import io.fangxian.avro.AccidentEvent;
import java.time.Duration;

/**
 * 国务院令第493号 第九条: the head of the unit reports the accident within 1 hour of learning of it
 * (单位负责人接到报告后，应当于1小时内…报告). The records carry when the accident occurred and when the
 * department received the report; the product judges the hour between those two times.
 */
public final class AccidentReport {
  /** 1 hour (493号令 art. 9). */
  public static final Duration WITHIN = Duration.ofHours(1);

  private AccidentReport() { }

  /** Whether the report came more than 1 hour after the accident occurred. */
  public static boolean late(AccidentEvent a) {
    return Duration.between(a.getOccurredAt(), a.getReportedAt()).compareTo(WITHIN) > 0;
  }
}
