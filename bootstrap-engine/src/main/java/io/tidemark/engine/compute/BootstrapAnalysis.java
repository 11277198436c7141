package io.tidemark.engine.compute;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidemark.api.ErrorCode;
import io.tidemark.api.Location;
import io.tidemark.api.definition.BootstrapPart;
import io.tidemark.api.definition.Join;
import io.tidemark.api.definition.Query;
import io.tidemark.api.hash.SemanticHash;
import io.tidemark.api.naming.Names;
import io.tidemark.api.naming.TableName;
import io.tidemark.api.validation.Problems;
import io.tidemark.catalog.TidemarkCatalog;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;

/**
 * Checks a join's bootstrap parts (and its log table, with {@code bootstrapFromLog}) against their tables: each table
 * exists, has the keys the left has (with the same types), and every column it selects is an output column of the
 * join with the output column's type. A part that reads every column of its table provides the output columns it
 * has and ignores the rest, so another join's output table can be reused as it is.
 */
final class BootstrapAnalysis {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final TidemarkCatalog catalog;
  private final Join join;
  private final Location at;
  private final Map<String, DataType> leftColumns;
  private final Map<String, DataType> outputColumns;
  private final Problems problems;

  /**
   * @param at where the join is
   * @param leftColumns the left's columns and types
   * @param outputColumns the columns bootstraps may provide (every join part's and external part's), with types
   */
  BootstrapAnalysis(TidemarkCatalog catalog, Join join, Location at, Map<String, DataType> leftColumns,
      Map<String, DataType> outputColumns, Problems problems) {
    this.catalog = catalog;
    this.join = join;
    this.at = at;
    this.leftColumns = leftColumns;
    this.outputColumns = outputColumns;
    this.problems = problems;
  }

  /**
   * What a join bootstraps from: its sources in priority order, and its own log table when that would be a source but
   * does not exist yet, which the plan names.
   */
  record Bootstraps(List<BootstrapSource> sources, Optional<TableName> logNotYetWritten) {
    static final Bootstraps NONE = new Bootstraps(List.of(), Optional.empty());

    Bootstraps {
      sources = List.copyOf(sources);
      requireNonNull(logNotYetWritten, "logNotYetWritten is null");
    }
  }

  /**
   * The join's bootstrap sources in priority order: its parts as listed, then its log table. The join's own log table
   * is left out while it does not exist: nothing has been logged yet, so there is nothing to reuse and every row is
   * computed, which lets a served join run daily from its first day online.
   */
  Bootstraps bootstraps() {
    List<BootstrapSource> sources = new ArrayList<>();
    List<String> names = SemanticHash.of(join).bootstrapSources();
    TableName logTable = Names.logTable(join);
    boolean logged = catalog.tableExists(logTable);
    boolean readsLog = join.bootstrapsFromLog();
    for (int i = 0; i < join.bootstrapParts().size(); i++) {
      BootstrapPart part = join.bootstrapParts().get(i);
      Location partAt = at.bootstrapPart(i);
      // Chronon's compiled confs list the log table as a last part that selects nothing.
      boolean isLog = part.table().equals(logTable.toString()) && part.query().selectedColumns().isEmpty()
          && part.keyColumns().isEmpty();
      if (isLog && !logged) {
        readsLog = true;
        continue;
      }
      analyze(names.get(i), part.table(), part.query(), part.effectiveKeys(join.rowIds()), isLog, partAt,
          partAt.field("table"), partAt.field("query"), partAt.field("keyColumns")).ifPresent(sources::add);
    }
    if (join.bootstrapsFromLog() && logged) {
      Location fromLog = at.field("bootstrapFromLog");
      analyze(names.get(names.size() - 1), logTable.toString(), Query.selecting(null), join.rowIds(), true,
          fromLog, fromLog, fromLog, at.field("rowIds")).ifPresent(sources::add);
    }
    return new Bootstraps(sources, readsLog && !logged ? Optional.of(logTable) : Optional.empty());
  }

  /** @param name the source's name in the semantic hash, which also names it in ledgers and provenance */
  private Optional<BootstrapSource> analyze(String name, String table, Query query, List<String> keys, boolean isLog,
      Location partAt, Location tableField, Location queryAt, Location keysField) {
    if (keys.isEmpty()) {
      return Optional.empty();
    }
    int before = problems.errors().size();
    Optional<SourceScan> scanned = SourceScan.analyze(catalog, table, query,
        isLog ? SourceRole.LOG : SourceRole.BOOTSTRAP, tableField, queryAt, problems);
    if (scanned.isEmpty()) {
      return Optional.empty();
    }
    SourceScan scan = scanned.get();
    Map<String, DataType> partColumns = new LinkedHashMap<>();
    for (StructField field : scan.schema().fields()) {
      partColumns.put(field.name(), field.dataType());
    }
    for (String key : keys) {
      DataType partType = partColumns.get(key);
      DataType leftType = leftColumns == null ? null : leftColumns.get(key);
      if (partType == null) {
        problems.error(ErrorCode.MISSING_COLUMN, keysField, "key " + key + " is not a column of " + scan.table(),
            "select " + key + " in " + queryAt.path() + ", or match on other columns with keyColumns");
      }
      if (leftColumns != null && leftType == null) {
        problems.error(ErrorCode.MISSING_COLUMN, keysField, "key " + key
            + " is not a column of the left source " + join.left().table(),
            "select " + key + " on the left, or match " + scan.table() + " on other columns with keyColumns");
      }
      if (partType != null && leftType != null && !partType.sameType(leftType)) {
        problems.error(ErrorCode.TYPE_MISMATCH, keysField, "key " + key + " is " + partType.simpleString()
            + " in " + scan.table()
            + " but " + leftType.simpleString() + " on the left", castFix(key, leftType, queryAt));
      }
    }
    Map<String, DataType> provided = new LinkedHashMap<>();
    boolean selectsEveryColumn = query.selectedColumns().isEmpty();
    partColumns.forEach((column, type) -> {
      if (keys.contains(column) || column.equals(Names.PARTITION_COLUMN) || column.equals(Names.TIME_COLUMN)) {
        return;
      }
      DataType wanted = outputColumns.get(column);
      Location field = selectsEveryColumn ? tableField : queryAt.field("selects").field(column);
      if (wanted == null) {
        if (!selectsEveryColumn) {
          problems.error(ErrorCode.MISSING_COLUMN, field, column + " is not an output column of the join",
              "select it under the name of the output column it provides (output columns: "
                  + String.join(", ", outputColumns.keySet()) + "), or leave it out");
        }
      } else if (!wanted.sameType(type)) {
        problems.error(ErrorCode.TYPE_MISMATCH, field, column + " is " + type.simpleString() + " in "
            + scan.table() + " but the join's "
            + "output column is " + wanted.simpleString(), castFix(column, wanted, queryAt));
      } else {
        provided.put(column, type);
      }
    });
    if (provided.isEmpty() && problems.errors().size() == before) {
      problems.error(ErrorCode.MISSING_COLUMN, tableField, scan.table()
          + " provides none of the join's output columns",
          "select output columns of the join in " + queryAt.field("selects").path() + " (output columns: "
              + String.join(", ", outputColumns.keySet()) + "), or remove the part");
    }
    if (problems.errors().size() > before) {
      return Optional.empty();
    }
    return Optional.of(new BootstrapSource(name, partAt,
        isLog ? BootstrapSource.Kind.LOG : BootstrapSource.Kind.TABLE, scan, keys, provided,
        isLog ? logVersions(partColumns) : Map.of()));
  }

  /**
   * Each logging schema version's value columns, by schema hash, from the join's schema table; empty (every row
   * claims every column) when the log table has no schema hash column or there is no schema table.
   */
  private Map<String, Set<String>> logVersions(Map<String, DataType> logColumns) {
    TableName schemaTable = Names.logSchemaTable(join);
    if (!logColumns.containsKey(Names.LOG_SCHEMA_HASH_COLUMN) || !catalog.tableExists(schemaTable)) {
      return Map.of();
    }
    Map<String, Set<String>> versions = new LinkedHashMap<>();
    for (Row row : catalog.spark().table(catalog.sqlName(schemaTable))
        .select(Names.LOG_SCHEMA_HASH_COLUMN, "values").collectAsList()) {
      versions.put(row.getString(0), valueNames(row.getString(1), schemaTable));
    }
    return versions;
  }

  private static Set<String> valueNames(String json, TableName schemaTable) {
    try {
      Set<String> names = new HashSet<>();
      for (JsonNode field : MAPPER.readTree(json)) {
        names.add(field.path("name").asText());
      }
      return names;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot read a schema version's values in " + schemaTable + ": "
          + e.getOriginalMessage() + ". Fix: drop the table and run log-flatten again", e);
    }
  }

  private static String castFix(String column, DataType type, Location queryAt) {
    return "convert it in " + queryAt.field("selects").path() + ", e.g. \"" + column + "\": \"CAST(" + column + " AS "
        + type.simpleString().toUpperCase(Locale.ROOT) + ")\"";
  }
}
