package io.tidemark.engine;

import static io.tidemark.engine.JoinFixtures.CATALOG;
import static io.tidemark.engine.JoinFixtures.backfill;
import static io.tidemark.engine.JoinFixtures.join;
import static io.tidemark.engine.JoinFixtures.millis;
import static io.tidemark.engine.JoinFixtures.rowsWithoutRowKey;
import static io.tidemark.engine.JoinFixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.definition.Join;
import io.tidemark.api.load.Loaded;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An external part with an offline GroupBy, in Chronon's compiled shape: offline the GroupBy stands in for the
 * service, as a join part whose columns are named after the external source. Worked out by hand (TEMPORAL: ratings
 * strictly before the request):
 * <pre>
 * ratings: u1 4 at 11-01 12:00, u1 2 at 11-02 09:00, u2 5 at 11-02 08:00, u1 3 at 11-03 10:00
 * r1 u1 11-02 10:00 -> max 4, count 2; the bootstrap's 99 for r1's max wins
 * r2 u2 11-02 11:00 -> max 5, count 1
 * r3 u1 11-03 09:00 -> max 4, count 2 (the 3 comes after)
 * with ratings above 2 only: r1 max 4 (the bootstrap's 99 still wins), count 1; r2 5, 1; r3 4, 1
 * </pre>
 */
class ExternalOfflineGroupByTest {
  /** The join; {@code %s} adds to its offline GroupBy's source query. */
  private static final String RATED = """
        {"metaData": {"name": "xo.rated.v1", "outputNamespace": "xo_out"},
         "left": {"events": {"table": "xo.requests",
                             "query": {"selects": {"request_id": "request_id", "user_id": "user_id"},
                                       "timeColumn": "ts"}}},
         "rowIds": ["request_id"],
         "bootstrapParts": [{"table": "xo.fixes", "query": {"selects": {"request_id": "request_id",
                                                                        "ext_rating_service_rating_max": "score"}}}],
         "onlineExternalParts": [{"keyMapping": {"user_id": "uid"}, "source": {
           "metadata": {"name": "rating_service"},
           "keySchema": {"kind": 13, "params": [{"name": "uid", "dataType": {"kind": 7}}]},
           "valueSchema": {"kind": 13, "params": [{"name": "rating_max", "dataType": {"kind": 4}},
                                                  {"name": "rating_count", "dataType": {"kind": 4}}]},
           "offlineGroupBy": {"metaData": {"name": "xo.rating.v1"},
             "sources": [{"events": {"table": "xo.ratings",
                                     "query": {"selects": {"uid": "uid", "rating": "rating"}, "timeColumn": "ts"%s}}}],
             "keyColumns": ["uid"], "accuracy": "TEMPORAL",
             "aggregations": [{"inputColumn": "rating", "operation": "MAX"},
                              {"inputColumn": "rating", "operation": "COUNT"}]}}}]}
        """;

  @TempDir
  static Path definitions;

  @BeforeAll
  static void createSources() {
    sql("CREATE NAMESPACE IF NOT EXISTS lake.xo");
    sql("CREATE TABLE lake.xo.requests (request_id STRING, user_id STRING, ts BIGINT, ds STRING) USING iceberg "
        + "PARTITIONED BY (ds)");
    sql("INSERT INTO lake.xo.requests VALUES ('r1', 'u1', " + millis("2023-11-02T10:00:00Z") + ", '2023-11-02'), "
        + "('r2', 'u2', " + millis("2023-11-02T11:00:00Z") + ", '2023-11-02'), "
        + "('r3', 'u1', " + millis("2023-11-03T09:00:00Z") + ", '2023-11-03')");
    sql("CREATE TABLE lake.xo.ratings (uid STRING, rating BIGINT, ts BIGINT, ds STRING) USING iceberg "
        + "PARTITIONED BY (ds)");
    sql("INSERT INTO lake.xo.ratings VALUES ('u1', 4, " + millis("2023-11-01T12:00:00Z") + ", '2023-11-01'), "
        + "('u1', 2, " + millis("2023-11-02T09:00:00Z") + ", '2023-11-02'), "
        + "('u2', 5, " + millis("2023-11-02T08:00:00Z") + ", '2023-11-02'), "
        + "('u1', 3, " + millis("2023-11-03T10:00:00Z") + ", '2023-11-03')");
    sql("CREATE TABLE lake.xo.fixes (request_id STRING, score BIGINT, ds STRING) USING iceberg");
    sql("INSERT INTO lake.xo.fixes VALUES ('r1', 99, '2023-11-02')");
  }

  @Test
  void anOfflineGroupByFillsTheExternalColumnsThatNoBootstrapProvides() {
    Loaded<Join> join = join(definitions, "rated.v1", RATED.formatted(""));
    assertThat(join.warnings()).isEmpty();

    backfill(join);

    assertThat(CATALOG.spark().table("lake.xo_out.xo_rated_v1").columns()).containsExactly("request_id", "user_id",
        "ts", "ext_rating_service_rating_max", "ext_rating_service_rating_count", "tidemark_provenance", "ds");
    assertThat(values()).containsExactly(
        List.of("r1", 99L, 2L, "2023-11-02"),
        List.of("r2", 5L, 1L, "2023-11-02"),
        List.of("r3", 4L, 2L, "2023-11-03"));
    assertThat(JoinFixtures.rows("SELECT tidemark_provenance['ext_rating_service_rating_max'] "
        + "FROM lake.xo_out.xo_rated_v1 WHERE request_id = 'r1'")).containsExactly(List.of("bootstrap xo.fixes"));

    // A changed offline GroupBy (ratings above 2) recomputes its columns, as a changed part's; u1's 2 drops out.
    Loaded<Join> changed = join(definitions, "rated.v1", RATED.formatted(", \"wheres\": [\"rating > 2\"]"));
    JoinBackfillPlan plan = new JoinBackfill(CATALOG, changed).plan(BackfillRange.all());
    assertThat(plan.decisions()).containsExactly("part ext_rating_service changed: only its columns are recomputed, "
        + "by MERGE (earlier snapshots keep the old values)");
    backfill(changed);
    assertThat(values()).containsExactly(
        List.of("r1", 99L, 1L, "2023-11-02"),
        List.of("r2", 5L, 1L, "2023-11-02"),
        List.of("r3", 4L, 1L, "2023-11-03"));
  }

  private static List<List<Object>> values() {
    return rowsWithoutRowKey("SELECT request_id, ext_rating_service_rating_max, ext_rating_service_rating_count, ds "
        + "FROM lake.xo_out.xo_rated_v1 ORDER BY request_id");
  }
}
