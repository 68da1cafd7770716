package io.fangxian.enforcement;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.avro.CaseEvent;
import io.fangxian.avro.CaseEventType;
import io.fangxian.avro.internal.CaseState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A case is reckoned for the bulletin's timeliness once: when its wait ended or its 90 days ran out, whichever first. */
class CaseTimelinessTest {
  static final Duration LIMIT = Duration.ofDays(90);
  static final Instant OPENED = Instant.parse("2026-01-10T02:00:00Z");

  static CaseState caseWith(Object... typesAndDays) {
    List<CaseEvent> steps = new ArrayList<>();
    steps.add(step(CaseEventType.OPENED, 0));
    CaseEventType last = CaseEventType.OPENED;
    for (int i = 0; i < typesAndDays.length; i += 2) {
      last = (CaseEventType) typesAndDays[i];
      steps.add(step(last, (Integer) typesAndDays[i + 1]));
    }
    return CaseState.newBuilder().setCaseId("C1").setEnterpriseId("E1").setTownshipId("jincheng").setSectorId("construction")
        .setStatus(last).setOpenedAt(OPENED).setSteps(steps).build();
  }

  static CaseEvent step(CaseEventType type, int day) {
    return CaseEvent.newBuilder().setEventId("e-" + type + day).setCaseId("C1").setEnterpriseId("E1").setType(type)
        .setOccurredAt(OPENED.plus(Duration.ofDays(day))).build();
  }

  static Instant day(int d) {
    return OPENED.plus(Duration.ofDays(d));
  }

  @Test
  void aDecisionWithinTheLimitIsInTimeWhenItIsMade() {
    CaseState c = caseWith(CaseEventType.DECIDED, 40, CaseEventType.CLOSED, 70);
    assertThat(CaseTimeliness.reckon(c, LIMIT, day(39))).isEmpty();
    assertThat(CaseTimeliness.reckon(c, LIMIT, day(200))).contains(new CaseTimeliness.Reckoning(day(40), true));
  }

  @Test
  void aCaseStillWaitingIsLateFromItsDueTimeAndOnlyThen() {
    CaseState c = caseWith();
    assertThat(CaseTimeliness.reckon(c, LIMIT, day(89))).isEmpty();
    assertThat(CaseTimeliness.reckon(c, LIMIT, day(90))).contains(new CaseTimeliness.Reckoning(day(90), false));
  }

  @Test
  void aLateDecisionIsReckonedLateWhenItsLimitPassedNotWhenItCame() {
    CaseState c = caseWith(CaseEventType.DECIDED, 100);
    assertThat(CaseTimeliness.reckon(c, LIMIT, day(120))).contains(new CaseTimeliness.Reckoning(day(90), false));
  }

  @Test
  void theFirstStepThatEndedTheWaitCountsNotACorrectedDecision() {
    CaseState corrected = caseWith(CaseEventType.DECIDED, 80, CaseEventType.DECIDED, 95);
    assertThat(CaseTimeliness.reckon(corrected, LIMIT, day(120))).contains(new CaseTimeliness.Reckoning(day(80), true));
    CaseState transferred = caseWith(CaseEventType.TRANSFERRED, 10);
    assertThat(CaseTimeliness.waitEndedAt(transferred)).isEqualTo(day(10));
    CaseState withdrawn = caseWith(CaseEventType.WITHDRAWN, 95);
    assertThat(CaseTimeliness.reckon(withdrawn, LIMIT, day(120))).contains(new CaseTimeliness.Reckoning(day(90), false));
  }
}
