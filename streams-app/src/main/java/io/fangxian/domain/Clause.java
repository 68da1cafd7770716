package io.fangxian.domain;

import java.util.Set;

/**
 * One clause of a major-accident-hazard standard (重大事故隐患判定标准), the 判定依据 a major hazard
 * cites.
 *
 * @param id stable id, e.g. {@code GM10-3-1}: standard, article, item
 * @param standardShort the standard's short code, e.g. {@code GM10} for 应急管理部令第10号
 * @param standard the standard's full title and document number
 * @param article where the clause stands in it, e.g. 第三条第（一）项
 * @param text the clause, verbatim or shortened with ……
 * @param sectors the sector ids it applies to; empty means every sector
 * @param source where the text was read
 * @param supersededBy empty for a clause in force; else the standard that replaced its own (a hazard
 *     judged under it before still cites it and still grades, its text stays readable)
 */
public record Clause(String id, String standardShort, String standard, String article, String text,
                     Set<String> sectors, String source, String supersededBy) {

  /** A clause of a standard in force. */
  public Clause(String id, String standardShort, String standard, String article, String text,
                Set<String> sectors, String source) {
    this(id, standardShort, standard, article, text, sectors, source, "");
  }

  /** Whether its standard has been replaced by a newer one. */
  public boolean superseded() {
    return !supersededBy.isEmpty();
  }

  /** Whether a hazard of an enterprise in {@code sectorId} may be judged major under this clause. */
  public boolean appliesTo(String sectorId) {
    return sectors.isEmpty() || sectors.contains(sectorId);
  }
}
