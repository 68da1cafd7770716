package io.fangxian.web;

/**
 * A request that cannot be answered as asked: becomes {@code {"error": ..., "message": ...}}
 * with the given status. {@code retryAfterSeconds > 0} adds a Retry-After header (503, 429).
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String error;
  private final int retryAfterSeconds;

  public ApiException(int status, String error, String message, int retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.error = error;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, "bad_request", message, 0);
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, "not_found", message, 0);
  }

  /** The instance cannot answer now (rebalance, restore, a peer unreachable): try again shortly. */
  public static ApiException unavailable(String message) {
    return new ApiException(503, "unavailable", message, 2);
  }

  public int status() {
    return status;
  }

  public String error() {
    return error;
  }

  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
