package io.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.naming.TableName;
import io.tidemark.catalog.SharedSpark;
import io.tidemark.catalog.TidemarkCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableUtil;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tables are created in format version 3 unless a definition asks for 2; upgrade-format moves them in place. */
class FormatUpgradeCommandTest {
  private static final TidemarkCatalog CATALOG = SharedSpark.catalog();
  private static final TableName OUTPUT = new TableName("fmt_cli", "fmt_requests_v1");
  private static final String JOIN = """
      {"metaData": {"name": "fmt.requests.v1", "outputNamespace": "fmt_cli"%s},
       "left": {"events": {"table": "fmt_cli.requests"}},
       "joinParts": [{"groupBy": {"metaData": {"name": "fmt.spend.v1"},
         "sources": [{"events": {"table": "fmt_cli.purchases", "query": {"selects": {"user_id": "user_id",
                                 "amount": "amount"}}}}],
         "keyColumns": ["user_id"], "aggregations": [{"inputColumn": "amount", "operation": "SUM"}]}}],
       "rowIds": ["request_id"]}
      """;

  @TempDir
  Path definitions;

  @Test
  void aVersionTwoTableIsUpgradedInPlaceAfterADryRunThatChangesNothing() throws IOException {
    CATALOG.spark().sql("CREATE NAMESPACE IF NOT EXISTS lake.fmt_cli");
    CATALOG.spark().sql("CREATE TABLE lake.fmt_cli.requests (request_id STRING, user_id STRING, ts BIGINT, ds STRING) "
        + "USING iceberg PARTITIONED BY (ds)");
    // r1 at 12:00 on 2023-11-02; u1 bought for 10 and 4 the day before, so r1's sum is 14.
    CATALOG.spark().sql("INSERT INTO lake.fmt_cli.requests VALUES ('r1', 'u1', 1698926400000, '2023-11-02')");
    CATALOG.spark().sql("CREATE TABLE lake.fmt_cli.purchases (user_id STRING, amount BIGINT, ts BIGINT, ds STRING) "
        + "USING iceberg");
    CATALOG.spark().sql("INSERT INTO lake.fmt_cli.purchases VALUES ('u1', 10, 1698829200000, '2023-11-01'), "
        + "('u1', 4, 1698832800000, '2023-11-01')");
    Path join = definitions.resolve("joins/fmt/requests.v1");
    Files.createDirectories(join.getParent());
    Files.writeString(join, JOIN.formatted(", \"tableProperties\": {\"format-version\": \"2\"}"));
    assertThat(CommandRun.of("backfill", "--conf", join.toString()).exitCode()).isZero();
    Table table = CATALOG.loadTable(OUTPUT).orElseThrow();
    assertThat(TableUtil.formatVersion(table)).isEqualTo(2);
    long snapshot = table.currentSnapshot().snapshotId();
    String metadata = metadataFile(table);

    CommandRun dryRun = CommandRun.of("upgrade-format", "--conf", join.toString(), "--dry-run");
    assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
    assertThat(dryRun.out()).isEqualTo("fmt_cli.fmt_requests_v1: format version 2 -> 3\n"
        + "Dry run: nothing was changed.\n");
    table.refresh();
    assertThat(metadataFile(table)).isEqualTo(metadata);

    CommandRun upgrade = CommandRun.of("upgrade-format", "--conf", join.toString());
    assertThat(upgrade.exitCode()).as(upgrade.err()).isZero();
    assertThat(upgrade.out()).isEqualTo("fmt_cli.fmt_requests_v1: format version 2 -> 3\n"
        + "Upgraded 1 table(s) to format version 3.\n");
    table.refresh();
    assertThat(TableUtil.formatVersion(table)).isEqualTo(3);
    assertThat(rows("SELECT request_id, fmt_spend_v1_amount_sum FROM lake.fmt_cli.fmt_requests_v1 VERSION AS OF "
        + snapshot)).containsExactly("[r1,14]");
    assertThat(rows("SELECT request_id, fmt_spend_v1_amount_sum FROM lake.fmt_cli.fmt_requests_v1"))
        .containsExactly("[r1,14]");

    CommandRun again = CommandRun.of("upgrade-format", "--conf", join.toString());
    assertThat(again.out()).isEqualTo("fmt_cli.fmt_requests_v1: format version 3, kept (already 3 or newer)\n"
        + "Upgraded 0 table(s) to format version 3.\n");
  }

  @Test
  void newTablesAreFormatVersionThree() throws IOException {
    CATALOG.spark().sql("CREATE NAMESPACE IF NOT EXISTS lake.fmt_new");
    CATALOG.spark().sql("CREATE TABLE lake.fmt_new.requests (request_id STRING, user_id STRING, ts BIGINT, ds STRING) "
        + "USING iceberg PARTITIONED BY (ds)");
    CATALOG.spark().sql("INSERT INTO lake.fmt_new.requests VALUES ('r1', 'u1', 1698926400000, '2023-11-02')");
    CATALOG.spark().sql("CREATE TABLE lake.fmt_new.purchases (user_id STRING, amount BIGINT, ts BIGINT, ds STRING) "
        + "USING iceberg");
    Path join = definitions.resolve("joins/fmt/new.v1");
    Files.createDirectories(join.getParent());
    Files.writeString(join, JOIN.formatted("").replace("fmt_cli", "fmt_new"));
    assertThat(CommandRun.of("backfill", "--conf", join.toString()).exitCode()).isZero();

    assertThat(TableUtil.formatVersion(CATALOG.loadTable(new TableName("fmt_new", "fmt_requests_v1"))
        .orElseThrow())).isEqualTo(3);
  }

  private static List<String> rows(String query) {
    return CATALOG.spark().sql(query).collectAsList().stream().map(Row::toString).toList();
  }

  private static String metadataFile(Table table) {
    return ((HasTableOperations) table).operations().current().metadataFileLocation();
  }
}
