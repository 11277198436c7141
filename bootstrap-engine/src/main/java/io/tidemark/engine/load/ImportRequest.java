package io.tidemark.engine.load;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.naming.TableName;
import java.nio.file.Path;

/**
 * A file to load into a table partitioned by {@code ds}. A folder works too, as Spark writes Parquet and JSON datasets
 * as folders of part files; its format must then be given.
 *
 * @param file a path on this machine, or the URI of a file system Spark reads: {@code s3://bucket/key} (with the
 *     catalog's object storage settings), {@code hdfs://...}, or {@code file:///...} for a path every node sees
 * @param format the file's format, or null to go by its extension
 * @param schema column types as Spark DDL ({@code user_id STRING, ts BIGINT, ...}), or null to infer them
 * @param ds the day every row belongs to, for files without a {@code ds} column; null otherwise
 */
public record ImportRequest(TableName table, String file, FileFormat format, String schema, String ds) {
  public ImportRequest {
    requireNonNull(table, "table is null");
    requireNonNull(file, "file is null");
  }

  /** A file on this machine. */
  public ImportRequest(TableName table, Path file, FileFormat format, String schema, String ds) {
    this(table, file.toString(), format, schema, ds);
  }
}
