package io.tidemark.engine;

import io.tidemark.api.ErrorCategory;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.naming.TableName;
import io.tidemark.api.validation.Problems;
import io.tidemark.catalog.StoredColumns;
import io.tidemark.catalog.TableProperties;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.iceberg.Table;
import org.apache.spark.sql.types.StructType;

/** Checks that an existing output table belongs to the definition being backfilled, with the columns it produces. */
final class OutputTables {
  private OutputTables() {}

  /** The table must have been written for {@code definition}. */
  static void checkOwner(Table table, TableName name, String definition, String file) {
    String owner = table.properties().get(TableProperties.DEFINITION);
    if (!definition.equals(owner)) {
      throw new TidemarkException(ErrorCategory.INVALID_DEFINITION, "Cannot backfill " + definition + " into " + name
          + ": the table exists and was written " + (owner == null ? "by something else" : "for " + owner)
          + ". Fix: change metaData.outputNamespace or the name in " + file + ", or drop the table");
    }
  }

  /** The left partitions recorded as filled without yielding rows. */
  static List<String> emptyPartitions(Table table) {
    String recorded = table.properties().get(TableProperties.EMPTY_PARTITIONS);
    return recorded == null || recorded.isEmpty() ? List.of() : List.of(recorded.split(","));
  }

  /** Records {@code days} as filled without rows, so later runs skip them. */
  static void recordEmptyPartitions(Table table, List<String> days) {
    SortedSet<String> recorded = new TreeSet<>(emptyPartitions(table));
    recorded.addAll(days);
    table.updateProperties().set(TableProperties.EMPTY_PARTITIONS, String.join(",", recorded)).commit();
  }

  /** The table must have exactly the columns the definition produces now. */
  static void checkColumns(Table table, TableName name, StructType expected, String file) {
    String wanted = StoredColumns.of(expected);
    String actual = StoredColumns.of(table);
    if (!wanted.equals(actual)) {
      Problems problems = new Problems();
      problems.error(file, "", "the definition now produces the columns " + wanted + " but " + name + " has "
              + actual + "; changing an existing table's columns is not supported yet",
          "drop " + name + " to rebuild it, or give the changed definition a new name (e.g. a .v2 suffix) to keep both");
      problems.throwIfErrors();
    }
  }

}
