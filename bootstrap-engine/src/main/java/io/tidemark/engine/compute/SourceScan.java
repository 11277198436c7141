package io.tidemark.engine.compute;

import static io.tidemark.catalog.SparkSql.quote;
import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.Location;
import io.tidemark.api.definition.DataModel;
import io.tidemark.api.definition.EntitySource;
import io.tidemark.api.definition.EventSource;
import io.tidemark.api.definition.Query;
import io.tidemark.api.definition.Source;
import io.tidemark.api.naming.Names;
import io.tidemark.api.naming.SubPartition;
import io.tidemark.api.naming.TableName;
import io.tidemark.api.time.Day;
import io.tidemark.api.time.PartitionDates;
import io.tidemark.api.validation.Problems;
import io.tidemark.catalog.DayStatistics;
import io.tidemark.catalog.TidemarkCatalog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * A source's query, checked against its table: the table exists and has a {@code ds} column, every select, where and
 * the time column resolve, and time is epoch milliseconds. A scan reads the selected columns, then {@code ts} (when
 * the role has a time; for mutations, the mutation time), the reversal flag (mutations) and {@code ds}, from a range
 * of partitions; a cumulative event source reads only its latest partition. A source's sub-partition columns must be
 * columns of its table. As in Chronon, the sub-partition decides which days are present: the latest of a cumulative
 * source, the first an aggregated event source is read from (unless its query's startPartition says), and the days
 * listed elsewhere (a join's left days); it filters no rows of the days read.
 */
final class SourceScan implements LeftRows {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** The column of a mutation scan that is true on rows a mutation takes back. */
  static final String REVERSAL = "__is_before";
  /** The column of a {@link SourceRole#TIMED_MUTATIONS} scan with each row's own time, in epoch milliseconds. */
  static final String ROW_TIME = "__row_time";

  private final TidemarkCatalog catalog;
  private final TableName table;
  private final SubPartition subPartition;
  private final Dataset<Row> base;
  private final Query query;
  private final List<Column> projection;
  private final StructType schema;
  private final String onlyPartition;

  private SourceScan(TidemarkCatalog catalog, TableName table, SubPartition subPartition, Dataset<Row> base,
      Query query, List<Column> projection, String onlyPartition) {
    this.catalog = catalog;
    this.table = table;
    this.subPartition = subPartition;
    this.base = base;
    this.query = query;
    this.projection = List.copyOf(projection);
    this.schema = base.select(projection.toArray(Column[]::new)).schema();
    this.onlyPartition = onlyPartition;
  }

  /**
   * Checks {@code source} (found at {@code at}) against its table. Every problem goes to
   * {@code problems}; the scan is empty when any was found.
   */
  static Optional<SourceScan> analyze(
      TidemarkCatalog catalog, Source source, SourceRole role, Location at, Problems problems) {
    // A join source names no table: it reads its parent join's, named by the parent's metaData.
    Location tableField = role.readsMutations() ? at.mutationTable() : at.table(source);
    String tableText = role.readsMutations() ? ((EntitySource) source).mutationTable() : source.table();
    Optional<SourceScan> scan =
        analyze(catalog, tableText, source.query(), role, tableField, at.query(source), problems);
    if (scan.isEmpty() || role.readsMutations()) {
      return scan;
    }
    SourceScan all = scan.get();
    SubPartition subPartition = source.subPartition();
    boolean found = true;
    for (String column : subPartition.values().keySet()) {
      if (Arrays.stream(all.base.columns()).noneMatch(column::equals)) {
        problems.error(ErrorCode.MISSING_COLUMN, tableField, "table " + all.table + " has no column " + column
            + ", which the "
            + "sub-partition suffix " + subPartition + " names", "name a column of " + all.table + " in the suffix, "
            + "or remove the suffix: each day with rows is then present");
        found = false;
      }
    }
    if (!found) {
      return Optional.empty();
    }
    String onlyPartition = null;
    Query query = all.query;
    if (source instanceof EventSource events && events.cumulative() && role == SourceRole.EVENTS) {
      // A cumulative table holds all history in each partition: only the latest one (within the query) is read.
      onlyPartition = catalog.partitions(all.table, subPartition).stream()
          .filter(day -> all.query.endPartition() == null || day.compareTo(all.query.endPartition()) <= 0)
          .reduce((first, second) -> second)
          .orElse("");
    } else if (source.dataModel() == DataModel.EVENTS && role == SourceRole.EVENTS && !subPartition.isEmpty()
        && query.startPartition() == null) {
      // As Chronon does, events are read from the first day present: days before the sub-partition's first are not.
      SortedSet<String> present = catalog.partitions(all.table, subPartition);
      if (!present.isEmpty()) {
        query = new Query(query.selects(), query.wheres(), query.timeColumn(), present.first(), query.endPartition(),
            query.mutationTimeColumn(), query.reversalColumn());
      }
    }
    return Optional.of(new SourceScan(catalog, all.table, subPartition, all.base, query, all.projection,
        onlyPartition));
  }

  /**
   * Checks a table read with {@code query}, for a bootstrap part or a log table (named at {@code tableField}, the
   * query at {@code queryAt}).
   */
  static Optional<SourceScan> analyze(TidemarkCatalog catalog, String tableText, Query query, SourceRole role,
      Location tableField, Location queryAt, Problems problems) {
    int problemsBefore = problems.errors().size();
    TableName table;
    try {
      table = TableName.parse(tableText);
    } catch (IllegalArgumentException e) {
      problems.error(ErrorCode.INVALID_VALUE, tableField, "\"" + tableText
          + "\" is not a table name of the form namespace.table",
          "name the table with its namespace, e.g. \"data.purchases\"");
      return Optional.empty();
    }
    if (!catalog.tableExists(table)) {
      problems.error(ErrorCode.MISSING_TABLE, tableField, "table " + table + " does not exist in the "
          + catalog.config().describe(),
          "load it with: tidemark import --table " + table + " --file <csv|jsonl|parquet file>, or correct the name");
      return Optional.empty();
    }
    Dataset<Row> base = catalog.spark().table(catalog.sqlName(table));
    Checker checker = new Checker(table, base, queryAt, problems);
    DataType ds = checker.columnType(Names.PARTITION_COLUMN);
    if (!(ds instanceof StringType)) {
      problems.error(ds == null ? ErrorCode.MISSING_COLUMN : ErrorCode.TYPE_MISMATCH, tableField, "table "
          + table + (ds == null ? " has no ds column" : " has a ds column of "
              + "type " + ds.simpleString()) + "; Tidemark reads daily partitions from a string column ds (yyyy-MM-dd)",
          "re-import the table with a ds column holding the day, e.g. 2023-11-01");
    }
    for (int i = 0; i < query.wheres().size(); i++) {
      checker.where(i, query.wheres().get(i));
    }
    List<Column> projection = new ArrayList<>();
    Map<String, String> selects = query.selectedColumns().orElse(null);
    boolean timed = switch (role.time()) {
      case REQUIRED, MUTATION, MUTATION_AND_ROW -> true;
      case IF_NAMED -> query.timeColumn() != null;
      case NONE -> false;
    };
    Set<String> reserved = reserved(role, timed, query);
    if (selects == null) {
      Arrays.stream(base.columns())
          .filter(name -> !reserved.contains(name))
          .forEach(name -> projection.add(col(quote(name))));
    } else {
      selects.forEach((name, expression) -> {
        if (!reserved.contains(name)) {
          checker.select(name, expression).ifPresent(projection::add);
        }
      });
    }
    if (role.readsMutations()) {
      checker.time(query.effectiveMutationTimeColumn(), query.mutationTimeColumn() == null, "mutationTimeColumn",
          Names.TIME_COLUMN).ifPresent(projection::add);
      checker.flag(query.effectiveReversalColumn(), query.reversalColumn() == null).ifPresent(projection::add);
      if (role.time() == SourceRole.Time.MUTATION_AND_ROW) {
        checker.time(query.effectiveTimeColumn(), query.timeColumn() == null, "timeColumn", ROW_TIME)
            .ifPresent(projection::add);
      }
    } else if (timed) {
      checker.time(query.effectiveTimeColumn(), query.timeColumn() == null, "timeColumn", Names.TIME_COLUMN)
          .ifPresent(projection::add);
    }
    projection.add(col(Names.PARTITION_COLUMN));
    if (problems.errors().size() > problemsBefore) {
      return Optional.empty();
    }
    return Optional.of(new SourceScan(catalog, table, SubPartition.NONE, base, query, projection, null));
  }

  TableName table() {
    return table;
  }

  @Override
  public String describe() {
    return "partitions of " + table + subPartition;
  }

  /** The columns a scan yields: selected columns, {@code ts} for timed roles, {@code ds}. */
  @Override
  public StructType schema() {
    return schema;
  }

  /**
   * Reads the partitions in {@code [from, to]} (either bound may be null for open), within the query's own
   * {@code startPartition}/{@code endPartition}, with the query's filters applied.
   */
  Dataset<Row> read(String from, String to) {
    if (onlyPartition != null) {
      return select(base.filter(col(Names.PARTITION_COLUMN).equalTo(onlyPartition)));
    }
    Dataset<Row> rows = base;
    String lower = max(from, query.startPartition());
    String upper = min(to, query.endPartition());
    if (lower != null) {
      rows = rows.filter(col(Names.PARTITION_COLUMN).geq(lower));
    }
    if (upper != null) {
      rows = rows.filter(col(Names.PARTITION_COLUMN).leq(upper));
    }
    return select(rows);
  }

  /**
   * From Iceberg's file metadata, when it is exact for this query: no filters, and the time (if any) read straight
   * from a long column.
   */
  @Override
  public Optional<StepInput> knownStatistics(List<Day> step) {
    boolean timed = schema.getFieldIndex(Names.TIME_COLUMN).isDefined();
    String time = query.effectiveTimeColumn();
    if (!query.wheres().isEmpty() || onlyPartition != null || (timed && !IDENTIFIER.matcher(time).matches())) {
      return Optional.empty();
    }
    List<String> texts = Day.texts(step);
    List<String> inRange = texts.stream()
        .filter(day -> query.startPartition() == null || day.compareTo(query.startPartition()) >= 0)
        .filter(day -> query.endPartition() == null || day.compareTo(query.endPartition()) <= 0)
        .toList();
    if (inRange.isEmpty()) {
      return Optional.empty();
    }
    return catalog.dayStatistics(table, timed ? time : null, inRange).map(statistics -> {
      List<String> days = texts.stream().filter(day -> statistics.containsKey(day) && statistics.get(day).rows() > 0)
          .toList();
      List<Day> withRows = days.stream().map(Day::parse).toList();
      List<Day> empty = step.stream().filter(day -> !days.contains(day.toString())).toList();
      long rows = days.stream().mapToLong(day -> statistics.get(day).rows()).sum();
      long nullTimes = days.stream().mapToLong(day -> statistics.get(day).nulls()).sum();
      if (days.isEmpty()) {
        return new StepInput(withRows, empty, 0, 0, 0, 0);
      }
      List<DayStatistics> timedDays = days.stream().map(statistics::get).filter(day -> day.min() != null).toList();
      if (!timed || timedDays.isEmpty()) {
        return new StepInput(withRows, empty, rows, withRows.get(0).startMillis(),
            withRows.get(withRows.size() - 1).startMillis(), nullTimes);
      }
      long minTime = timedDays.stream().mapToLong(DayStatistics::min).min().orElseThrow();
      long maxTime = timedDays.stream().mapToLong(DayStatistics::max).max().orElseThrow();
      return new StepInput(withRows, empty, rows, minTime, maxTime, nullTimes);
    });
  }

  /**
   * The days with data this scan reads: the table's partitions (those the sub-partition marks present, if it has
   * one) within the query's {@code startPartition} and {@code endPartition}. A partition value that is not a day
   * holds no day's events.
   */
  SortedSet<Day> presentDays() {
    SortedSet<Day> days = new TreeSet<>();
    for (String day : catalog.partitions(table, subPartition)) {
      if (PartitionDates.isValid(day) && (query.startPartition() == null || day.compareTo(query.startPartition()) >= 0)
          && (query.endPartition() == null || day.compareTo(query.endPartition()) <= 0)) {
        days.add(Day.parse(day));
      }
    }
    return days;
  }

  /** About how many rows {@link #read(String, String)} reads, from the table's metadata (no data is scanned). */
  long estimatedRows(String from, String to) {
    if (onlyPartition != null) {
      return catalog.estimatedRows(table, onlyPartition, onlyPartition);
    }
    return catalog.estimatedRows(table, max(from, query.startPartition()), min(to, query.endPartition()));
  }

  /** Reads the partitions in {@code [from, to]} of every source, one after the other (their columns match). */
  static Dataset<Row> readAll(List<SourceScan> sources, String from, String to) {
    Dataset<Row> rows = sources.get(0).read(from, to);
    for (SourceScan source : sources.subList(1, sources.size())) {
      rows = rows.unionByName(source.read(from, to));
    }
    return rows;
  }

  /** Reads exactly the given partitions. */
  @Override
  public Dataset<Row> read(List<Day> days) {
    Dataset<Row> rows = base.filter(col(Names.PARTITION_COLUMN).isin(Day.texts(days).toArray()));
    if (query.startPartition() != null) {
      rows = rows.filter(col(Names.PARTITION_COLUMN).geq(query.startPartition()));
    }
    if (query.endPartition() != null) {
      rows = rows.filter(col(Names.PARTITION_COLUMN).leq(query.endPartition()));
    }
    return select(rows);
  }

  private Dataset<Row> select(Dataset<Row> rows) {
    for (String where : query.wheres()) {
      rows = rows.filter(expr(where));
    }
    return rows.select(projection.toArray(Column[]::new));
  }

  /** ds comes from the partition and ts from the time column, never from selects of the same name. */
  private static Set<String> reserved(SourceRole role, boolean timed, Query query) {
    Set<String> reserved = new HashSet<>();
    reserved.add(Names.PARTITION_COLUMN);
    if (timed) {
      reserved.add(Names.TIME_COLUMN);
    }
    if (role.readsMutations()) {
      reserved.add(query.effectiveMutationTimeColumn());
      reserved.add(query.effectiveReversalColumn());
    }
    return reserved;
  }

  private static String max(String a, String b) {
    return a == null ? b : b == null ? a : a.compareTo(b) >= 0 ? a : b;
  }

  private static String min(String a, String b) {
    return a == null ? b : b == null ? a : a.compareTo(b) <= 0 ? a : b;
  }

  /** Resolves a query's expressions one at a time against the table, so each problem names its own field. */
  private record Checker(TableName table, Dataset<Row> base, Location query, Problems problems) {
    Checker {
      requireNonNull(base, "base is null");
    }

    DataType columnType(String column) {
      return Arrays.stream(base.schema().fields())
          .filter(field -> field.name().equals(column))
          .map(field -> field.dataType())
          .findFirst()
          .orElse(null);
    }

    void where(int index, String predicate) {
      Location field = query.element("wheres", index);
      try {
        DataType type = base.select(expr(predicate)).schema().fields()[0].dataType();
        if (!(type instanceof BooleanType)) {
          problems.error(ErrorCode.TYPE_MISMATCH, field, "\"" + predicate + "\" is of type "
              + type.simpleString() + ", not boolean",
              "write a condition such as \"amount > 0\"");
        }
      } catch (Exception e) {
        problems.error(ErrorCode.INVALID_EXPRESSION, field, describe(predicate,
            AnalysisMessages.analysisFailure(e)), fixFor());
      }
    }

    Optional<Column> select(String name, String expression) {
      Location field = query.field("selects").field(name);
      try {
        Column column = expr(expression).as(name);
        base.select(column).schema();
        return Optional.of(column);
      } catch (Exception e) {
        problems.error(ErrorCode.INVALID_EXPRESSION, field, describe(expression,
            AnalysisMessages.analysisFailure(e)), fixFor());
        return Optional.empty();
      }
    }

    /** The time expression as epoch milliseconds, named {@code name}: integers as they are, timestamps converted. */
    Optional<Column> time(String expression, boolean defaulted, String queryField, String name) {
      Location field = query.field(queryField);
      String what = defaulted ? "the default " + queryField + " " + expression : "\"" + expression + "\"";
      try {
        Column time = expr(expression);
        DataType type = base.select(time).schema().fields()[0].dataType();
        if (type instanceof LongType || type instanceof IntegerType || type instanceof ShortType
            || type instanceof ByteType) {
          return Optional.of(time.cast("bigint").as(name));
        }
        if (type instanceof TimestampType || type instanceof TimestampNTZType) {
          return Optional.of(functions.unix_millis(time).as(name));
        }
        problems.error(ErrorCode.TYPE_MISMATCH, field, what + " is of type " + type.simpleString()
                + "; event time must be epoch milliseconds (bigint) or a timestamp",
            "convert it in " + queryField + ", e.g. \"unix_millis(to_timestamp(" + expression + "))\"");
      } catch (Exception e) {
        problems.error(ErrorCode.INVALID_EXPRESSION, field,
            (defaulted ? what + ": " : "") + describe(expression, AnalysisMessages.analysisFailure(e)),
            "set " + queryField + " to the column or expression that holds the time in epoch milliseconds");
      }
      return Optional.empty();
    }

    /** The mutation table's reversal expression, a boolean that is true on the rows a mutation takes back. */
    Optional<Column> flag(String expression, boolean defaulted) {
      Location field = query.field("reversalColumn");
      String what = defaulted ? "the default reversalColumn " + expression : "\"" + expression + "\"";
      try {
        Column flag = expr(expression);
        DataType type = base.select(flag).schema().fields()[0].dataType();
        if (type instanceof BooleanType) {
          return Optional.of(flag.as(REVERSAL));
        }
        problems.error(ErrorCode.TYPE_MISMATCH, field, what + " is of type " + type.simpleString()
            + ", not boolean",
            "set reversalColumn to a condition that is true on the rows a mutation deletes");
      } catch (Exception e) {
        problems.error(ErrorCode.INVALID_EXPRESSION, field, (defaulted ? what + ": " : "") + describe(expression,
            AnalysisMessages.analysisFailure(e)), "set reversalColumn to the column that is true on deleted rows");
      }
      return Optional.empty();
    }

    private String describe(String expression, AnalysisException e) {
      if (IDENTIFIER.matcher(expression).matches() && columnType(expression) == null) {
        return "column " + expression + " does not exist in " + table;
      }
      return "\"" + expression + "\" cannot be evaluated on " + table + ": " + AnalysisMessages.of(e);
    }

    private String fixFor() {
      return "use columns of " + table + " (" + String.join(", ", base.columns()) + ")";
    }
  }
}
