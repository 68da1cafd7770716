package io.fangxian.validate;

/** Why a record went to the dead-letter topic; {@link #code()} is the header value. */
public enum RejectReason {
  UNDESERIALIZABLE("undeserializable"),
  MISSING_FIELD("missing-field"),
  INVALID_FIELD("invalid-field"),
  UNKNOWN_SYMBOL("unknown-symbol"),
  INVALID_ENTERPRISE_CODE("invalid-enterprise-code"),
  KEY_MISMATCH("key-mismatch"),
  EVENT_TIME_IN_FUTURE("event-time-in-future"),
  EVENT_TIME_TOO_OLD("event-time-too-old"),
  UNKNOWN_ENTERPRISE("unknown-enterprise"),
  IMPOSSIBLE_TRANSITION("impossible-transition"),
  CLAUSE_NOT_FOR_SECTOR("clause-not-for-sector"),
  PROCESSING_FAILED("processing-failed");

  private final String code;

  RejectReason(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
