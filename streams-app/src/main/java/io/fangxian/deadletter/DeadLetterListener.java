package io.fangxian.deadletter;

import io.fangxian.validate.RejectReason;

/** Told of each dead letter, e.g. to count them by reason in metrics. */
@FunctionalInterface
public interface DeadLetterListener {
  /** Key under which an instance is passed in the Streams configuration. */
  String CONFIG = "fangxian.dead.letter.listener";

  DeadLetterListener NONE = (topic, reason) -> { };

  void deadLettered(String sourceTopic, RejectReason reason);
}
