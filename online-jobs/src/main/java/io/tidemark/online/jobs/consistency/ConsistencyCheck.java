package io.tidemark.online.jobs.consistency;

import static io.tidemark.catalog.SparkSql.quote;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.Location;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.definition.EventSource;
import io.tidemark.api.definition.Join;
import io.tidemark.api.definition.JoinPart;
import io.tidemark.api.definition.MetaData;
import io.tidemark.api.definition.Query;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.naming.Names;
import io.tidemark.api.naming.SubPartition;
import io.tidemark.api.naming.TableName;
import io.tidemark.api.time.Day;
import io.tidemark.catalog.CommitInfo;
import io.tidemark.catalog.OwnedTable;
import io.tidemark.catalog.TableChange;
import io.tidemark.catalog.TableProperties;
import io.tidemark.catalog.TableType;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.engine.compute.BoundJoin;
import io.tidemark.engine.compute.ComputedStep;
import io.tidemark.engine.compute.StepInput;
import io.tidemark.online.DurableFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SortedSet;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriterV2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * {@code tidemark consistency}: compares the values a join's online fetches logged on one day with what the join
 * computes offline for the same keys and request times. The offline side is the engine itself, run on a derived
 * join whose left is the log table (its key columns and {@code ts}) and which has no bootstraps, so every value is
 * computed. Each logged row is paired with the computed row of the same keys and {@code ts}: identical requests get
 * identical values offline, so a retried request counts once per time it was logged.
 */
public final class ConsistencyCheck {
  static final String ACTION = "consistency";
  private static final String ONLINE = "__online_";
  private static final String OFFLINE = "__offline_";
  private static final String OFFLINE_KEY = "__offline_key_";

  private final TidemarkCatalog catalog;
  private final Join join;
  private final Location at;

  public ConsistencyCheck(TidemarkCatalog catalog, Loaded<Join> join) {
    this.catalog = catalog;
    this.join = join.definition();
    this.at = join.location();
  }

  /** What a run for {@code ds} compares; reads the log table's schema and counts the day's rows. */
  public ConsistencyPlan plan(Day ds) {
    TableName logTable = Names.logTable(join);
    if (!catalog.tableExists(logTable)) {
      throw new TidemarkException(ErrorCode.MISSING_OUTPUT_TABLE, "Cannot check the consistency of " + join.name()
          + ": its log table " + logTable + " does not exist. Fix: flatten the request log first with tidemark "
          + "log-flatten --conf " + at.file());
    }
    StructType schema = catalog.spark().table(catalog.sqlName(logTable)).schema();
    Set<String> valueColumns = new HashSet<>();
    join.joinParts().forEach(part -> valueColumns.addAll(Names.joinPartColumns(part)));
    join.externalParts().forEach(part -> valueColumns.addAll(Names.externalColumns(part)));
    List<String> keys = new ArrayList<>();
    Map<String, FeatureKind> features = new LinkedHashMap<>();
    Set<String> logColumns = new HashSet<>();
    for (StructField field : schema.fields()) {
      String name = field.name();
      logColumns.add(name);
      if (!valueColumns.contains(name) && !name.equals(Names.LOG_SCHEMA_HASH_COLUMN)
          && !name.equals(Names.TIME_COLUMN) && !name.equals(Names.PARTITION_COLUMN)) {
        keys.add(name);
      }
    }
    List<String> notLogged = new ArrayList<>();
    for (JoinPart part : join.joinParts()) {
      for (String column : Names.joinPartColumns(part)) {
        if (logColumns.contains(column)) {
          features.put(column, kind(schema.apply(column).dataType()));
        } else {
          notLogged.add(column);
        }
      }
    }
    long rows = catalog.spark().table(catalog.sqlName(logTable))
        .filter(col(Names.PARTITION_COLUMN).equalTo(lit(ds.toString()))).count();
    if (rows == 0) {
      throw new TidemarkException(ErrorCode.NO_DATA_FOR_DAY, "Cannot check the consistency of " + join.name()
          + " on " + ds + ": " + logTable + " has no rows of that day (its days: " + describeDays(logTable) + "). "
          + "Fix: pick a day the log table has, or run tidemark log-flatten --conf " + at.file() + " --ds " + ds
          + " if the raw log has it.");
    }
    if (features.isEmpty()) {
      throw new TidemarkException(ErrorCode.TABLE_SCHEMA_MISMATCH, "Cannot check the consistency of " + join.name()
          + ": " + logTable + " has none of the join parts' columns (" + String.join(", ", notLogged) + "). Fix: "
          + "log the join's fetches with the serving side, then run tidemark log-flatten.");
    }
    return new ConsistencyPlan(join.name(), ds, logTable, Names.consistencyTable(join), keys, features, notLogged,
        rows);
  }

  /** Computes the plan's day offline, compares, writes the metrics and the HTML report to {@code report}. */
  public ConsistencyResult run(ConsistencyPlan plan, Path report, Consumer<String> progress) {
    String runId = UUID.randomUUID().toString();
    BoundJoin computation = BoundJoin.of(catalog, comparisonJoin(plan), at);
    StepInput input = computation.stepInput(List.of(plan.ds()));
    progress.accept("Computing " + plan.features().size() + " features offline for " + input.rows() + " logged rows");
    List<String> features = new ArrayList<>(plan.features().keySet());
    List<FeatureMetrics> metrics;
    try (ComputedStep step = computation.compute(input, runId)) {
      Dataset<Row> pairs = pairs(plan, step.rows(), features);
      progress.accept("Comparing logged and computed values");
      metrics = compare(pairs, features, new ArrayList<>(plan.features().values()));
    }
    progress.accept("Writing " + plan.consistencyTable() + " and " + report);
    write(plan, metrics, runId);
    writeReport(plan, metrics, report);
    return new ConsistencyResult(plan, metrics, report);
  }

  /** The join's parts over the log table's keys and request times of the day, computed without any bootstrap. */
  private Join comparisonJoin(ConsistencyPlan plan) {
    Map<String, String> selects = new LinkedHashMap<>();
    plan.keys().forEach(key -> selects.put(key, quote(key)));
    selects.put(Names.TIME_COLUMN, Names.TIME_COLUMN);
    Query query = new Query(selects, List.of(), Names.TIME_COLUMN, plan.ds().toString(), plan.ds().toString(), null,
        null);
    MetaData metaData = new MetaData(join.name() + "_comparison", join.metaData().team(),
        join.metaData().outputNamespace(), Map.of());
    return new Join(metaData, new EventSource(plan.logTable().toString(), SubPartition.NONE, null, query, false), join.joinParts(),
        List.of());
  }

  /** Every logged row of the day beside the computed values of its keys and time. */
  private Dataset<Row> pairs(ConsistencyPlan plan, Dataset<Row> computed, List<String> features) {
    List<String> identity = new ArrayList<>(plan.keys());
    identity.add(Names.TIME_COLUMN);
    List<Column> offlineColumns = new ArrayList<>();
    for (int i = 0; i < identity.size(); i++) {
      offlineColumns.add(col(quote(identity.get(i))).as(OFFLINE_KEY + i));
    }
    for (int i = 0; i < features.size(); i++) {
      offlineColumns.add(col(quote(features.get(i))).as(OFFLINE + i));
    }
    List<String> offlineKeys = new ArrayList<>();
    for (int i = 0; i < identity.size(); i++) {
      offlineKeys.add(OFFLINE_KEY + i);
    }
    Dataset<Row> offline = computed.select(offlineColumns.toArray(Column[]::new))
        .dropDuplicates(offlineKeys.toArray(String[]::new));
    List<Column> onlineColumns = new ArrayList<>();
    identity.forEach(column -> onlineColumns.add(col(quote(column))));
    for (int i = 0; i < features.size(); i++) {
      onlineColumns.add(col(quote(features.get(i))).as(ONLINE + i));
    }
    Dataset<Row> online = catalog.spark().table(catalog.sqlName(plan.logTable()))
        .filter(col(Names.PARTITION_COLUMN).equalTo(lit(plan.ds().toString())))
        .select(onlineColumns.toArray(Column[]::new));
    Column matches = lit(true);
    for (int i = 0; i < identity.size(); i++) {
      matches = matches.and(online.col(quote(identity.get(i))).eqNullSafe(offline.col(OFFLINE_KEY + i)));
    }
    List<Column> values = new ArrayList<>();
    for (int i = 0; i < features.size(); i++) {
      values.add(col(ONLINE + i));
      values.add(col(OFFLINE + i));
    }
    return online.join(offline, matches, "left_outer").select(values.toArray(Column[]::new));
  }

  /** Accumulates each partition's pairs, then merges the partitions' accumulators. */
  private static List<FeatureMetrics> compare(Dataset<Row> pairs, List<String> features, List<FeatureKind> kinds) {
    List<FeatureStats> merged = pairs.javaRDD().mapPartitions((Iterator<Row> rows) -> {
      List<FeatureStats> stats = new ArrayList<>();
      for (int i = 0; i < features.size(); i++) {
        stats.add(new FeatureStats(features.get(i), kinds.get(i)));
      }
      while (rows.hasNext()) {
        Row row = rows.next();
        for (int i = 0; i < features.size(); i++) {
          stats.get(i).add(java(row.get(2 * i)), java(row.get(2 * i + 1)));
        }
      }
      return List.of(stats).iterator();
    }).reduce((a, b) -> {
      List<FeatureStats> sum = new ArrayList<>();
      for (int i = 0; i < a.size(); i++) {
        sum.add(a.get(i).merge(b.get(i)));
      }
      return sum;
    });
    return merged.stream().map(FeatureStats::metrics).toList();
  }

  /** Replaces the day's metrics in the consistency table, created with them when it does not exist: one commit. */
  private void write(ConsistencyPlan plan, List<FeatureMetrics> metrics, String runId) {
    TableName table = plan.consistencyTable();
    List<Row> rows = new ArrayList<>();
    for (FeatureMetrics feature : metrics) {
      rows.add(RowFactory.create(feature.feature(), feature.kind().name().toLowerCase(Locale.ROOT),
          feature.total(), feature.matches(), feature.mismatches(), feature.bothNull(), feature.onlineNull(),
          feature.offlineNull(), boxed(feature.smapeAverage()), feature.kind() == FeatureKind.LIST
              ? feature.lengthMismatches() : null, boxed(feature.editInsertAverage()),
          boxed(feature.editDeleteAverage()), plan.ds().toString()));
    }
    StructType schema = new StructType()
        .add("feature", DataTypes.StringType).add("kind", DataTypes.StringType)
        .add("total", DataTypes.LongType).add("matches", DataTypes.LongType).add("mismatches", DataTypes.LongType)
        .add("both_null", DataTypes.LongType).add("online_null", DataTypes.LongType)
        .add("offline_null", DataTypes.LongType).add("smape_average", DataTypes.DoubleType)
        .add("length_mismatches", DataTypes.LongType).add("edit_insert_average", DataTypes.DoubleType)
        .add("edit_delete_average", DataTypes.DoubleType).add(Names.PARTITION_COLUMN, DataTypes.StringType);
    CommitInfo info = CommitInfo.of(runId, ACTION).withDays(List.of(plan.ds()));
    Schema iceberg = SparkSchemaUtil.convert(schema);
    try (TableChange change = OwnedTable.load(catalog, table).map(owned -> owned.change(info))
        .orElseGet(() -> OwnedTable.create(catalog, table, iceberg,
            PartitionSpec.builderFor(iceberg).identity(Names.PARTITION_COLUMN).build(),
            Map.of(TableProperties.TABLE_TYPE, TableType.CONSISTENCY.propertyValue(),
                TableProperties.DEFINITION, join.name()), info))) {
      DataFrameWriterV2<Row> writer = catalog.spark().createDataFrame(rows, schema).writeTo(change.sqlName());
      change.writeOptions().forEach(writer::option);
      if (change.table().currentSnapshot() == null) {
        writer.append();
      } else {
        writer.overwritePartitions();
      }
      change.commit();
    } catch (NoSuchTableException e) {
      throw new TidemarkException(ErrorCode.TABLE_DROPPED, "Cannot write " + table + ": another process dropped it "
          + "during the run. Fix: run consistency again.", e);
    }
  }

  private void writeReport(ConsistencyPlan plan, List<FeatureMetrics> metrics, Path report) {
    String title = "Online/offline consistency of " + plan.join() + " on " + plan.ds() + " (" + plan.loggedRows()
        + " logged rows of " + plan.logTable() + ")";
    try {
      // Replaced whole, with the permissions the umask gives (a temporary file of Files.createTempFile would make the
      // report readable by its owner only).
      DurableFiles.writeAtomically(report, ConsistencyReport.html(title, metrics).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new TidemarkException(ErrorCode.FILE_SYSTEM_ERROR, "Cannot write the report " + report + ": "
          + e.getMessage() + ". Fix: pass a writable path with --report", e);
    }
  }

  private String describeDays(TableName table) {
    SortedSet<String> days = catalog.partitions(table);
    if (days.isEmpty()) {
      return "none";
    }
    return days.size() <= 5 ? String.join(", ", days) : days.first() + ".." + days.last();
  }

  static FeatureKind kind(DataType type) {
    if (type instanceof NumericType) {
      return FeatureKind.NUMBER;
    }
    return type instanceof ArrayType ? FeatureKind.LIST : FeatureKind.OTHER;
  }

  private static Double boxed(OptionalDouble value) {
    return value.isPresent() ? value.getAsDouble() : null;
  }

  /** Spark's lists and maps as Java's, for comparison. */
  private static Object java(Object value) {
    if (value instanceof scala.collection.Seq<?> seq) {
      List<Object> list = new ArrayList<>();
      CollectionConverters.asJava(seq).forEach(element -> list.add(java(element)));
      return list;
    }
    if (value instanceof scala.collection.Map<?, ?> map) {
      Map<Object, Object> converted = new LinkedHashMap<>();
      CollectionConverters.asJava(map).forEach((key, element) -> converted.put(java(key), java(element)));
      return converted;
    }
    return value;
  }
}
