package io.tidemark.online.jobs.flatten;

import static io.tidemark.api.Preconditions.checkArgument;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.definition.Join;
import io.tidemark.api.naming.Names;
import io.tidemark.api.naming.TableName;
import io.tidemark.api.time.Day;
import io.tidemark.catalog.CommitInfo;
import io.tidemark.catalog.OwnedTable;
import io.tidemark.catalog.TableChange;
import io.tidemark.catalog.TableProperties;
import io.tidemark.catalog.TableType;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.online.metadata.ServingField;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriterV2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code tidemark log-flatten}: reads a join's raw request log and writes its log table ({@code <output>_logged},
 * one column per key and value field of every schema version) and its schema table ({@code <output>_log_schemas},
 * one row per version). {@link #plan} decides everything from file listings and table metadata; {@link #run} reads
 * the raw records, checks them, then commits: the schema table first (new versions), then the log table (the planned
 * days, replaced whole, in one commit), then the days' fingerprints.
 */
public final class LogFlatten {
  static final String ACTION = "log-flatten";
  private static final String KEYS = "keys";
  private static final String VALUES = "values";
  private static final String CORRUPT = "__corrupt";

  private final TidemarkCatalog catalog;
  private final Join join;
  private final RawLogFolder folder;

  public LogFlatten(TidemarkCatalog catalog, Join join, Path onlineDir) {
    this.catalog = catalog;
    this.join = join;
    this.folder = new RawLogFolder(onlineDir, join.name());
  }

  /** What a run would do: for {@code onlyDay} alone when given, else for every raw day. Writes nothing. */
  public FlattenPlan plan(Optional<Day> onlyDay) {
    TableName logTable = Names.logTable(join);
    TableName schemaTable = Names.logSchemaTable(join);
    List<RawDay> raw = folder.days();
    List<LogSchemaFile> versions = LogColumns.inPublicationOrder(folder.schemas());
    LogColumns columns = LogColumns.merge(join.name(), versions, folder.schemaFolder().toString());
    Optional<Table> existing = catalog.loadTable(logTable);
    FlattenedDays flattened = existing.map(table -> table.properties().get(FlattenedDays.PROPERTY))
        .map(json -> FlattenedDays.fromJson(json, logTable.toString()))
        .orElse(FlattenedDays.none());
    List<DayPlan> days = FlattenPlanner.days(raw, flattened, onlyDay);

    List<ServingField> newColumns = new ArrayList<>();
    TableAction tableAction = TableAction.CREATE;
    if (existing.isPresent()) {
      StructType current = SparkSchemaUtil.convert(existing.get().schema());
      Set<String> names = Set.of(current.fieldNames());
      for (ServingField field : columns.fields()) {
        if (!names.contains(field.name())) {
          newColumns.add(field);
          continue;
        }
        DataType type = current.apply(field.name()).dataType();
        if (!type.sameType(sparkType(field))) {
          throw new TidemarkException(ErrorCode.MALFORMED_LOG, "Cannot flatten the log of " + join.name()
              + ": field " + field.name() + " is " + field.type() + " in the schema versions under "
              + folder.schemaFolder() + " but " + type.catalogString() + " in " + logTable + ". Fix: a field keeps "
              + "one type; log the new type under a new feature name, or drop " + logTable + " and "
              + Names.logSchemaTable(join) + " to flatten everything again.");
        }
      }
      tableAction = newColumns.isEmpty() ? TableAction.KEEP : TableAction.ADD_COLUMNS;
    } else {
      newColumns.addAll(columns.fields());
    }
    Set<String> stored = storedVersions(schemaTable);
    List<LogSchemaFile> newVersions = days.isEmpty() ? List.of()
        : versions.stream().filter(version -> !stored.contains(version.hash())).toList();
    return new FlattenPlan(join.name(), folder.path().toString(), onlyDay, logTable, schemaTable, days, columns,
        versions, newVersions, tableAction, newColumns, onlyDay.isPresent() ? List.of() : folder.skippedFolders());
  }

  /** Carries out {@code plan}; progress lines go to {@code progress}. */
  public FlattenResult run(FlattenPlan plan, Consumer<String> progress) {
    checkArgument(plan.join().equals(join.name()), "Cannot run a plan of %s for %s", plan.join(), join.name());
    List<RawDay> days = plan.daysToWrite();
    if (plan.isEmpty()) {
      return new FlattenResult(plan.logTable().toString(), List.of(), 0, 0, 0, plan.skippedFolders());
    }
    String runId = UUID.randomUUID().toString();
    Dataset<Row> records = null;
    long written = 0;
    long skipped = 0;
    if (!days.isEmpty()) {
      progress.accept("Reading " + days.size() + " days of raw records");
      records = read(days, plan.columns()).persist(StorageLevel.MEMORY_AND_DISK());
      RecordCounts counts = RecordCounts.of(records
          .groupBy(col(Names.PARTITION_COLUMN), col(Names.LOG_SCHEMA_HASH_COLUMN), col(CORRUPT).isNull())
          .count().collectAsList());
      checkVersionsKnown(counts, plan.versions());
      written = counts.records();
      skipped = counts.skipped();
    }
    try {
      if (!plan.newVersions().isEmpty()) {
        progress.accept("Adding " + plan.newVersions().size() + " schema version(s) to " + plan.schemaTable());
        appendVersions(plan, runId);
      }
      if (records != null) {
        progress.accept("Writing " + written + " record(s) of " + days.size() + " day(s) to " + plan.logTable());
        writeDays(plan, records.filter(col(CORRUPT).isNull()), days, runId);
      }
    } finally {
      if (records != null) {
        records.unpersist();
      }
    }
    return new FlattenResult(plan.logTable().toString(), days.stream().map(RawDay::day).toList(), written, skipped,
        plan.newVersions().size(), plan.skippedFolders());
  }

  /** Every line of {@code days} parsed against the merged fields; lines that do not parse have {@link #CORRUPT}. */
  private Dataset<Row> read(List<RawDay> days, LogColumns columns) {
    StructType schema = new StructType()
        .add(Names.LOG_SCHEMA_HASH_COLUMN, DataTypes.StringType)
        .add(Names.TIME_COLUMN, DataTypes.LongType)
        .add(KEYS, struct(columns.keys()))
        .add(VALUES, struct(columns.values()))
        .add(CORRUPT, DataTypes.StringType);
    Dataset<Row> all = null;
    for (RawDay day : days) {
      String[] paths = day.files().stream()
          .map(file -> folder.dayFolder(day.day()).resolve(file.name()).toUri().toString())
          .toArray(String[]::new);
      Dataset<Row> lines = catalog.spark().read().schema(schema)
          .option("mode", "PERMISSIVE")
          .option("columnNameOfCorruptRecord", CORRUPT)
          .json(paths)
          .withColumn(Names.PARTITION_COLUMN, lit(day.day().toString()));
      all = all == null ? lines : all.unionByName(lines);
    }
    // A line that parses as JSON but lacks the hash or the time is no record either.
    Column incomplete = col(Names.LOG_SCHEMA_HASH_COLUMN).isNull().or(col(Names.TIME_COLUMN).isNull());
    return all.withColumn(CORRUPT, when(col(CORRUPT).isNull().and(incomplete),
        lit("incomplete")).otherwise(col(CORRUPT)));
  }

  private void checkVersionsKnown(RecordCounts counts, List<LogSchemaFile> versions) {
    Set<String> known = new HashSet<>();
    versions.forEach(version -> known.add(version.hash()));
    counts.byDayAndVersion().forEach((dayAndHash, count) -> {
      if (!known.contains(dayAndHash.hash())) {
        throw new TidemarkException(ErrorCode.MALFORMED_LOG, "Cannot flatten the log of " + join.name() + ": "
            + count + " record(s) of ds=" + dayAndHash.day() + " carry schema hash " + dayAndHash.hash()
            + ", which has no schema file " + dayAndHash.hash() + ".json in " + folder.schemaFolder()
            + ". Fix: restore the schema file the serving side wrote for it, or move the day's segments that carry it "
            + "out of " + folder.dayFolder(dayAndHash.day()) + "; nothing was written.");
      }
    });
  }

  private void appendVersions(FlattenPlan plan, String runId) {
    StructType schema = new StructType()
        .add(Names.LOG_SCHEMA_HASH_COLUMN, DataTypes.StringType)
        .add("join", DataTypes.StringType)
        .add(KEYS, DataTypes.StringType)
        .add(VALUES, DataTypes.StringType)
        .add("published_at", DataTypes.TimestampType);
    List<Row> rows = new ArrayList<>();
    for (LogSchemaFile version : plan.newVersions()) {
      rows.add(RowFactory.create(version.hash(), version.join(), version.keysJson(), version.valuesJson(),
          new Timestamp(version.publishedAt())));
    }
    CommitInfo info = CommitInfo.of(runId, ACTION);
    try (TableChange change = OwnedTable.load(catalog, plan.schemaTable()).map(table -> table.change(info))
        .orElseGet(() -> OwnedTable.create(catalog, plan.schemaTable(), SparkSchemaUtil.convert(schema),
            PartitionSpec.unpartitioned(), properties(), info))) {
      DataFrameWriterV2<Row> writer = catalog.spark().createDataFrame(rows, schema).writeTo(change.sqlName());
      change.writeOptions().forEach(writer::option);
      writer.append();
      change.commit();
    } catch (NoSuchTableException e) {
      throw droppedDuringRun(plan.schemaTable(), e);
    }
  }

  /**
   * A change to the log table: one that creates it, or one that adds the columns new fields need, each after the
   * field before it.
   */
  private TableChange beginLogChange(FlattenPlan plan, CommitInfo info) {
    TableName table = plan.logTable();
    Optional<OwnedTable> existing = OwnedTable.load(catalog, table);
    if (existing.isEmpty()) {
      StructType schema = new StructType()
          .add(Names.LOG_SCHEMA_HASH_COLUMN, DataTypes.StringType)
          .add(Names.TIME_COLUMN, DataTypes.LongType);
      for (ServingField field : plan.columns().fields()) {
        schema = schema.add(field.name(), sparkType(field));
      }
      Schema iceberg = SparkSchemaUtil.convert(schema.add(Names.PARTITION_COLUMN, DataTypes.StringType));
      return OwnedTable.create(catalog, table, iceberg,
          PartitionSpec.builderFor(iceberg).identity(Names.PARTITION_COLUMN).build(), properties(), info);
    }
    TableChange change = existing.get().change(info);
    if (plan.tableAction() == TableAction.ADD_COLUMNS) {
      Set<String> added = new HashSet<>();
      plan.newColumns().forEach(field -> added.add(field.name()));
      change.updateSchema(update -> {
        String previous = Names.TIME_COLUMN;
        for (ServingField field : plan.columns().fields()) {
          if (added.contains(field.name())) {
            update.addColumn(field.name(), SparkSchemaUtil.convert(sparkType(field)));
            update.moveAfter(field.name(), previous);
          }
          previous = field.name();
        }
      });
    }
    return change;
  }

  /**
   * Replaces the days' rows and records their raw files' fingerprints, in one commit with the table's creation or new
   * columns: a run stopped before it flattens the days again.
   */
  private void writeDays(FlattenPlan plan, Dataset<Row> records, List<RawDay> days, String runId) {
    CommitInfo info = CommitInfo.of(runId, ACTION).withDays(days.stream().map(RawDay::day).toList());
    try (TableChange change = beginLogChange(plan, info)) {
      StructType target = SparkSchemaUtil.convert(change.table().schema());
      Map<String, String> fieldColumns = new LinkedHashMap<>();
      plan.columns().keys().forEach(field -> fieldColumns.put(field.name(), KEYS));
      plan.columns().values().forEach(field -> fieldColumns.put(field.name(), VALUES));
      List<Column> columns = new ArrayList<>();
      for (StructField field : target.fields()) {
        String group = fieldColumns.get(field.name());
        if (group != null) {
          columns.add(col(group).getField(field.name()).as(field.name()));
        } else if (field.name().equals(Names.LOG_SCHEMA_HASH_COLUMN) || field.name().equals(Names.TIME_COLUMN)
            || field.name().equals(Names.PARTITION_COLUMN)) {
          columns.add(col(field.name()));
        } else {
          // A column of a version whose schema file is gone: no record of this run has it.
          columns.add(lit(null).cast(field.dataType()).as(field.name()));
        }
      }
      Map<Day, String> fingerprints = new LinkedHashMap<>();
      days.forEach(day -> fingerprints.put(day.day(), day.fingerprint()));
      FlattenedDays before = Optional.ofNullable(change.table().properties().get(FlattenedDays.PROPERTY))
          .map(json -> FlattenedDays.fromJson(json, plan.logTable().toString())).orElse(FlattenedDays.none());
      change.setProperties(Map.of(FlattenedDays.PROPERTY, before.with(fingerprints).toJson()));
      DataFrameWriterV2<Row> writer = records.select(columns.toArray(Column[]::new)).writeTo(change.sqlName());
      change.writeOptions().forEach(writer::option);
      if (change.table().currentSnapshot() == null) {
        writer.append();
      } else {
        writer.overwritePartitions();
      }
      change.commit();
    } catch (NoSuchTableException e) {
      throw droppedDuringRun(plan.logTable(), e);
    }
  }

  private static TidemarkException droppedDuringRun(TableName table, Exception cause) {
    return new TidemarkException(ErrorCode.TABLE_DROPPED, "Cannot write " + table + ": another process dropped it "
        + "during the run. Fix: run log-flatten again.", cause);
  }

  private Set<String> storedVersions(TableName schemaTable) {
    Set<String> hashes = new HashSet<>();
    if (catalog.tableExists(schemaTable)) {
      catalog.spark().table(catalog.sqlName(schemaTable)).select(Names.LOG_SCHEMA_HASH_COLUMN).collectAsList()
          .forEach(row -> hashes.add(row.getString(0)));
    }
    return hashes;
  }

  private Map<String, String> properties() {
    return Map.of(TableProperties.TABLE_TYPE, TableType.LOG.propertyValue(), TableProperties.DEFINITION, join.name());
  }

  private static StructType struct(List<ServingField> fields) {
    StructType struct = new StructType();
    for (ServingField field : fields) {
      struct = struct.add(field.name(), sparkType(field));
    }
    return struct;
  }

  static DataType sparkType(ServingField field) {
    try {
      return DataType.fromDDL(field.type());
    } catch (RuntimeException e) {
      throw new TidemarkException(ErrorCode.MALFORMED_LOG, "Cannot flatten a field " + field.name() + " of type "
          + field.type() + ": it is not a Spark SQL type. Fix: the schema file's types are DataType.catalogString() "
          + "values such as bigint, double, array<double>.");
    }
  }
}
