package io.tidemark.engine;

import static io.tidemark.engine.JoinFixtures.CATALOG;
import static io.tidemark.engine.JoinFixtures.backfill;
import static io.tidemark.engine.JoinFixtures.millis;
import static io.tidemark.engine.JoinFixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.api.ErrorCategory;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.definition.Join;
import io.tidemark.api.load.DefinitionLoader;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.naming.TableName;
import io.tidemark.api.time.Day;
import io.tidemark.api.validation.InvalidDefinitionException;
import io.tidemark.catalog.TableProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A join over a small dataset whose every expected value is worked out by hand below. Times are UTC on
 * 2023-11-01 (day 1) to 2023-11-04 (day 4).
 *
 * <pre>
 * purchases (events)                      users (daily snapshots, key uid)
 *   u1  day 1 09:00  amount 10              ds day 1: u1 silver
 *   u1  day 2 12:00  amount 5               ds day 2: u1 gold
 *   u1  day 2 18:00  amount NULL            ds day 3: u1 platinum, u2 bronze
 *   u1  day 3 15:00  amount 2
 *   u2  day 1 12:00  amount 7
 *
 * checkouts (left)
 *   L1 u1 day 3 12:00   L2 u1 day 2 12:00   L3 u1 day 3 09:00   L4 u2 day 4 13:00   L5 u3 day 3 10:00
 *   L6 = a duplicate of L1
 * </pre>
 */
class JoinBackfillTest {
  private static final long L1 = millis("2023-11-03T12:00:00Z");
  private static final long L2 = millis("2023-11-02T12:00:00Z");
  private static final long L3 = millis("2023-11-03T09:00:00Z");
  private static final long L4 = millis("2023-11-04T13:00:00Z");
  private static final long L5 = millis("2023-11-03T10:00:00Z");

  private static final String JOIN = """
      {
        "metaData": {"name": "pit.training.v1", "outputNamespace": "%s"},
        "left": {"events": {"table": "pit.checkouts",
                            "query": {"selects": {"user_id": "user_id", "ts": "ts"}, "timeColumn": "ts"}}},
        "joinParts": [
          {"groupBy": {
            "metaData": {"name": "pit.purchases.v1"},
            "sources": [{"events": {"table": "pit.purchases",
                                    "query": {"selects": {"user_id": "user_id", "amount": "amount"}, "timeColumn": "ts"}}}],
            "keyColumns": ["user_id"],
            "aggregations": [
              {"inputColumn": "amount", "operation": "SUM", "windows": [{"length": 2, "timeUnit": "DAYS"}]},
              {"inputColumn": "amount", "operation": "COUNT", "windows": [{"length": 2, "timeUnit": "DAYS"}]},
              {"inputColumn": "amount", "operation": "AVERAGE", "windows": [{"length": 2, "timeUnit": "DAYS"}]},
              {"inputColumn": "amount", "operation": "LAST_K", "argMap": {"k": "2"}}
            ],
            "accuracy": "TEMPORAL"}},
          {"groupBy": {
            "metaData": {"name": "pit.purchases_daily.v1"},
            "sources": [{"events": {"table": "pit.purchases",
                                    "query": {"selects": {"user_id": "user_id", "amount": "amount"}, "timeColumn": "ts"}}}],
            "keyColumns": ["user_id"],
            "aggregations": [{"inputColumn": "amount", "operation": 7, "windows": [{"length": 2, "timeUnit": 1}]}],
            "accuracy": "SNAPSHOT"},
           "prefix": "snap"},
          {"groupBy": {
            "metaData": {"name": "pit.users.v1"},
            "sources": [{"entities": {"snapshotTable": "%s", "query": {"selects": {"uid": "uid", "tier": "tier"}}}}],
            "keyColumns": ["uid"]},
           "keyMapping": {"user_id": "uid"}}
        ]
      }
      """;

  @TempDir
  static Path definitions;

  @BeforeAll
  static void createSources() {
    sql("CREATE NAMESPACE IF NOT EXISTS lake.pit");
    sql("CREATE TABLE lake.pit.purchases (user_id STRING, amount BIGINT, ts BIGINT, ds STRING) USING iceberg "
        + "PARTITIONED BY (ds)");
    sql("INSERT INTO lake.pit.purchases VALUES "
        + "('u1', 10, " + millis("2023-11-01T09:00:00Z") + ", '2023-11-01'), "
        + "('u1', 5, " + millis("2023-11-02T12:00:00Z") + ", '2023-11-02'), "
        + "('u1', NULL, " + millis("2023-11-02T18:00:00Z") + ", '2023-11-02'), "
        + "('u1', 2, " + millis("2023-11-03T15:00:00Z") + ", '2023-11-03'), "
        + "('u2', 7, " + millis("2023-11-01T12:00:00Z") + ", '2023-11-01')");
    sql("CREATE TABLE lake.pit.users (uid STRING, tier STRING, ds STRING) USING iceberg PARTITIONED BY (ds)");
    sql("INSERT INTO lake.pit.users VALUES ('u1', 'silver', '2023-11-01'), ('u1', 'gold', '2023-11-02'), "
        + "('u1', 'platinum', '2023-11-03'), ('u2', 'bronze', '2023-11-03')");
    sql("CREATE TABLE lake.pit.checkouts (user_id STRING, ts BIGINT, ds STRING) USING iceberg PARTITIONED BY (ds)");
    sql("INSERT INTO lake.pit.checkouts VALUES "
        + "('u1', " + L1 + ", '2023-11-03'), ('u1', " + L2 + ", '2023-11-02'), ('u1', " + L3 + ", '2023-11-03'), "
        + "('u2', " + L4 + ", '2023-11-04'), ('u3', " + L5 + ", '2023-11-03'), ('u1', " + L1 + ", '2023-11-03')");
  }

  @Test
  void computesPointInTimeFeaturesWorkedOutByHand() throws IOException {
    JoinBackfill backfill = new JoinBackfill(CATALOG, join("out_hand", "pit.users"));
    BackfillResult result = backfill.run(backfill.plan(BackfillRange.all()), BackfillListener.NONE);

    assertThat(result.rowsWritten()).isEqualTo(6);
    assertThat(result.partitionsWritten()).isEqualTo(3);
    assertThat(columns("out_hand")).containsExactly("user_id", "ts",
        "pit_purchases_v1_amount_sum_2d", "pit_purchases_v1_amount_count_2d", "pit_purchases_v1_amount_average_2d",
        "pit_purchases_v1_amount_last2", "snap_pit_purchases_daily_v1_amount_sum_2d", "pit_users_v1_tier",
        "tidemark_row_key", "tidemark_provenance", "ds");
    assertThat(rows("out_hand")).containsExactly(
        // L2 u1 day 2 12:00. TEMPORAL [day 0 12:00, day 2 12:00): only the 10; the 5 at exactly 12:00 is not seen.
        // SNAPSHOT as of day 2 00:00: the 10. Users snapshot of day 1: silver.
        List.of("u1", L2, 10L, 1L, 10.0, List.of(10L), 10L, "silver", "2023-11-02"),
        // L3 u1 day 3 09:00. TEMPORAL [day 1 09:00, day 3 09:00): the 10 at exactly the window start is seen, the 5
        // too, the NULL is skipped: 15, count 2, average 7.5. SNAPSHOT as of day 3 00:00: 10 + 5. Users day 2: gold.
        List.of("u1", L3, 15L, 2L, 7.5, List.of(5L, 10L), 15L, "gold", "2023-11-03"),
        // L5 u3: no purchases, no user row: NULL everywhere.
        Arrays.asList("u3", L5, null, null, null, null, null, null, "2023-11-03"),
        // L1 u1 day 3 12:00. TEMPORAL [day 1 12:00, day 3 12:00): only the 5 (the 10 is out, the 2 is later).
        // SNAPSHOT as of day 3 00:00 still sees 10 + 5 = 15: the SNAPSHOT/TEMPORAL difference. Users day 2: gold.
        List.of("u1", L1, 5L, 1L, 5.0, List.of(5L, 10L), 15L, "gold", "2023-11-03"),
        List.of("u1", L1, 5L, 1L, 5.0, List.of(5L, 10L), 15L, "gold", "2023-11-03"),
        // L4 u2 day 4 13:00. The only purchase (day 1 12:00) is outside both 2-day windows: NULL, COUNT too; the
        // unwindowed LAST_K still has it. Users snapshot of day 3: bronze.
        Arrays.asList("u2", L4, null, null, null, List.of(7L), null, "bronze", "2023-11-04"));
  }

  @Test
  void rowsWithoutRowIdsAreKeyedByTheirValuesAndOccurrence() throws IOException {
    backfill(join("out_keys", "pit.users"));
    backfill(join("out_keys_again", "pit.users"));

    String keys = "SELECT user_id, ts, tidemark_row_key FROM lake.%s.pit_training_v1 ORDER BY ts, tidemark_row_key";
    List<List<Object>> first = JoinFixtures.rows(String.format(keys, "out_keys"));
    assertThat(first).allSatisfy(row -> assertThat((String) row.get(2)).matches("[0-9a-f]{32}-[12]"));
    // L1 and its duplicate L6 share the hash of their values and are told apart by their occurrence number.
    List<String> l1Keys = first.stream().filter(row -> row.get(1).equals(L1)).map(row -> (String) row.get(2)).toList();
    assertThat(l1Keys).hasSize(2);
    assertThat(l1Keys.get(0).substring(0, 32)).isEqualTo(l1Keys.get(1).substring(0, 32));
    assertThat(l1Keys).extracting(key -> key.substring(33)).containsExactly("1", "2");
    assertThat(first.stream().map(row -> ((String) row.get(2)).substring(0, 32)).distinct()).hasSize(5);
    // The same left rows get the same keys in another run.
    assertThat(JoinFixtures.rows(String.format(keys, "out_keys_again"))).isEqualTo(first);
  }

  @Test
  void recordsTheDefinitionAndTheRunOnTheTable() throws IOException {
    JoinBackfill backfill = new JoinBackfill(CATALOG, join("out_props", "pit.users"));
    BackfillResult result = backfill.run(backfill.plan(BackfillRange.all()), BackfillListener.NONE);

    Table table = CATALOG.loadTable(new TableName("out_props", "pit_training_v1")).orElseThrow();
    assertThat(table.properties())
        .containsEntry(TableProperties.TABLE_TYPE, "join")
        .containsEntry(TableProperties.DEFINITION, "pit.training.v1");
    assertThat(table.currentSnapshot().summary())
        .containsEntry(TableProperties.RUN_ID, result.runId())
        .containsEntry(TableProperties.ACTION, "backfill")
        .containsEntry(TableProperties.DS_RANGE, "2023-11-02..2023-11-04");
  }

  @Test
  void fillsOnlyMissingPartitionsAndARunWithNothingToDoCommitsNothing() throws IOException {
    Loaded<Join> join = join("out_incremental", "pit.users");
    JoinBackfill first = new JoinBackfill(CATALOG, join);
    JoinBackfillPlan firstPlan = first.plan(new BackfillRange(Optional.empty(), day("2023-11-03"), 1));
    assertThat(firstPlan.tableState()).isEqualTo(OutputTableState.NEW);
    assertThat(firstPlan.fill().steps()).extracting(Day::texts)
        .containsExactly(List.of("2023-11-02"), List.of("2023-11-03"));
    first.run(firstPlan, BackfillListener.NONE);

    JoinBackfill second = new JoinBackfill(CATALOG, join);
    JoinBackfillPlan secondPlan = second.plan(BackfillRange.all());
    assertThat(secondPlan.tableState()).isEqualTo(OutputTableState.EXISTING);
    assertThat(secondPlan.fill().missing()).extracting(Day::toString).containsExactly("2023-11-04");
    BackfillResult secondResult = second.run(secondPlan, BackfillListener.NONE);
    assertThat(secondResult.rowsWritten()).isEqualTo(1);
    assertThat(rows("out_incremental")).hasSize(6);

    Table table = CATALOG.loadTable(new TableName("out_incremental", "pit_training_v1")).orElseThrow();
    Snapshot before = table.currentSnapshot();
    JoinBackfill third = new JoinBackfill(CATALOG, join);
    JoinBackfillPlan thirdPlan = third.plan(BackfillRange.all());
    assertThat(thirdPlan.hasWork()).isFalse();
    assertThat(third.run(thirdPlan, BackfillListener.NONE).steps()).isEmpty();
    table.refresh();
    assertThat(table.currentSnapshot().snapshotId()).isEqualTo(before.snapshotId());
  }

  @Test
  void writesTheProvenanceMapWithoutStatisticsAndGivesOlderTablesTheSetting() throws IOException {
    Loaded<Join> join = join("out_stats", "pit.users");
    fillThrough(join, "2023-11-02");
    TableName name = new TableName("out_stats", "pit_training_v1");
    Table table = CATALOG.loadTable(name).orElseThrow();
    String key = "write.parquet.stats-enabled.column.tidemark_provenance.key";
    String value = "write.parquet.stats-enabled.column.tidemark_provenance.value";
    assertThat(table.properties()).containsEntry(key, "false").containsEntry(value, "false");
    // The 2023-11-02 file: bounds for user_id and ds, none for the map's keys and values.
    assertThat(boundedColumns(table)).contains("user_id", "ds")
        .doesNotContain("tidemark_provenance.key", "tidemark_provenance.value");

    // A table made before the setting existed takes it with its next commit.
    sql("ALTER TABLE lake.out_stats.pit_training_v1 UNSET TBLPROPERTIES ('" + key + "', '" + value + "')");
    fillThrough(join, "2023-11-03");
    table.refresh();
    assertThat(table.properties()).containsEntry(key, "false").containsEntry(value, "false");
  }

  @Test
  void writesNumericColumnsWithoutADictionaryAndStringsWithOne() throws IOException {
    fillThrough(join("out_dictionary", "pit.users"), "2023-11-03");
    Table table = CATALOG.loadTable(new TableName("out_dictionary", "pit_training_v1")).orElseThrow();
    String prefix = "write.parquet.dict-encoding-enabled.column.";
    assertThat(table.properties()).containsEntry(prefix + "ts", "false")
        .containsEntry(prefix + "pit_purchases_v1_amount_sum_2d", "false")
        .containsEntry(prefix + "pit_purchases_v1_amount_count_2d", "false")
        .containsEntry(prefix + "pit_purchases_v1_amount_average_2d", "false")
        .containsEntry(prefix + "snap_pit_purchases_daily_v1_amount_sum_2d", "false")
        .doesNotContainKeys(prefix + "user_id", prefix + "pit_users_v1_tier", prefix + "ds",
            prefix + "pit_purchases_v1_amount_last2");
    // The 2023-11-03 file (four rows, three of one user): its chunks say which columns have a dictionary page.
    assertThat(columnsWithDictionary(table, "2023-11-03")).contains("user_id", "ds", "pit_users_v1_tier")
        .doesNotContain("ts", "pit_purchases_v1_amount_sum_2d", "pit_purchases_v1_amount_count_2d",
            "pit_purchases_v1_amount_average_2d");
  }

  /** The top-level columns whose chunks in the data files of {@code ds} have a dictionary page. */
  private static Set<String> columnsWithDictionary(Table table, String ds) throws IOException {
    Set<String> columns = new TreeSet<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().filter(Expressions.equal("ds", ds)).planFiles()) {
      for (FileScanTask task : tasks) {
        HadoopInputFile file = HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(task.file().location()),
            new Configuration());
        try (ParquetFileReader reader = ParquetFileReader.open(file)) {
          for (BlockMetaData block : reader.getFooter().getBlocks()) {
            for (ColumnChunkMetaData chunk : block.getColumns()) {
              if (chunk.hasDictionaryPage()) {
                columns.add(chunk.getPath().toArray()[0]);
              }
            }
          }
        }
      }
    }
    return columns;
  }

  private static void fillThrough(Loaded<Join> join, String lastDay) {
    JoinBackfill backfill = new JoinBackfill(CATALOG, join);
    backfill.run(backfill.plan(new BackfillRange(Optional.empty(), day(lastDay), 1)), BackfillListener.NONE);
  }

  /** The columns that some data file of {@code table} has a lower bound for. */
  private static Set<String> boundedColumns(Table table) throws IOException {
    Set<String> columns = new TreeSet<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().includeColumnStats().planFiles()) {
      for (FileScanTask task : tasks) {
        task.file().lowerBounds().keySet().forEach(id -> columns.add(table.schema().findColumnName(id)));
      }
    }
    return columns;
  }

  @Test
  void duplicateSnapshotRowsFailBeforeAnythingIsCommitted() throws IOException {
    sql("CREATE TABLE lake.pit.users_with_duplicates (uid STRING, tier STRING, ds STRING) USING iceberg");
    sql("INSERT INTO lake.pit.users_with_duplicates VALUES ('u1', 'gold', '2023-11-02'), ('u1', 'silver', '2023-11-02')");
    JoinBackfill backfill = new JoinBackfill(CATALOG, join("out_duplicates", "pit.users_with_duplicates"));
    JoinBackfillPlan plan = backfill.plan(BackfillRange.all());

    assertThatThrownBy(() -> backfill.run(plan, BackfillListener.NONE))
        .isInstanceOfSatisfying(TidemarkException.class,
            e -> assertThat(e.category()).isEqualTo(ErrorCategory.INVALID_DATA))
        .hasMessage("TM-302 pit.users_with_duplicates holds 2 rows for uid=u1 in partition ds=2023-11-02 (used by "
            + "pit.users.v1); a snapshot must hold one row per key and day. Fix: remove the duplicates from "
            + "pit.users_with_duplicates, or aggregate them in the GroupBy");
    assertThat(CATALOG.tableExists(new TableName("out_duplicates", "pit_training_v1"))).isFalse();
  }

  /**
   * The lookup's check runs inside the job that computes the windowed part after it: the sweep's input is planned by
   * the job that writes, so the failure is still reported as the data's.
   */
  @Test
  void duplicateSnapshotRowsAreReportedWhenAWindowedPartComesAfterTheLookup() throws IOException {
    sql("CREATE TABLE IF NOT EXISTS lake.pit.users_twice (uid STRING, tier STRING, ds STRING) USING iceberg");
    sql("INSERT INTO lake.pit.users_twice VALUES ('u2', 'gold', '2023-11-03'), ('u2', 'silver', '2023-11-03')");
    Loaded<Join> join = load("out_lookup_first", """
        {"metaData": {"name": "pit.training.v1", "outputNamespace": "out_lookup_first"},
         "left": {"events": {"table": "pit.checkouts",
                             "query": {"selects": {"user_id": "user_id", "ts": "ts"}, "timeColumn": "ts"}}},
         "joinParts": [
           {"groupBy": {"metaData": {"name": "pit.users.v1"},
                        "sources": [{"entities": {"snapshotTable": "pit.users_twice",
                                                  "query": {"selects": {"uid": "uid", "tier": "tier"}}}}],
                        "keyColumns": ["uid"]},
            "keyMapping": {"user_id": "uid"}},
           {"groupBy": {"metaData": {"name": "pit.purchases.v1"},
                        "sources": [{"events": {"table": "pit.purchases",
                                                "query": {"selects": {"user_id": "user_id", "amount": "amount"},
                                                          "timeColumn": "ts"}}}],
                        "keyColumns": ["user_id"],
                        "aggregations": [{"inputColumn": "amount", "operation": "SUM",
                                          "windows": [{"length": 2, "timeUnit": "DAYS"}]}],
                        "accuracy": "TEMPORAL"}}]}
        """);
    JoinBackfill backfill = new JoinBackfill(CATALOG, join);
    JoinBackfillPlan plan = backfill.plan(BackfillRange.all());

    assertThatThrownBy(() -> backfill.run(plan, BackfillListener.NONE))
        .isInstanceOfSatisfying(TidemarkException.class,
            e -> assertThat(e.category()).isEqualTo(ErrorCategory.INVALID_DATA))
        .hasMessage("TM-302 pit.users_twice holds 2 rows for uid=u2 in partition ds=2023-11-03 (used by "
            + "pit.users.v1); a snapshot must hold one row per key and day. Fix: remove the duplicates from "
            + "pit.users_twice, or aggregate them in the GroupBy");
    assertThat(CATALOG.tableExists(new TableName("out_lookup_first", "pit_training_v1"))).isFalse();
  }

  @Test
  void definitionsThatDoNotFitTheTablesAreRejectedBeforeAnyWrite() throws IOException {
    sql("CREATE TABLE lake.pit.users_by_number (uid BIGINT, tier STRING, ds STRING) USING iceberg");
    String template = String.format(JOIN, "out_invalid", "pit.users_by_number");
    int daily = template.indexOf("pit.purchases_daily.v1");
    String json = template.substring(0, daily).replaceFirst("\"amount\": \"amount\"", "\"amount\": \"amont\"")
        + template.substring(daily).replaceFirst("\"table\": \"pit.purchases\"", "\"table\": \"pit.purchase\"");
    assertThat(json).contains("amont").contains("pit.purchase\"");
    Loaded<Join> join = load("out_invalid", json);

    assertThatThrownBy(() -> new JoinBackfill(CATALOG, join).plan(BackfillRange.all()))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessage("Invalid definitions (3 problems):\n"
            + "  TM-114 " + join.file()
            + ": joinParts[0].groupBy.sources[0].events.query.selects.amount: column amont does "
            + "not exist in pit.purchases. Fix: use columns of pit.purchases (user_id, amount, ts, ds)\n"
            + "  TM-111 " + join.file()
            + ": joinParts[1].groupBy.sources[0].events.table: table pit.purchase does not exist "
            + "in the " + CATALOG.config().describe() + ". Fix: load it with: tidemark import --table pit.purchase "
            + "--file <csv|jsonl|parquet file>, or correct the name\n"
            + "  TM-113 " + join.file()
            + ": joinParts[2].groupBy.keyColumns: key uid is bigint in pit.users_by_number but "
            + "user_id is string in pit.checkouts. Fix: make the types equal in a select, e.g. "
            + "\"uid\": \"CAST(uid AS STRING)\"");
    assertThat(CATALOG.tableExists(new TableName("out_invalid", "pit_training_v1"))).isFalse();
  }

  private static Loaded<Join> join(String outputNamespace, String usersTable) throws IOException {
    return load(outputNamespace, String.format(JOIN, outputNamespace, usersTable));
  }

  private static Loaded<Join> load(String name, String json) throws IOException {
    Path file = definitions.resolve("joins/pit/" + name + ".v1");
    Files.createDirectories(file.getParent());
    Files.writeString(file, json);
    return DefinitionLoader.loadJoin(file);
  }

  private static List<String> columns(String namespace) {
    return Arrays.asList(CATALOG.spark().table("lake." + namespace + ".pit_training_v1").columns());
  }

  /** The output rows ordered by ds, ts and user id, with lists as Java lists. */
  private static List<List<Object>> rows(String namespace) {
    return JoinFixtures.rowsWithoutRowKey("SELECT * FROM lake." + namespace + ".pit_training_v1 ORDER BY ds, ts, "
        + "user_id");
  }

  private static Optional<Day> day(String ds) {
    return Optional.of(Day.parse(ds));
  }
}
