package io.tidemark.labels;

import static io.tidemark.api.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.tidemark.api.naming.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL of a join's two labeled views, in each dialect. Tables are named without catalog and namespace: the views
 * carry both as their defaults, which Spark and Trino resolve alike.
 * <ul>
 *   <li>{@code _labeled}: every row of the join's output, LEFT JOIN the label table on the row key and {@code ds};
 *       a row appears once per label version that labeled its day, or once with NULL labels and {@code label_ds};
 *   <li>{@code _labeled_latest}: the same, joined only to the newest label version of each day. The newest version
 *       is found by the query itself ({@code max(label_ds)} per {@code ds}), so the view stays right as versions
 *       land.
 * </ul>
 * Columns: the output's, then each label column as {@link Names#labeledViewColumn}, then {@code label_ds}.
 *
 * @param outputTable the join's output table, in the views' namespace
 * @param labelTable the label table, in the same namespace
 * @param outputColumns the output table's columns, in order
 * @param rowKeyColumns the columns that identify an output row besides {@code ds}
 * @param labelColumns the label table's label columns (all it has, of every version), in order
 */
public record LabeledViewSql(String outputTable, String labelTable, List<String> outputColumns,
    List<String> rowKeyColumns, List<String> labelColumns) {
  private static final String OUTPUT = "j";
  private static final String LABELS = "l";
  private static final String VERSIONS = "v";
  private static final String LATEST = "m";
  private static final String LATEST_LABEL_DS = "latest_label_ds";

  public LabeledViewSql {
    requireNonNull(outputTable, "outputTable is null");
    requireNonNull(labelTable, "labelTable is null");
    outputColumns = List.copyOf(outputColumns);
    rowKeyColumns = List.copyOf(rowKeyColumns);
    labelColumns = List.copyOf(labelColumns);
    checkArgument(!rowKeyColumns.isEmpty(), "Cannot join labels to %s: no row key columns", outputTable);
    checkArgument(outputColumns.containsAll(rowKeyColumns) && outputColumns.contains(Names.PARTITION_COLUMN),
        "Cannot join labels to %s: its columns %s lack the row key %s or ds", outputTable, outputColumns,
        rowKeyColumns);
  }

  /** The views' columns, in order. */
  public List<String> viewColumns() {
    List<String> columns = new ArrayList<>(outputColumns);
    labelColumns.forEach(column -> columns.add(Names.labeledViewColumn(column)));
    columns.add(Names.LABEL_DS_COLUMN);
    return List.copyOf(columns);
  }

  /** {@code _labeled}: the output with every label version. */
  public String labeled(SqlDialect dialect) {
    return select(dialect) + "\nFROM " + dialect.quote(outputTable) + " AS " + OUTPUT
        + "\nLEFT JOIN " + dialect.quote(labelTable) + " AS " + LABELS + "\n  ON " + joinCondition(dialect);
  }

  /** {@code _labeled_latest}: the output with the newest label version of each day. */
  public String labeledLatest(SqlDialect dialect) {
    List<String> versionColumns = new ArrayList<>(rowKeyColumns);
    versionColumns.addAll(labelColumns);
    versionColumns.add(Names.LABEL_DS_COLUMN);
    versionColumns.add(Names.PARTITION_COLUMN);
    String ds = dialect.quote(Names.PARTITION_COLUMN);
    String labelDs = dialect.quote(Names.LABEL_DS_COLUMN);
    String newest = "SELECT " + versionColumns.stream().map(column -> VERSIONS + "." + dialect.quote(column))
        .collect(Collectors.joining(", "))
        + "\n  FROM " + dialect.quote(labelTable) + " AS " + VERSIONS
        + "\n  JOIN (SELECT " + ds + ", max(" + labelDs + ") AS " + dialect.quote(LATEST_LABEL_DS)
        + " FROM " + dialect.quote(labelTable) + " GROUP BY " + ds + ") AS " + LATEST
        + "\n    ON " + VERSIONS + "." + ds + " = " + LATEST + "." + ds + " AND " + VERSIONS + "." + labelDs + " = "
        + LATEST + "." + dialect.quote(LATEST_LABEL_DS);
    return select(dialect) + "\nFROM " + dialect.quote(outputTable) + " AS " + OUTPUT
        + "\nLEFT JOIN (\n  " + newest + "\n) AS " + LABELS + "\n  ON " + joinCondition(dialect);
  }

  private String select(SqlDialect dialect) {
    List<String> columns = new ArrayList<>();
    outputColumns.forEach(column -> columns.add(OUTPUT + "." + dialect.quote(column)));
    for (String column : labelColumns) {
      columns.add(LABELS + "." + dialect.quote(column) + " AS " + dialect.quote(Names.labeledViewColumn(column)));
    }
    columns.add(LABELS + "." + dialect.quote(Names.LABEL_DS_COLUMN));
    return "SELECT " + String.join(", ", columns);
  }

  private String joinCondition(SqlDialect dialect) {
    List<String> keys = new ArrayList<>(rowKeyColumns);
    keys.add(Names.PARTITION_COLUMN);
    return keys.stream()
        .map(key -> OUTPUT + "." + dialect.quote(key) + " = " + LABELS + "." + dialect.quote(key))
        .collect(Collectors.joining(" AND "));
  }
}
