package io.tidemark.online.fetch;

import io.tidemark.api.ErrorCode;
import java.util.Locale;

/** What went wrong with a fetch, with the HTTP status it is answered with. */
public enum FetchError {
  MALFORMED_REQUEST(400),
  MISSING_KEY(400),
  WRONG_KEY_TYPE(400),
  UNKNOWN_KEY(400),
  UNKNOWN_JOIN(404),
  UNKNOWN_GROUP_BY(404),
  NOT_UPLOADED(404),
  NOT_FOUND(404),
  METHOD_NOT_ALLOWED(405),
  LOG_FAILED(503),
  INTERNAL(500);

  private final int httpStatus;

  FetchError(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** The {@code category} of an error response: the name in lower case, e.g. {@code missing_key}. */
  public String category() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The error code: {@link ErrorCode#INVALID_REQUEST} for every 4xx (the caller's mistake, told apart by
   * {@link #category()}), and the environment's failures otherwise.
   */
  public ErrorCode errorCode() {
    return switch (this) {
      case LOG_FAILED -> ErrorCode.LOG_WRITE_FAILED;
      case INTERNAL -> ErrorCode.INTERNAL_ERROR;
      default -> ErrorCode.INVALID_REQUEST;
    };
  }
}
