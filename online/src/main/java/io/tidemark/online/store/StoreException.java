package io.tidemark.online.store;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;

/** The online store's files could not be read or written. */
public final class StoreException extends TidemarkException {
  public StoreException(String message, Throwable cause) {
    super(ErrorCode.ONLINE_STORE_ERROR, message, cause);
  }
}
