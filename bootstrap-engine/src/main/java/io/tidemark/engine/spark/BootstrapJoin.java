package io.tidemark.engine.spark;

import static io.tidemark.engine.spark.SourceScan.quote;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.tidemark.api.naming.Names;
import io.tidemark.engine.plan.BootstrapCoverage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Puts the bootstrap sources' values beside the left rows: one left-outer join per source on its keys and {@code ds},
 * then, per output column, the first value that is not NULL in priority order (a left column of the same name first),
 * and per source whether it matched the row. Coverage of each join part follows from the matches.
 */
final class BootstrapJoin {
  private static final String VALUE = "__bootstrap_";
  private static final String MATCHED = "__matched_";

  private final List<BootstrapSource> sources;
  private final BootstrapCoverage coverage;
  private final Set<String> leftValueColumns;

  /**
   * @param leftValueColumns output columns that the left has too; their left values take precedence
   */
  BootstrapJoin(List<BootstrapSource> sources, BootstrapCoverage coverage, Set<String> leftValueColumns) {
    this.sources = List.copyOf(sources);
    this.coverage = coverage;
    this.leftValueColumns = Set.copyOf(leftValueColumns);
  }

  /**
   * The left rows with, for every output column some source provides, its bootstrapped value ({@link #value}), and
   * for every source whether it matched ({@link #matched}). Left columns named like output columns are replaced by
   * their bootstrapped value.
   */
  Dataset<Row> apply(Dataset<Row> left, List<String> days) {
    Dataset<Row> rows = left;
    for (int i = 0; i < sources.size(); i++) {
      BootstrapSource source = sources.get(i);
      Dataset<Row> part = source.read(days);
      List<Column> renamed = new ArrayList<>();
      for (String key : source.keys()) {
        renamed.add(col(quote(key)).as(keyColumn(i, key)));
      }
      for (String column : source.columns()) {
        renamed.add(col(quote(column)).as(sourceValue(i, column)));
      }
      renamed.add(col(Names.PARTITION_COLUMN).as(keyColumn(i, Names.PARTITION_COLUMN)));
      renamed.add(lit(true).as(MATCHED + i));
      part = part.select(renamed.toArray(Column[]::new));
      Column matches = rows.col(Names.PARTITION_COLUMN).equalTo(part.col(keyColumn(i, Names.PARTITION_COLUMN)));
      for (String key : source.keys()) {
        matches = matches.and(rows.col(quote(key)).equalTo(part.col(keyColumn(i, key))));
      }
      rows = rows.join(part, matches, "left_outer");
    }
    List<Column> output = new ArrayList<>();
    for (String column : left.columns()) {
      if (!leftValueColumns.contains(column)) {
        output.add(col(quote(column)));
      }
    }
    for (String column : providedColumns()) {
      List<Column> candidates = new ArrayList<>();
      if (leftValueColumns.contains(column)) {
        candidates.add(col(quote(column)));
      }
      coverage.sourcesOf(column).forEach(i -> candidates.add(col(sourceValue(i, column))));
      output.add((candidates.size() == 1 ? candidates.get(0) : coalesce(candidates.toArray(Column[]::new)))
          .as(VALUE + column));
    }
    for (int i = 0; i < sources.size(); i++) {
      output.add(coalesce(col(MATCHED + i), lit(false)).as(MATCHED + i));
    }
    return rows.select(output.toArray(Column[]::new));
  }

  /** The output columns that have a bootstrapped value: those some source provides, and left value columns. */
  List<String> providedColumns() {
    List<String> columns = new ArrayList<>(leftValueColumns);
    for (BootstrapSource source : sources) {
      source.columns().stream().filter(column -> !columns.contains(column)).forEach(columns::add);
    }
    return columns;
  }

  /** The bootstrapped value of an output column in {@link #apply}'s rows. */
  static Column value(String column) {
    return col(quote(VALUE + column));
  }

  /** Whether source {@code index} matched the row, in {@link #apply}'s rows. */
  static Column matched(int index) {
    return col(MATCHED + index);
  }

  /** Whether the row is covered for {@code part}: the sources that matched it provide all of the part's columns. */
  Column covered(String part) {
    Column covered = lit(true);
    for (String column : coverage.partColumns(part)) {
      Column provided = lit(false);
      for (int i : coverage.sourcesOf(column)) {
        provided = provided.or(matched(i));
      }
      covered = covered.and(provided);
    }
    return covered;
  }

  private static String keyColumn(int source, String key) {
    return "__key_" + source + "_" + key;
  }

  private static String sourceValue(int source, String column) {
    return "__value_" + source + "_" + column;
  }
}
