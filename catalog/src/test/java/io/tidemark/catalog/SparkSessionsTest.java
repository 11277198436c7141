package io.tidemark.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Properties;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.junit.jupiter.api.Test;

class SparkSessionsTest {
  @Test
  void aTunedSettingTheUserGaveIsLeftToTheirs() {
    Properties submitted = new Properties();
    submitted.setProperty(SparkSessions.SHUFFLED_HASH_JOIN_THRESHOLD, "0");
    submitted.setProperty("spark.executor.memory", "8g");

    assertThat(SparkSessions.tunedSettings(new Properties())).containsExactly(
        entry("spark.ui.showConsoleProgress", "false"),
        entry("spark.sql.debug.maxToStringFields", "1000"),
        entry(SparkSessions.SHUFFLED_HASH_JOIN_THRESHOLD, "64m"));
    assertThat(SparkSessions.tunedSettings(submitted)).containsExactly(
        entry("spark.ui.showConsoleProgress", "false"),
        entry("spark.sql.debug.maxToStringFields", "1000"));
  }

  /**
   * Two inputs of the same size joined on an id, as a bootstrap is joined to the left: shuffled, too large to
   * broadcast (broadcasts are turned off here to stand in for tables of millions of rows), each side's partitions
   * small. Spark alone plans a sort-merge join; Tidemark's session hashes one side instead of sorting both.
   */
  @Test
  void equalSidesWithSmallPartitionsJoinByHashingOneSideNotBySortingBoth() {
    SparkSession spark = SharedSpark.catalog().spark();
    String broadcast = spark.conf().get("spark.sql.autoBroadcastJoinThreshold");
    String adaptiveBroadcast = spark.conf().get("spark.sql.adaptive.autoBroadcastJoinThreshold", broadcast);
    spark.conf().set("spark.sql.autoBroadcastJoinThreshold", "-1");
    spark.conf().set("spark.sql.adaptive.autoBroadcastJoinThreshold", "-1");
    try {
      Dataset<Row> left = spark.range(20_000).selectExpr("CAST(id AS STRING) AS row_id", "id AS v");
      Dataset<Row> right = spark.range(10_000, 30_000).selectExpr("CAST(id AS STRING) AS row_id", "id * 2 AS w");
      Dataset<Row> joined = left.join(right, left.col("row_id").equalTo(right.col("row_id")), "left_outer")
          .select(left.col("row_id"), left.col("v"), right.col("w"));

      List<Row> rows = joined.collectAsList();

      // Ids 10,000 to 19,999 match; the first 10,000 left rows keep a NULL.
      assertThat(rows).hasSize(20_000);
      assertThat(rows.stream().filter(row -> !row.isNullAt(2)).count()).isEqualTo(10_000);
      assertThat(rows.stream().filter(row -> !row.isNullAt(2)).allMatch(row -> row.getLong(2) == 2 * row.getLong(1)))
          .isTrue();
      // The plan adaptive execution settled on once the shuffles had run.
      String plan = ((AdaptiveSparkPlanExec) joined.queryExecution().executedPlan()).executedPlan().toString();
      assertThat(plan).contains("ShuffledHashJoin").doesNotContain("SortMergeJoin");
    } finally {
      spark.conf().set("spark.sql.autoBroadcastJoinThreshold", broadcast);
      spark.conf().set("spark.sql.adaptive.autoBroadcastJoinThreshold", adaptiveBroadcast);
    }
  }
}
