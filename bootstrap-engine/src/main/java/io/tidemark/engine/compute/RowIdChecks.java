package io.tidemark.engine.compute;

import static io.tidemark.catalog.SparkSql.quote;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.Location;
import io.tidemark.api.naming.Names;
import io.tidemark.api.validation.Problems;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Finds rows that share their keys within a day, where keys must identify one row: row ids on the left, keys of a
 * bootstrap table. Such rows would make a fill ambiguous, so they are reported (a few examples, and how many) before
 * anything is written.
 */
final class RowIdChecks {
  private static final int EXAMPLES = 3;
  private static final String COUNT = "__rows";

  private RowIdChecks() {}

  /**
   * Reports to {@code problems} every day and key of {@code rows} held by more than one row.
   *
   * @param what what the rows are, for people, e.g. {@code the left source data.events}
   * @param fix how to make the keys unique
   */
  static void check(Dataset<Row> rows, List<String> keys, String what, Location field, String fix,
      Problems problems) {
    Column[] grouping = new Column[keys.size() + 1];
    for (int i = 0; i < keys.size(); i++) {
      grouping[i] = col(quote(keys.get(i)));
    }
    grouping[keys.size()] = col(Names.PARTITION_COLUMN);
    Dataset<Row> duplicated = rows.groupBy(grouping).agg(count(lit(1)).as(COUNT)).filter(col(COUNT).gt(1));
    List<Row> examples = duplicated.limit(EXAMPLES + 1).collectAsList();
    if (examples.isEmpty()) {
      return;
    }
    List<String> described = new ArrayList<>();
    for (Row example : examples.subList(0, Math.min(EXAMPLES, examples.size()))) {
      StringBuilder key = new StringBuilder();
      for (int i = 0; i < keys.size(); i++) {
        key.append(i == 0 ? "" : ", ").append(keys.get(i)).append('=').append(example.get(i));
      }
      described.add(example.getLong(keys.size() + 1) + " rows with " + key + " on " + example.getString(keys.size()));
    }
    String more = examples.size() > EXAMPLES ? "; and more" : "";
    problems.error(ErrorCode.DUPLICATE_ROW_IDS, field, what + " has rows that share their " + String.join(", ",
        keys) + " within a day: "
        + String.join("; ", described) + more, fix);
  }
}
