package dev.flern;

/**
 * Every error a user of Flern sees: bad SQL (with its position), a failed load, a native failure,
 * a missing compiler. Unchecked, because an embedded database is called from code that should not
 * have to declare it at every step; the message always says what went wrong and, where there is one,
 * what to do.
 */
public class FlernException extends RuntimeException {
  public FlernException(String message) {
    super(message);
  }

  public FlernException(String message, Throwable cause) {
    super(message, cause);
  }
}
