package io.fangxian.accident;

import static io.fangxian.accident.AccidentGrade.ESPECIALLY_MAJOR;
import static io.fangxian.accident.AccidentGrade.GENERAL;
import static io.fangxian.accident.AccidentGrade.LARGER;
import static io.fangxian.accident.AccidentGrade.MAJOR;
import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.avro.AccidentType;
import io.fangxian.avro.WarningLevel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** 国务院令第493号 第三条, every bound: "以上包括本数，以下不包括本数". */
class AccidentGradeTest {

  @ParameterizedTest(name = "{0} deaths → {1}")
  @CsvSource({"0,GENERAL", "2,GENERAL", "3,LARGER", "9,LARGER", "10,MAJOR", "29,MAJOR", "30,ESPECIALLY_MAJOR"})
  void deathsBounds(int deaths, AccidentGrade grade) {
    assertThat(AccidentGrade.of(deaths, 0, 0)).isEqualTo(grade);
  }

  @ParameterizedTest(name = "{0} serious injuries → {1}")
  @CsvSource({"9,GENERAL", "10,LARGER", "49,LARGER", "50,MAJOR", "99,MAJOR", "100,ESPECIALLY_MAJOR"})
  void seriousInjuryBounds(int injuries, AccidentGrade grade) {
    assertThat(AccidentGrade.of(0, injuries, 0)).isEqualTo(grade);
  }

  @ParameterizedTest(name = "{0} yuan → {1}")
  @CsvSource({"9999999.99,GENERAL", "10000000,LARGER", "49999999.99,LARGER", "50000000,MAJOR",
      "99999999.99,MAJOR", "100000000,ESPECIALLY_MAJOR"})
  void directLossBounds(double yuan, AccidentGrade grade) {
    assertThat(AccidentGrade.of(0, 0, yuan)).isEqualTo(grade);
  }

  @Test
  void theHighestGradeAnyCriterionReachesWins() {
    assertThat(AccidentGrade.of(2, 50, 0)).isEqualTo(MAJOR);
    assertThat(AccidentGrade.of(3, 0, 100_000_000)).isEqualTo(ESPECIALLY_MAJOR);
    assertThat(AccidentGrade.of(30, 9, 1)).isEqualTo(ESPECIALLY_MAJOR);
    assertThat(AccidentGrade.of(2, 9, 9_999_999)).isEqualTo(GENERAL);
    assertThat(AccidentGrade.of(0, 10, 0)).isEqualTo(LARGER);
  }

  @Test
  void alertLevelsFollowTheFourColours() {
    assertThat(GENERAL.alertLevel()).isEqualTo(WarningLevel.BLUE);
    assertThat(LARGER.alertLevel()).isEqualTo(WarningLevel.YELLOW);
    assertThat(MAJOR.alertLevel()).isEqualTo(WarningLevel.ORANGE);
    assertThat(ESPECIALLY_MAJOR.alertLevel()).isEqualTo(WarningLevel.RED);
  }

  @Test
  void everyGb6441CategoryHasItsChineseNameInTheStandardsOrder() {
    assertThat(AccidentTypes.names()).hasSize(20);
    assertThat(AccidentTypes.nameZh(AccidentType.STRUCK_BY_OBJECT)).isEqualTo("物体打击");
    assertThat(AccidentTypes.nameZh(AccidentType.FALL_FROM_HEIGHT)).isEqualTo("高处坠落");
    assertThat(AccidentTypes.nameZh(AccidentType.POISONING_AND_SUFFOCATION)).isEqualTo("中毒和窒息");
    assertThat(AccidentTypes.byName("其他伤害")).contains(AccidentType.OTHER_INJURY);
    assertThat(AccidentTypes.byName("其它伤害")).contains(AccidentType.OTHER_INJURY);
    assertThat(AccidentTypes.byName("其它爆炸")).contains(AccidentType.OTHER_EXPLOSION);
    assertThat(AccidentTypes.byName("高处跌落")).isEmpty();
    for (AccidentType t : AccidentType.values()) {
      if (t != AccidentType.UNKNOWN) {
        assertThat(AccidentTypes.names()).containsKey(t);
        assertThat(t.ordinal() + 1).as("GB 6441 code of " + t).isBetween(1, 20);
      }
    }
  }
}
