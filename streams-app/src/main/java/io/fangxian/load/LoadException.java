package io.fangxian.load;

/** A file that cannot be read at all; the message is meant for the user. */
public class LoadException extends RuntimeException {
  public LoadException(String message) {
    super(message);
  }

  public LoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
