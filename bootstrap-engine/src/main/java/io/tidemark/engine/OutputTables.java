package io.tidemark.engine;

import static org.apache.iceberg.TableProperties.PARQUET_COLUMN_STATS_ENABLED_PREFIX;
import static org.apache.iceberg.TableProperties.PARQUET_DICT_ENCODING_ENABLED_COLUMN_PREFIX;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.Location;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.hash.SemanticHash;
import io.tidemark.api.naming.Names;
import io.tidemark.api.naming.TableName;
import io.tidemark.api.validation.Problems;
import io.tidemark.catalog.StoredColumns;
import io.tidemark.catalog.TableChange;
import io.tidemark.catalog.TableProperties;
import io.tidemark.catalog.TidemarkCatalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * What a join backfill asks of its existing output table: that it belongs to the definition, with the columns the
 * definition produces (or can evolve to them); the semantic hash it stores; its archiving and schema evolution.
 */
final class OutputTables {
  private OutputTables() {}

  /** The table must have been written for {@code definition}, read at {@code at}. */
  static void checkOwner(Table table, TableName name, String definition, Location at) {
    String owner = table.properties().get(TableProperties.DEFINITION);
    if (!definition.equals(owner)) {
      throw new TidemarkException(ErrorCode.TABLE_OWNED_ELSEWHERE, "Cannot backfill " + definition + " into " + name
          + ": the table exists and was written " + (owner == null ? "by something else" : "for " + owner)
          + ". Fix: change metaData.outputNamespace or the name in " + at.file() + ", or drop the table");
    }
  }

  /**
   * How a join table's files are written, for a table of {@code columns}. Without Parquet statistics for the keys and
   * values of the provenance map: every row group holds every value column's name and nearly every supplier, so their
   * minimum and maximum prune nothing, and collecting them cost a fifth of writing the map, which is itself a fifth of
   * a plain backfill's work. And without a Parquet dictionary for numeric columns: a file holds one day of a task's
   * rows, whose times, row ids and aggregates are nearly all distinct, so the dictionary (kept until it passes 2 MB,
   * which a day's file seldom does) hashed every value and then stored nearly each one again in the dictionary page;
   * without it the benchmark join's files are a ninth smaller (see docs/performance.md). Strings keep theirs:
   * {@code ds}, the provenance and categorical values repeat. A definition's own {@code tableProperties} take
   * precedence.
   */
  static Map<String, String> writerProperties(StructType columns) {
    Map<String, String> properties = new LinkedHashMap<>();
    String stats = PARQUET_COLUMN_STATS_ENABLED_PREFIX + Names.PROVENANCE_COLUMN;
    properties.put(stats + ".key", "false");
    properties.put(stats + ".value", "false");
    for (StructField field : columns.fields()) {
      if (field.dataType() instanceof NumericType || field.dataType() instanceof TimestampType
          || field.dataType() instanceof TimestampNTZType) {
        properties.put(PARQUET_DICT_ENCODING_ENABLED_COLUMN_PREFIX + field.name(), "false");
      }
    }
    return properties;
  }

  /** The semantic hash the table stores, if any. */
  static Optional<SemanticHash> storedHash(Table table) {
    String json = table.properties().get(TableProperties.SEMANTIC_HASH);
    if (json == null) {
      return Optional.empty();
    }
    String version = table.properties().get(TableProperties.SEMANTIC_HASH_VERSION);
    return Optional.of(SemanticHash.stored(version == null ? 0 : Integer.parseInt(version.trim()), json));
  }

  /** The table properties that store {@code hash}. */
  static Map<String, String> hashProperties(SemanticHash hash) {
    return Map.of(TableProperties.SEMANTIC_HASH, hash.toJson(),
        TableProperties.SEMANTIC_HASH_VERSION, String.valueOf(hash.version()));
  }

  /** The error for a table whose hash another version of the algorithm computed. */
  static TidemarkException otherAlgorithm(Table table, TableName name, Location at) {
    return new TidemarkException(ErrorCode.HASH_FROM_OTHER_ALGORITHM, "Cannot compare " + at.file() + " with " + name
        + ": the "
        + "table's semantic hash was computed by algorithm version "
        + table.properties().getOrDefault(TableProperties.SEMANTIC_HASH_VERSION, "0") + " and this Tidemark computes "
        + "version " + SemanticHash.ALGORITHM_VERSION + ", so every part would look changed. Fix: if the definition "
        + "still describes the table, run `tidemark rehash --conf " + at.file() + "` to store the new hash without "
        + "recomputing; otherwise drop or rename the table to rebuild it");
  }

  /**
   * Records on the table where it comes from, when and why it is archived, then renames it to {@code archive}. The
   * rename is the one atomic step: the table is whole under one name or the other. The record comes first so that an
   * archive never lacks it; if the run stops in between, the next run finds the same change and archives again.
   */
  static void archive(TidemarkCatalog catalog, TableName table, TableName archive, Instant now, String reason) {
    if (catalog.tableExists(archive)) {
      throw new TidemarkException(ErrorCode.ARCHIVE_EXISTS, "Cannot archive " + table + " as " + archive
          + ": that table exists. Fix: run the backfill again in a second");
    }
    catalog.loadTable(table).orElseThrow().updateProperties()
        .set(TableProperties.ARCHIVED_FROM, table.toString())
        .set(TableProperties.ARCHIVED_AT, now.toString())
        .set(TableProperties.ARCHIVE_REASON, reason)
        .commit();
    catalog.renameTable(table, archive);
  }

  /**
   * The table may differ from {@code expected} only where the definition changed: columns of recomputed parts may be
   * missing or of another type, and columns the definition no longer has are dropped.
   */
  static void checkEvolution(Table table, TableName name, StructType expected, Set<String> recomputed,
      Location at) {
    Map<String, DataType> current = columns(SparkSchemaUtil.convert(table.schema()));
    Map<String, DataType> wanted = columns(SparkSchemaUtil.convert(SparkSchemaUtil.convert(expected)));
    List<String> unexplained = new ArrayList<>();
    wanted.forEach((column, type) -> {
      if (!recomputed.contains(column) && !type.equals(current.get(column))) {
        unexplained.add(column + " " + type.simpleString() + (current.containsKey(column)
            ? " (the table has " + current.get(column).simpleString() + ")" : " (not in the table)"));
      }
    });
    if (!unexplained.isEmpty()) {
      Problems problems = new Problems();
      problems.error(ErrorCode.TYPE_MISMATCH, at, "the columns " + String.join(", ", unexplained)
          + " differ from " + name + " although "
              + "no part that produces them changed (the left's or a source's table may have changed)",
          "drop " + name + " to rebuild it, or give the changed definition a new name (e.g. a .v2 suffix)");
      problems.throwIfErrors();
    }
  }

  /**
   * Makes the table's columns those of {@code expected}, in its order, within {@code change}: drops columns it no
   * longer has and recomputed columns whose type changed, then adds the missing ones (as NULL until recomputed).
   * Earlier snapshots keep the dropped columns.
   */
  static void evolveSchema(TableChange change, StructType expected) {
    StructType wanted = SparkSchemaUtil.convert(SparkSchemaUtil.convert(expected));
    Map<String, DataType> wantedColumns = columns(wanted);
    Map<String, DataType> current = columns(SparkSchemaUtil.convert(change.table().schema()));
    List<String> dropped = current.entrySet().stream()
        .filter(column -> !column.getValue().equals(wantedColumns.get(column.getKey())))
        .map(Map.Entry::getKey).toList();
    if (!dropped.isEmpty()) {
      // Dropped in an update of its own, since a column cannot be dropped and added under one name in one update.
      change.updateSchema(drop -> dropped.forEach(drop::deleteColumn));
      dropped.forEach(current::remove);
    }
    Schema types = SparkSchemaUtil.convert(wanted);
    change.updateSchema(add -> {
      wantedColumns.keySet().stream().filter(column -> !current.containsKey(column))
          .forEach(column -> add.addColumn(column, types.findType(column)));
      for (int i = 1; i < wanted.fields().length; i++) {
        add.moveAfter(wanted.fields()[i].name(), wanted.fields()[i - 1].name());
      }
    });
  }

  /** The schema a new table with {@code columns} gets, as Iceberg stores it. */
  static Schema schemaOf(StructType columns) {
    return SparkSchemaUtil.convert(columns);
  }

  /** A table partitioned by {@code ds}, as every table of days is. */
  static PartitionSpec byDay(Schema schema) {
    return PartitionSpec.builderFor(schema).identity(Names.PARTITION_COLUMN).build();
  }

  private static Map<String, DataType> columns(StructType schema) {
    Map<String, DataType> columns = new LinkedHashMap<>();
    for (StructField field : schema.fields()) {
      columns.put(field.name(), field.dataType());
    }
    return columns;
  }

  /** The table must have exactly the columns the definition produces now. */
  static void checkColumns(Table table, TableName name, StructType expected, Location at) {
    String wanted = StoredColumns.of(expected);
    String actual = StoredColumns.of(table);
    if (!wanted.equals(actual)) {
      Problems problems = new Problems();
      problems.error(ErrorCode.UNSUPPORTED_FEATURE, at, "the definition now produces the columns " + wanted
          + " but " + name + " has "
              + actual + "; changing an existing table's columns is not supported yet",
          "drop " + name + " to rebuild it, or give the changed definition a new name (e.g. a .v2 suffix) to keep both");
      problems.throwIfErrors();
    }
  }

}
