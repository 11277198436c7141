package io.tidemark.online.fetch;

import static io.tidemark.online.TestOnline.ACCOUNTS;
import static io.tidemark.online.TestOnline.DEC_1;
import static io.tidemark.online.TestOnline.JOIN;
import static io.tidemark.online.TestOnline.PURCHASES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidemark.online.OnlineLayout;
import io.tidemark.online.TestOnline;
import io.tidemark.online.log.RequestLog;
import io.tidemark.online.metadata.JoinPartServingInfo;
import io.tidemark.online.metadata.JoinServingInfo;
import io.tidemark.online.metadata.ServingMetadata;
import io.tidemark.online.store.RocksDbOnlineStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetcherTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path folder;

  private OnlineLayout layout;
  private RocksDbOnlineStore store;
  private RequestLog log;
  private Fetcher fetcher;

  @BeforeEach
  void setUp() {
    layout = new OnlineLayout(folder);
    store = RocksDbOnlineStore.open(layout.store());
    TestOnline.write(layout, store);
    Clock clock = Clock.fixed(Instant.ofEpochMilli(DEC_1 + 3_600_000), ZoneOffset.UTC);
    log = RequestLog.open(layout, clock);
    fetcher = new Fetcher(new ServingMetadata(layout), store, log, clock);
  }

  @AfterEach
  void tearDown() {
    log.close();
    store.close();
  }

  @Test
  void joinAtMidnightAfterDayReadsThatDaysVersionOfEveryPart() throws Exception {
    JoinResponse response = fetcher.fetchJoin(JOIN, request("{\"user_id\":\"5\",\"account\":42,\"checkout_id\":1042}",
        DEC_1)).join();

    assertThat(response.values()).isEqualTo(JSON.readTree("{\"team_purchases_v1_price_sum_3d\":15,"
        + "\"team_purchases_v1_price_last2\":[7,8],\"team_accounts_v1_verified\":true}"));
    assertThat(response.versions()).containsExactly(
        Map.entry(PURCHASES, Optional.of("2023-11-30")), Map.entry(ACCOUNTS, Optional.of("2023-11-30")));
  }

  @Test
  void oneMillisecondBeforeMidnightReadsThePreviousDayAndSaysWhenNoVersionEndedYet() throws Exception {
    JoinResponse response = fetcher.fetchJoin("team/checkout.v1",
        request("{\"user_id\":\"5\",\"account\":42}", DEC_1 - 1)).join();

    assertThat(response.values()).isEqualTo(JSON.readTree("{\"team_purchases_v1_price_sum_3d\":10,"
        + "\"team_purchases_v1_price_last2\":[4,6],\"team_accounts_v1_verified\":null}"));
    assertThat(response.versions()).containsEntry(PURCHASES, Optional.of("2023-11-29"))
        .containsEntry(ACCOUNTS, Optional.empty());
  }

  @Test
  void groupByFetchWithoutTsUsesTheClockAndUnknownKeysGiveNulls() throws Exception {
    GroupByResponse six = fetcher.fetchGroupBy(PURCHASES, request("{\"user_id\":\"6\"}", null));
    GroupByResponse seven = fetcher.fetchGroupBy("team/purchases.v1", request("{\"user_id\":\"7\"}", null));

    assertThat(six.ts()).isEqualTo(DEC_1 + 3_600_000);
    assertThat(six.version()).contains("2023-11-30");
    assertThat(six.values()).isEqualTo(JSON.readTree("{\"price_sum_3d\":1,\"price_last2\":[1]}"));
    assertThat(seven.values()).isEqualTo(JSON.readTree("{\"price_sum_3d\":null,\"price_last2\":null}"));
  }

  @Test
  void joinFetchIsLoggedWithItsSchemaFile() throws Exception {
    fetcher.fetchJoin(JOIN, request("{\"user_id\":\"5\",\"account\":42,\"checkout_id\":1042}", DEC_1)).join();

    String hashed = "{\"join\":\"team.checkout.v1\",\"keys\":[{\"name\":\"user_id\",\"type\":\"string\"},"
        + "{\"name\":\"account\",\"type\":\"bigint\"},{\"name\":\"checkout_id\",\"type\":\"bigint\"}],\"values\":["
        + "{\"name\":\"team_purchases_v1_price_sum_3d\",\"type\":\"bigint\"},"
        + "{\"name\":\"team_purchases_v1_price_last2\",\"type\":\"array<bigint>\"},"
        + "{\"name\":\"team_accounts_v1_verified\",\"type\":\"boolean\"}]}";
    String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(hashed.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
    assertThat(TestOnline.logLines(layout, JOIN)).containsExactly("{\"schema_hash\":\"" + hash + "\",\"ts\":"
        + DEC_1 + ",\"keys\":{\"user_id\":\"5\",\"account\":42,\"checkout_id\":1042},\"values\":{"
        + "\"team_purchases_v1_price_sum_3d\":15,\"team_purchases_v1_price_last2\":[7,8],"
        + "\"team_accounts_v1_verified\":true}}");
    try (var days = Files.list(layout.joinLog(JOIN))) {
      assertThat(days.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder("ds=2023-12-01",
          "schemas");
    }
    JsonNode schema = JSON.readTree(layout.joinLog(JOIN).resolve("schemas").resolve(hash + ".json").toFile());
    assertThat(schema.get("schema_hash").asText()).isEqualTo(hash);
    assertThat(schema.get("published_at").asLong()).isEqualTo(DEC_1 + 3_600_000);
    assertThat(schema.get("keys")).isEqualTo(JSON.readTree(hashed).get("keys"));
  }

  @Test
  void groupByFetchesAreNotLogged() {
    fetcher.fetchGroupBy(PURCHASES, request("{\"user_id\":\"5\"}", DEC_1));

    assertThat(TestOnline.logLines(layout, JOIN)).isEmpty();
    assertThat(Files.exists(layout.joinLog(PURCHASES))).isFalse();
  }

  @Test
  void keysAreCheckedAgainstTheirTypes() {
    assertThatThrownBy(() -> fetcher.fetchGroupBy(PURCHASES, request("{\"user_id\":5}", DEC_1)))
        .isInstanceOf(FetchException.class)
        .hasMessage("TM-215 Key \"user_id\" of GroupBy team.purchases.v1 has type string, but the request gave 5. Fix: give "
            + "a JSON string, e.g. \"5\"");
    assertThatThrownBy(() -> fetcher.fetchJoin(JOIN, request("{\"user_id\":\"5\",\"account\":\"42\"}", DEC_1)))
        .hasMessage("TM-215 Key \"account\" of join team.checkout.v1 has type bigint, but the request gave \"42\". Fix: "
            + "give a JSON integer between -9223372036854775808 and 9223372036854775807 without quotes, e.g. 42");
    assertThatThrownBy(() -> fetcher.fetchJoin(JOIN, request("{\"user_id\":\"5\"}", DEC_1)))
        .satisfies(error -> assertThat(((FetchException) error).error()).isEqualTo(FetchError.MISSING_KEY))
        .hasMessage("TM-215 Missing key \"account\" (bigint) for join team.checkout.v1. Fix: add it to \"keys\", e.g. "
            + "{\"account\": 5}");
    assertThatThrownBy(() -> fetcher.fetchJoin(JOIN, request("{\"user_id\":\"5\",\"account\":1,\"usr\":1}", DEC_1)))
        .hasMessage("TM-215 Unknown key \"usr\" for join team.checkout.v1. Fix: give only its fields: user_id, account, "
            + "checkout_id");
    assertThat(TestOnline.logLines(layout, JOIN)).isEmpty();
  }

  @Test
  void unknownNamesAndMissingUploadsAreReportedNotServedAsNulls() {
    assertThatThrownBy(() -> fetcher.fetchJoin("team.nope.v1", request("{}", DEC_1)))
        .hasMessage("TM-215 Unknown join \"team.nope.v1\": its serving metadata was not uploaded. Fix: run tidemark "
            + "upload-metadata --conf <its definition>, or check the name (e.g. quickstart.training_set.v2)");
    assertThatThrownBy(() -> fetcher.fetchGroupBy("../../etc/passwd", request("{}", DEC_1)))
        .satisfies(error -> assertThat(((FetchException) error).error()).isEqualTo(FetchError.UNKNOWN_GROUP_BY));

    TestOnline.write(layout, store);
    new ServingMetadata(layout).writeJoin(new JoinServingInfo(JOIN,
        TestOnline.joinInfo().requestFields(), List.of(TestOnline.joinInfo().parts().get(0),
            new JoinPartServingInfo("team.never.v1", List.of(), List.of()))));
    assertThatThrownBy(() -> fetcher.fetchJoin(JOIN, request("{\"user_id\":\"5\",\"account\":42}", DEC_1)))
        .satisfies(error -> assertThat(((FetchException) error).error()).isEqualTo(FetchError.NOT_UPLOADED))
        .hasMessage("TM-215 GroupBy team.never.v1 has no uploaded data, so join team.checkout.v1 cannot be fetched. Fix: "
            + "run tidemark upload --conf <the definition of team.never.v1> --ds <day>");
  }

  @Test
  void versionRuleTakesTheNewestDayEndedByTheRequestTime() {
    List<String> versions = List.of("2023-11-30", "2023-11-28", "2023-12-02");

    assertThat(VersionSelection.versionAt(versions, DEC_1)).contains("2023-11-30");
    assertThat(VersionSelection.versionAt(versions, DEC_1 + 2 * 86_400_000L - 1)).contains("2023-11-30");
    assertThat(VersionSelection.versionAt(versions, DEC_1 + 2 * 86_400_000L)).contains("2023-12-02");
    assertThat(VersionSelection.versionAt(versions, DEC_1 - 2 * 86_400_000L)).contains("2023-11-28");
    assertThat(VersionSelection.versionAt(versions, DEC_1 - 2 * 86_400_000L - 1)).isEmpty();
  }

  private static FetchRequest request(String keys, Long ts) {
    return FetchRequest.ofKeys(keys, ts == null ? OptionalLong.empty() : OptionalLong.of(ts));
  }
}
