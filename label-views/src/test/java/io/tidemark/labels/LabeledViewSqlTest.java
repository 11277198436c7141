package io.tidemark.labels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabeledViewSqlTest {
  static final LabeledViewSql SQL = new LabeledViewSql("training", "training_labels",
      List.of("user_id", "ts", "spend_sum", "tidemark_row_key", "ds"), List.of("tidemark_row_key"),
      List.of("refunds_v1_amount_sum_7d", "label_fraud"));

  @Test
  void labelColumnsArePrefixedUnlessTheyStartWithLabel() {
    assertThat(SQL.viewColumns()).containsExactly("user_id", "ts", "spend_sum", "tidemark_row_key", "ds",
        "label_refunds_v1_amount_sum_7d", "label_fraud", "label_ds");
  }

  @Test
  void labeledJoinsEveryVersionOnTheRowKeyAndDs() {
    assertThat(SQL.labeled(SqlDialect.SPARK)).isEqualTo("""
        SELECT j.`user_id`, j.`ts`, j.`spend_sum`, j.`tidemark_row_key`, j.`ds`, \
        l.`refunds_v1_amount_sum_7d` AS `label_refunds_v1_amount_sum_7d`, l.`label_fraud` AS `label_fraud`, \
        l.`label_ds`
        FROM `training` AS j
        LEFT JOIN `training_labels` AS l
          ON j.`tidemark_row_key` = l.`tidemark_row_key` AND j.`ds` = l.`ds`""");
    assertThat(SQL.labeled(SqlDialect.TRINO)).isEqualTo(SQL.labeled(SqlDialect.SPARK).replace('`', '"'));
  }

  @Test
  void labeledLatestFindsTheNewestVersionOfEachDayInTheQuery() {
    assertThat(SQL.labeledLatest(SqlDialect.TRINO)).isEqualTo("""
        SELECT j."user_id", j."ts", j."spend_sum", j."tidemark_row_key", j."ds", \
        l."refunds_v1_amount_sum_7d" AS "label_refunds_v1_amount_sum_7d", l."label_fraud" AS "label_fraud", \
        l."label_ds"
        FROM "training" AS j
        LEFT JOIN (
          SELECT v."tidemark_row_key", v."refunds_v1_amount_sum_7d", v."label_fraud", v."label_ds", v."ds"
          FROM "training_labels" AS v
          JOIN (SELECT "ds", max("label_ds") AS "latest_label_ds" FROM "training_labels" GROUP BY "ds") AS m
            ON v."ds" = m."ds" AND v."label_ds" = m."latest_label_ds"
        ) AS l
          ON j."tidemark_row_key" = l."tidemark_row_key" AND j."ds" = l."ds\"""");
    assertThat(SQL.labeledLatest(SqlDialect.SPARK)).isEqualTo(SQL.labeledLatest(SqlDialect.TRINO).replace('"', '`'));
  }

  @Test
  void quotesAreDoubledInsideIdentifiers() {
    assertThat(SqlDialect.SPARK.quote("a`b")).isEqualTo("`a``b`");
    assertThat(SqlDialect.TRINO.quote("a\"b")).isEqualTo("\"a\"\"b\"");
  }
}
