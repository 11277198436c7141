package io.tidemark.online.http;

import static io.tidemark.online.TestOnline.DEC_1;
import static io.tidemark.online.TestOnline.JOIN;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidemark.online.OnlineLayout;
import io.tidemark.online.TestOnline;
import io.tidemark.online.store.RocksDbOnlineStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile HTTP requests against the fetch service, sent as raw bytes over a socket so that nothing on the client side
 * tidies them: each is answered with its status and the service's JSON error (never Jetty's HTML page, never a 500),
 * leaves the online folder byte for byte as it was (a refused request is not logged), and the service answers the
 * next request. The cases are listed in docs/errors.md.
 */
class HostileRequestTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FETCH = "/v1/fetch/join/" + JOIN;
  private static final String KEYS = "{\"user_id\": \"5\", \"account\": 42}";
  private static final String MALFORMED = "malformed_request";
  private static final String FIX = "Fix: send {\"keys\": {\"user_id\": \"5\"}, \"ts\": 1701388800000}";
  private static final String TS_FIX = "Fix: send e.g. \"ts\": 1701388800000, or leave it out for now";
  private static final String REFUSED_FIX = "Fix: POST to /v1/fetch/join/<join name> or /v1/fetch/groupby/<GroupBy "
      + "name> with a body such as {\"keys\": {\"user_id\": \"5\"}, \"ts\": 1701388800000}, or GET /v1/health";

  @TempDir
  static Path folder;

  private static FetchService service;

  /** A request as it goes over the wire, and the answer expected. */
  record Case(String name, byte[] request, int status, String category, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case post(String name, String path, byte[] body, int status, String category, String message) {
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.writeBytes(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(UTF_8));
    request.writeBytes(body);
    return new Case(name, request.toByteArray(), status, category, message);
  }

  static Case post(String name, String body, int status, String category, String message) {
    return post(name, FETCH, body.getBytes(UTF_8), status, category, message);
  }

  static Case raw(String name, String request, int status, String category, String message) {
    return new Case(name, request.getBytes(UTF_8), status, category, message);
  }

  static Stream<Case> cases() {
    return Stream.of(
        post("a request time past the calendar", "{\"keys\": " + KEYS + ", \"ts\": 9223372036854775807}", 400,
            MALFORMED, "\"ts\" 9223372036854775807 is not a request time in epoch milliseconds between 1971-01-01 "
                + "and 2099-12-31. " + TS_FIX),
        post("a request time before the calendar", "{\"keys\": " + KEYS + ", \"ts\": -99999999999999999}", 400,
            MALFORMED, "\"ts\" -99999999999999999 is not a request time in epoch milliseconds between 1971-01-01 "
                + "and 2099-12-31. " + TS_FIX),
        post("a request time in seconds", "{\"keys\": " + KEYS + ", \"ts\": 1701388800}", 400, MALFORMED,
            "\"ts\" 1701388800 is not a request time in epoch milliseconds between 1971-01-01 and 2099-12-31. "
                + TS_FIX),
        post("a request time past a long", "{\"keys\": " + KEYS + ", \"ts\": 99999999999999999999}", 400,
            MALFORMED, "\"ts\" must be the request time in epoch milliseconds, an integer, not "
                + "99999999999999999999. " + TS_FIX),
        post("a body nested 100,000 deep", "[".repeat(100_000) + "]".repeat(100_000), 400, MALFORMED,
            "The request body is refused: Document nesting depth (1001) exceeds the maximum allowed (1000). " + FIX),
        post("a number of 2,000 digits", "{\"keys\": " + KEYS + ", \"ts\": " + "9".repeat(2000) + "}", 400,
            MALFORMED, "The request body is refused: Number value length (2000) exceeds the maximum allowed (1000). "
                + FIX),
        post("a body that is not UTF-8", FETCH, bytes("{\"keys\": {\"user_id\": \"", 0xC3, 0x28, "\"}}"), 400,
            MALFORMED, "The request body is not valid UTF-8 (byte 23 of 27 starts an invalid sequence). Fix: send "
                + "the JSON encoded as UTF-8, e.g. {\"keys\": {\"user_id\": \"5\"}, \"ts\": 1701388800000}"),
        post("an empty body", "", 400, MALFORMED, "The request body is empty. " + FIX),
        post("keys that are a list", "{\"keys\": [\"5\", 42]}", 400, MALFORMED,
            "The request body has no \"keys\" object. " + FIX),
        post("a body that is a JSON string", "\"keys\"", 400, MALFORMED,
            "The request body must be a JSON object. " + FIX),
        post("a key given as an object", "{\"keys\": {\"user_id\": {\"$ne\": null}, \"account\": 42}}", 400,
            "wrong_key_type", "Key \"user_id\" of join team.checkout.v1 has type string, but the request gave "
                + "{\"$ne\":null}. Fix: give a JSON string, e.g. \"5\""),
        raw("a declared body over 1 MiB", "POST " + FETCH + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: "
            + "5000000\r\nConnection: close\r\n\r\n{}", 400, MALFORMED, "The request body has 5000000 bytes, more "
            + "than the 1048576 allowed. Fix: send one request's keys per call"),
        raw("a chunked body over 1 MiB", chunked(2_000_000), 400, MALFORMED, "The request body has at least "
            + "1048577 bytes, more than the 1048576 allowed. Fix: send one request's keys per call"),
        raw("a path that climbs out with ..", "GET /v1/../../etc/passwd HTTP/1.1\r\nHost: localhost\r\nConnection: "
            + "close\r\n\r\n", 400, MALFORMED, "The request was refused before it was read: Bad Request (HTTP 400). "
            + REFUSED_FIX),
        raw("an encoded slash in the join name", "POST /v1/fetch/join/team%2F..%2Fcheckout.v1 HTTP/1.1\r\nHost: "
            + "localhost\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}", 400, MALFORMED,
            "The request was refused before it was read: Ambiguous URI path separator (HTTP 400). " + REFUSED_FIX),
        raw("a header of 100 KB", "GET /v1/health HTTP/1.1\r\nHost: localhost\r\nX-Filler: " + "a".repeat(100_000)
            + "\r\nConnection: close\r\n\r\n", 431, MALFORMED, "The request was refused before it was read: Request "
            + "Header Fields Too Large (HTTP 431). " + REFUSED_FIX),
        raw("a method the service does not have", "DELETE /v1/health HTTP/1.1\r\nHost: localhost\r\nConnection: "
            + "close\r\n\r\n", 405, "method_not_allowed", "DELETE is not allowed on /v1/health. Fix: use GET"));
  }

  @BeforeAll
  static void startService() throws Exception {
    OnlineLayout layout = new OnlineLayout(folder);
    try (RocksDbOnlineStore store = RocksDbOnlineStore.open(layout.store())) {
      TestOnline.write(layout, store);
    }
    service = FetchService.start(layout, "127.0.0.1", 0);
  }

  @AfterAll
  static void stopService() {
    service.close();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aHostileRequestGetsItsJsonErrorAndChangesNothing(Case hostile) throws Exception {
    Map<String, Long> before = files();

    Answer answer = send(hostile.request());

    assertThat(answer.status()).as(answer.body()).isEqualTo(hostile.status());
    assertThat(answer.contentType()).isEqualTo("application/json;charset=utf-8");
    JsonNode error = JSON.readTree(answer.body());
    assertThat(error.get("category").asText()).isEqualTo(hostile.category());
    assertThat(error.get("code").asText()).as("every case is a 4xx").isEqualTo("TM-215");
    assertThat(error.get("error").asText()).isEqualTo(hostile.message());
    assertThat(files()).as("the online folder").isEqualTo(before);
    Answer health = send(("GET /v1/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(UTF_8));
    assertThat(health.status()).as("the service answers on").isEqualTo(200);
  }

  /** An in-range request time is answered and logged, so the cases above are refused for what they hold. */
  @ParameterizedTest(name = "ts {0}")
  @MethodSource("inRangeTimes")
  void requestTimesAtTheEdgesOfTheCalendarAreAnswered(long ts) throws Exception {
    Answer answer = send(post("edge", "{\"keys\": " + KEYS + ", \"ts\": " + ts + "}", 200, "", "").request());

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(JSON.readTree(answer.body()).get("ts").asLong()).isEqualTo(ts);
  }

  static Stream<Long> inRangeTimes() {
    // 1971-01-01T00:00:00.000Z, 2099-12-31T23:59:59.999Z, and the tests' usual day.
    return Stream.of(31_536_000_000L, 4_102_444_799_999L, DEC_1);
  }

  private record Answer(int status, String contentType, String body) {}

  private static Answer send(byte[] request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", service.port())) {
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request);
        out.flush();
      } catch (IOException e) {
        // The server may answer and close before it has read all of an oversized request; its answer is read below.
      }
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), UTF_8);
      int headersEnd = response.indexOf("\r\n\r\n");
      String head = response.substring(0, headersEnd);
      String contentType = head.lines().filter(line -> line.toLowerCase().startsWith("content-type:"))
          .map(line -> line.substring("content-type:".length()).strip().toLowerCase().replace(" ", ""))
          .findFirst().orElse("");
      String body = response.substring(headersEnd + 4);
      if (head.toLowerCase().contains("transfer-encoding: chunked")) {
        body = dechunk(body);
      }
      return new Answer(Integer.parseInt(head.substring(9, 12)), contentType, body);
    }
  }

  private static String dechunk(String chunked) {
    StringBuilder body = new StringBuilder();
    int at = 0;
    while (true) {
      int lineEnd = chunked.indexOf("\r\n", at);
      int size = Integer.parseInt(chunked.substring(at, lineEnd).strip(), 16);
      if (size == 0) {
        return body.toString();
      }
      body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
      at = lineEnd + 2 + size + 2;
    }
  }

  /** A request whose body comes in 64 KB chunks, with no length declared. */
  private static String chunked(int bytes) {
    StringBuilder request = new StringBuilder("POST " + FETCH + " HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: "
        + "chunked\r\nConnection: close\r\n\r\n");
    String chunk = " ".repeat(65_536);
    for (int sent = 0; sent < bytes; sent += chunk.length()) {
      request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
    }
    return request.append("0\r\n\r\n").toString();
  }

  private static byte[] bytes(String before, int first, int second, String after) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(before.getBytes(UTF_8));
    bytes.write(first);
    bytes.write(second);
    bytes.writeBytes(after.getBytes(UTF_8));
    return bytes.toByteArray();
  }

  /** Every file of the online folder with a checksum of its bytes. */
  private static Map<String, Long> files() {
    Map<String, Long> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path file : paths.filter(Files::isRegularFile).toList()) {
        CRC32C crc = new CRC32C();
        crc.update(Files.readAllBytes(file));
        files.put(folder.relativize(file).toString(), crc.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }
}
