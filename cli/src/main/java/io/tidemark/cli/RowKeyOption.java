package io.tidemark.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --key}: the columns that identify a row of a table audited by name within its {@code ds}. */
final class RowKeyOption {
  @Option(names = "--key", split = ",", paramLabel = "COLUMN",
      description = "With --table: the columns that identify a row within its ds, comma-separated (default: "
          + "tidemark_row_key when the table has it). A join's row ids and a GroupBy's keys are known from --conf.")
  List<String> columns = new ArrayList<>();
}
