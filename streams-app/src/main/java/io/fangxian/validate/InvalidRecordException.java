package io.fangxian.validate;

/**
 * Thrown by a processor for a record that must go to the dead-letter topic. The configured
 * {@link io.fangxian.deadletter.DeadLetterHandler} turns it into a dead letter carrying the
 * original bytes, so a processor never needs them itself.
 */
public final class InvalidRecordException extends RuntimeException {
  private final RejectReason reason;

  public InvalidRecordException(RejectReason reason, String message) {
    super(message, null, false, false); // rejections are expected: no stack trace to fill
    this.reason = reason;
  }

  public RejectReason reason() {
    return reason;
  }
}
