package io.fangxian.domain;

import io.fangxian.avro.Enterprise;
import java.util.ArrayList;
import java.util.List;

/** An industrial park or the chemical zone: an overlay across townships (reference/parks.csv). */
public record Park(String id, String nameZh, String source) {
  /** The park an enterprise's {@code inChemicalZone} flag places it in. */
  public static final String CHEMICAL_ZONE = "chemical-zone";

  /** The parks an enterprise lies in: its park, and the chemical zone when it is flagged so. */
  public static List<String> idsOf(Enterprise e) {
    List<String> parks = new ArrayList<>(2);
    if (e.getParkId() != null && !e.getParkId().isBlank()) {
      parks.add(e.getParkId());
    }
    if (e.getInChemicalZone() && !parks.contains(CHEMICAL_ZONE)) {
      parks.add(CHEMICAL_ZONE);
    }
    return parks;
  }
}
