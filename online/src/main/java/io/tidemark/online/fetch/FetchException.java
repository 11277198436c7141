package io.tidemark.online.fetch;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.TidemarkException;

/** A fetch that cannot be answered; the message names the field or definition at fault and the fix. */
public final class FetchException extends TidemarkException {
  private final FetchError error;

  public FetchException(FetchError error, String message) {
    super(requireNonNull(error, "error is null").errorCode(), message);
    this.error = error;
  }

  public FetchException(FetchError error, String message, Throwable cause) {
    super(requireNonNull(error, "error is null").errorCode(), message, cause);
    this.error = error;
  }

  public FetchError error() {
    return error;
  }
}
