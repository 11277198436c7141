package io.tidemark.cli.servers;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.catalog.EmbeddedCatalogConfig;
import io.tidemark.catalog.SharedSpark;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.cli.CommandRun;
import io.tidemark.cli.reliability.QuickstartJoin;
import io.tidemark.cli.reliability.TidemarkProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.catalog.ViewCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trino started by {@code deploy/local/start} on the embedded catalog that Tidemark's Spark writes, read through
 * Trino's JDBC driver. The join is the quickstart's, in a namespace of its own; a later test changes it. The last
 * tests read a table of Iceberg format version 3 (see {@link FormatV3Accounts}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrinoEmbeddedCatalogTest {
  private static final String NAMESPACE = "trino_embedded";
  private static final String JOIN = NAMESPACE + ".quickstart_training_set_v1";

  @TempDir
  static Path scratch;

  private static LocalServers servers;
  private static Map<String, Long> checkoutsPerDay;

  @BeforeAll
  static void backfillLabelAndStartTrino() throws Exception {
    TidemarkCatalog catalog = SharedSpark.catalog();
    QuickstartJoin.importData(catalog, Files.createDirectories(scratch.resolve("data")));
    checkoutsPerDay = QuickstartCheckouts.perDay(Files.createDirectories(scratch.resolve("expected")));
    assertSucceeded(QuickstartJoin.FULL.runHere(scratch, NAMESPACE, "backfill"));
    assertSucceeded(QuickstartJoin.FULL.runHere(scratch, NAMESPACE, "label", "--label-ds", "2023-11-30"));
    Path warehouse = ((EmbeddedCatalogConfig) catalog.config()).warehouse();
    servers = LocalServers.start(LocalServers.Mode.EMBEDDED, scratch.resolve("run"), warehouse);
  }

  @AfterAll
  static void stopTrino() {
    if (servers != null) {
      servers.close();
    }
  }

  @Test
  @Order(1)
  void trinoReadsTheJoinOutputRowForRowAsSparkDoes() throws SQLException {
    List<String> trino = servers.rows("SELECT * FROM " + JOIN);

    assertThat(trino).hasSize((int) QuickstartCheckouts.total(checkoutsPerDay));
    assertThat(trino).isEqualTo(spark("SELECT * FROM " + JOIN));
    assertThat(servers.longs("SELECT count(DISTINCT ds) FROM " + JOIN)).containsExactly(30L);
  }

  @Test
  @Order(2)
  void labeledViewsReadTheSameFromTrinoAndSpark() throws SQLException {
    for (String view : List.of(JOIN + "_labeled", JOIN + "_labeled_latest")) {
      List<String> trino = servers.rows("SELECT * FROM " + view);
      assertThat(trino).as(view).isEqualTo(spark("SELECT * FROM " + view));
      // One version (label_ds 2023-11-30, offsets 7/7) labels exactly the checkouts of 2023-11-24.
      assertThat(trino).as(view).hasSize((int) QuickstartCheckouts.total(checkoutsPerDay));
      assertThat(servers.longs("SELECT count(*) FROM " + view + " WHERE label_ds = '2023-11-30'"))
          .containsExactly(checkoutsPerDay.get("2023-11-24"));
      assertThat(servers.longs("SELECT count(*) FROM " + view + " WHERE label_ds IS NOT NULL AND ds <> '2023-11-24'"))
          .containsExactly(0L);
    }
  }

  @Test
  @Order(3)
  void anotherProcessCommitsWhileTrinoHasReadTheCatalog() throws SQLException {
    assertThat(servers.longs("SELECT count(*) FROM " + JOIN + "_labeled_latest")).isNotEmpty();
    Path warehouse = ((EmbeddedCatalogConfig) SharedSpark.catalog().config()).warehouse();

    TidemarkProcess.Finished label = TidemarkProcess.run(Map.of(), "--warehouse", warehouse.toString(),
        "--catalog-lock-timeout", "5", "label", "--conf", QuickstartJoin.FULL.writeTo(scratch, NAMESPACE).toString(),
        "--label-ds", "2023-11-29");

    assertThat(label.exitCode()).as(label.output()).isZero();
    assertThat(servers.longs("SELECT count(*) FROM " + JOIN + "_labels WHERE label_ds = '2023-11-29'"))
        .containsExactly(checkoutsPerDay.get("2023-11-23"));
  }

  @Test
  @Order(4)
  void trinoTravelsToSnapshotsAndTimesOfTheEmbeddedCatalog() throws SQLException {
    TidemarkCatalog catalog = SharedSpark.catalog();
    catalog.createNamespaceIfMissing("trino_travel");
    catalog.spark().sql("CREATE TABLE lake.trino_travel.payments (id BIGINT, amount DOUBLE) USING iceberg");
    catalog.spark().sql("INSERT INTO lake.trino_travel.payments VALUES (1, 10.5), (2, 20.0)");
    catalog.spark().sql("INSERT INTO lake.trino_travel.payments VALUES (3, 30.25)");
    Table table = catalog.icebergCatalog().loadTable(TableIdentifier.of("trino_travel", "payments"));
    List<Snapshot> snapshots = new ArrayList<>();
    table.snapshots().forEach(snapshots::add);
    assertThat(snapshots).hasSize(2);
    long first = snapshots.get(0).snapshotId();
    String firstTime = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
        .format(Instant.ofEpochMilli(snapshots.get(0).timestampMillis()).atOffset(ZoneOffset.UTC));

    assertThat(servers.longs("SELECT snapshot_id FROM trino_travel.\"payments$snapshots\" ORDER BY committed_at"))
        .containsExactly(first, snapshots.get(1).snapshotId());
    assertThat(servers.doubleValue("SELECT sum(amount) FROM trino_travel.payments FOR VERSION AS OF " + first))
        .isEqualTo(30.5);
    assertThat(servers.doubleValue("SELECT sum(amount) FROM trino_travel.payments FOR TIMESTAMP AS OF TIMESTAMP '"
        + firstTime + " UTC'")).isEqualTo(30.5);
    assertThat(servers.doubleValue("SELECT sum(amount) FROM trino_travel.payments")).isEqualTo(60.75);
  }

  @Test
  @Order(5)
  void aTaggedTrainingSetReadsTheSameFromTrinoAndSparkAfterTheTableChanged() throws SQLException {
    Path conf = QuickstartJoin.FULL.writeTo(scratch, NAMESPACE);
    assertSucceeded(CommandRun.of("audit", "tag", "--conf", conf.toString(), "--name", "model-v3"));
    SharedSpark.catalog().spark().sql("DELETE FROM lake." + JOIN + " WHERE ds = '2023-11-30'");

    List<String> trino = servers.rows("SELECT * FROM " + JOIN + " FOR VERSION AS OF 'model-v3'");
    CommandRun show = CommandRun.of("audit", "show", "--conf", conf.toString(), "--as-of", "model-v3",
        "--format", "jsonl");

    assertSucceeded(show);
    assertThat(trino).hasSize((int) QuickstartCheckouts.total(checkoutsPerDay));
    assertThat(trino).isEqualTo(EngineRows.fromJsonLines(show.out()));
    assertThat(servers.longs("SELECT count(*) FROM " + JOIN))
        .containsExactly(QuickstartCheckouts.total(checkoutsPerDay) - checkoutsPerDay.get("2023-11-30"));
  }

  @Test
  @Order(6)
  void trinoReadsAFormatVersion3TableWithItsDeletionVectorRowLineageAndView() throws SQLException {
    TidemarkCatalog catalog = SharedSpark.catalog();
    catalog.createNamespaceIfMissing(FormatV3Accounts.NAMESPACE);
    catalog.spark().sql(FormatV3Accounts.create("lake." + FormatV3Accounts.TABLE));
    catalog.spark().sql(FormatV3Accounts.merge("lake." + FormatV3Accounts.TABLE));
    FormatV3Accounts.createView((ViewCatalog) catalog.icebergCatalog(), catalog.config().name());

    FormatV3Accounts.assertTrinoReadsTheMerge(servers);
    assertThat(servers.rows("SELECT * FROM " + FormatV3Accounts.VIEW))
        .isEqualTo(spark("SELECT * FROM " + FormatV3Accounts.VIEW));
  }

  @Test
  @Order(7)
  void aTagOfTheFormatVersion3TableReadsAsTaggedAfterADelete() throws SQLException {
    TidemarkCatalog catalog = SharedSpark.catalog();
    Table table = catalog.icebergCatalog().loadTable(TableIdentifier.parse(FormatV3Accounts.TABLE));
    table.manageSnapshots().createTag("merged", table.currentSnapshot().snapshotId()).commit();
    catalog.spark().sql(FormatV3Accounts.delete("lake." + FormatV3Accounts.TABLE));

    assertThat(servers.rows("SELECT * FROM " + FormatV3Accounts.TABLE + " FOR VERSION AS OF 'merged'"))
        .isEqualTo(FormatV3Accounts.ROWS_AFTER_MERGE);
    assertThat(servers.rows("SELECT * FROM " + FormatV3Accounts.TABLE))
        .isEqualTo(FormatV3Accounts.ROWS_AFTER_DELETE);
  }

  private static List<String> spark(String sql) {
    CommandRun run = CommandRun.of("sql", sql, "--format", "jsonl");
    assertSucceeded(run);
    return EngineRows.fromJsonLines(run.out());
  }

  private static void assertSucceeded(CommandRun run) {
    assertThat(run.exitCode()).as(run.err()).isZero();
  }
}
