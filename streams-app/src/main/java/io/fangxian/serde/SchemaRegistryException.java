package io.fangxian.serde;

/**
 * A schema registry call failed. {@link #httpStatus()} is 0 when the registry could not be reached;
 * {@link #errorCode()} is the registry's own {@code error_code}, or -1 when it sent none.
 */
public class SchemaRegistryException extends RuntimeException {
  public static final int SUBJECT_NOT_FOUND = 40401;
  public static final int VERSION_NOT_FOUND = 40402;
  public static final int SCHEMA_NOT_FOUND = 40403;
  public static final int INCOMPATIBLE_SCHEMA = 409;
  public static final int INVALID_SCHEMA = 42201;
  public static final int INVALID_COMPATIBILITY_LEVEL = 42203;

  private final int httpStatus;
  private final int errorCode;
  private final String url;
  private final String subject;

  public SchemaRegistryException(String message, int httpStatus, int errorCode, String url, String subject,
      Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
    this.url = url;
    this.subject = subject;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public int errorCode() {
    return errorCode;
  }

  public String url() {
    return url;
  }

  /** The subject the call was about, or null. */
  public String subject() {
    return subject;
  }

  public boolean isUnreachable() {
    return httpStatus == 0;
  }

  public boolean isNotFound() {
    return httpStatus == 404;
  }
}
