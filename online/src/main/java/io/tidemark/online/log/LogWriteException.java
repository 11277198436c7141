package io.tidemark.online.log;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;

/** A record could not be made durable, so its request must not be acknowledged. */
public final class LogWriteException extends TidemarkException {
  public LogWriteException(String message, Throwable cause) {
    super(ErrorCode.LOG_WRITE_FAILED, message, cause);
  }
}
