package io.fangxian.alerts;

import io.fangxian.avro.Alert;
import io.fangxian.avro.AlertAction;

/**
 * What the alert processor takes in, one of the two: a rule's signal, or a handling action (签收,
 * 反馈, 核查, 消警). One processor takes both so that it alone writes the alerts and their clocks.
 */
record AlertInput(Alert signal, AlertAction action) {
  static AlertInput signal(Alert signal) {
    return new AlertInput(signal, null);
  }

  static AlertInput action(AlertAction action) {
    return new AlertInput(null, action);
  }
}
