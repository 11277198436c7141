package io.tidemark.api;

import static java.util.Objects.requireNonNull;

/** A failure the user can act on: the message says what went wrong and how to fix it. */
public class TidemarkException extends RuntimeException {
  private final ErrorCategory category;

  public TidemarkException(ErrorCategory category, String message) {
    super(message);
    this.category = requireNonNull(category, "category is null");
  }

  public TidemarkException(ErrorCategory category, String message, Throwable cause) {
    super(message, cause);
    this.category = requireNonNull(category, "category is null");
  }

  public ErrorCategory category() {
    return category;
  }
}
