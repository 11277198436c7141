package io.tidemark.online.jobs.flatten;

import static io.tidemark.engine.JoinFixtures.CATALOG;
import static io.tidemark.engine.JoinFixtures.rows;
import static io.tidemark.online.jobs.RawLogFixture.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.api.TidemarkException;
import io.tidemark.api.definition.Join;
import io.tidemark.api.naming.TableName;
import io.tidemark.api.time.Day;
import io.tidemark.engine.JoinFixtures;
import io.tidemark.online.jobs.RawLogFixture;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.Table;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flattening hand-written raw logs (online contract format) into the log and schema tables. Each test has its own
 * join, so its own log folder and tables.
 */
class LogFlattenTest {
  static final String DAY1 = "2023-12-01";
  static final String DAY2 = "2023-12-02";
  static final long T1 = JoinFixtures.millis("2023-12-01T10:00:00Z");
  static final long T2 = JoinFixtures.millis("2023-12-01T11:00:00Z");
  static final long T3 = JoinFixtures.millis("2023-12-02T09:30:00Z");
  static final String KEYS = "[{\"name\":\"user_id\",\"type\":\"string\"},{\"name\":\"request_id\",\"type\":\"bigint\"}]";

  @TempDir
  Path definitions;

  @TempDir
  Path online;

  Join join(String name) {
    return JoinFixtures.join(definitions, name, """
        {"metaData": {"name": "flat.%s", "outputNamespace": "flat"},
         "left": {"events": {"table": "flat.requests", "query": {"selects": {"user_id": "user_id", "ts": "ts"}}}},
         "joinParts": [{"groupBy": {"metaData": {"name": "flat.spend.v1"},
           "sources": [{"events": {"table": "flat.purchases", "query": {"selects": {"user_id": "user_id",
             "amount": "amount"}}}}],
           "keyColumns": ["user_id"], "aggregations": [{"inputColumn": "amount", "operation": "SUM"}]}}]}
        """.formatted(name)).definition();
  }

  static FlattenResult flatten(Join join, Path online) {
    LogFlatten flatten = new LogFlatten(CATALOG, join, online);
    return flatten.run(flatten.plan(Optional.empty()), line -> { });
  }

  static long snapshotId(String table) {
    return CATALOG.loadTable(TableName.parse(table)).orElseThrow().currentSnapshot().snapshotId();
  }

  @Test
  void flattensRecordsIntoExactlyTheExpectedRowsAndTypes() {
    Join join = join("types.v1");
    RawLogFixture log = new RawLogFixture(online, "flat.types.v1");
    log.schema("aaaa000000000001", KEYS, "[{\"name\":\"amount_sum\",\"type\":\"double\"},"
        + "{\"name\":\"last_prices\",\"type\":\"array<double>\"},{\"name\":\"counts\",\"type\":\"map<string,bigint>\"},"
        + "{\"name\":\"verified\",\"type\":\"boolean\"},{\"name\":\"created\",\"type\":\"date\"}]", 1000);
    log.append(DAY1, "1701424800000-11-0.jsonl",
        record("aaaa000000000001", T1, "{\"user_id\":\"5\",\"request_id\":1042}",
            "{\"amount_sum\":120.5,\"last_prices\":[1.5,2],\"counts\":{\"x\":3},\"verified\":true,"
                + "\"created\":\"2023-10-01\"}"),
        record("aaaa000000000001", T2, "{\"user_id\":null,\"request_id\":1043}",
            "{\"amount_sum\":null,\"last_prices\":null,\"counts\":null,\"verified\":null,\"created\":null}"));
    log.append(DAY2, "1701509400000-12-0.jsonl",
        record("aaaa000000000001", T3, "{\"user_id\":\"6\",\"request_id\":7}",
            "{\"amount_sum\":3,\"last_prices\":[],\"counts\":{},\"verified\":false,\"created\":\"2023-11-30\"}"));

    FlattenResult result = flatten(join, online);

    assertThat(result).isEqualTo(new FlattenResult("flat.flat_types_v1_logged",
        List.of(Day.parse(DAY1), Day.parse(DAY2)), 3, 0, 1, List.of()));
    StructField[] fields = CATALOG.spark().table("lake.flat.flat_types_v1_logged").schema().fields();
    assertThat(Arrays.stream(fields).map(field -> field.name() + " " + field.dataType().catalogString()))
        .containsExactly("schema_hash string", "ts bigint", "user_id string", "request_id bigint",
            "amount_sum double", "last_prices array<double>", "counts map<string,bigint>", "verified boolean",
            "created date", "ds string");
    assertThat(rows("SELECT schema_hash, ts, user_id, request_id, amount_sum, last_prices, counts, verified, "
        + "CAST(created AS STRING), ds FROM lake.flat.flat_types_v1_logged ORDER BY ts")).containsExactly(
        Arrays.asList("aaaa000000000001", T1, "5", 1042L, 120.5, List.of(1.5, 2.0), java.util.Map.of("x", 3L), true,
            "2023-10-01", DAY1),
        Arrays.asList("aaaa000000000001", T2, null, 1043L, null, null, null, null, null, DAY1),
        Arrays.asList("aaaa000000000001", T3, "6", 7L, 3.0, List.of(), java.util.Map.of(), false, "2023-11-30",
            DAY2));
    assertThat(rows("SELECT schema_hash, `join`, `keys`, `values`, CAST(published_at AS BIGINT) "
        + "FROM lake.flat.flat_types_v1_log_schemas")).containsExactly(List.of("aaaa000000000001", "flat.types.v1",
        KEYS, "[{\"name\":\"amount_sum\",\"type\":\"double\"},{\"name\":\"last_prices\",\"type\":\"array<double>\"},"
            + "{\"name\":\"counts\",\"type\":\"map<string,bigint>\"},{\"name\":\"verified\",\"type\":\"boolean\"},"
            + "{\"name\":\"created\",\"type\":\"date\"}]", 1L));
    Table table = CATALOG.loadTable(TableName.parse("flat.flat_types_v1_logged")).orElseThrow();
    assertThat(table.properties()).containsEntry("tidemark.table-type", "log")
        .containsEntry("tidemark.definition", "flat.types.v1");
    assertThat(table.spec().fields()).extracting(field -> field.name()).containsExactly("ds");
  }

  @Test
  void aNewVersionAddsColumnsAndRemovedFieldsStayAsNullColumns() {
    Join join = join("evolve.v1");
    RawLogFixture log = new RawLogFixture(online, "flat.evolve.v1");
    log.schema("0000000000000001", KEYS, "[{\"name\":\"a\",\"type\":\"bigint\"},{\"name\":\"b\",\"type\":\"double\"}]",
        1000);
    log.append(DAY1, "s1.jsonl", record("0000000000000001", T1, "{\"user_id\":\"5\",\"request_id\":1}",
        "{\"a\":1,\"b\":1.5}"));
    flatten(join, online);
    log.schema("0000000000000002", KEYS, "[{\"name\":\"a\",\"type\":\"bigint\"},{\"name\":\"c\",\"type\":\"string\"}]",
        2000);
    log.append(DAY1, "s2.jsonl", record("0000000000000002", T2, "{\"user_id\":\"5\",\"request_id\":2}",
        "{\"a\":2,\"c\":\"x\"}"));
    log.append(DAY2, "s3.jsonl", record("0000000000000002", T3, "{\"user_id\":\"6\",\"request_id\":3}",
        "{\"a\":3,\"c\":\"y\"}"));

    FlattenResult result = flatten(join, online);

    assertThat(result.records()).isEqualTo(3);
    assertThat(CATALOG.spark().table("lake.flat.flat_evolve_v1_logged").columns())
        .containsExactly("schema_hash", "ts", "user_id", "request_id", "a", "b", "c", "ds");
    assertThat(rows("SELECT schema_hash, request_id, a, b, c, ds FROM lake.flat.flat_evolve_v1_logged ORDER BY ts"))
        .containsExactly(Arrays.asList("0000000000000001", 1L, 1L, 1.5, null, DAY1),
            Arrays.asList("0000000000000002", 2L, 2L, null, "x", DAY1),
            Arrays.asList("0000000000000002", 3L, 3L, null, "y", DAY2));
    assertThat(rows("SELECT schema_hash, `values` FROM lake.flat.flat_evolve_v1_log_schemas ORDER BY schema_hash"))
        .containsExactly(
            List.of("0000000000000001", "[{\"name\":\"a\",\"type\":\"bigint\"},{\"name\":\"b\",\"type\":\"double\"}]"),
            List.of("0000000000000002", "[{\"name\":\"a\",\"type\":\"bigint\"},{\"name\":\"c\",\"type\":\"string\"}]"));
  }

  @Test
  void aRerunWithoutNewRecordsCommitsNothingAndADayThatGainedRecordsIsReplacedWhole() {
    Join join = join("rerun.v1");
    RawLogFixture log = new RawLogFixture(online, "flat.rerun.v1");
    log.schema("0000000000000001", KEYS, "[{\"name\":\"a\",\"type\":\"bigint\"}]", 1000);
    log.append(DAY1, "s1.jsonl", record("0000000000000001", T1, "{\"user_id\":\"5\",\"request_id\":1}", "{\"a\":1}"));
    log.append(DAY2, "s1.jsonl", record("0000000000000001", T3, "{\"user_id\":\"5\",\"request_id\":3}", "{\"a\":3}"));
    flatten(join, online);
    long logSnapshot = snapshotId("flat.flat_rerun_v1_logged");
    long schemaSnapshot = snapshotId("flat.flat_rerun_v1_log_schemas");

    LogFlatten again = new LogFlatten(CATALOG, join, online);
    FlattenPlan unchanged = again.plan(Optional.empty());
    FlattenResult nothing = again.run(unchanged, line -> { });

    assertThat(unchanged.days()).extracting(DayPlan::action).containsExactly(DayAction.KEEP, DayAction.KEEP);
    assertThat(nothing.summary()).isEqualTo("Flattened nothing into flat.flat_rerun_v1_logged: no new raw records.");
    assertThat(snapshotId("flat.flat_rerun_v1_logged")).isEqualTo(logSnapshot);
    assertThat(snapshotId("flat.flat_rerun_v1_log_schemas")).isEqualTo(schemaSnapshot);

    log.append(DAY1, "s1.jsonl", record("0000000000000001", T2, "{\"user_id\":\"5\",\"request_id\":2}", "{\"a\":2}"));
    FlattenPlan grown = again.plan(Optional.empty());
    FlattenResult replaced = again.run(grown, line -> { });

    assertThat(grown.days()).extracting(DayPlan::action).containsExactly(DayAction.REPLACE, DayAction.KEEP);
    assertThat(replaced.days()).containsExactly(Day.parse(DAY1));
    assertThat(replaced.records()).isEqualTo(2);
    assertThat(rows("SELECT request_id, a, ds FROM lake.flat.flat_rerun_v1_logged ORDER BY ts")).containsExactly(
        List.of(1L, 1L, DAY1), List.of(2L, 2L, DAY1), List.of(3L, 3L, DAY2));
    Table table = CATALOG.loadTable(TableName.parse("flat.flat_rerun_v1_logged")).orElseThrow();
    assertThat(table.currentSnapshot().summary()).containsEntry("tidemark.action", "log-flatten")
        .containsEntry("tidemark.ds-range", DAY1 + ".." + DAY1);
    assertThat(snapshotId("flat.flat_rerun_v1_log_schemas")).isEqualTo(schemaSnapshot);
  }

  @Test
  void aTornLastLineIsSkippedAndCounted() {
    Join join = join("torn.v1");
    RawLogFixture log = new RawLogFixture(online, "flat.torn.v1");
    log.schema("0000000000000001", KEYS, "[{\"name\":\"a\",\"type\":\"bigint\"}]", 1000);
    log.append(DAY1, "s1.jsonl", record("0000000000000001", T1, "{\"user_id\":\"5\",\"request_id\":1}", "{\"a\":1}"));
    log.appendRaw(DAY1, "s1.jsonl", "{\"schema_hash\":\"0000000000000001\",\"ts\":" + T2 + ",\"keys\":{\"user_");

    FlattenResult result = flatten(join, online);

    assertThat(result.records()).isEqualTo(1);
    assertThat(result.skippedLines()).isEqualTo(1);
    assertThat(result.summary()).isEqualTo("Flattened 1 record(s) of 1 day(s) into flat.flat_torn_v1_logged "
        + "(1 unparsable line(s) skipped, 1 schema version(s) added).");
    assertThat(rows("SELECT request_id, a FROM lake.flat.flat_torn_v1_logged")).containsExactly(List.of(1L, 1L));
  }

  @Test
  void aFieldWithTwoTypesAcrossVersionsStopsTheRunNamingBoth() {
    Join join = join("twotypes.v1");
    RawLogFixture log = new RawLogFixture(online, "flat.twotypes.v1");
    log.schema("0000000000000001", KEYS, "[{\"name\":\"a\",\"type\":\"bigint\"}]", 1000);
    log.schema("0000000000000002", KEYS, "[{\"name\":\"a\",\"type\":\"double\"}]", 2000);
    log.append(DAY1, "s1.jsonl", record("0000000000000001", T1, "{\"user_id\":\"5\",\"request_id\":1}", "{\"a\":1}"));

    assertThatThrownBy(() -> new LogFlatten(CATALOG, join, online).plan(Optional.empty()))
        .isInstanceOf(TidemarkException.class)
        .hasMessage("TM-305 Cannot flatten the log of flat.twotypes.v1: field a is bigint in schema version "
            + "0000000000000001 but double in version 0000000000000002 (" + log.folder().resolve("schemas")
            + "). Fix: a field keeps one type across versions; log the new type under a new feature name (e.g. a new "
            + "GroupBy version), then move the records of one version out of the log folder to flatten the rest.");
    assertThat(CATALOG.tableExists(TableName.parse("flat.flat_twotypes_v1_logged"))).isFalse();
  }

  @Test
  void recordsOfAVersionWithoutSchemaFileStopTheRunBeforeAnythingIsWritten() {
    Join join = join("nofile.v1");
    RawLogFixture log = new RawLogFixture(online, "flat.nofile.v1");
    log.schema("0000000000000001", KEYS, "[{\"name\":\"a\",\"type\":\"bigint\"}]", 1000);
    log.append(DAY1, "s1.jsonl", record("0000000000000001", T1, "{\"user_id\":\"5\",\"request_id\":1}", "{\"a\":1}"),
        record("00000000000000ff", T2, "{\"user_id\":\"5\",\"request_id\":2}", "{\"a\":2}"));

    assertThatThrownBy(() -> flatten(join, online))
        .isInstanceOf(TidemarkException.class)
        .hasMessage("TM-305 Cannot flatten the log of flat.nofile.v1: 1 record(s) of ds=2023-12-01 carry schema hash "
            + "00000000000000ff, which has no schema file 00000000000000ff.json in " + log.folder().resolve("schemas")
            + ". Fix: restore the schema file the serving side wrote for it, or move the day's segments that carry it "
            + "out of " + log.folder().resolve("ds=2023-12-01") + "; nothing was written.");
    assertThat(CATALOG.tableExists(TableName.parse("flat.flat_nofile_v1_logged"))).isFalse();
    assertThat(CATALOG.tableExists(TableName.parse("flat.flat_nofile_v1_log_schemas"))).isFalse();
  }

  @Test
  void noRawLogPlansNothingAndCreatesNoTable() {
    Join join = join("empty.v1");

    FlattenPlan plan = new LogFlatten(CATALOG, join, online).plan(Optional.empty());

    assertThat(plan.days()).isEmpty();
    assertThat(plan.describe()).containsExactly("No raw log for flat.empty.v1 under "
        + online.resolve("logs").resolve("flat.empty.v1") + ": nothing to flatten.");
    assertThat(CATALOG.tableExists(TableName.parse("flat.flat_empty_v1_logged"))).isFalse();
  }
}
