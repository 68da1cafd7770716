package io.fangxian.accident;

import io.fangxian.avro.AccidentDutyKind;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The bureau's own duties once it has received an accident report (《生产安全事故报告和调查处理条例》,
 * 国务院令第493号): 第十条 — report to the government of its level and up to the next 安全生产监督管理
 * 部门, and notify 公安机关、劳动保障行政部门、工会和人民检察院; 第十一条 — each level within 2 hours
 * (每级上报的时间不得超过2小时). The regulation ties the notifications to the report (同时); reading
 * their limit as the same 2 hours is the product's.
 */
public final class AccidentDuties {
  /** 第十一条. */
  public static final Duration WITHIN = Duration.ofHours(2);
  public static final Set<AccidentDutyKind> ALL = EnumSet.complementOf(EnumSet.of(AccidentDutyKind.UNKNOWN));

  private AccidentDuties() { }

  /** When the duties fall due: 2 hours after the report was received. */
  public static Instant due(Instant receivedAt) {
    return receivedAt.plus(WITHIN);
  }

  /**
   * Whether the duties of an accident received at {@code receivedAt} (null: not yet known) are late at
   * {@code now}: one done after the 2 hours, or one not done once they have passed.
   */
  public static boolean late(Instant receivedAt, Map<String, Instant> done, Instant now) {
    if (receivedAt == null) {
      return false;
    }
    Instant due = due(receivedAt);
    for (AccidentDutyKind duty : ALL) {
      Instant at = done.get(duty.name());
      if (at == null ? !now.isBefore(due) : at.isAfter(due)) {
        return true;
      }
    }
    return false;
  }

  public static String nameZh(AccidentDutyKind duty) {
    return switch (duty) {
      case REPORTED_TO_GOVERNMENT -> "报告本级人民政府";
      case REPORTED_UP -> "上报上一级安全生产监督管理部门";
      case NOTIFIED_PUBLIC_SECURITY -> "通知公安机关";
      case NOTIFIED_HUMAN_RESOURCES -> "通知劳动保障行政部门";
      case NOTIFIED_TRADE_UNION -> "通知工会";
      case NOTIFIED_PROCURATORATE -> "通知人民检察院";
      default -> duty.name();
    };
  }
}
