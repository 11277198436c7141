package io.tidemark.engine.load;

import static io.tidemark.catalog.SparkSql.quote;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.naming.Names;
import io.tidemark.api.time.PartitionDates;
import io.tidemark.catalog.StoredColumns;
import io.tidemark.catalog.CommitInfo;
import io.tidemark.catalog.TableProperties;
import io.tidemark.catalog.TableType;
import io.tidemark.catalog.TidemarkCatalog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.DataFrameWriterV2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * Loads a CSV, JSON-lines or Parquet file into an Iceberg table partitioned by {@code ds}. The partitions in the file
 * replace the table's partitions of the same days, so importing a file twice leaves one copy. Arguments, the file's
 * records (line by line) and its days are checked before anything is created or written; should the write still fail,
 * a namespace the import created for it is dropped again.
 */
public final class TableImport {
  /** A location with a scheme ({@code s3://}, {@code hdfs://}, {@code file://}), read by the file system it names. */
  private static final Pattern URI_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://");
  /** How many of the values that are not days an error names. */
  private static final int SAMPLE_DAYS = 5;

  private final TidemarkCatalog catalog;

  public TableImport(TidemarkCatalog catalog) {
    this.catalog = catalog;
  }

  public ImportResult run(ImportRequest request) {
    Dataset<Row> rows = withDay(read(request), request);
    Optional<Table> existing = catalog.loadTable(request.table());
    existing.ifPresent(table -> checkSourceTable(table, request));
    existing.ifPresent(table -> checkSameColumns(table, rows.schema(), request));
    checkDays(rows, request);
    boolean newNamespace = existing.isEmpty() && !catalog.namespaceExists(request.table().namespace());
    DataFrameWriterV2<Row> writer = rows.writeTo(catalog.sqlName(request.table()));
    CommitInfo.of(UUID.randomUUID().toString(), "import").summary()
        .forEach((key, value) -> writer.option(CommitInfo.SNAPSHOT_PROPERTY + key, value));
    try {
      if (existing.isPresent()) {
        writer.overwritePartitions();
      } else {
        catalog.createNamespaceIfMissing(request.table().namespace());
        writer.partitionedBy(col(Names.PARTITION_COLUMN))
            .tableProperty(TableProperties.TABLE_TYPE, TableType.SOURCE.propertyValue())
            .create();
      }
    } catch (Exception e) {
      if (newNamespace) {
        catalog.dropNamespaceIfEmpty(request.table().namespace());
      }
      throw new TidemarkException(ErrorCode.UNREADABLE_IMPORT_DATA, "Cannot import " + request.file() + ": "
          + rootMessage(e), e);
    }
    Map<String, String> summary = catalog.loadTable(request.table()).orElseThrow().currentSnapshot().summary();
    return new ImportResult(request.table(), Long.parseLong(summary.getOrDefault("added-records", "0")),
        Long.parseLong(summary.getOrDefault("changed-partition-count", "0")), existing.isEmpty());
  }

  private Dataset<Row> read(ImportRequest request) {
    String path = readableLocation(request.file());
    FileFormat format = request.format() != null ? request.format() : FileFormat.ofFile(request.file())
        .orElseThrow(() -> argument("cannot tell the format of " + request.file() + " from its name",
            "pass --format csv, jsonl or parquet"));
    DataFrameReader reader = catalog.spark().read();
    if (request.schema() != null) {
      reader = reader.schema(parseSchema(request.schema()));
    }
    if (!URI_SCHEME.matcher(request.file()).lookingAt()) {
      ImportFileCheck.check(Path.of(request.file()), format);
    }
    try {
      return switch (format) {
        case CSV -> reader.option("header", "true")
            .option("inferSchema", Boolean.toString(request.schema() == null))
            .option("enforceSchema", "false")
            .option("mode", "FAILFAST")
            .csv(path);
        case JSONL -> reader.option("mode", "FAILFAST").json(path);
        case PARQUET -> reader.parquet(path);
      };
    } catch (Exception e) {
      throw argument("cannot read " + request.file() + " as " + format + ": " + rootMessage(e),
          "check the file, or pass the right --format");
    }
  }

  /**
   * The location Spark reads {@code file} from: its URI as given, or the absolute path of a file on this machine.
   * Executors read the file where they run, so a path on this machine is refused when they run elsewhere.
   */
  private String readableLocation(String file) {
    boolean uri = URI_SCHEME.matcher(file).lookingAt();
    if (!uri && !catalog.spark().sparkContext().isLocal()) {
      throw argument(file + " is a path on this machine, but the executors of the Spark cluster at "
              + catalog.spark().sparkContext().master() + " read the file where they run",
          "copy it to object storage and import that location (e.g. --file s3://bucket/" + fileName(file)
              + "), or give it as file://" + Path.of(file).toAbsolutePath() + " if every node sees it at that path");
    }
    String location = uri ? file : Path.of(file).toAbsolutePath().toString();
    org.apache.hadoop.fs.Path hadoopPath = new org.apache.hadoop.fs.Path(location);
    try {
      if (!hadoopPath.getFileSystem(catalog.hadoopConfiguration()).exists(hadoopPath)) {
        throw argument("file " + file + " does not exist", "check the path");
      }
    } catch (IOException e) {
      throw argument("cannot read " + file + ": " + rootMessage(e), "check the location, and for object storage "
          + "the endpoint and credentials in the catalog file");
    }
    return location;
  }

  private static String fileName(String file) {
    String trimmed = file.endsWith("/") ? file.substring(0, file.length() - 1) : file;
    return trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }

  /** The file's columns with {@code ds} last, as a {@code yyyy-MM-dd} string. */
  private static Dataset<Row> withDay(Dataset<Row> rows, ImportRequest request) {
    List<String> columns = Arrays.asList(rows.columns());
    Column day;
    if (request.ds() != null) {
      if (columns.contains(Names.PARTITION_COLUMN)) {
        throw argument(request.file() + " has a ds column and --ds was given too",
            "leave out --ds to use the file's ds column");
      }
      if (!PartitionDates.isValid(request.ds())) {
        throw argument("--ds " + request.ds() + " is not a day written yyyy-MM-dd", "pass e.g. --ds 2023-11-01");
      }
      day = lit(request.ds());
    } else if (!columns.contains(Names.PARTITION_COLUMN)) {
      throw argument(request.file() + " has no ds column (columns: " + String.join(", ", columns) + ")",
          "add a ds column with each row's day (yyyy-MM-dd), or pass --ds <day> to put every row in one day");
    } else {
      DataType type = rows.schema().apply(Names.PARTITION_COLUMN).dataType();
      Column ds = col(Names.PARTITION_COLUMN);
      if (type instanceof DateType || type instanceof TimestampType || type instanceof TimestampNTZType) {
        day = date_format(ds, "yyyy-MM-dd");
      } else if (type instanceof StringType) {
        day = ds;
      } else {
        throw argument("the ds column of " + request.file() + " is " + type.simpleString()
            + ", not a day", "write ds as yyyy-MM-dd strings or dates");
      }
    }
    List<Column> output = new ArrayList<>();
    for (String column : columns) {
      if (!column.equals(Names.PARTITION_COLUMN)) {
        output.add(col(quote(column)));
      }
    }
    output.add(day.as(Names.PARTITION_COLUMN));
    return rows.select(output.toArray(Column[]::new));
  }

  /**
   * Refuses rows whose {@code ds} is not a real day (2023-02-30 has the right form), naming a few of them with their
   * counts; one pass over the file's days before anything is written.
   */
  private static void checkDays(Dataset<Row> rows, ImportRequest request) {
    if (request.ds() != null) {
      return;
    }
    Map<String, Long> notDays = new TreeMap<>();
    for (Row day : rows.groupBy(col(Names.PARTITION_COLUMN)).count().collectAsList()) {
      String ds = day.getString(0);
      if (!PartitionDates.isValid(ds)) {
        notDays.put(ds == null ? "NULL" : "'" + ds + "'", day.getLong(1));
      }
    }
    if (!notDays.isEmpty()) {
      throw argument(request.file() + " has " + notDays.values().stream().mapToLong(Long::longValue).sum()
              + " row(s) whose ds is not a day written yyyy-MM-dd: " + String.join(", ", notDays.entrySet().stream()
                  .limit(SAMPLE_DAYS).map(entry -> entry.getKey() + " (" + entry.getValue() + ")").toList())
              + (notDays.size() > SAMPLE_DAYS ? ", ..." : ""),
          "give every row a real day, e.g. 2023-11-01; nothing was imported");
    }
  }

  /** Import replaces days of source tables; the tables Tidemark computes are written by their own commands. */
  private static void checkSourceTable(Table table, ImportRequest request) {
    String type = table.properties().get(TableProperties.TABLE_TYPE);
    if (type != null && !type.equals(TableType.SOURCE.propertyValue())) {
      throw argument(request.table() + " is a " + type + " table (" + TableProperties.TABLE_TYPE + " = " + type
              + "), which Tidemark computes; import replaces days of the tables it loads only",
          "import into a table of its own, e.g. --table data." + request.table().name() + "_import");
    }
  }

  private void checkSameColumns(Table table, StructType incoming, ImportRequest request) {
    String existing = StoredColumns.of(table);
    String imported = StoredColumns.of(incoming);
    if (!existing.equals(imported)) {
      throw argument(request.table() + " exists with columns (" + existing + ") but " + request.file() + " has ("
              + imported + ")",
          "import into a new table, drop the existing one first, or pass --schema to give the file the table's types");
    }
  }

  private static StructType parseSchema(String ddl) {
    try {
      return StructType.fromDDL(ddl);
    } catch (Exception e) {
      throw argument("--schema \"" + ddl + "\" is not a column list: " + rootMessage(e),
          "write it like \"user_id STRING, ts BIGINT, ds STRING\"");
    }
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static TidemarkException argument(String problem, String fix) {
    return new TidemarkException(ErrorCode.INVALID_IMPORT_FILE, "Cannot import: " + problem + ". Fix: " + fix);
  }
}
