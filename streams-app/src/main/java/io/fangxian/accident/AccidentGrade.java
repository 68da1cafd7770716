package io.fangxian.accident;

import io.fangxian.avro.AccidentEvent;
import io.fangxian.avro.WarningLevel;

/**
 * The four grades of a production safety accident, 《生产安全事故报告和调查处理条例》（国务院令第493号）
 * 第三条 (docs/research/accident-grades.md). "以上" includes the bound, "以下" excludes it; the three
 * criteria are joined by "或者", so the highest grade any one of them reaches is the accident's.
 */
public enum AccidentGrade {
  /** 一般事故: below 3 deaths, 10 serious injuries and 10 million yuan. */
  GENERAL("一般事故", 0, 0, 0),
  /** 较大事故: 3 deaths, or 10 serious injuries, or 10 million yuan. */
  LARGER("较大事故", 3, 10, 10_000_000d),
  /** 重大事故: 10 deaths, or 50 serious injuries, or 50 million yuan. */
  MAJOR("重大事故", 10, 50, 50_000_000d),
  /** 特别重大事故: 30 deaths, or 100 serious injuries (incl. acute industrial poisoning), or 100 million yuan. */
  ESPECIALLY_MAJOR("特别重大事故", 30, 100, 100_000_000d);

  private final String nameZh;
  private final int minDeaths;
  private final int minSeriousInjuries;
  private final double minDirectLossYuan;

  AccidentGrade(String nameZh, int minDeaths, int minSeriousInjuries, double minDirectLossYuan) {
    this.nameZh = nameZh;
    this.minDeaths = minDeaths;
    this.minSeriousInjuries = minSeriousInjuries;
    this.minDirectLossYuan = minDirectLossYuan;
  }

  public String nameZh() {
    return nameZh;
  }

  /** The grade of an accident with these figures: the highest grade whose lower bound any one of them reaches. */
  public static AccidentGrade of(int deaths, int seriousInjuries, double directLossYuan) {
    AccidentGrade[] grades = values();
    for (int i = grades.length - 1; i > 0; i--) {
      AccidentGrade g = grades[i];
      if (deaths >= g.minDeaths || seriousInjuries >= g.minSeriousInjuries || directLossYuan >= g.minDirectLossYuan) {
        return g;
      }
    }
    return GENERAL;
  }

  public static AccidentGrade of(AccidentEvent a) {
    return of(a.getDeaths(), a.getSeriousInjuries(), a.getDirectLossYuan());
  }

  /**
   * The alert level of an accident of this grade. This is the product's choice, following the
   * national four-colour warning convention the other rules use (RED I … BLUE IV); no regulation
   * sets it.
   */
  public WarningLevel alertLevel() {
    return switch (this) {
      case ESPECIALLY_MAJOR -> WarningLevel.RED;
      case MAJOR -> WarningLevel.ORANGE;
      case LARGER -> WarningLevel.YELLOW;
      case GENERAL -> WarningLevel.BLUE;
    };
  }
}
