package io.tidemark.engine.compute;

import static io.tidemark.catalog.SparkSql.quote;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.tidemark.api.naming.Names;
import io.tidemark.api.time.Day;
import io.tidemark.engine.plan.BootstrapCoverage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Puts the bootstrap sources' values beside the left rows: one left-outer join per source on its keys and {@code ds},
 * then, per output column, the first value that is not NULL in priority order (a left column of the same name first),
 * and per source whether it matched the row. Coverage of each join part follows from what the matched rows claim:
 * every column their source provides, or for a log table with schema versions, the columns of the row's version.
 */
final class BootstrapJoin {
  private static final String VALUE = "__bootstrap_";
  private static final String MATCHED = "__matched_";
  private static final String SUPPLIER = "__supplier_";
  private static final String VERSION = "__version_";

  private final List<BootstrapSource> sources;
  private final List<Claimant> claimants;
  private final BootstrapCoverage coverage;
  private final Set<String> leftValueColumns;

  /** A claim of a source, by the source's index: the coverage's entries, in order. */
  private record Claimant(int source, BootstrapSource.Claim claim) {}

  /**
   * @param partColumns each join part's output columns, by part name
   * @param leftValueColumns output columns that the left has too; their left values take precedence
   */
  BootstrapJoin(List<BootstrapSource> sources, Map<String, List<String>> partColumns, Set<String> leftValueColumns) {
    this.sources = List.copyOf(sources);
    this.claimants = claimants(sources);
    this.coverage = new BootstrapCoverage(claimants.stream()
        .map(claimant -> new BootstrapCoverage.Source(sources.get(claimant.source()).label(),
            claimant.claim().columns()))
        .toList(), partColumns);
    this.leftValueColumns = Set.copyOf(leftValueColumns);
  }

  private static List<Claimant> claimants(List<BootstrapSource> sources) {
    List<Claimant> claimants = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      for (BootstrapSource.Claim claim : sources.get(i).claims()) {
        claimants.add(new Claimant(i, claim));
      }
    }
    return List.copyOf(claimants);
  }

  /**
   * The labels of the sources that provide some of {@code part}'s columns, with each source's index, in priority
   * order.
   */
  Map<String, Integer> sourcesOfPart(String part) {
    Map<String, Integer> labels = new LinkedHashMap<>();
    for (int c : coverage.sourcesOfPart(part)) {
      int source = claimants.get(c).source();
      labels.putIfAbsent(sources.get(source).label(), source);
    }
    return labels;
  }

  /** What {@link #apply} brings beside the left rows. */
  enum Brought {
    /** Each provided column's value and supplier, and each source's match. */
    VALUES,
    /** Each source's match (and version) only: enough to count coverage, at a fraction of the bytes. */
    MATCHES
  }

  /**
   * The left rows with, for every output column some source provides, its bootstrapped value ({@link #value}) and
   * what supplied it ({@link #supplier}), and for every source whether it matched ({@link #matched}). Left columns
   * named like output columns are replaced by their bootstrapped value. With {@link Brought#MATCHES}, only the
   * left's columns and the matches.
   */
  Dataset<Row> apply(Dataset<Row> left, List<Day> days, Brought brought) {
    Dataset<Row> rows = left;
    for (int i = 0; i < sources.size(); i++) {
      BootstrapSource source = sources.get(i);
      Dataset<Row> part = source.read(days);
      List<Column> renamed = new ArrayList<>();
      for (String key : source.keys()) {
        renamed.add(col(quote(key)).as(keyColumn(i, key)));
      }
      if (brought == Brought.VALUES) {
        for (String column : source.columns()) {
          renamed.add(col(quote(column)).as(sourceValue(i, column)));
        }
      }
      if (source.claimsPerVersion()) {
        renamed.add(col(Names.LOG_SCHEMA_HASH_COLUMN).as(VERSION + i));
      }
      renamed.add(col(Names.PARTITION_COLUMN).as(keyColumn(i, Names.PARTITION_COLUMN)));
      renamed.add(lit(true).as(MATCHED + i));
      part = part.select(renamed.toArray(Column[]::new));
      Column matches = rows.col(Names.PARTITION_COLUMN).equalTo(part.col(keyColumn(i, Names.PARTITION_COLUMN)));
      for (String key : source.keys()) {
        matches = matches.and(rows.col(quote(key)).equalTo(part.col(keyColumn(i, key))));
      }
      rows = rows.join(part, matches, "left_outer");
    }
    List<Column> output = new ArrayList<>();
    for (String column : left.columns()) {
      if (brought == Brought.MATCHES || !leftValueColumns.contains(column)) {
        output.add(col(quote(column)));
      }
    }
    for (String column : brought == Brought.VALUES ? providedColumns() : List.<String>of()) {
      List<Column> candidates = new ArrayList<>();
      List<Column> suppliers = new ArrayList<>();
      if (leftValueColumns.contains(column)) {
        candidates.add(col(quote(column)));
        suppliers.add(when(col(quote(column)).isNotNull(), lit(Provenance.LEFT)));
      }
      for (int i = 0; i < sources.size(); i++) {
        if (sources.get(i).columns().contains(column)) {
          candidates.add(col(sourceValue(i, column)));
          suppliers.add(when(col(sourceValue(i, column)).isNotNull(), lit(sources.get(i).label())));
        }
      }
      output.add(firstOf(candidates).as(VALUE + column));
      output.add(firstOf(suppliers).as(SUPPLIER + column));
    }
    for (int i = 0; i < sources.size(); i++) {
      output.add(coalesce(col(MATCHED + i), lit(false)).as(MATCHED + i));
      if (sources.get(i).claimsPerVersion()) {
        output.add(col(VERSION + i));
      }
    }
    return rows.select(output.toArray(Column[]::new));
  }

  /** The output columns that have a bootstrapped value: those some source provides, and left value columns. */
  List<String> providedColumns() {
    List<String> columns = new ArrayList<>(leftValueColumns);
    for (BootstrapSource source : sources) {
      source.columns().stream().filter(column -> !columns.contains(column)).forEach(columns::add);
    }
    return columns;
  }

  /** The bootstrapped value of an output column in {@link #apply}'s rows. */
  static Column value(String column) {
    return col(quote(VALUE + column));
  }

  /**
   * What supplied the bootstrapped value of an output column in {@link #apply}'s rows: the first source (or
   * {@code left}) whose value is not NULL; NULL when every value is.
   */
  static Column supplier(String column) {
    return col(quote(SUPPLIER + column));
  }

  /**
   * The first matched source that provides {@code column}: what supplied a covered row's value when every source's
   * value is NULL, since covered rows keep their NULLs.
   */
  Column firstMatchedSource(String column) {
    List<Column> matches = new ArrayList<>();
    coverage.sourcesOf(column).forEach(c -> matches.add(when(claimed(c),
        lit(sources.get(claimants.get(c).source()).label()))));
    return matches.isEmpty() ? lit(null).cast("string") : firstOf(matches);
  }

  /** The indexes of the sources that provide {@code column}, in priority order. */
  List<Integer> providers(String column) {
    List<Integer> providers = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      if (sources.get(i).columns().contains(column)) {
        providers.add(i);
      }
    }
    return providers;
  }

  /**
   * Whether source {@code index} provides every column of {@code part}, whatever a row's schema version: then a row it
   * matches is covered for the part.
   */
  boolean providesAll(int index, String part) {
    BootstrapSource source = sources.get(index);
    return !source.claimsPerVersion() && source.columns().containsAll(coverage.partColumns(part));
  }

  /** Whether a left column of the same name may supply {@code column}'s value. */
  boolean fromLeft(String column) {
    return leftValueColumns.contains(column);
  }

  /** The label of source {@code index}, as the provenance names it. */
  String label(int index) {
    return sources.get(index).label();
  }

  /** Whether the row is matched by a source named in {@code names}. */
  Column matchedByAny(Set<String> names) {
    Column matched = lit(false);
    for (int i = 0; i < sources.size(); i++) {
      if (names.contains(sources.get(i).label())) {
        matched = matched.or(matched(i));
      }
    }
    return matched;
  }

  /** Whether source {@code index} matched the row, in {@link #apply}'s rows. */
  static Column matched(int index) {
    return col(MATCHED + index);
  }

  /** The name of {@link #matched}'s column, for rows regrouped under the same names. */
  static String matchedColumn(int index) {
    return MATCHED + index;
  }

  /** The schema version of the row source {@code index} matched, for sources that claim per version. */
  static Column version(int index) {
    return col(VERSION + index);
  }

  /** The name of {@link #version}'s column. */
  static String versionColumn(int index) {
    return VERSION + index;
  }

  /** Whether claim {@code index} of the coverage holds for the row: its source matched, with the claim's version. */
  private Column claimed(int index) {
    Claimant claimant = claimants.get(index);
    Column matched = matched(claimant.source());
    return claimant.claim().version()
        .map(version -> matched.and(col(VERSION + claimant.source()).equalTo(lit(version))))
        .orElse(matched);
  }

  /** Whether the row is covered for {@code part}: what matched it claims all of the part's columns. */
  Column covered(String part) {
    Column covered = lit(true);
    for (String column : coverage.partColumns(part)) {
      Column provided = lit(false);
      for (int c : coverage.sourcesOf(column)) {
        provided = provided.or(claimed(c));
      }
      covered = covered.and(provided);
    }
    return covered;
  }

  private static Column firstOf(List<Column> columns) {
    return columns.size() == 1 ? columns.get(0) : coalesce(columns.toArray(Column[]::new));
  }

  private static String keyColumn(int source, String key) {
    return "__key_" + source + "_" + key;
  }

  private static String sourceValue(int source, String column) {
    return "__value_" + source + "_" + column;
  }
}
