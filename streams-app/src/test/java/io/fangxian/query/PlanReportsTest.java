package io.fangxian.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.avro.PublicReportEventType;
import io.fangxian.avro.internal.ReportState;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Which public reports weigh in a flying-inspection plan. */
class PlanReportsTest {
  static final Instant SINCE = Instant.parse("2026-09-01T00:00:00Z");

  private static ReportState.Builder report() {
    return ReportState.newBuilder().setReportId("R1").setEnterpriseId("E1").setTownshipId("zhixi")
        .setReceivedAt(SINCE.plusSeconds(3600)).setStatus(PublicReportEventType.RECEIVED)
        .setVerificationDueAt(SINCE.plusSeconds(3600 + 75 * 86_400));
  }

  @Test
  void aReportReceivedInTheWindowWeighsUntilItIsRejectedOrFoundUnsubstantiated() {
    assertThat(LocalStores.weighsInAPlan(report().build(), SINCE)).as("received, not yet handled").isTrue();
    assertThat(LocalStores.weighsInAPlan(report().setAcceptedAt(SINCE.plusSeconds(7200)).build(), SINCE)).isTrue();
    assertThat(LocalStores.weighsInAPlan(report().setVerifiedAt(SINCE.plusSeconds(9000)).setSubstantiated(true).build(),
        SINCE)).as("substantiated").isTrue();
    assertThat(LocalStores.weighsInAPlan(report().setVerifiedAt(SINCE.plusSeconds(9000)).setSubstantiated(false).build(),
        SINCE)).as("unsubstantiated").isFalse();
    assertThat(LocalStores.weighsInAPlan(report().setRejectedAt(SINCE.plusSeconds(9000)).build(), SINCE))
        .as("rejected").isFalse();
  }

  @Test
  void aReportBeforeTheWindowOrNamingNoEnterpriseDoesNotWeigh() {
    assertThat(LocalStores.weighsInAPlan(report().setReceivedAt(SINCE.minusSeconds(1)).build(), SINCE)).isFalse();
    assertThat(LocalStores.weighsInAPlan(report().setReceivedAt(SINCE).build(), SINCE)).as("the window's first instant").isTrue();
    assertThat(LocalStores.weighsInAPlan(report().setEnterpriseId(null).build(), SINCE)).isFalse();
  }
}
