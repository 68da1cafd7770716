package io.fangxian.enforcement;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.avro.CaseEventType;
import io.fangxian.avro.internal.CaseState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaseFilterTest {
  private static CaseState of(String township, String sector, String department, CaseEventType status, boolean overdue) {
    return CaseState.newBuilder().setCaseId("C-" + status).setEnterpriseId("E1").setTownshipId(township).setSectorId(sector)
        .setDepartmentId(department).setStatus(status).setDecisionOverdue(overdue)
        .setOpenedAt(Instant.parse("2026-01-05T00:00:00Z")).setSteps(List.of()).build();
  }

  @Test
  void theAreaFiltersChooseTheCasesCountedAndTheStatusTheOnesListed() {
    CaseFilter filter = new CaseFilter("jincheng", null, "区应急管理局", "overdue");
    CaseState waitingPastLimit = of("jincheng", "mining", "区应急管理局", CaseEventType.OPENED, true);
    CaseState decided = of("jincheng", "mining", "区应急管理局", CaseEventType.DECIDED, true);
    CaseState elsewhere = of("hutang", "mining", "区应急管理局", CaseEventType.OPENED, true);
    CaseState otherDepartment = of("jincheng", "mining", "区住建局", CaseEventType.OPENED, true);

    assertThat(List.of(waitingPastLimit, decided, elsewhere, otherDepartment)).filteredOn(c -> filter.where().test(c))
        .containsExactly(waitingPastLimit, decided);
    // Overdue is waiting for the decision past the limit: a decided case no longer is, whatever its flag.
    assertThat(filter.listed().test(waitingPastLimit)).isTrue();
    assertThat(filter.listed().test(decided)).isFalse();
  }

  @Test
  void openIsAnythingNotClosedOrWithdrawnAndTheOtherStatusesAreTheLastStep() {
    CaseFilter open = new CaseFilter(null, null, null, "open");
    CaseFilter transferred = new CaseFilter(null, null, null, "transferred");
    CaseFilter any = new CaseFilter(null, null, null, null);
    for (CaseEventType type : CaseEventType.values()) {
      CaseState c = of("jincheng", "mining", null, type, false);
      assertThat(open.listed().test(c)).as(type.name())
          .isEqualTo(type != CaseEventType.CLOSED && type != CaseEventType.WITHDRAWN);
      assertThat(transferred.listed().test(c)).as(type.name()).isEqualTo(type == CaseEventType.TRANSFERRED);
      assertThat(any.listed().test(c)).isTrue();
    }
    assertThat(CaseFilter.STATUSES).contains("open", "overdue").hasSize(7);
  }
}
