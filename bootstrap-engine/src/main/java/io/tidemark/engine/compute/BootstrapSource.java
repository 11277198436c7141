package io.tidemark.engine.compute;

import static io.tidemark.catalog.SparkSql.quote;
import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import io.tidemark.api.Location;
import io.tidemark.api.naming.Names;
import io.tidemark.api.time.Day;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataType;

/**
 * One source of precomputed values for a join, checked against its table: a bootstrap part, or the join's log table.
 * It provides some of the join's output columns for the rows whose keys (and day) it has.
 */
final class BootstrapSource {
  /** How rows that share keys within a day are treated. */
  enum Kind {
    /** A table part: keys are unique within a day (checked before any write). */
    TABLE,
    /** A log table: a row id may be logged more than once; the latest logged row counts. */
    LOG
  }

  private final String label;
  private final Location location;
  private final Kind kind;
  private final SourceScan scan;
  private final List<String> keys;
  private final Map<String, DataType> columns;
  private final List<Claim> claims;

  /**
   * The output columns the source's rows claim: every column it provides, or for a log table with schema versions,
   * those of the version a row was logged under (rows of another version claim nothing here).
   *
   * @param version the schema hash a row must carry, or empty for every row
   */
  record Claim(Optional<String> version, Set<String> columns) {
    Claim {
      requireNonNull(version, "version is null");
      columns = Set.copyOf(columns);
    }
  }

  /**
   * @param label how the ledger, provenance and messages name the source: its semantic hash component, e.g.
   *     {@code bootstrap data.legacy}
   * @param location where the source is declared in the definition, e.g. {@code bootstrapParts[0]}
   * @param keys the columns matched to the left columns of the same names, besides {@code ds}
   * @param columns the output columns the source provides, with their types
   * @param versions for a log table with schema versions, each version's value columns by schema hash; empty when
   *     every row claims every column the source provides
   */
  BootstrapSource(String label, Location location, Kind kind, SourceScan scan, List<String> keys,
      Map<String, DataType> columns, Map<String, Set<String>> versions) {
    this.label = label;
    this.location = location;
    this.kind = kind;
    this.scan = scan;
    this.keys = List.copyOf(keys);
    this.columns = new LinkedHashMap<>(columns);
    this.claims = versions.isEmpty()
        ? List.of(new Claim(Optional.empty(), columns.keySet()))
        : versions.entrySet().stream().map(version -> new Claim(Optional.of(version.getKey()),
            version.getValue().stream().filter(columns::containsKey).collect(Collectors.toSet()))).toList();
  }

  String label() {
    return label;
  }

  Location location() {
    return location;
  }

  Kind kind() {
    return kind;
  }

  List<String> keys() {
    return keys;
  }

  /** The output columns this source provides, in its query's order. */
  List<String> columns() {
    return List.copyOf(columns.keySet());
  }

  /** What the source's rows claim; several claims when rows claim per schema version. */
  List<Claim> claims() {
    return claims;
  }

  /** Whether rows claim per schema version, so {@link #read} gives each row's {@link Names#LOG_SCHEMA_HASH_COLUMN}. */
  boolean claimsPerVersion() {
    return claims.stream().anyMatch(claim -> claim.version().isPresent());
  }

  /**
   * Whether the source may hold rows for {@code days}, from its table's metadata (no data is scanned): false only when
   * the table has no row within their span.
   */
  boolean mayHaveRows(List<Day> days) {
    return scan.estimatedRows(days.get(0).toString(), days.get(days.size() - 1).toString()) > 0;
  }

  /**
   * The source's rows of {@code days}: its keys, the columns it provides, the schema hash when rows claim per
   * version, and {@code ds}; one row per key and day.
   */
  Dataset<Row> read(List<Day> days) {
    Dataset<Row> rows = scan.read(days);
    if (kind == Kind.LOG) {
      Column[] partition = new Column[keys.size() + 1];
      for (int i = 0; i < keys.size(); i++) {
        partition[i] = col(quote(keys.get(i)));
      }
      partition[keys.size()] = col(Names.PARTITION_COLUMN);
      String rank = "__rank";
      rows = rows.withColumn(rank, row_number().over(Window.partitionBy(partition)
              .orderBy(col(Names.TIME_COLUMN).desc())))
          .filter(col(rank).equalTo(1));
    }
    return rows.select(projection().toArray(Column[]::new));
  }

  /** The source's rows of {@code days} as its query yields them, before any deduplication. */
  Dataset<Row> readAsIs(List<Day> days) {
    return scan.read(days).select(projection().toArray(Column[]::new));
  }

  private List<Column> projection() {
    List<Column> projection = new ArrayList<>();
    keys.forEach(key -> projection.add(col(quote(key))));
    columns.keySet().forEach(column -> projection.add(col(quote(column))));
    if (claimsPerVersion()) {
      projection.add(col(Names.LOG_SCHEMA_HASH_COLUMN));
    }
    projection.add(col(Names.PARTITION_COLUMN));
    return projection;
  }
}
