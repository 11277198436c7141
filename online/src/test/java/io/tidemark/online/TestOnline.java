package io.tidemark.online;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.tidemark.online.metadata.GroupByServingInfo;
import io.tidemark.online.metadata.JoinPartServingInfo;
import io.tidemark.online.metadata.JoinServingInfo;
import io.tidemark.online.metadata.PartColumn;
import io.tidemark.online.metadata.PartKey;
import io.tidemark.online.metadata.RequestField;
import io.tidemark.online.metadata.RequestFieldRole;
import io.tidemark.online.metadata.ServingField;
import io.tidemark.online.metadata.ServingMetadata;
import io.tidemark.online.store.KeyCodec;
import io.tidemark.online.store.OnlineStore;
import io.tidemark.online.store.VersionWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A small online folder written by hand: GroupBy {@code team.purchases.v1} (key {@code user_id} string) with versions
 * 2023-11-29 and 2023-11-30, GroupBy {@code team.accounts.v1} (key {@code account_id} bigint) with version 2023-11-30,
 * and join {@code team.checkout.v1} reading both, the second through the key mapping {@code account -> account_id},
 * with row id {@code checkout_id}.
 */
public final class TestOnline {
  public static final String JOIN = "team.checkout.v1";
  public static final String PURCHASES = "team.purchases.v1";
  public static final String ACCOUNTS = "team.accounts.v1";
  /** 2023-12-01T00:00:00Z: the end of 2023-11-30. */
  public static final long DEC_1 = 1_701_388_800_000L;

  private TestOnline() {}

  public static void write(OnlineLayout layout, OnlineStore store) {
    ServingMetadata metadata = new ServingMetadata(layout);
    metadata.writeGroupBy(new GroupByServingInfo(PURCHASES, List.of(new ServingField("user_id", "string")),
        List.of(new ServingField("price_sum_3d", "bigint"), new ServingField("price_last2", "array<bigint>"))));
    metadata.writeGroupBy(new GroupByServingInfo(ACCOUNTS, List.of(new ServingField("account_id", "bigint")),
        List.of(new ServingField("verified", "boolean"))));
    metadata.writeJoin(joinInfo());
    upload(store, PURCHASES, "2023-11-29", Map.of(List.of("5"), "{\"price_sum_3d\":10,\"price_last2\":[4,6]}"));
    upload(store, PURCHASES, "2023-11-30", Map.of(List.of("5"), "{\"price_sum_3d\":15,\"price_last2\":[7,8]}",
        List.of("6"), "{\"price_sum_3d\":1,\"price_last2\":[1]}"));
    upload(store, ACCOUNTS, "2023-11-30", Map.of(List.of(42L), "{\"verified\":true}"));
  }

  public static JoinServingInfo joinInfo() {
    return new JoinServingInfo(JOIN,
        List.of(new RequestField("user_id", "string", RequestFieldRole.PART_KEY),
            new RequestField("account", "bigint", RequestFieldRole.PART_KEY),
            new RequestField("checkout_id", "bigint", RequestFieldRole.ROW_ID)),
        List.of(
            new JoinPartServingInfo(PURCHASES, List.of(new PartKey("user_id", "user_id")),
                List.of(new PartColumn("team_purchases_v1_price_sum_3d", "bigint", "price_sum_3d"),
                    new PartColumn("team_purchases_v1_price_last2", "array<bigint>", "price_last2"))),
            new JoinPartServingInfo(ACCOUNTS, List.of(new PartKey("account_id", "account")),
                List.of(new PartColumn("team_accounts_v1_verified", "boolean", "verified")))));
  }

  public static void upload(OnlineStore store, String groupBy, String ds, Map<List<Object>, String> rows) {
    try (VersionWriter writer = store.newVersion(groupBy, ds)) {
      rows.forEach((key, values) -> writer.put(KeyCodec.encode(key), values.getBytes(UTF_8)));
      writer.publish();
    }
  }

  /** Every line of every segment of the join's log, per file in name order. */
  public static List<String> logLines(OnlineLayout layout, String join) {
    Path logs = layout.joinLog(join);
    if (!Files.isDirectory(logs)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(logs)) {
      List<String> lines = new ArrayList<>();
      for (Path file : files.filter(path -> path.toString().endsWith(".jsonl")).sorted().toList()) {
        lines.addAll(Files.readAllLines(file, UTF_8));
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
