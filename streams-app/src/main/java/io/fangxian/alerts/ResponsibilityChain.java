package io.fangxian.alerts;

import io.fangxian.avro.AlertSubject;
import io.fangxian.avro.Leader;
import io.fangxian.avro.LeaderRole;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Who is responsible for an alert at each escalation step: the township's linked leader (镇(街道)
 * 分管负责人), the sector's supervising department (from the 监管责任清单) and its head, then the
 * district's 分管副区长. A step whose person is not on the roster names the post instead, so the
 * record still says who must act ("金城镇分管负责人(未登记)").
 */
public final class ResponsibilityChain {
  /** Steps: 0 township, 1 sector's department, 2 district. */
  public static final int LAST_STEP = 2;
  /** The district's emergency-management bureau, which receives and reports accidents (493号令 第十条). */
  public static final String BUREAU = "区应急管理局";

  /**
   * Alerts that do not start at the township: a late write-off review and the enforcement cases'
   * alerts are the department's own duty (step 1), and an accident is the bureau's at once (493号令 第十条: the 安全生产监督管理部门 reports
   * it up and notifies), not first the township's. Alert rule names, as {@code rules.AlertSignals}
   * spells them ({@code ResponsibilityChainTest} holds them together).
   */
  static final Map<String, Integer> FIRST_STEP = Map.of(
      "write-off-review-overdue", 1, "accident", 1, "accident-late-report", 1, "accident-suspected-late-report", 1,
      "case-decision-overdue", 1, "major-hazard-without-case", 1);
  static final Set<String> BUREAU_RULES = Set.of("accident", "accident-late-report", "accident-suspected-late-report");

  /** The step an alert of {@code rule} starts at. */
  public static int firstStep(String rule) {
    return FIRST_STEP.getOrDefault(rule, 0);
  }

  /** Who an alert of {@code rule} about {@code subject} goes to first. */
  public Person first(String rule, AlertSubject subject) {
    return BUREAU_RULES.contains(rule) ? department(BUREAU, "区应急管理局负责人") : at(firstStep(rule), subject);
  }

  /**
   * Added to the department head's role when the department was taken from the built-in example
   * responsibility list (reference/responsibilities.csv) because the district has not loaded its own row.
   */
  public static final String EXAMPLE_NOTE = "(按内置示例责任清单,待本区加载)";

  private final Supplier<List<Leader>> roster;
  private final Function<String, Optional<String>> departmentOfSector;
  private final Function<String, String> townshipName;
  private final Predicate<String> exampleSector;

  /**
   * @param roster every leader on the roster (a small list: a district has tens), read once per {@link #at}
   * @param departmentOfSector the responsibility list, loaded or built in
   * @param townshipName a township's Chinese name by id
   * @param exampleSector whether a sector's department comes from the built-in example list (none loaded)
   */
  public ResponsibilityChain(Supplier<List<Leader>> roster, Function<String, Optional<String>> departmentOfSector,
      Function<String, String> townshipName, Predicate<String> exampleSector) {
    this.roster = roster;
    this.departmentOfSector = departmentOfSector;
    this.townshipName = townshipName;
    this.exampleSector = exampleSector;
  }

  public Person at(int step, AlertSubject subject) {
    if (step <= 0 && subject.getTownshipId() != null) {
      String township = subject.getTownshipId();
      return roster.get().stream()
          .filter(l -> l.getRole() == LeaderRole.TOWNSHIP_LEADER && l.getTownshipIds().contains(township))
          .findFirst().map(l -> new Person(l.getName(), "镇(街道)分管负责人"))
          .orElse(new Person(townshipName.apply(township) + "分管负责人(未登记)", "镇(街道)分管负责人"));
    }
    if (step <= 1) {
      Optional<String> listed = Optional.ofNullable(subject.getSectorId()).flatMap(departmentOfSector);
      String role = "区行业主管部门负责人"
          + (listed.isPresent() && exampleSector.test(subject.getSectorId()) ? EXAMPLE_NOTE : "");
      return department(listed.orElse(BUREAU), role);
    }
    return roster.get().stream().filter(l -> l.getRole() == LeaderRole.DEPUTY_DISTRICT_HEAD).findFirst()
        .map(l -> new Person(l.getName(), "分管副区长"))
        .orElse(new Person("分管副区长(未登记)", "分管副区长"));
  }

  private Person department(String department, String role) {
    return roster.get().stream()
        .filter(l -> l.getRole() == LeaderRole.DEPARTMENT_HEAD && department.equals(l.getDepartment()))
        .findFirst().map(l -> new Person(department + " " + l.getName(), role))
        .orElse(new Person(department + "负责人(未登记)", role));
  }
}
