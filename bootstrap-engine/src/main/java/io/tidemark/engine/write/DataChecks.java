package io.tidemark.engine.write;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.raise_error;
import static org.apache.spark.sql.functions.when;

import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;

/**
 * Checks on data that run inside the Spark job that writes, so they cost no extra pass: a failing check aborts the
 * job before Iceberg commits, and every table stays as it was.
 */
public final class DataChecks {
  private static final String MARKER = "Tidemark data check failed: ";

  private DataChecks() {}

  /** {@code value}, or a failure with {@code message} (a string column) wherever {@code failed} holds. */
  public static Column failWhen(Column failed, Column message, Column value, DataType type) {
    return when(failed, raise_error(concat(lit(MARKER), message)).cast(type)).otherwise(value);
  }

  /** The message of a failed data check somewhere in {@code error}'s causes. */
  public static Optional<String> failure(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      String message = cause.getMessage();
      int start = message == null ? -1 : message.indexOf(MARKER);
      if (start >= 0) {
        String text = message.substring(start + MARKER.length());
        int end = text.indexOf('\n');
        text = end < 0 ? text : text.substring(0, end);
        int sqlState = text.indexOf(" SQLSTATE");
        return Optional.of((sqlState < 0 ? text : text.substring(0, sqlState)).strip());
      }
    }
    return Optional.empty();
  }
}
