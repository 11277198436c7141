package io.tidemark.catalog;

import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Columns as an Iceberg table stores them, written {@code name type, ...}, so that rows about to be written and an
 * existing table compare like with like (Spark's short, for one, is stored as int).
 */
public final class StoredColumns {
  private StoredColumns() {}

  /** The columns {@code schema} would have once stored in an Iceberg table. */
  public static String of(StructType schema) {
    return describe(SparkSchemaUtil.convert(SparkSchemaUtil.convert(schema)));
  }

  /** The columns of an existing table. */
  public static String of(Table table) {
    return describe(SparkSchemaUtil.convert(table.schema()));
  }

  private static String describe(StructType schema) {
    List<String> columns = new ArrayList<>();
    for (StructField field : schema.fields()) {
      columns.add(field.name() + " " + field.dataType().simpleString());
    }
    return String.join(", ", columns);
  }
}
