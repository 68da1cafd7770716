package io.fangxian.load;

/** A line that could not be loaded, and why. Line numbers start at 1 (a CSV header is line 1). */
public record LineError(int lineNumber, String reason) {
  @Override
  public String toString() {
    return "line " + lineNumber + ": " + reason;
  }
}
