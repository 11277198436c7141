package io.tidemark.online.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.online.fetch.FetchError;
import io.tidemark.online.fetch.FetchException;
import io.tidemark.online.fetch.FetchRequest;
import io.tidemark.online.fetch.Fetcher;
import io.tidemark.online.fetch.GroupByResponse;
import io.tidemark.online.fetch.ResponseJson;
import io.tidemark.online.log.LogStatistics;
import io.tidemark.online.log.RequestLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers {@code POST /v1/fetch/join/<name>}, {@code POST /v1/fetch/groupby/<name>} and {@code GET /v1/health}. A join
 * fetch is answered only once its log record is durable: the response is written when the log completes the record.
 */
final class FetchHandler extends Handler.Abstract {
  static final String JOIN_PATH = "/v1/fetch/join/";
  static final String GROUP_BY_PATH = "/v1/fetch/groupby/";
  static final String HEALTH_PATH = "/v1/health";
  private static final int MAX_BODY_BYTES = 1 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Fetcher fetcher;
  private final RequestLog log;

  FetchHandler(Fetcher fetcher, RequestLog log) {
    this.fetcher = requireNonNull(fetcher, "fetcher is null");
    this.log = requireNonNull(log, "log is null");
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    try {
      if (path.equals(HEALTH_PATH)) {
        requireMethod(request, response, "GET");
        send(response, callback, 200, health());
      } else if (path.startsWith(JOIN_PATH)) {
        requireMethod(request, response, "POST");
        String name = nameAfter(path, JOIN_PATH, "join", "quickstart.training_set.v2");
        // Answered on Jetty's threads, so that the log's writer thread goes straight back to the next batch.
        fetcher.fetchJoin(name, FetchRequest.parseBody(body(request))).whenCompleteAsync((answer, failure) -> {
          if (failure == null) {
            send(response, callback, 200, ResponseJson.of(answer));
          } else {
            sendError(response, callback, failure instanceof CompletionException ? failure.getCause() : failure);
          }
        }, request.getComponents().getExecutor());
      } else if (path.startsWith(GROUP_BY_PATH)) {
        requireMethod(request, response, "POST");
        String name = nameAfter(path, GROUP_BY_PATH, "GroupBy", "quickstart.purchases.v1");
        GroupByResponse answer = fetcher.fetchGroupBy(name, FetchRequest.parseBody(body(request)));
        send(response, callback, 200, ResponseJson.of(answer));
      } else {
        throw new FetchException(FetchError.NOT_FOUND, "No endpoint at " + path + ". Fix: POST to " + JOIN_PATH
            + "<join name> or " + GROUP_BY_PATH + "<GroupBy name>, or GET " + HEALTH_PATH);
      }
    } catch (RuntimeException e) {
      sendError(response, callback, e);
    }
    return true;
  }

  private ObjectNode health() {
    LogStatistics statistics = log.statistics();
    ObjectNode node = JSON.createObjectNode();
    node.put("status", "ok");
    ObjectNode logNode = node.putObject("log");
    logNode.put("records", statistics.records());
    logNode.put("batches", statistics.batches());
    logNode.put("largest_batch", statistics.largestBatch());
    logNode.put("mean_batch", statistics.meanBatch());
    logNode.put("failed_records", statistics.failedRecords());
    return node;
  }

  private static void requireMethod(Request request, Response response, String method) {
    if (!request.getMethod().equals(method)) {
      response.getHeaders().put(HttpHeader.ALLOW, method);
      throw new FetchException(FetchError.METHOD_NOT_ALLOWED, request.getMethod() + " is not allowed on "
          + Request.getPathInContext(request) + ". Fix: use " + method);
    }
  }

  private static String nameAfter(String path, String prefix, String kind, String example) {
    String name = path.substring(prefix.length());
    if (name.isEmpty()) {
      throw new FetchException(FetchError.NOT_FOUND, "No " + kind + " name in " + path + ". Fix: POST to " + prefix
          + "<" + kind + " name>, e.g. " + prefix + example);
    }
    return name;
  }

  /**
   * The body as text. At most {@link #MAX_BODY_BYTES} are read, also from a chunked body that declares no length, and
   * bytes that are not UTF-8 are refused rather than replaced, since they would reach the log as a different key.
   */
  private static String body(Request request) {
    long length = request.getLength();
    if (length > MAX_BODY_BYTES) {
      throw tooLong(Long.toString(length));
    }
    byte[] bytes;
    try (InputStream in = Content.Source.asInputStream(request)) {
      bytes = in.readNBytes(MAX_BODY_BYTES + 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (bytes.length > MAX_BODY_BYTES) {
      throw tooLong("at least " + bytes.length);
    }
    ByteBuffer input = ByteBuffer.wrap(bytes);
    CharBuffer text = CharBuffer.allocate(bytes.length);
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    CoderResult result = decoder.decode(input, text, true);
    if (result.isError()) {
      throw new FetchException(FetchError.MALFORMED_REQUEST, "The request body is not valid UTF-8 (byte "
          + (input.position() + 1) + " of " + bytes.length + " starts an invalid sequence). Fix: send the JSON "
          + "encoded as UTF-8, e.g. " + FetchRequest.EXAMPLE);
    }
    decoder.flush(text);
    return text.flip().toString();
  }

  private static FetchException tooLong(String length) {
    return new FetchException(FetchError.MALFORMED_REQUEST, "The request body has " + length + " bytes, more than the "
        + MAX_BODY_BYTES + " allowed. Fix: send one request's keys per call");
  }

  private static void sendError(Response response, Callback callback, Throwable failure) {
    if (failure instanceof FetchException fetch) {
      send(response, callback, fetch.error().httpStatus(), ResponseJson.error(fetch.error(), fetch.withoutCode()));
    } else {
      send(response, callback, FetchError.INTERNAL.httpStatus(), ResponseJson.error(FetchError.INTERNAL,
          "The fetch failed: " + failure.getClass().getSimpleName() + ": " + failure.getMessage()));
    }
  }

  private static void send(Response response, Callback callback, int status, ObjectNode body) {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      callback.failed(e);
      return;
    }
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, MimeTypes.Type.APPLICATION_JSON_UTF_8.asString());
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }
}
