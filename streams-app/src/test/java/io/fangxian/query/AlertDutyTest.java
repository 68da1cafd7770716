package io.fangxian.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.alerts.AlertViews;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The alerts a unit answered for: acknowledged (签收) and fed back (反馈) within their limits. */
class AlertDutyTest {
  private static final Instant ACK_BY = Instant.parse("2026-11-01T02:00:00Z");
  private static final Instant FEEDBACK_BY = Instant.parse("2026-11-02T02:00:00Z");

  private static AlertViews.Handling handling(Instant acked, Instant fedBack) {
    List<AlertViews.HandlingStep> steps = new java.util.ArrayList<>();
    if (acked != null) {
      steps.add(new AlertViews.HandlingStep("a", "ACKNOWLEDGE", "王某", acked, null));
    }
    if (fedBack != null) {
      steps.add(new AlertViews.HandlingStep("f", "FEEDBACK", "王某", fedBack, "已整改"));
    }
    return new AlertViews.Handling("X", true, "王某", "镇分管负责人", false, 0, ACK_BY, FEEDBACK_BY, false, false, steps);
  }

  @Test
  void inTimeLateAndNotYetDueAreCountedApart() {
    long beforeAnyLimit = ACK_BY.minusSeconds(3600).toEpochMilli();
    long afterBoth = FEEDBACK_BY.plusSeconds(3600).toEpochMilli();
    Views.AlertDuty d = Views.AlertDuty.ZERO
        .plus(handling(ACK_BY.minusSeconds(60), FEEDBACK_BY), afterBoth)               // both in time (the limit itself is in time)
        .plus(handling(ACK_BY.plusSeconds(60), FEEDBACK_BY.plusSeconds(1)), afterBoth) // both late
        .plus(handling(null, null), afterBoth)                                          // neither, both past
        .plus(handling(null, null), beforeAnyLimit);                                    // not due yet
    assertThat(d).isEqualTo(new Views.AlertDuty(4, 3, 1, 3, 1));
    Views.UnitScorecard card = Views.UnitScorecard.of(io.fangxian.accountability.UnitTally.zero("jincheng"), "township", "金城镇",
        java.time.Duration.ofDays(30), java.time.Duration.ofDays(30), d, null);
    assertThat(card.acknowledgedInTimeShare()).isEqualTo(0.333);
    assertThat(card.fedBackInTimeShare()).isEqualTo(0.333);
    assertThat(Views.UnitScorecard.of(io.fangxian.accountability.UnitTally.zero("x"), "other", null, java.time.Duration.ofDays(30),
        java.time.Duration.ofDays(30), Views.AlertDuty.ZERO, null).acknowledgedInTimeShare()).isNull();
  }
}
