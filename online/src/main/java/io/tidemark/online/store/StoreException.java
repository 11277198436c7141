package io.tidemark.online.store;

import io.tidemark.api.ErrorCategory;
import io.tidemark.api.TidemarkException;

/** The online store's files could not be read or written. */
public final class StoreException extends TidemarkException {
  public StoreException(String message, Throwable cause) {
    super(ErrorCategory.ENVIRONMENT, message, cause);
  }
}
