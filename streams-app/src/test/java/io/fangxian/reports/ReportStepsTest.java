package io.fangxian.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fangxian.avro.Enterprise;
import io.fangxian.avro.PublicReportEvent;
import io.fangxian.avro.PublicReportEventType;
import io.fangxian.avro.RiskLevel;
import io.fangxian.avro.internal.AreaUpdate;
import io.fangxian.avro.internal.ReportState;
import io.fangxian.validate.InvalidRecordException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pure rules of a public report: its steps' order, its clocks and the figures' changes. */
class ReportStepsTest {
  static final Instant T0 = Instant.parse("2026-07-01T02:00:00Z");
  static final Duration DAY = Duration.ofDays(1);
  final ReportLimits limits = new ReportLimits(Duration.ofDays(15), Duration.ofDays(60), Duration.ofDays(10));
  final ReportSteps steps = new ReportSteps(limits, Set.of("jincheng", "rulin")::contains);
  final Enterprise e = Enterprise.newBuilder().setEnterpriseId("91320413MA1XXXXX0X").setName("某公司")
      .setTownshipId("jincheng").setSectorId("construction").setRiskLevel(RiskLevel.YELLOW).build();

  private PublicReportEvent step(PublicReportEventType type, Instant at) {
    return PublicReportEvent.newBuilder().setEventId(type + "-" + at).setReportId("R1").setType(type).setOccurredAt(at)
        .setEnterpriseId(e.getEnterpriseId()).setTownshipId("jincheng")
        .setSubstantiated(type == PublicReportEventType.VERIFIED ? true : null)
        .setRewardYuan(type == PublicReportEventType.REWARDED ? 500.0 : null).build();
  }

  private ReportState apply(ReportState before, PublicReportEventType type, Instant at) {
    return steps.apply(before, step(type, at), e, at.toEpochMilli());
  }

  @Test
  void theVerificationClockStartsAtAcceptanceOrAtTheEndOfTheAcceptanceLimitWhicheverIsEarlier() {
    ReportState received = apply(null, PublicReportEventType.RECEIVED, T0);
    assertThat(received.getVerificationDueAt()).isEqualTo(T0.plus(Duration.ofDays(75)));
    ReportState early = apply(received, PublicReportEventType.ACCEPTED, T0.plus(Duration.ofDays(2)));
    assertThat(early.getVerificationDueAt()).isEqualTo(T0.plus(Duration.ofDays(62)));
    ReportState late = apply(received, PublicReportEventType.ACCEPTED, T0.plus(Duration.ofDays(30)));
    assertThat(late.getVerificationDueAt()).as("a late acceptance buys no time").isEqualTo(T0.plus(Duration.ofDays(75)));
    assertThat(limits.acceptanceDueMs(received)).isEqualTo(T0.plus(Duration.ofDays(15)).toEpochMilli());
    assertThat(limits.replyDue(early)).isNull();
  }

  @Test
  void overdueExactlyAtTheDueInstantByTheClock() {
    ReportState r = apply(apply(null, PublicReportEventType.RECEIVED, T0), PublicReportEventType.ACCEPTED, T0);
    long due = T0.plus(Duration.ofDays(60)).toEpochMilli();
    assertThat(steps.withClock(ReportState.newBuilder(r).build(), due - 1).getVerificationOverdue()).isFalse();
    assertThat(steps.withClock(ReportState.newBuilder(r).build(), due).getVerificationOverdue()).isTrue();
    ReportState verified = steps.apply(r, step(PublicReportEventType.VERIFIED, T0.plus(DAY)), e, due + 1);
    assertThat(verified.getVerificationOverdue()).as("verified: no longer waiting").isFalse();
    assertThat(limits.replyDue(verified)).isEqualTo(T0.plus(DAY).plus(Duration.ofDays(10)));
  }

  @Test
  void theFiguresMoveFromStateToState() {
    ReportState received = apply(null, PublicReportEventType.RECEIVED, T0);
    AreaUpdate first = ReportFigures.change(null, received);
    assertThat(first.getReportsReceived()).isEqualTo(1);
    ReportState accepted = apply(received, PublicReportEventType.ACCEPTED, T0);
    ReportState overdue = steps.withClock(ReportState.newBuilder(accepted).build(), T0.plus(Duration.ofDays(61)).toEpochMilli());
    assertThat(ReportFigures.change(accepted, overdue).getReportsVerificationOverdue()).isEqualTo(1);
    ReportState verified = steps.apply(overdue, step(PublicReportEventType.VERIFIED, T0.plus(Duration.ofDays(62))), e,
        T0.plus(Duration.ofDays(62)).toEpochMilli());
    AreaUpdate d = ReportFigures.change(overdue, verified);
    assertThat(d.getReportsVerificationOverdue()).isEqualTo(-1);
    assertThat(d.getReportsSubstantiated()).isEqualTo(1);
    ReportState rewarded = apply(verified, PublicReportEventType.REWARDED, T0.plus(Duration.ofDays(70)));
    ReportState corrected = steps.apply(rewarded, PublicReportEvent.newBuilder(step(PublicReportEventType.REWARDED,
        T0.plus(Duration.ofDays(71)))).setRewardYuan(300.0).build(), e, T0.plus(Duration.ofDays(71)).toEpochMilli());
    assertThat(ReportFigures.change(verified, rewarded).getRewardYuan()).isEqualTo(500.0);
    assertThat(ReportFigures.change(rewarded, corrected).getRewardYuan()).isEqualTo(-200.0);
    assertThat(ReportFigures.areas(corrected)).containsExactly("township/jincheng", "sector/construction");
  }

  @Test
  void refusedStepsSayWhy() {
    ReportState received = apply(null, PublicReportEventType.RECEIVED, T0);
    ReportState rejected = apply(received, PublicReportEventType.REJECTED, T0.plus(DAY));
    for (PublicReportEventType type : List.of(PublicReportEventType.ACCEPTED, PublicReportEventType.VERIFIED,
        PublicReportEventType.REPLIED, PublicReportEventType.REWARDED, PublicReportEventType.ASSIGNED)) {
      assertThatThrownBy(() -> apply(rejected, type, T0.plus(Duration.ofDays(2))))
          .isInstanceOf(InvalidRecordException.class).hasMessageContaining("rejected");
    }
    assertThatThrownBy(() -> apply(received, PublicReportEventType.VERIFIED, T0)).hasMessageContaining("not accepted");
    assertThatThrownBy(() -> apply(received, PublicReportEventType.RECEIVED, T0)).hasMessageContaining("only once");
    assertThatThrownBy(() -> apply(null, PublicReportEventType.ACCEPTED, T0)).hasMessageContaining("not received yet");
    assertThatThrownBy(() -> steps.apply(null, PublicReportEvent.newBuilder(step(PublicReportEventType.RECEIVED, T0))
        .setTownshipId("atlantis").build(), e, T0.toEpochMilli())).hasMessageContaining("unknown township atlantis");
    ReportState accepted = apply(received, PublicReportEventType.ACCEPTED, T0);
    ReportState unfounded = steps.apply(accepted, PublicReportEvent.newBuilder(step(PublicReportEventType.VERIFIED, T0))
        .setSubstantiated(false).build(), e, T0.toEpochMilli());
    assertThatThrownBy(() -> apply(unfounded, PublicReportEventType.REWARDED, T0)).hasMessageContaining("unsubstantiated");
  }
}
