package io.fangxian.accidents;

import io.fangxian.avro.AccidentDuty;
import io.fangxian.avro.internal.AccidentState;
import io.fangxian.intake.EnrichedEvent;

/** What the bureau's duties for an accident hear: the accident's current version, or a duty done. */
record DutyInput(AccidentState accident, EnrichedEvent<AccidentDuty> duty) {
  static DutyInput accident(AccidentState a) {
    return new DutyInput(a, null);
  }

  static DutyInput duty(EnrichedEvent<AccidentDuty> d) {
    return new DutyInput(null, d);
  }
}
