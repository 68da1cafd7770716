package io.fangxian.ledger;

import io.fangxian.avro.HazardCategory;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Chinese names of the hazard categories, as the programme's forms write them: 人的不安全行为,
 * 物的不安全状态, 管理缺陷, 环境因素. Files for {@code load} may give either the name or the symbol.
 */
public final class HazardCategories {
  private static final Map<HazardCategory, String> NAMES = new EnumMap<>(Map.of(
      HazardCategory.UNSAFE_ACT, "人的不安全行为",
      HazardCategory.UNSAFE_CONDITION, "物的不安全状态",
      HazardCategory.MANAGEMENT_DEFECT, "管理缺陷",
      HazardCategory.ENVIRONMENT, "环境因素"));

  private HazardCategories() { }

  public static Map<HazardCategory, String> names() {
    return NAMES;
  }

  /** The category for a Chinese name or a symbol other than UNKNOWN. */
  public static Optional<HazardCategory> byName(String name) {
    String n = name.strip();
    return Arrays.stream(HazardCategory.values()).filter(NAMES::containsKey)
        .filter(c -> c.name().equals(n) || NAMES.get(c).equals(n)).findFirst();
  }
}
