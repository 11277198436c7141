package io.tidemark.api.naming;

import static io.tidemark.api.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A table name as a definition writes it for a table it reads, in Chronon's forms: {@code namespace.table}, or a bare
 * {@code table}, which is in the default namespace (as Spark reads a bare name in its current namespace, where
 * Chronon runs it); either may end with a {@link SubPartition} ({@code ns.events/hr=00:00}).
 *
 * @param table the table, its namespace resolved
 * @param subPartition the sub-partition written after it, or {@link SubPartition#NONE}
 */
public record SourceTableName(TableName table, SubPartition subPartition) {
  public SourceTableName {
    requireNonNull(table, "table is null");
    requireNonNull(subPartition, "subPartition is null");
  }

  /**
   * Reads {@code written}, resolving a bare name in {@code defaultNamespace}.
   *
   * @throws IllegalArgumentException when {@link #problem(String)} has one
   */
  public static SourceTableName resolve(String written, String defaultNamespace) {
    requireNonNull(defaultNamespace, "defaultNamespace is null");
    Optional<String> problem = problem(written);
    checkArgument(problem.isEmpty(), "Cannot read table name '%s': %s", written, problem.orElse(""));
    int slash = written.indexOf('/');
    String base = slash < 0 ? written : written.substring(0, slash);
    TableName table = base.indexOf('.') < 0 ? new TableName(defaultNamespace, base) : TableName.parse(base);
    Map<String, String> values = new LinkedHashMap<>();
    if (slash >= 0) {
      for (String pair : written.substring(slash + 1).split("/", -1)) {
        int equals = pair.indexOf('=');
        values.put(pair.substring(0, equals), pair.substring(equals + 1));
      }
    }
    return new SourceTableName(table, new SubPartition(values));
  }

  /**
   * Why {@code written} names no table to read, as {@code "<what is wrong>. Fix: <what to write>"}; empty when it
   * names one.
   */
  public static Optional<String> problem(String written) {
    requireNonNull(written, "written is null");
    int slash = written.indexOf('/');
    String base = slash < 0 ? written : written.substring(0, slash);
    int dot = base.lastIndexOf('.');
    if (base.isEmpty() || dot == 0 || dot == base.length() - 1) {
      return Optional.of("\"" + base + "\" is not a table name: its " + (base.isEmpty() || dot == base.length() - 1
          ? "table" : "namespace") + " is empty. Fix: write namespace.table, or the table alone for a table of the "
          + "default namespace");
    }
    if (slash < 0) {
      return Optional.empty();
    }
    String suffix = written.substring(slash);
    Map<String, String> seen = new LinkedHashMap<>();
    for (String pair : written.substring(slash + 1).split("/", -1)) {
      int equals = pair.indexOf('=');
      if (equals < 0 || pair.indexOf('=', equals + 1) >= 0 || equals == pair.length() - 1) {
        return Optional.of("the sub-partition suffix " + suffix + " has the part \"" + pair + "\", which is not "
            + "column=value. Fix: write each part after a / as column=value, e.g. " + base + "/hr=00:00");
      }
      String column = pair.substring(0, equals);
      if (!SubPartition.COLUMN.matcher(column).matches()) {
        return Optional.of("the sub-partition suffix " + suffix + " names \"" + column + "\", which is not a column "
            + "name. Fix: name a column of the table (letters, digits and _, starting with a letter or _)");
      }
      if (column.equalsIgnoreCase(Names.PARTITION_COLUMN)) {
        return Optional.of("the sub-partition suffix " + suffix + " names " + column + ", the day itself. Fix: "
            + "remove " + pair + " and bound the days with query.startPartition and query.endPartition");
      }
      if (seen.keySet().stream().anyMatch(column::equalsIgnoreCase)) {
        return Optional.of("the sub-partition suffix " + suffix + " names " + column + " twice. Fix: keep one value "
            + "per column: a day is present when it has rows that hold every value named");
      }
      seen.put(column, pair.substring(equals + 1));
    }
    return Optional.empty();
  }
}
