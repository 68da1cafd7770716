package io.fangxian.domain;

/** An industrial park or the chemical zone: an overlay across townships (reference/parks.csv). */
public record Park(String id, String nameZh, String source) {
  /** The park an enterprise's {@code inChemicalZone} flag places it in. */
  public static final String CHEMICAL_ZONE = "chemical-zone";
}
