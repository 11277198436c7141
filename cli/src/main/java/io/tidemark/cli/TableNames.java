package io.tidemark.cli;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.naming.TableName;

/** Table names given on the command line. */
final class TableNames {
  private TableNames() {}

  /** {@code namespace.table}, or an error that names {@code option}. */
  static TableName parse(String text, String option) {
    int dot = text.lastIndexOf('.');
    if (dot <= 0 || dot == text.length() - 1) {
      throw new TidemarkException(ErrorCode.INVALID_OPTION, "Invalid " + option + " '" + text
          + "'. Fix: give the table as namespace.table, e.g. quickstart.quickstart_training_set_v1_labels");
    }
    return TableName.parse(text);
  }
}
