package io.tidemark.catalog;

/** Names of the Iceberg table properties and snapshot summary properties that Tidemark writes. */
public final class TableProperties {
  /** What the table holds; see {@link TableType}. */
  public static final String TABLE_TYPE = "tidemark.table-type";
  /** The name of the definition that writes the table. */
  public static final String DEFINITION = "tidemark.definition";

  /**
   * Left partitions that were filled but yielded no rows (the query filtered them out), so later runs do not retry
   * them: a comma-separated list of days.
   */
  public static final String EMPTY_PARTITIONS = "tidemark.empty-partitions";

  /**
   * The semantic hash of the definition that wrote the table: a JSON map from each component (left source, row ids,
   * each part, each bootstrap part) to the hash of its meaning. See {@code SemanticHash}.
   */
  public static final String SEMANTIC_HASH = "tidemark.semantic-hash";
  /** The version of the algorithm that computed {@link #SEMANTIC_HASH}. */
  public static final String SEMANTIC_HASH_VERSION = "tidemark.semantic-hash-version";

  /**
   * On a GroupBy's table with derivations: the hash of the derivations its rows were derived with (see
   * {@code SemanticHash.ofDerivations}), so that a changed derivation is not mixed with rows derived before.
   */
  public static final String DERIVATIONS_HASH = "tidemark.derivations-hash";

  /**
   * On a partial-aggregate table: the hash of what its states depend on (the GroupBy's sources, keys and stored
   * aggregations, not its windows); a table with another hash is rebuilt rather than read.
   */
  public static final String PARTIALS_HASH = "tidemark.partials-hash";

  /**
   * On a partial-aggregate table: how many days before its newest day the GroupBy's longest window reaches (whole
   * days, rounded up), which {@code tidemark maintain} keeps; {@code all} for an unwindowed aggregation, which needs
   * every day.
   */
  public static final String PARTIALS_KEEP_DAYS = "tidemark.partials-keep-days";

  /**
   * On a partial-aggregate table: the version of its layout ({@code 2}: rows of days and of aligned blocks of days,
   * told apart by {@code span_days}); a table of another layout is rebuilt rather than read.
   */
  public static final String PARTIALS_LAYOUT = "tidemark.partials-layout";

  /**
   * On a partial-aggregate table: how many events of the days it holds sat in another day's partition than the day of
   * their time, and so are in no day's partials.
   */
  public static final String PARTIALS_EVENTS_OUTSIDE_DAY = "tidemark.partials-events-outside-day";

  /**
   * On a partial-aggregate table: per day it holds, the version of the sources' partition it was built from
   * ({@link DayVersions}) and, when not zero, how many of that partition's events lay on another day:
   * {@code <ds>:<version>[:<events>]}, comma-separated, by day. A day whose sources have another version now is built
   * again before it is read.
   */
  public static final String PARTIALS_SOURCE_VERSIONS = "tidemark.partials-source-versions";

  /** On an archived table: the table it was archived from. */
  public static final String ARCHIVED_FROM = "tidemark.archived-from";
  /** On an archived table: when it was archived, an ISO-8601 instant in UTC. */
  public static final String ARCHIVED_AT = "tidemark.archived-at";
  /** On an archived table: why it was archived, for people. */
  public static final String ARCHIVE_REASON = "tidemark.archive-reason";

  /** Snapshot summary: the run that made the commit. */
  public static final String RUN_ID = "tidemark.run-id";
  /** Snapshot summary: what the run did (backfill, import, ...). */
  public static final String ACTION = "tidemark.action";
  /** Snapshot summary: the first and last ds the commit wrote, {@code 2023-11-01..2023-11-30}. */
  public static final String DS_RANGE = "tidemark.ds-range";

  /** Snapshot summary of a label table: the label version ({@code label_ds}) the commit replaced. */
  public static final String LABEL_DS = "tidemark.label-ds";

  /** On a labeled view: the join output table it reads. */
  public static final String FEATURE_TABLE = "tidemark.feature-table";
  /** On a labeled view: the label table it reads. */
  public static final String LABEL_TABLE = "tidemark.label-table";

  /** Snapshot summary: the semantic hash of the whole definition the run wrote with (one short hash). */
  public static final String DEFINITION_HASH = "tidemark.definition-hash";

  /** Snapshot summary: where the commit's values came from, a {@link CoverageLedger} as JSON. */
  public static final String COVERAGE = "tidemark.coverage";

  /** What the last {@code tidemark maintain} run did to the table: a JSON object of counts, with its time and run. */
  public static final String LAST_MAINTENANCE = "tidemark.maintenance.last-run";

  private TableProperties() {}
}
