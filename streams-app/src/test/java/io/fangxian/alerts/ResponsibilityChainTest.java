package io.fangxian.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.avro.AlertSubject;
import io.fangxian.avro.Leader;
import io.fangxian.avro.LeaderRole;
import io.fangxian.avro.SubjectType;
import io.fangxian.rules.AlertSignals;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ResponsibilityChainTest {
  private final AtomicInteger rosterReads = new AtomicInteger();
  private final List<Leader> roster = List.of(
      leader("L1", "张镇长", LeaderRole.TOWNSHIP_LEADER, null, List.of("jincheng")),
      leader("L2", "李局长", LeaderRole.DEPARTMENT_HEAD, "区住建局", List.of()),
      leader("L3", "王局长", LeaderRole.DEPARTMENT_HEAD, ResponsibilityChain.BUREAU, List.of()),
      leader("L4", "赵副区长", LeaderRole.DEPUTY_DISTRICT_HEAD, null, List.of()));
  private final ResponsibilityChain chain = new ResponsibilityChain(() -> {
    rosterReads.incrementAndGet();
    return roster;
  }, sector -> sector.equals("construction") ? Optional.of("区住建局") : Optional.empty(),
      Map.of("jincheng", "锦城街道", "xuebu", "薛埠镇")::get, sector -> false);
  private final AlertSubject subject = AlertSubject.newBuilder().setType(SubjectType.ENTERPRISE).setId("E1")
      .setTownshipId("jincheng").setSectorId("construction").build();

  @Test
  void eachStepNamesItsLeaderFromTheRosterReadOnce() {
    assertThat(chain.at(0, subject)).isEqualTo(new Person("张镇长", "镇(街道)分管负责人"));
    assertThat(chain.at(1, subject)).isEqualTo(new Person("区住建局 李局长", "区行业主管部门负责人"));
    assertThat(chain.at(2, subject)).isEqualTo(new Person("赵副区长", "分管副区长"));
    assertThat(rosterReads).as("one read of the roster per step asked").hasValue(3);
  }

  @Test
  void aStepWithNobodyOnTheRosterSaysSoAndASectorWithoutDepartmentGoesToTheBureau() {
    AlertSubject elsewhere = AlertSubject.newBuilder(subject).setTownshipId("xuebu").setSectorId("tourism").build();
    assertThat(chain.at(0, elsewhere).name()).isEqualTo("薛埠镇分管负责人(未登记)");
    assertThat(chain.at(1, elsewhere)).isEqualTo(new Person("区应急管理局 王局长", "区行业主管部门负责人"));
  }

  @Test
  void theRulesThatStartAboveTheTownshipAreNamedAsTheRulesSpellThem() {
    assertThat(ResponsibilityChain.FIRST_STEP).containsOnlyKeys(AlertSignals.WRITE_OFF_REVIEW_OVERDUE,
        AlertSignals.ACCIDENT, AlertSignals.ACCIDENT_LATE_REPORT, AlertSignals.ACCIDENT_SUSPECTED_LATE_REPORT,
        AlertSignals.CASE_DECISION_OVERDUE, AlertSignals.MAJOR_HAZARD_WITHOUT_CASE);
    assertThat(ResponsibilityChain.BUREAU_RULES).containsExactlyInAnyOrder(AlertSignals.ACCIDENT,
        AlertSignals.ACCIDENT_LATE_REPORT, AlertSignals.ACCIDENT_SUSPECTED_LATE_REPORT);
    assertThat(chain.first(AlertSignals.ACCIDENT, subject)).isEqualTo(new Person("区应急管理局 王局长", "区应急管理局负责人"));
    assertThat(chain.first(AlertSignals.MAJOR_HAZARD, subject).role()).isEqualTo("镇(街道)分管负责人");
  }

  private static Leader leader(String id, String name, LeaderRole role, String department, List<String> townships) {
    return Leader.newBuilder().setLeaderId(id).setName(name).setRole(role).setDepartment(department)
        .setTownshipIds(townships).build();
  }
}
