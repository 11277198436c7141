package io.tidemark.online.http;

import static io.tidemark.online.TestOnline.DEC_1;
import static io.tidemark.online.TestOnline.JOIN;
import static io.tidemark.online.TestOnline.PURCHASES;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidemark.online.OnlineLayout;
import io.tidemark.online.TestOnline;
import io.tidemark.online.store.RocksDbOnlineStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetchServiceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path folder;

  private OnlineLayout layout;
  private FetchService service;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void setUp() throws Exception {
    layout = new OnlineLayout(folder);
    try (RocksDbOnlineStore store = RocksDbOnlineStore.open(layout.store())) {
      TestOnline.write(layout, store);
    }
    service = FetchService.start(layout, "127.0.0.1", 0);
  }

  @AfterEach
  void tearDown() {
    service.close();
  }

  @Test
  void badRequestsGetTheirStatusAndExactMessageAndTheServiceKeepsAnswering() throws Exception {
    assertError(post("/v1/fetch/join/" + JOIN, "{\"keys\": {\"user_id\": "), 400, "malformed_request",
        "The request body is not valid JSON (Unexpected end-of-input within/between Object entries at line 1, column "
            + "22). Fix: send {\"keys\": {\"user_id\": \"5\"}, \"ts\": 1701388800000}");
    assertError(post("/v1/fetch/join/" + JOIN, "{\"key\": {}}"), 400, "malformed_request",
        "The request body has no \"keys\" object. Fix: send {\"keys\": {\"user_id\": \"5\"}, \"ts\": 1701388800000}");
    assertError(post("/v1/fetch/join/" + JOIN, "{\"keys\": {\"user_id\": \"5\"}}"), 400, "missing_key",
        "Missing key \"account\" (bigint) for join team.checkout.v1. Fix: add it to \"keys\", e.g. {\"account\": 5}");
    assertError(post("/v1/fetch/groupby/" + PURCHASES, "{\"keys\": {\"user_id\": 5}}"), 400, "wrong_key_type",
        "Key \"user_id\" of GroupBy team.purchases.v1 has type string, but the request gave 5. Fix: give a JSON "
            + "string, e.g. \"5\"");
    assertError(post("/v1/fetch/join/" + JOIN, "{\"keys\": {\"user_id\": \"5\", \"account\": 1}, \"ts\": \"now\"}"),
        400, "malformed_request", "\"ts\" must be the request time in epoch milliseconds, an integer, not \"now\". "
            + "Fix: send e.g. \"ts\": 1701388800000, or leave it out for now");
    assertError(post("/v1/fetch/join/team.unknown.v1", "{\"keys\": {}}"), 404, "unknown_join",
        "Unknown join \"team.unknown.v1\": its serving metadata was not uploaded. Fix: run tidemark upload-metadata "
            + "--conf <its definition>, or check the name (e.g. quickstart.training_set.v2)");
    assertError(post("/v1/fetch/groupby/team.unknown.v1", "{\"keys\": {}}"), 404, "unknown_group_by",
        "Unknown GroupBy \"team.unknown.v1\": nothing was uploaded under that name. Fix: run tidemark upload --conf "
            + "<its definition> --ds <day>, or check the name (e.g. quickstart.purchases.v1)");
    HttpResponse<String> get = client.send(HttpRequest.newBuilder(uri("/v1/fetch/join/" + JOIN)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertError(get, 405, "method_not_allowed", "GET is not allowed on /v1/fetch/join/team.checkout.v1. Fix: use POST");
    assertThat(get.headers().firstValue("Allow")).contains("POST");
    assertError(post("/v2/fetch", "{}"), 404, "not_found", "No endpoint at /v2/fetch. Fix: POST to /v1/fetch/join/"
        + "<join name> or /v1/fetch/groupby/<GroupBy name>, or GET /v1/health");

    HttpResponse<String> ok = post("/v1/fetch/join/team/checkout.v1",
        "{\"keys\": {\"user_id\": \"5\", \"account\": 42}, \"ts\": " + DEC_1 + "}");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(ok.body())).isEqualTo(JSON.readTree("{\"join\":\"team.checkout.v1\",\"ts\":" + DEC_1
        + ",\"values\":{\"team_purchases_v1_price_sum_3d\":15,\"team_purchases_v1_price_last2\":[7,8],"
        + "\"team_accounts_v1_verified\":true},\"versions\":{\"team.purchases.v1\":\"2023-11-30\","
        + "\"team.accounts.v1\":\"2023-11-30\"}}"));
    assertThat(TestOnline.logLines(layout, JOIN)).hasSize(1);
  }

  @Test
  void concurrentLoadLogsEveryAnsweredRequestExactlyOnce() throws Exception {
    int threads = 8;
    int perThread = 250;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<List<Long>>> answered = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      answered.add(pool.submit(() -> {
        List<Long> ok = new ArrayList<>();
        for (int r = 0; r < perThread; r++) {
          long checkoutId = thread * 1_000_000L + r;
          HttpResponse<String> response = post("/v1/fetch/join/" + JOIN, "{\"keys\": {\"user_id\": \"5\", "
              + "\"account\": 42, \"checkout_id\": " + checkoutId + "}, \"ts\": " + DEC_1 + "}");
          if (response.statusCode() == 200) {
            ok.add(checkoutId);
          }
        }
        return ok;
      }));
    }
    List<Long> acknowledged = new ArrayList<>();
    for (Future<List<Long>> thread : answered) {
      acknowledged.addAll(thread.get());
    }
    pool.shutdown();

    List<String> lines = TestOnline.logLines(layout, JOIN);
    Map<Long, Long> logged = new HashMap<>();
    for (String line : lines) {
      logged.merge(JSON.readTree(line).get("keys").get("checkout_id").asLong(), 1L, Long::sum);
    }
    assertThat(acknowledged).hasSize(threads * perThread);
    assertThat(lines).hasSize(acknowledged.size());
    assertThat(logged.keySet()).containsExactlyInAnyOrderElementsOf(acknowledged);
    assertThat(logged.values().stream().collect(Collectors.toSet())).containsExactly(1L);
    JsonNode health = JSON.readTree(client.send(HttpRequest.newBuilder(uri("/v1/health")).GET().build(),
        HttpResponse.BodyHandlers.ofString()).body());
    assertThat(health.get("log").get("records").asLong()).isEqualTo(threads * perThread);
  }

  @Test
  void aRequestWhoseRecordCannotBeWrittenFailsAndLaterRequestsAreServed() throws Exception {
    Path blocked = layout.joinLog(JOIN).resolve("ds=2023-12-01");
    Files.createDirectories(blocked.getParent());
    Files.writeString(blocked, "a file where the day's folder should be");

    HttpResponse<String> failed = post("/v1/fetch/join/" + JOIN,
        "{\"keys\": {\"user_id\": \"5\", \"account\": 42, \"checkout_id\": 1}, \"ts\": " + DEC_1 + "}");
    HttpResponse<String> nextDay = post("/v1/fetch/join/" + JOIN,
        "{\"keys\": {\"user_id\": \"5\", \"account\": 42, \"checkout_id\": 2}, \"ts\": " + (DEC_1 + 86_400_000L)
            + "}");

    assertThat(failed.statusCode()).isEqualTo(503);
    JsonNode error = JSON.readTree(failed.body());
    assertThat(error.get("category").asText()).isEqualTo("log_failed");
    assertThat(error.get("code").asText()).isEqualTo("TM-709");
    assertThat(error.get("error").asText()).matches(Pattern.quote("The request was not answered because it could "
        + "not be logged durably: Cannot append to the request log of team.checkout.v1: " + blocked + "/")
        + "[0-9]+-[0-9]+-[0-9]+\\.jsonl: Not a directory" + Pattern.quote(". Fix: make the online folder's logs/ "
        + "writable (disk space, permissions); the service answers again once records can be written"));
    assertThat(nextDay.statusCode()).as(nextDay.body()).isEqualTo(200);
    assertThat(TestOnline.logLines(layout, JOIN)).hasSize(1).allMatch(line -> line.contains("\"checkout_id\":2"));
  }

  @Test
  void anUploadByAnotherOpenerIsServedWithoutRestart() throws Exception {
    String body = "{\"keys\": {\"user_id\": \"5\"}, \"ts\": " + (DEC_1 + 86_400_000L) + "}";
    JsonNode before = JSON.readTree(post("/v1/fetch/groupby/" + PURCHASES, body).body());
    assertThat(before.get("version").asText()).isEqualTo("2023-11-30");

    try (RocksDbOnlineStore uploader = RocksDbOnlineStore.open(layout.store())) {
      TestOnline.upload(uploader, PURCHASES, "2023-12-01",
          Map.of(List.of("5"), "{\"price_sum_3d\":99,\"price_last2\":[99]}"));
    }
    JsonNode after = JSON.readTree(post("/v1/fetch/groupby/" + PURCHASES, body).body());

    assertThat(after.get("version").asText()).isEqualTo("2023-12-01");
    assertThat(after.get("values").get("price_sum_3d").asLong()).isEqualTo(99);
  }

  private void assertError(HttpResponse<String> response, int status, String category, String message)
      throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("category").asText()).isEqualTo(category);
    assertThat(body.get("code").asText()).as("every 4xx is the caller's bad request").isEqualTo("TM-215");
    assertThat(body.get("error").asText()).isEqualTo(message);
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return client.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + service.port() + path);
  }
}
