package io.fangxian.handling;

import io.fangxian.avro.AlertSubject;
import io.fangxian.avro.Leader;
import io.fangxian.avro.LeaderRole;
import java.util.List;
import java.util.Optional;
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
   * @param roster every leader on the roster (a small list: a district has tens)
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
    List<Leader> leaders = roster.get();
    if (step <= 0 && subject.getTownshipId() != null) {
      String township = subject.getTownshipId();
      return leaders.stream()
          .filter(l -> l.getRole() == LeaderRole.TOWNSHIP_LEADER && l.getTownshipIds().contains(township))
          .findFirst().map(l -> new Person(l.getName(), "镇(街道)分管负责人"))
          .orElse(new Person(townshipName.apply(township) + "分管负责人(未登记)", "镇(街道)分管负责人"));
    }
    if (step <= 1) {
      Optional<String> listed = Optional.ofNullable(subject.getSectorId()).flatMap(departmentOfSector);
      String department = listed.orElse("区应急管理局");
      String role = "区行业主管部门负责人"
          + (listed.isPresent() && exampleSector.test(subject.getSectorId()) ? EXAMPLE_NOTE : "");
      return leaders.stream()
          .filter(l -> l.getRole() == LeaderRole.DEPARTMENT_HEAD && department.equals(l.getDepartment()))
          .findFirst().map(l -> new Person(department + " " + l.getName(), role))
          .orElse(new Person(department + "负责人(未登记)", role));
    }
    return leaders.stream().filter(l -> l.getRole() == LeaderRole.DEPUTY_DISTRICT_HEAD).findFirst()
        .map(l -> new Person(l.getName(), "分管副区长"))
        .orElse(new Person("分管副区长(未登记)", "分管副区长"));
  }
}
