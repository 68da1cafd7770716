package io.fangxian.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.avro.WarningLevel;
import io.fangxian.avro.WeatherKind;
import io.fangxian.avro.WeatherWarning;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The colours of each signal kind of 气象灾害预警信号发布与传播办法 (中国气象局令第16号) and where they were read. */
class WeatherSignalsTest {

  @Test
  void everyKindButOtherIsListedWithItsSourceAndName() throws IOException {
    String csv;
    try (InputStream in = WeatherSignals.class.getResourceAsStream("/reference/weather-warning-levels.csv")) {
      csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String> rows = csv.lines().filter(l -> !l.startsWith("#") && !l.startsWith("kind,") && !l.isBlank()).toList();
    for (WeatherKind kind : WeatherKind.values()) {
      if (kind == WeatherKind.OTHER) {
        continue;
      }
      assertThat(rows).as(kind + " has a row").anySatisfy(r -> {
        assertThat(r).startsWith(kind.name() + ",");
        assertThat(r.split(",", 4)[3]).as("its source").contains("http");
      });
      assertThat(WeatherSignals.nameZh(kind)).as(kind + " has a Chinese name").matches("\\p{IsHan}+");
    }
  }

  @Test
  void theWinterAndConvectiveSignalsHaveTheirOwnColours() {
    assertThat(WeatherSignals.levels(WeatherKind.ROAD_ICING)).as("道路结冰 has no blue")
        .containsExactlyInAnyOrder(WarningLevel.YELLOW, WarningLevel.ORANGE, WarningLevel.RED);
    assertThat(WeatherSignals.levels(WeatherKind.BLIZZARD)).as("暴雪 has all four")
        .containsExactlyInAnyOrder(WarningLevel.BLUE, WarningLevel.YELLOW, WarningLevel.ORANGE, WarningLevel.RED);
    assertThat(WeatherSignals.levels(WeatherKind.HAIL)).as("冰雹 is orange or red")
        .containsExactlyInAnyOrder(WarningLevel.ORANGE, WarningLevel.RED);
    assertThat(WeatherSignals.levels(WeatherKind.HAZE)).as("霾 since 2013: yellow, orange, red")
        .containsExactlyInAnyOrder(WarningLevel.YELLOW, WarningLevel.ORANGE, WarningLevel.RED);
    assertThat(WeatherSignals.levels(WeatherKind.SANDSTORM))
        .containsExactlyInAnyOrder(WarningLevel.YELLOW, WarningLevel.ORANGE, WarningLevel.RED);
    assertThat(WeatherSignals.levels(WeatherKind.OTHER)).as("any other signal is not checked").hasSize(4);
    assertThat(List.of(WeatherSignals.nameZh(WeatherKind.ROAD_ICING), WeatherSignals.nameZh(WeatherKind.BLIZZARD),
        WeatherSignals.nameZh(WeatherKind.HAIL), WeatherSignals.nameZh(WeatherKind.HAZE)))
        .containsExactly("道路结冰", "暴雪", "冰雹", "霾");
  }

  @Test
  void theNewKindsKeepTheEnumDefaultAndTheOldOrder() {
    Schema kind = WeatherWarning.getClassSchema().getField("kind").schema();
    assertThat(kind.getEnumDefault()).as("a reader that does not know a kind reads OTHER").isEqualTo("OTHER");
    assertThat(kind.getEnumSymbols().subList(0, 8)).as("symbols are only added at the end")
        .containsExactly("HIGH_TEMPERATURE", "HEAVY_RAIN", "TYPHOON", "THUNDERSTORM", "GALE", "COLD_WAVE", "FOG", "OTHER");
    assertThat(Arrays.stream(WeatherKind.values()).map(Enum::name))
        .contains("BLIZZARD", "ROAD_ICING", "HAIL", "HAZE", "SANDSTORM");
  }
}
