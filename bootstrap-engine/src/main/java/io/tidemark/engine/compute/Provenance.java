package io.tidemark.engine.compute;

import static io.tidemark.catalog.SparkSql.quote;
import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.map_concat;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.map_values;
import static org.apache.spark.sql.functions.when;

import io.tidemark.api.naming.Names;
import io.tidemark.catalog.SparkSql;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * The output's {@link Names#PROVENANCE_COLUMN}: per row, a map from each value column to what supplied its value — a
 * bootstrap source (by its semantic hash name, e.g. {@code bootstrap data.legacy}), {@code left} for a left column
 * of the same name, or {@code computed <run id>}. Columns nothing supplied (NULL, not covered by a bootstrap and not
 * computed, such as external columns without a bootstrap value) have no entry.
 */
public final class Provenance {
  public static final String LEFT = "left";
  private static final String COMPUTED = "computed ";
  static final DataType TYPE = DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true);

  private Provenance() {}

  /** What a value computed by run {@code runId} says it came from. */
  public static String computedBy(String runId) {
    return COMPUTED + runId;
  }

  /**
   * The provenance map of rows whose every value in {@code columns} run {@code runId} computed: one constant, which
   * Spark folds once instead of building a map per row.
   */
  static Column computed(Collection<String> columns, String runId) {
    Map<String, Supplied> suppliers = new LinkedHashMap<>();
    columns.forEach(column -> suppliers.put(column, Supplied.by(computedBy(runId))));
    return of(suppliers);
  }

  /** What supplied one column's values: the same for every row, row by row, or nothing. */
  sealed interface Supplied {
    /** Nothing supplied the column's values: no entry. */
    Supplied NOTHING = new Nothing();

    /** The same supplier for every row, known before any row is read. */
    static Supplied by(String supplier) {
      return new Fixed(supplier);
    }

    /** A supplier per row, NULL (no entry) where nothing supplied the row's value. */
    static Supplied perRow(Column supplier) {
      return new PerRow(supplier);
    }

    /**
     * One of two suppliers, by a condition of the row: {@code whenTrue} where {@code condition} holds, else
     * {@code otherwise} (no entry when empty). Columns switched by the same {@code switchName} share one choice.
     */
    static Supplied switched(String switchName, Column condition, String whenTrue, Optional<String> otherwise) {
      return new Switched(switchName, condition, whenTrue, otherwise);
    }
  }

  private record Switched(String name, Column condition, String whenTrue, Optional<String> otherwise)
      implements Supplied {
    Switched {
      requireNonNull(name, "name is null");
      requireNonNull(condition, "condition is null");
      requireNonNull(whenTrue, "whenTrue is null");
      requireNonNull(otherwise, "otherwise is null");
    }
  }

  /**
   * Consecutive entries of a provenance map that need no per-row lookup: constant ones, and ones that one condition
   * switches between two constants. They make one map, or one choice between two maps, so nothing is built per row.
   */
  private static final class ConstantRun {
    private final List<Column> whenTrue = new ArrayList<>();
    private final List<Column> otherwise = new ArrayList<>();
    private Switched condition;

    /** Whether {@code entry} can join this run: its condition, if any, is the run's. */
    boolean accepts(Supplied entry) {
      return !(entry instanceof Switched switched) || condition == null || condition.name().equals(switched.name());
    }

    void add(String column, Supplied entry) {
      if (entry instanceof Fixed fixed) {
        Collections.addAll(whenTrue, lit(column), lit(fixed.supplier()));
        Collections.addAll(otherwise, lit(column), lit(fixed.supplier()));
      } else if (entry instanceof Switched switched) {
        condition = switched;
        Collections.addAll(whenTrue, lit(column), lit(switched.whenTrue()));
        switched.otherwise().ifPresent(supplier -> Collections.addAll(otherwise, lit(column), lit(supplier)));
      }
    }

    boolean isEmpty() {
      return whenTrue.isEmpty();
    }

    Column toColumn() {
      Column always = mapOf(whenTrue);
      return condition == null ? always : when(condition.condition(), always).otherwise(mapOf(otherwise));
    }

    private static Column mapOf(List<Column> entries) {
      return map(entries.toArray(Column[]::new)).cast(TYPE);
    }
  }

  private record Fixed(String supplier) implements Supplied {
    Fixed {
      requireNonNull(supplier, "supplier is null");
    }
  }

  private record PerRow(Column supplier) implements Supplied {
    PerRow {
      requireNonNull(supplier, "supplier is null");
    }
  }

  private record Nothing() implements Supplied {}

  /** Which columns the provenance of rows already written may name. */
  enum Entries {
    /** Only columns that keep their values: the row's map is taken whole. */
    KEPT_ONLY,
    /** Others too (recomputed columns, columns the table no longer has): the row's map is filtered. */
    ANY
  }

  /**
   * A row's provenance after {@code recomputed} columns were computed again by run {@code runId}: its entries for the
   * {@code kept} value columns, then one per recomputed column. Filtering a map runs an interpreted function on each
   * entry of each row, which cost more than the rest of a part-add's rewrite; it is skipped where nothing is to go.
   */
  static Column replaced(Column provenance, Entries entries, Collection<String> kept, List<String> recomputed,
      String runId) {
    Column row = coalesce(provenance, map().cast(TYPE));
    if (entries == Entries.ANY) {
      Column keptNames = lit(kept.toArray(String[]::new));
      row = map_filter(row, (column, supplier) -> array_contains(keptNames, column));
    }
    Map<String, Supplied> suppliers = new LinkedHashMap<>();
    recomputed.forEach(column -> suppliers.put(column, Supplied.by(computedBy(runId))));
    return recomputed.isEmpty() ? row : map_concat(row, of(suppliers));
  }

  /**
   * The provenance map of a row, given what supplied each column, in order. Consecutive columns whose supplier needs no
   * per-row lookup make one map, or one choice between two maps ({@link ConstantRun}), so that a provenance without
   * per-row suppliers is one constant, which Spark folds once; each per-row supplier makes a small map of its own,
   * concatenated. Spark compiles this to code; filtering one map with a lambda would evaluate the map and the lambda
   * row by row outside its generated code.
   */
  static Column of(Map<String, Supplied> suppliers) {
    if (suppliers.isEmpty()) {
      return lit(null).cast(TYPE);
    }
    Column none = map().cast(TYPE);
    List<Column> maps = new ArrayList<>();
    ConstantRun run = new ConstantRun();
    for (Map.Entry<String, Supplied> entry : suppliers.entrySet()) {
      String column = entry.getKey();
      Supplied supplied = entry.getValue();
      if (supplied instanceof Nothing) {
        continue;
      }
      if (!(supplied instanceof PerRow) && run.accepts(supplied)) {
        run.add(column, supplied);
        continue;
      }
      if (!run.isEmpty()) {
        maps.add(run.toColumn());
        run = new ConstantRun();
      }
      if (supplied instanceof PerRow perRow) {
        maps.add(coalesce(when(perRow.supplier().isNotNull(),
            map(lit(column), perRow.supplier().cast(DataTypes.StringType))), none));
      } else {
        run.add(column, supplied);
      }
    }
    if (!run.isEmpty()) {
      maps.add(run.toColumn());
    }
    if (maps.isEmpty()) {
      return none;
    }
    return maps.size() == 1 ? maps.get(0) : map_concat(maps.toArray(Column[]::new));
  }

  /** The {@code keys} and {@code ds} of the rows of {@code output} that some of {@code sources} supplied a value to. */
  public static Dataset<Row> suppliedBy(Dataset<Row> output, Collection<String> sources, List<String> keys) {
    Column named = lit(false);
    for (String source : sources) {
      named = named.or(exists(map_values(col(Names.PROVENANCE_COLUMN)), value -> value.equalTo(source)));
    }
    List<Column> columns = new ArrayList<>();
    keys.forEach(key -> columns.add(col(quote(key))));
    columns.add(col(Names.PARTITION_COLUMN));
    return output.filter(named).select(columns.toArray(Column[]::new));
  }

  /**
   * Spark SQL for a row's provenance after {@code updated} columns were rewritten: the target's entries for the
   * {@code kept} columns, then the source's entries.
   */
  public static String merged(String target, String source, Collection<String> kept) {
    String keptList = kept.stream().map(SparkSql::literal)
        .collect(Collectors.joining(", "));
    String column = quote(Names.PROVENANCE_COLUMN);
    return "map_concat(map_filter(coalesce(" + target + "." + column + ", cast(map() AS map<string,string>)), "
        + "(k, v) -> array_contains(cast(array(" + keptList + ") AS array<string>), k)), " + source + "." + column + ")";
  }
}
