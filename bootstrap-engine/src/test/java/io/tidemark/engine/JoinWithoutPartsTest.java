package io.tidemark.engine;

import static io.tidemark.engine.JoinFixtures.CATALOG;
import static io.tidemark.engine.JoinFixtures.backfill;
import static io.tidemark.engine.JoinFixtures.join;
import static io.tidemark.engine.JoinFixtures.millis;
import static io.tidemark.engine.JoinFixtures.rows;
import static io.tidemark.engine.JoinFixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Joins with no join parts: the output is the left's rows, plus the columns of the external parts (filled by
 * bootstraps). Requests q1 and q2 on 2024-05-01, q3 on 2024-05-02; a precomputed score for q1 and q3 only.
 */
class JoinWithoutPartsTest {
  private static final long Q1 = millis("2024-05-01T08:00:00Z");
  private static final long Q2 = millis("2024-05-01T09:00:00Z");
  private static final long Q3 = millis("2024-05-02T10:00:00Z");

  @TempDir
  static Path definitions;

  @BeforeAll
  static void createTables() {
    sql("CREATE NAMESPACE IF NOT EXISTS lake.np");
    sql("CREATE TABLE lake.np.requests (request_id STRING, user_id STRING, ts BIGINT, ds STRING) USING iceberg "
        + "PARTITIONED BY (ds)");
    sql("INSERT INTO lake.np.requests VALUES ('q1', 'u1', " + Q1 + ", '2024-05-01'), ('q2', 'u2', " + Q2
        + ", '2024-05-01'), ('q3', 'u1', " + Q3 + ", '2024-05-02')");
    sql("CREATE TABLE lake.np.scores (request_id STRING, score DOUBLE, ds STRING) USING iceberg");
    sql("INSERT INTO lake.np.scores VALUES ('q1', 0.5, '2024-05-01'), ('q3', 0.25, '2024-05-02')");
  }

  @Test
  void aJoinWithoutPartsIsItsLeft() {
    backfill(join(definitions, "left_only.v1", """
        {"metaData": {"name": "test.left_only.v1", "outputNamespace": "np_out"},
         "left": {"events": {"table": "np.requests",
                             "query": {"selects": {"request_id": "request_id", "user_id": "user_id", "ts": "ts"}}}},
         "rowIds": ["request_id"]}
        """));

    assertThat(rows("SELECT * EXCEPT (tidemark_provenance) FROM lake.np_out.test_left_only_v1 ORDER BY request_id"))
        .containsExactly(List.of("q1", "u1", Q1, "2024-05-01"), List.of("q2", "u2", Q2, "2024-05-01"),
            List.of("q3", "u1", Q3, "2024-05-02"));
    assertThat(CATALOG.spark().table("lake.np_out.test_left_only_v1").columns())
        .containsExactly("request_id", "user_id", "ts", "tidemark_provenance", "ds");
  }

  @Test
  void aJoinWithOnlyExternalPartsIsItsLeftWithTheBootstrappedExternalColumns() {
    backfill(join(definitions, "scored.v1", """
        {"metaData": {"name": "test.scored.v1", "outputNamespace": "np_out"},
         "left": {"events": {"table": "np.requests",
                             "query": {"selects": {"request_id": "request_id", "user_id": "user_id", "ts": "ts"}}}},
         "joinParts": [],
         "rowIds": ["request_id"],
         "onlineExternalParts": [{"source": {"metadata": {"name": "risk"},
             "keySchema": {"kind": 13, "params": [{"name": "user_id", "dataType": {"kind": 7}}]},
             "valueSchema": {"kind": 13, "params": [{"name": "score", "dataType": {"kind": 6}}]}}}],
         "bootstrapParts": [{"table": "np.scores",
                             "query": {"selects": {"request_id": "request_id", "ext_risk_score": "score"}}}]}
        """));

    assertThat(rows("SELECT * EXCEPT (tidemark_provenance) FROM lake.np_out.test_scored_v1 ORDER BY request_id"))
        .containsExactly(
            List.of("q1", "u1", Q1, 0.5, "2024-05-01"),
            Arrays.asList("q2", "u2", Q2, null, "2024-05-01"),
            List.of("q3", "u1", Q3, 0.25, "2024-05-02"));
    assertThat(CATALOG.spark().table("lake.np_out.test_scored_v1").columns())
        .containsExactly("request_id", "user_id", "ts", "ext_risk_score", "tidemark_provenance", "ds");
  }
}
