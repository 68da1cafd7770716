package io.fangxian.generate;

import static io.fangxian.generate.GeneratorContext.seconds;

import io.fangxian.avro.WarningLevel;
import io.fangxian.avro.WeatherKind;
import io.fangxian.avro.WeatherWarning;
import io.fangxian.domain.Township;
import io.fangxian.domain.WeatherSignals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Seasonal weather warnings of the district's observatory, some updated to a new level. */
final class WeatherGenerator {
  private static final double WEATHER_PER_DAY = 0.3;
  private static final Map<WarningLevel, String> LEVEL_ZH = Map.of(
      WarningLevel.BLUE, "蓝色", WarningLevel.YELLOW, "黄色", WarningLevel.ORANGE, "橙色", WarningLevel.RED, "红色");

  private final GeneratorContext ctx;
  private int warningSeq;

  WeatherGenerator(GeneratorContext ctx) {
    this.ctx = ctx;
  }

  /** The warnings of an hour's bucket; {@code intensity} multiplies the rate. */
  void planBucket(Instant from, Instant to, double hours, double intensity) {
    for (int i = ctx.poisson(WEATHER_PER_DAY / 24 * hours * intensity); i > 0; i--) {
      randomWeather(ctx.between(from, to));
    }
  }

  private void randomWeather(Instant at) {
    int month = at.atZone(ctx.config.zone()).getMonthValue();
    Map<WeatherKind, Double> kinds = new LinkedHashMap<>();
    if (month >= 6 && month <= 9) {
      kinds.put(WeatherKind.HIGH_TEMPERATURE, 35.0);
      kinds.put(WeatherKind.HEAVY_RAIN, 25.0);
      kinds.put(WeatherKind.THUNDERSTORM, 25.0);
      kinds.put(WeatherKind.GALE, 7.0);
      kinds.put(WeatherKind.HAIL, 3.0);
      if (month >= 7) {
        kinds.put(WeatherKind.TYPHOON, 8.0);
      }
    } else if (month == 12 || month <= 2) {
      kinds.put(WeatherKind.COLD_WAVE, 40.0);
      kinds.put(WeatherKind.FOG, 35.0);
      kinds.put(WeatherKind.GALE, 15.0);
      kinds.put(WeatherKind.ROAD_ICING, 10.0); // 道路结冰: yellow, orange or red, never blue
      kinds.put(WeatherKind.BLIZZARD, 6.0);
      kinds.put(WeatherKind.HAZE, 12.0);
    } else {
      kinds.put(WeatherKind.FOG, 25.0);
      kinds.put(WeatherKind.HEAVY_RAIN, 25.0);
      kinds.put(WeatherKind.THUNDERSTORM, 20.0);
      kinds.put(WeatherKind.GALE, 20.0);
      kinds.put(WeatherKind.HAIL, month >= 4 && month <= 5 ? 4.0 : 0.0);
      kinds.put(WeatherKind.COLD_WAVE, month == 3 || month == 11 ? 10.0 : 0.0);
    }
    WeatherKind kind = ctx.pick(kinds);
    double[] weights = kind == WeatherKind.TYPHOON ? new double[] {20, 30, 35, 15} : new double[] {35, 35, 22, 8};
    Set<WarningLevel> possible = WeatherSignals.levels(kind); // 高温 has no blue, for one
    for (int i = 0; i < weights.length; i++) {
      weights[i] = possible.contains(WarningLevel.values()[i]) ? weights[i] : 0;
    }
    WarningLevel level = WarningLevel.values()[ctx.pickIndex(weights)];
    List<String> townships = new ArrayList<>();
    if (ctx.rnd.nextBoolean()) {
      List<Township> all = new ArrayList<>(ctx.ref.townships());
      for (int n = 1 + ctx.rnd.nextInt(4); n > 0; n--) {
        townships.add(all.remove(ctx.rnd.nextInt(all.size())).id());
      }
    }
    Instant to = at.plus(seconds(ctx.uniform(6, kind == WeatherKind.TYPHOON ? 72 : 48) * 3600));
    String id = weather(at, kind, level, townships, at, to);
    if (ctx.rnd.nextDouble() < 0.2) {
      // The observatory updates the warning: same warningId, new level.
      Instant update = at.plus(seconds(ctx.uniform(0.2, 0.6) * Duration.between(at, to).toSeconds()));
      int l = Math.max(0, Math.min(3, level.ordinal() + (ctx.rnd.nextDouble() < 0.6 ? 1 : -1)));
      if (possible.contains(WarningLevel.values()[l])) {
        ctx.schedule(update, weatherWarning(id, kind, WarningLevel.values()[l], townships, at, to));
      }
    }
  }

  /** Plans a new warning and returns its id. */
  String weather(Instant at, WeatherKind kind, WarningLevel level, List<String> townships, Instant from, Instant to) {
    String id = ctx.id("QX", at, "%05d", ++warningSeq);
    ctx.schedule(at, weatherWarning(id, kind, level, townships, from, to));
    return id;
  }

  private WeatherWarning weatherWarning(String id, WeatherKind kind, WarningLevel level, List<String> townships,
                                        Instant from, Instant to) {
    String where = townships.isEmpty() ? "" : "（" + String.join("、", townships.stream()
        .map(t -> ctx.ref.township(t).map(Township::nameZh).orElse(t)).toList()) + "）";
    return WeatherWarning.newBuilder()
        .setEventId(ctx.uuid())
        .setWarningId(id)
        .setKind(kind)
        .setLevel(level)
        .setTownshipIds(List.copyOf(townships))
        .setValidFrom(from)
        .setValidTo(to)
        .setHeadline("常州市金坛区气象台发布" + WeatherSignals.nameZh(kind) + LEVEL_ZH.get(level) + "预警信号" + where)
        .build();
  }
}
