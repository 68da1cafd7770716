package io.fangxian.domain;

import java.util.Arrays;
import java.util.List;

/**
 * A category of the 特种作业目录 (reference/special-operations.csv): what a special operator's
 * certificate covers.
 *
 * @param items the operation items (工种) of the category, separated by ';' (e.g. 低压电工作业)
 */
public record SpecialOperation(String id, String nameZh, String items, String source) {
  /** Whether {@code text} names this category: its id, its name or one of its items. */
  public boolean named(String text) {
    return id.equals(text) || nameZh.equals(text) || itemList().contains(text);
  }

  public List<String> itemList() {
    return items == null || items.isBlank() ? List.of() : Arrays.stream(items.split(";")).map(String::strip).toList();
  }
}
