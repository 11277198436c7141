package io.tidemark.online.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidemark.online.fetch.FetchError;
import io.tidemark.online.fetch.FetchRequest;
import io.tidemark.online.fetch.ResponseJson;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the errors Jetty itself raises before a request reaches {@link FetchHandler} (a path with {@code ..} or an
 * encoded separator, a header too large, a malformed request line) in the service's JSON error format, instead of
 * Jetty's HTML page, so that every client can read every error the same way.
 */
final class JsonErrorHandler extends ErrorHandler {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    int status = response.getStatus();
    Object reason = request.getAttribute(ERROR_MESSAGE);
    String message = "The request was refused before it was read: " + (reason == null
        ? HttpStatus.getMessage(status) : reason) + " (HTTP " + status + "). Fix: POST to " + FetchHandler.JOIN_PATH
        + "<join name> or " + FetchHandler.GROUP_BY_PATH + "<GroupBy name> with a body such as "
        + FetchRequest.EXAMPLE + ", or GET " + FetchHandler.HEALTH_PATH;
    byte[] body = JSON.writeValueAsBytes(ResponseJson.error(errorOf(status), message));
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, MimeTypes.Type.APPLICATION_JSON_UTF_8.asString());
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }

  /** The error with this status, else the general one of its class: a malformed request or an internal failure. */
  private static FetchError errorOf(int status) {
    return Arrays.stream(FetchError.values())
        .filter(error -> error.httpStatus() == status)
        .findFirst()
        .orElse(status < 500 ? FetchError.MALFORMED_REQUEST : FetchError.INTERNAL);
  }
}
