package io.tidemark.cli.reliability;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.naming.TableName;
import io.tidemark.catalog.SharedSpark;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.cli.CommandRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.iceberg.HasTableOperations;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Inputs an adversarial user would try: definitions that reach outside their folder or stretch a rule to absurd
 * values, files to import that are torn, mislabelled or hold impossible days, table names that would not survive
 * quoting, arguments out of range, and log folders named like no day. Each case runs the real command in this JVM and
 * checks its exit code, its exact message, and that every file and catalog row of the warehouse is byte for byte as
 * before. Catalog files that are lost or damaged are in {@link DamagedCatalogTest}, HTTP requests in the online
 * module's HostileRequestTest; docs/errors.md lists every case.
 */
class HostileInputTest {
  private static final TidemarkCatalog CATALOG = SharedSpark.catalog();
  private static final String INLINE_PART = """
      {"groupBy": {"metaData": {"name": "hostile.purchases.v1"},
        "sources": [{"events": {"table": "hostile.purchases",
          "query": {"selects": {"user_id": "user_id", "price": "price"}, "timeColumn": "ts"}}}],
        "keyColumns": ["user_id"],
        "aggregations": [{"inputColumn": "price", "operation": "SUM", "windows": [{"length": 3, "timeUnit": "DAYS"}]}]
      }}""";
  private static final String JOIN = """
      {"metaData": {"name": "hostile.training.v1", "outputNamespace": "hostile_out"},
       "left": {"events": {"table": "hostile.checkouts",
         "query": {"selects": {"request_id": "request_id", "user_id": "user_id", "ts": "ts"}, "timeColumn": "ts"}}},
       "rowIds": ["request_id"],
       "joinParts": [PART]}
      """;
  private static final String VALID_CSV = "user_id,price,ts,ds\nu1,5.0,1698829200000,2023-11-01\n";
  private static final String IMPORT_FIX = "Fix: name it namespace.table with letters, digits and _ only, e.g. "
      + "--table data.purchases";
  private static final String TS_FIX = "Fix: give epoch milliseconds (1701388800000) or an ISO time with its offset "
      + "(2023-12-01T00:00:00Z)";

  @TempDir
  static Path directory;

  /**
   * A hostile input: the files it needs (written under the case's own folder, {@code {dir}} in arguments and
   * messages), the command's arguments, and the exit code and standard error (and output, when it matters) expected.
   */
  record Case(String name, Map<String, byte[]> files, List<String> args, int exitCode, String err, String out) {
    @Override
    public String toString() {
      return name;
    }

    Case withFile(String path, String text) {
      return withFile(path, text.getBytes(UTF_8));
    }

    Case withFile(String path, byte[] bytes) {
      Map<String, byte[]> more = new LinkedHashMap<>(files);
      more.put(path, bytes);
      return new Case(name, more, args, exitCode, err, out);
    }

    Case printing(String expectedOut) {
      return new Case(name, files, args, exitCode, err, expectedOut);
    }
  }

  static Case run(String name, int exitCode, String err, String... args) {
    return new Case(name, Map.of(), List.of(args), exitCode, err, "");
  }

  /** {@code tidemark validate} of a join at {@code joins/hostile/training.v1} whose text is {@code join}. */
  static Case validateJoin(String name, String join, ErrorCode code, String problem) {
    return run(name, 2, "Invalid definition:\n  " + code.render() + " {dir}/joins/hostile/training.v1: " + problem
        + "\n", "validate",
        "{dir}/joins/hostile/training.v1").withFile("joins/hostile/training.v1", join);
  }

  static String join(String part) {
    return JOIN.replace("PART", part);
  }

  static Case importing(String name, String file, String table, String err) {
    return run(name, 2, err, "import", "--table", table, "--file", "{dir}/" + file);
  }

  static Stream<Case> cases() {
    return Stream.of(
        // Definitions
        validateJoin("a GroupBy name that climbs out of the definitions folder",
            join("{\"groupBy\": {\"name\": \"../../../etc/passwd\"}}"),
            ErrorCode.MISSING_DEFINITION, "joinParts[0].groupBy.name: no GroupBy named ../../../etc/passwd was found. Fix: name a GroupBy of "
                + "{dir}/group_bys as team.file.version (letters, digits, _ and - between the dots), e.g. "
                + "quickstart.purchases.v1, or inline the GroupBy in the join"),
        validateJoin("a GroupBy name that is an absolute path", join("{\"groupBy\": {\"name\": \"/etc/passwd\"}}"),
            ErrorCode.MISSING_DEFINITION, "joinParts[0].groupBy.name: no GroupBy named /etc/passwd was found. Fix: name a GroupBy of "
                + "{dir}/group_bys as team.file.version (letters, digits, _ and - between the dots), e.g. "
                + "quickstart.purchases.v1, or inline the GroupBy in the join"),
        validateJoin("two left columns mapped onto one key", join(INLINE_PART.replace("{\"groupBy\"",
                "{\"keyMapping\": {\"request_id\": \"user_id\", \"user_id\": \"user_id\"}, \"groupBy\"")),
            ErrorCode.CONFLICTING_FIELDS, "joinParts[0].keyMapping.user_id: maps user_id to key user_id, which request_id maps to already: a key "
                + "takes its value from one left column. Fix: keep one of the two mappings"),
        validateJoin("a window of a billion days", join(INLINE_PART.replace("\"length\": 3", "\"length\": 1000000000")),
            ErrorCode.INVALID_VALUE, "joinParts[0].groupBy.aggregations[0].windows[0].length: 1000000000 days is longer than the 47117 days "
                + "that event times span (1971-01-01 to 2099-12-31). Fix: use at most 47117, or remove the window "
                + "for an unwindowed aggregation"),
        validateJoin("an hourly window longer than the calendar", join(INLINE_PART.replace("\"length\": 3, "
                + "\"timeUnit\": \"DAYS\"", "\"length\": 2000000, \"timeUnit\": \"HOURS\"")),
            ErrorCode.INVALID_VALUE, "joinParts[0].groupBy.aggregations[0].windows[0].length: 2000000 hours is longer than the 1130808 hours "
                + "that event times span (1971-01-01 to 2099-12-31). Fix: use at most 1130808, or remove the window "
                + "for an unwindowed aggregation"),
        validateJoin("a join namespace with a dot", join(INLINE_PART).replace("\"hostile_out\"", "\"hostile.out\""),
            ErrorCode.INVALID_VALUE, "metaData.outputNamespace: \"hostile.out\" is not a plain identifier, as the namespace of the tables it "
                + "names must be. Fix: use letters, digits and underscores only"),
        run("a staging query namespace with a space", 2, "Invalid definition:\n  "
                + "TM-106 {dir}/staging_queries/hostile/daily.v1: metaData.outputNamespace: \"hostile out\" is not a plain "
                + "identifier, as the namespace of the tables it names must be. Fix: use letters, digits and "
                + "underscores only\n", "validate", "{dir}/staging_queries/hostile/daily.v1")
            .withFile("staging_queries/hostile/daily.v1", "{\"metaData\": {\"name\": \"hostile.daily.v1\", "
                + "\"outputNamespace\": \"hostile out\"}, \"query\": \"SELECT ds FROM hostile.purchases\"}"),
        validateJoin("an empty definition file", "", ErrorCode.MALFORMED_JSON, "is not a JSON object. Fix: write the definition as a JSON "
            + "object { ... }"),
        validateJoin("a definition that is a JSON list", "[1, 2]", ErrorCode.MALFORMED_JSON, "is not a JSON object. Fix: write the "
            + "definition as a JSON object { ... }"),
        validateJoin("a definition nested 100,000 deep", "{\"a\": " + "[".repeat(100_000),
            ErrorCode.MALFORMED_JSON, "is refused by the JSON reader: Document nesting depth (1001) exceeds the maximum allowed (1000). Fix: "
                + "write a definition of ordinary size"),
        run("a definition that is not UTF-8", 2, "Invalid definition:\n  TM-102 {dir}/joins/hostile/training.v1: is not "
                + "UTF-8 text. Fix: save the file as UTF-8\n", "validate", "{dir}/joins/hostile/training.v1")
            .withFile("joins/hostile/training.v1", latin1("{\"metaData\": {\"name\": \"caf\u00e9\"}}")),

        // Table names for import
        importing("a table name with SQL in it", "valid.csv", "a.b; DROP TABLE x", "TM-201 Invalid --table \"a.b; DROP "
            + "TABLE x\": it has the table name \"b; DROP TABLE x\", which is not made of letters, digits and _ only. "
            + IMPORT_FIX + "\n").withFile("valid.csv", VALID_CSV),
        importing("a table name with a space", "valid.csv", "a b.c", "TM-201 Invalid --table \"a b.c\": it has the "
            + "namespace \"a b\", which is not made of letters, digits and _ only. " + IMPORT_FIX + "\n")
            .withFile("valid.csv", VALID_CSV),
        importing("a table name with two dots", "valid.csv", "a.b.c", "TM-201 Invalid --table \"a.b.c\": it has 2 dots, "
            + "but a table has one level of namespace. " + IMPORT_FIX + "\n").withFile("valid.csv", VALID_CSV),
        importing("a table name that is not ASCII", "valid.csv", "donn\u00e9es.achats", "TM-201 Invalid --table "
            + "\"donn\u00e9es.achats\": it has the namespace \"donn\u00e9es\", which is not made of letters, digits "
            + "and _ only. " + IMPORT_FIX + "\n").withFile("valid.csv", VALID_CSV),
        importing("a table name without a namespace", "valid.csv", "purchases", "TM-201 Invalid --table \"purchases\": it "
            + "has no namespace. " + IMPORT_FIX + "\n").withFile("valid.csv", VALID_CSV),
        importing("a table name ending in a dot", "valid.csv", "data.", "TM-201 Invalid --table \"data.\": it has the "
            + "table name \"\", which is empty. " + IMPORT_FIX + "\n").withFile("valid.csv", VALID_CSV),

        // Files to import
        importing("a ragged CSV", "ragged.csv", "hostile_import.ragged", "TM-208 Cannot import: line 3 of "
            + "{dir}/ragged.csv has 2 field(s), but its header has 4 (user_id, price, ts, ds). Fix: give every line "
            + "the header's fields, and quote a value that holds a comma (\"a,b\"); nothing was imported\n")
            .withFile("ragged.csv", VALID_CSV + "u2,7.0\n"),
        importing("a CSV line with a field too many", "wide.csv", "hostile_import.wide", "TM-208 Cannot import: line 2 of "
            + "{dir}/wide.csv has 5 field(s), but its header has 4 (user_id, price, ts, ds). Fix: give every line "
            + "the header's fields, and quote a value that holds a comma (\"a,b\"); nothing was imported\n")
            .withFile("wide.csv", "user_id,price,ts,ds\nu1,5,0,1698829200000,2023-11-01\n"),
        importing("an impossible day", "impossible_day.csv", "hostile_import.days", "TM-208 Cannot import: "
            + "{dir}/impossible_day.csv has 1 row(s) whose ds is not a day written yyyy-MM-dd: '2023-02-30' (1). "
            + "Fix: give every row a real day, e.g. 2023-11-01; nothing was imported\n")
            .withFile("impossible_day.csv", VALID_CSV + "u2,7.0,1698829200000,2023-02-30\n"),
        importing("rows without a day", "no_day.csv", "hostile_import.days", "TM-208 Cannot import: {dir}/no_day.csv has 2 "
            + "row(s) whose ds is not a day written yyyy-MM-dd: '2023-13-01' (1), NULL (1). Fix: give every row a "
            + "real day, e.g. 2023-11-01; nothing was imported\n")
            .withFile("no_day.csv", VALID_CSV + "u2,7.0,1698829200000,\nu3,1.0,1698829200000,2023-13-01\n"),
        importing("a torn JSON line", "torn.jsonl", "hostile_import.torn", "TM-208 Cannot import: line 2 of "
            + "{dir}/torn.jsonl is not valid JSON (Unexpected end-of-input within/between Object entries at column "
            + "24). Fix: write one JSON object per line, e.g. {\"user_id\": \"u1\", \"ds\": \"2023-11-01\"}; nothing "
            + "was imported\n")
            .withFile("torn.jsonl", "{\"user_id\": \"u1\", \"ds\": \"2023-11-01\"}\n{\"user_id\": \"u2\", \"ds\":\n"),
        importing("a JSON line that is a number", "number.jsonl", "hostile_import.number", "TM-208 Cannot import: line 1 of "
            + "{dir}/number.jsonl is number 42, not a JSON object. Fix: write one JSON object per line, e.g. "
            + "{\"user_id\": \"u1\", \"ds\": \"2023-11-01\"}; nothing was imported\n")
            .withFile("number.jsonl", "42\n"),
        importing("a CSV that is not UTF-8", "latin1.csv", "hostile_import.latin1", "TM-208 Cannot import: line 2 of "
            + "{dir}/latin1.csv is not UTF-8 text. Fix: save the file as UTF-8; nothing was imported\n")
            .withFile("latin1.csv", latin1("user_id,price,ts,ds\nJos\u00e9,5.0,1698829200000,2023-11-01\n")),
        importing("an empty CSV", "empty.csv", "hostile_import.empty", "TM-208 Cannot import: {dir}/empty.csv has no header "
            + "line (it is empty). Fix: start the file with a line naming its columns, e.g. user_id,price,ts,ds; "
            + "nothing was imported\n").withFile("empty.csv", ""),
        importing("a Parquet file that is not Parquet", "fake.parquet", "hostile_import.fake", "TM-208 Cannot import: cannot "
            + "read {dir}/fake.parquet as PARQUET: corrupted file: the footer index is not within the file: "
            + "-543517773. Fix: check the file, or pass the right --format\n")
            .withFile("fake.parquet", "PAR1 this is not a parquet file PAR1"),
        importing("an import over a join's table", "valid.csv", "hostile_out.hostile_training_v1", "TM-208 Cannot import: "
            + "hostile_out.hostile_training_v1 is a join table (tidemark.table-type = join), which Tidemark "
            + "computes; import replaces days of the tables it loads only. Fix: import into a table of its own, e.g. "
            + "--table data.hostile_training_v1_import\n").withFile("valid.csv", VALID_CSV),
        run("an impossible --ds for a whole file", 2, "TM-208 Cannot import: --ds 2023-02-30 is not a day written "
                + "yyyy-MM-dd. Fix: pass e.g. --ds 2023-11-01\n", "import", "--table", "hostile_import.one_day",
            "--file", "{dir}/no_ds.csv", "--ds", "2023-02-30").withFile("no_ds.csv", "user_id\nu1\n"),

        // Arguments
        run("sql --max-rows -5", 2, "TM-201 --max-rows -5 is not a number of rows. Fix: pass 1 or more\n", "sql",
            "SELECT 1", "--max-rows", "-5"),
        run("audit show --max-rows 0", 2, "TM-201 --max-rows 0 is not a number of rows. Fix: pass 1 or more\n", "audit",
            "show", "--conf", "{dir}/joins/hostile/training.v1", "--as-of", "main", "--max-rows", "0")
            .withFile("joins/hostile/training.v1", join(INLINE_PART)),
        run("a --start-ds on February 29th of a common year", 2, "TM-201 Invalid day 2023-02-29: there is no such day "
                + "(2023-02 has 28 days). Fix: give a day of the calendar, e.g. --start-ds 2023-11-01\n", "backfill",
            "--conf", "{dir}/joins/hostile/training.v1", "--start-ds", "2023-02-29")
            .withFile("joins/hostile/training.v1", join(INLINE_PART)),
        run("an impossible --label-ds", 2, "TM-201 Invalid day 2023-02-30: there is no such day (2023-02 has 28 "
                + "days). Fix: give a day of the calendar, e.g. --label-ds 2023-11-30\n", "label", "--conf",
            "{dir}/joins/hostile/training.v1", "--label-ds", "2023-02-30")
            .withFile("joins/hostile/training.v1", join(INLINE_PART)),
        run("an impossible log-flatten --ds", 2, "TM-201 Invalid day 2023-02-30: there is no such day (2023-02 has "
                + "28 days). Fix: give a day of the calendar, e.g. --ds 2023-12-01\n", "log-flatten", "--conf",
            "{dir}/joins/hostile/training.v1", "--ds", "2023-02-30")
            .withFile("joins/hostile/training.v1", join(INLINE_PART)),
        run("a fetch --ts past the calendar", 2, "TM-201 Invalid --ts '9223372036854775807': not a time between 1971-01-01 "
            + "and 2099-12-31. " + TS_FIX + "\n", "fetch", "--join", "hostile.training.v1", "-k", "{}", "--ts",
            "9223372036854775807", "--online-dir", "{dir}/online"),
        run("a fetch --ts past a long", 2, "TM-201 Invalid --ts '99999999999999999999'. " + TS_FIX + "\n", "fetch",
            "--join", "hostile.training.v1", "-k", "{}", "--ts", "99999999999999999999", "--online-dir",
            "{dir}/online"),
        run("a fetch --ts in year 10000", 2, "TM-201 Invalid --ts '+10000-01-01T00:00:00Z': not a time between 1971-01-01 "
            + "and 2099-12-31. " + TS_FIX + "\n", "fetch",
            "--join", "hostile.training.v1", "-k", "{}", "--ts", "+10000-01-01T00:00:00Z", "--online-dir",
            "{dir}/online"),
        run("an orphan floor under a day", 2, "TM-201 Cannot remove orphan files younger than 1d (asked: 1h): a file that "
                + "young may belong to a commit still in progress. Fix: pass --orphan-older-than 24h or more (default "
                + "3d)\n", "maintain", "--all", "--dry-run", "--orphan-older-than", "1h"),

        // A raw log whose folders are not days: nothing is flattened, and the records are counted and named.
        run("raw log folders named like no day", 0, "", "log-flatten", "--conf", "{dir}/joins/hostile/training.v1",
            "--online-dir", "{dir}/online")
            .withFile("joins/hostile/training.v1", join(INLINE_PART))
            .withFile("online/logs/hostile.training.v1/ds=+292278994-08-17/9223372036854775807-1-0.jsonl",
                "{\"schema_hash\": \"aaaa000000000001\", \"ts\": 9223372036854775807, \"keys\": {}, \"values\": {}}\n")
            .withFile("online/logs/hostile.training.v1/ds=-3166904-02-24/-99999999999999999-2-0.jsonl",
                "{\"schema_hash\": \"aaaa000000000001\", \"ts\": -99999999999999999, \"keys\": {}, \"values\": {}}\n"
                    + "{\"schema_hash\": \"aaaa000000000001\", \"ts\": -99999999999999999, \"keys\": {}, "
                    + "\"values\": {}}\n")
            .printing("No day of the raw log for hostile.training.v1 under {dir}/online/logs/hostile.training.v1: "
                + "nothing to flatten.\n"
                + "  ds=+292278994-08-17: not a day written yyyy-MM-dd; its 1 record(s) in 1 file(s) are skipped\n"
                + "  ds=-3166904-02-24: not a day written yyyy-MM-dd; its 2 record(s) in 1 file(s) are skipped\n"));
  }

  @BeforeAll
  static void createTables() {
    sql("CREATE NAMESPACE IF NOT EXISTS hostile");
    sql("CREATE TABLE hostile.checkouts (request_id STRING, user_id STRING, ts BIGINT, ds STRING) USING iceberg "
        + "PARTITIONED BY (ds)");
    // 2023-11-02T10:00Z
    sql("INSERT INTO hostile.checkouts VALUES ('r1', 'u1', 1698919200000, '2023-11-02')");
    sql("CREATE TABLE hostile.purchases (user_id STRING, price DOUBLE, ts BIGINT, ds STRING) USING iceberg "
        + "PARTITIONED BY (ds)");
    sql("INSERT INTO hostile.purchases VALUES ('u1', 5.0, 1698829200000, '2023-11-01')");
    Path join = write(directory.resolve("setup/joins/hostile/training.v1"), join(INLINE_PART).getBytes(UTF_8));
    CommandRun backfill = CommandRun.of("backfill", "--conf", join.toString());
    assertThat(backfill.exitCode()).as(backfill.err()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aHostileInputGetsItsExitCodeAndMessageAndChangesNothing(Case hostile) {
    Path folder = directory.resolve(hostile.name().replaceAll("[^a-zA-Z0-9]+", "_"));
    hostile.files().forEach((path, bytes) -> write(folder.resolve(path), bytes));
    WarehouseFiles before = WarehouseFiles.of(TidemarkProcess.sharedWarehouse());

    CommandRun run = CommandRun.of(hostile.args().stream().map(arg -> arg.replace("{dir}", folder.toString()))
        .toArray(String[]::new));

    assertThat(run.err().replace(folder.toString(), "{dir}")).isEqualTo(hostile.err());
    assertThat(run.out().replace(folder.toString(), "{dir}")).isEqualTo(hostile.out());
    assertThat(run.exitCode()).isEqualTo(hostile.exitCode());
    assertThat(WarehouseFiles.of(TidemarkProcess.sharedWarehouse())).as("the warehouse").isEqualTo(before);
  }

  /**
   * Where a raw log holds days as well as folders named like no day, the days are flattened and the summary counts
   * and names the records it skipped.
   */
  @Test
  void logFlattenCountsAndNamesTheRecordsOfFoldersThatAreNotDays() {
    Path folder = directory.resolve("flatten_with_a_day");
    Path joinFile = write(folder.resolve("joins/hostile/logged.v1"), join(INLINE_PART)
        .replace("hostile.training.v1", "hostile.logged.v1").getBytes(UTF_8));
    Path log = folder.resolve("online/logs/hostile.logged.v1");
    write(log.resolve("schemas/aaaa000000000001.json"), ("{\"schema_hash\": \"aaaa000000000001\", \"join\": "
        + "\"hostile.logged.v1\", \"keys\": [{\"name\": \"user_id\", \"type\": \"string\"}], \"values\": "
        + "[{\"name\": \"hostile_purchases_v1_price_sum_3d\", \"type\": \"double\"}], \"published_at\": 1000}")
        .getBytes(UTF_8));
    write(log.resolve("ds=2023-12-01/1701424800000-1-0.jsonl"), ("{\"schema_hash\": \"aaaa000000000001\", \"ts\": "
        + "1701424800000, \"keys\": {\"user_id\": \"u1\"}, \"values\": {\"hostile_purchases_v1_price_sum_3d\": 5.0}}\n")
        .getBytes(UTF_8));
    write(log.resolve("ds=+292278994-08-17/1-1-0.jsonl"), ("{\"schema_hash\": \"aaaa000000000001\", \"ts\": "
        + "9223372036854775807, \"keys\": {\"user_id\": \"u2\"}, \"values\": {}}\n").getBytes(UTF_8));
    write(log.resolve("ds=2023-02-30/1-1-0.jsonl"), ("{\"schema_hash\": \"aaaa000000000001\", \"ts\": "
        + "1701424800000, \"keys\": {\"user_id\": \"u3\"}, \"values\": {}}\n").getBytes(UTF_8));

    CommandRun run = CommandRun.of("log-flatten", "--conf", joinFile.toString(), "--online-dir",
        folder.resolve("online").toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("Flattened 1 record(s) of 1 day(s) into hostile_out.hostile_logged_v1_logged (0 "
        + "unparsable line(s) skipped, 1 schema version(s) added). Skipped 2 record(s) in folders whose names are "
        + "not days: ds=+292278994-08-17 (1), ds=2023-02-30 (1).\n");
    assertThat(run.err()).contains("  ds=+292278994-08-17: not a day written yyyy-MM-dd; its 1 record(s) in 1 file(s) "
        + "are skipped\n  ds=2023-02-30: not a day written yyyy-MM-dd; its 1 record(s) in 1 file(s) are skipped\n");
    assertThat(CATALOG.spark().sql("SELECT user_id, ds FROM hostile_out.hostile_logged_v1_logged").collectAsList()
        .toString()).isEqualTo("[[u1,2023-12-01]]");
  }

  /** A table whose current metadata file is gone is named with the file and the fix, and nothing is written. */
  @Test
  void aTableWhoseMetadataFileIsGoneIsReportedAndNothingIsWritten() throws IOException {
    sql("CREATE NAMESPACE IF NOT EXISTS hostile_gone");
    sql("CREATE TABLE hostile_gone.checkouts (request_id STRING, user_id STRING, ts BIGINT, ds STRING) USING iceberg "
        + "PARTITIONED BY (ds)");
    sql("INSERT INTO hostile_gone.checkouts VALUES ('r1', 'u1', 1698919200000, '2023-11-02')");
    Path metadata = Path.of(URI.create(((HasTableOperations) CATALOG.loadTable(
        TableName.parse("hostile_gone.checkouts")).orElseThrow()).operations().current().metadataFileLocation())
        .getPath());
    Path joinFile = write(directory.resolve("gone/joins/hostile/training.v1"), join(INLINE_PART)
        .replace("hostile.checkouts", "hostile_gone.checkouts").getBytes(UTF_8));
    Path away = metadata.resolveSibling("moved-away.json");
    Files.move(metadata, away);
    try {
      WarehouseFiles before = WarehouseFiles.of(TidemarkProcess.sharedWarehouse());

      CommandRun run = CommandRun.of("backfill", "--conf", joinFile.toString(), "--dry-run");

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err()).isEqualTo("TM-704 Table hostile_gone.checkouts cannot be read: its current metadata file "
          + metadata + ", which the catalog file " + TidemarkProcess.sharedWarehouse().resolve("catalog.db")
          + " points at, is missing. Nothing was written. Fix: restore the file from a backup of the warehouse (the "
          + "table's earlier metadata files are beside it in " + metadata.getParent() + ")\n");
      assertThat(WarehouseFiles.of(TidemarkProcess.sharedWarehouse())).as("the warehouse").isEqualTo(before);
    } finally {
      Files.move(away, metadata);
    }
  }

  private static byte[] latin1(String text) {
    return text.getBytes(ISO_8859_1);
  }

  private static void sql(String statement) {
    CATALOG.spark().sql(statement);
  }

  private static Path write(Path file, byte[] bytes) {
    try {
      Files.createDirectories(file.getParent());
      return Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
