package io.tidemark.maintenance.audit;

import static io.tidemark.catalog.SparkSql.quote;
import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_entries;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.transform_values;
import static org.apache.spark.sql.functions.when;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.naming.Names;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * How a table's rows changed between two snapshots. Rows are matched on the row key columns and {@code ds}; a row
 * only in {@code to} was added, a row only in {@code from} was removed. For the rows in both, each column the two
 * snapshots share counts the rows whose value differs (NULL and a value differ, two NULLs do not; maps are equal
 * when they hold the same entries in any order). Computed by Spark in one pass over a full outer join of the rows to
 * compare: every row, or, where both snapshots have Iceberg row lineage, only the rows it shows changed, the rest
 * being counted as in both and unchanged (see {@link DiffInputs}). Either way the diff is the same; {@code method}
 * says which way it was computed.
 *
 * @param keyColumns the columns rows were matched on
 * @param matchedRows rows in both snapshots
 * @param changedRows matched rows with at least one differing value in a shared column
 * @param changedValues per shared column other than the keys, in {@code to}'s column order: matched rows whose
 *     value differs
 * @param addedColumns columns only {@code to} has
 * @param removedColumns columns only {@code from} has
 * @param method which rows were compared on their values, and why not by row lineage where not
 */
public record SnapshotDiff(
    AsOf from,
    AsOf to,
    List<String> keyColumns,
    long addedRows,
    long removedRows,
    long matchedRows,
    long changedRows,
    Map<String, Long> changedValues,
    List<String> addedColumns,
    List<String> removedColumns,
    DiffMethod method) {
  private static final String FROM_ROW = "from_row";
  private static final String TO_ROW = "to_row";

  public SnapshotDiff {
    requireNonNull(from, "from is null");
    requireNonNull(to, "to is null");
    keyColumns = List.copyOf(keyColumns);
    changedValues = Collections.unmodifiableMap(new LinkedHashMap<>(changedValues));
    addedColumns = List.copyOf(addedColumns);
    removedColumns = List.copyOf(removedColumns);
    requireNonNull(method, "method is null");
  }

  /** The diff from {@code from} to {@code to}, computed as {@code mode} asks where the table allows. */
  public static SnapshotDiff between(AuditedTable audited, AsOf from, AsOf to, DiffMode mode) {
    return between(audited, from, to, mode, DiffInputs.MAX_ROW_IDS_TO_COMPARE);
  }

  /** As {@link #between(AuditedTable, AsOf, AsOf, DiffMode)}, with row lineage picking out at most that many rows. */
  static SnapshotDiff between(AuditedTable audited, AsOf from, AsOf to, DiffMode mode, long maxRowIdsToCompare) {
    DiffInputs inputs = DiffInputs.of(audited, from, to, mode, maxRowIdsToCompare);
    Matching matching = Matching.of(audited, from, to, inputs);
    List<String> shared = matching.shared();
    List<Column> counts = new ArrayList<>();
    counts.add(count(when(col(FROM_ROW).isNull(), 1)));
    counts.add(count(when(col(TO_ROW).isNull(), 1)));
    counts.add(count(when(matching.matched(), 1)));
    for (int i = 0; i < shared.size(); i++) {
      counts.add(count(when(matching.matched().and(matching.differs(i)), 1)));
    }
    counts.add(count(when(matching.matched().and(matching.anyDiffers()), 1)));
    Row totals = matching.joined().agg(counts.get(0), counts.subList(1, counts.size()).toArray(Column[]::new))
        .first();

    Map<String, Long> changedValues = new LinkedHashMap<>();
    for (int i = 0; i < shared.size(); i++) {
      changedValues.put(shared.get(i), totals.getLong(3 + i));
    }
    long added = totals.getLong(0);
    long removed = totals.getLong(1);
    long matchedAndCompared = totals.getLong(2);
    return new SnapshotDiff(from, to, matching.keys(), added, removed, matchedAndCompared + inputs.unchangedRows(),
        totals.getLong(3 + shared.size()), changedValues,
        matching.after().stream().filter(column -> !matching.before().contains(column)).toList(),
        matching.before().stream().filter(column -> !matching.after().contains(column)).toList(),
        inputs.method(removed + matchedAndCompared, added + matchedAndCompared));
  }

  /**
   * Up to {@code limit} rows that differ between the two points, ordered by their keys: added and removed rows with
   * the values of the columns both points share, changed rows with the values that differ. The rows are the same in
   * either {@code mode}; row lineage only spares comparing the unchanged ones.
   */
  public static List<RowChange> changedRows(AuditedTable audited, AsOf from, AsOf to, int limit, DiffMode mode) {
    Matching matching = Matching.of(audited, from, to,
        DiffInputs.of(audited, from, to, mode, DiffInputs.MAX_ROW_IDS_TO_COMPARE));
    List<String> keys = matching.keys();
    List<String> shared = matching.shared();
    List<Column> columns = new ArrayList<>();
    List<Column> order = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      Column key = coalesce(col("from_k" + i), col("to_k" + i));
      columns.add(key.as("k" + i));
      order.add(col("k" + i));
    }
    columns.add(col(FROM_ROW));
    columns.add(col(TO_ROW));
    for (int i = 0; i < shared.size(); i++) {
      columns.add(col("from_o" + i));
      columns.add(col("to_o" + i));
      columns.add(matching.differs(i).as("d" + i));
    }
    List<Row> rows = matching.joined()
        .where(col(FROM_ROW).isNull().or(col(TO_ROW).isNull()).or(matching.anyDiffers()))
        .select(columns.toArray(Column[]::new))
        .orderBy(order.toArray(Column[]::new))
        .limit(limit)
        .collectAsList();
    List<RowChange> changes = new ArrayList<>();
    for (Row row : rows) {
      Map<String, Object> key = new LinkedHashMap<>();
      for (int i = 0; i < keys.size(); i++) {
        key.put(keys.get(i), row.get(i));
      }
      boolean inFrom = !row.isNullAt(keys.size());
      boolean inTo = !row.isNullAt(keys.size() + 1);
      RowChange.Kind kind = !inFrom ? RowChange.Kind.ADDED : !inTo ? RowChange.Kind.REMOVED : RowChange.Kind.CHANGED;
      Map<String, RowChange.Values> values = new LinkedHashMap<>();
      for (int i = 0; i < shared.size(); i++) {
        int at = keys.size() + 2 + 3 * i;
        if (kind != RowChange.Kind.CHANGED || row.getBoolean(at + 2)) {
          values.put(shared.get(i), new RowChange.Values(row.get(at), row.get(at + 1)));
        }
      }
      changes.add(new RowChange(kind, key, values));
    }
    return changes;
  }

  /** The rows to compare of both points matched on the keys, with what the counts and the changed rows read. */
  private record Matching(Dataset<Row> joined, List<String> keys, List<String> shared, List<String> before,
      List<String> after) {
    static Matching of(AuditedTable audited, AsOf from, AsOf to, DiffInputs inputs) {
      Dataset<Row> before = inputs.before();
      Dataset<Row> after = inputs.after();
      List<String> keys = new ArrayList<>(audited.requireRowKeyColumns());
      keys.add(Names.PARTITION_COLUMN);
      checkKeys(audited, from, before, keys);
      checkKeys(audited, to, after, keys);
      List<String> beforeColumns = Arrays.asList(before.columns());
      List<String> afterColumns = Arrays.asList(after.columns());
      List<String> shared = afterColumns.stream()
          .filter(column -> beforeColumns.contains(column) && !keys.contains(column))
          .toList();
      Dataset<Row> fromSide = side(before, "from_", keys, shared).withColumn(FROM_ROW, lit(true));
      Dataset<Row> toSide = side(after, "to_", keys, shared).withColumn(TO_ROW, lit(true));
      Column sameKey = lit(true);
      for (int i = 0; i < keys.size(); i++) {
        sameKey = sameKey.and(col("from_k" + i).eqNullSafe(col("to_k" + i)));
      }
      return new Matching(fromSide.join(toSide, sameKey, "full_outer"), keys, shared, beforeColumns, afterColumns);
    }

    Column matched() {
      return col(FROM_ROW).isNotNull().and(col(TO_ROW).isNotNull());
    }

    Column differs(int column) {
      return not(col("from_v" + column).eqNullSafe(col("to_v" + column)));
    }

    Column anyDiffers() {
      Column any = lit(false);
      for (int i = 0; i < shared.size(); i++) {
        any = any.or(differs(i));
      }
      return matched().and(any);
    }
  }

  /**
   * The keys as {@code <prefix>k<i>}, the shared columns as {@code <prefix>v<i>}, comparable with {@code <=>}, and as
   * they are as {@code <prefix>o<i>}.
   */
  private static Dataset<Row> side(Dataset<Row> rows, String prefix, List<String> keys, List<String> shared) {
    StructType schema = rows.schema();
    List<Column> columns = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      columns.add(col(quote(keys.get(i))).as(prefix + "k" + i));
    }
    for (int i = 0; i < shared.size(); i++) {
      DataType type = schema.apply(shared.get(i)).dataType();
      columns.add(comparable(col(quote(shared.get(i))), type).as(prefix + "v" + i));
      columns.add(col(quote(shared.get(i))).as(prefix + "o" + i));
    }
    return rows.select(columns.toArray(Column[]::new));
  }

  /** Spark cannot compare maps, so every map becomes its entries sorted by key (and value). */
  private static Column comparable(Column value, DataType type) {
    if (!containsMap(type)) {
      return value;
    }
    if (type instanceof MapType map) {
      return array_sort(map_entries(transform_values(value, (key, element) -> comparable(element, map.valueType()))));
    }
    if (type instanceof ArrayType array) {
      return transform(value, element -> comparable(element, array.elementType()));
    }
    StructType struct = (StructType) type;
    Column[] fields = Arrays.stream(struct.fields())
        .map(field -> comparable(value.getField(field.name()), field.dataType()).as(field.name()))
        .toArray(Column[]::new);
    return when(value.isNull(), lit(null)).otherwise(struct(fields));
  }

  private static boolean containsMap(DataType type) {
    if (type instanceof MapType) {
      return true;
    }
    if (type instanceof ArrayType array) {
      return containsMap(array.elementType());
    }
    if (type instanceof StructType struct) {
      return Arrays.stream(struct.fields()).map(StructField::dataType).anyMatch(SnapshotDiff::containsMap);
    }
    return false;
  }

  private static void checkKeys(AuditedTable audited, AsOf asOf, Dataset<Row> rows, List<String> keys) {
    List<String> columns = Arrays.asList(rows.columns());
    List<String> missing = keys.stream().filter(key -> !columns.contains(key)).toList();
    if (!missing.isEmpty()) {
      throw new TidemarkException(ErrorCode.SNAPSHOT_COLUMNS_DIFFER, "Cannot diff " + audited.name() + ": "
          + asOf.describe() + " has no column " + String.join(", ", missing) + " to match rows on (it has "
          + String.join(", ", columns) + "). Fix: diff snapshots written by the current definition");
    }
  }
}
