package io.tidemark.api;

import static java.util.Objects.requireNonNull;

/**
 * A stable number for each kind of failure, printed as {@code TM-<number>} at the start of every error line, so that a
 * script matches a code instead of a sentence that may be reworded. Each code belongs to one {@link ErrorCategory} and
 * its number lies in that category's range (1xx invalid definition, 2xx invalid argument, 3xx invalid data, 4xx table
 * state, 5xx conflict, 6xx inputs not ready, 7xx environment).
 *
 * <p>Codes are stable: a number, once given, keeps its meaning and is never renumbered or reused. A new kind of
 * failure gets the next free number of its category's range; a code that is no longer raised stays listed.
 * docs/errors.md lists every code.
 */
public enum ErrorCode {
  /**
   * One or more definitions have problems: the code of an {@code InvalidDefinitionException} as a whole (the
   * {@code code} of a failed step in a run's results). Its message lists the problems one per line, each starting
   * with its own code, which is what a script matches there.
   */
  INVALID_DEFINITION(100, ErrorCategory.INVALID_DEFINITION),
  /** A definition file is not valid JSON or not a JSON object; a project file is not valid YAML or not a map. */
  MALFORMED_JSON(101, ErrorCategory.INVALID_DEFINITION),
  /** A definition file cannot be read: it is missing, unreadable, or not UTF-8 text. */
  UNREADABLE_DEFINITION(102, ErrorCategory.INVALID_DEFINITION),
  /** A required field (or list) of a definition or project file is missing or empty. */
  MISSING_FIELD(103, ErrorCategory.INVALID_DEFINITION),
  /** A project file has a field that Tidemark does not know (in a definition, such a field is only a warning). */
  UNKNOWN_FIELD(104, ErrorCategory.INVALID_DEFINITION),
  /** A field holds a value of another kind than it takes, for example a number where text or a list is expected. */
  WRONG_VALUE_TYPE(105, ErrorCategory.INVALID_DEFINITION),
  /** A field's value is out of range or badly formed: a negative offset, a day not written yyyy-MM-dd, a bad name. */
  INVALID_VALUE(106, ErrorCategory.INVALID_DEFINITION),
  /** A field names a value of a fixed set (an operation, a time unit, a data type) that is not in the set. */
  UNKNOWN_ENUM_VALUE(107, ErrorCategory.INVALID_DEFINITION),
  /** A definition uses a feature that this version of Tidemark does not support. */
  UNSUPPORTED_FEATURE(108, ErrorCategory.INVALID_DEFINITION),
  /** Fields that exclude each other are both given, or two fields disagree (two sources of different kinds). */
  CONFLICTING_FIELDS(109, ErrorCategory.INVALID_DEFINITION),
  /** A definition names another definition (a GroupBy, a definition file) that does not exist under that name. */
  MISSING_DEFINITION(110, ErrorCategory.INVALID_DEFINITION),
  /** A definition reads a table that does not exist in the catalog, or names it in a form that is not a table. */
  MISSING_TABLE(111, ErrorCategory.INVALID_DEFINITION),
  /** A definition names a column that the table or query it reads does not have. */
  MISSING_COLUMN(112, ErrorCategory.INVALID_DEFINITION),
  /** A column or expression has a type that does not fit where it is used (a key of another type than its left). */
  TYPE_MISMATCH(113, ErrorCategory.INVALID_DEFINITION),
  /** A SQL expression, query or setup statement of a definition does not analyze or run in Spark. */
  INVALID_EXPRESSION(114, ErrorCategory.INVALID_DEFINITION),
  /** Two parts of a definition write a column of one name, or a name is one that Tidemark reserves. */
  DUPLICATE_COLUMN(115, ErrorCategory.INVALID_DEFINITION),
  /** The table a definition would write exists and was written for something else. */
  TABLE_OWNED_ELSEWHERE(116, ErrorCategory.INVALID_DEFINITION),

  /** A command-line option is malformed, out of range, missing, or combined with one it excludes. */
  INVALID_OPTION(201, ErrorCategory.INVALID_ARGUMENT),
  /** No definition file, definition or project file matches what the command line names. */
  NO_SUCH_DEFINITION(202, ErrorCategory.INVALID_ARGUMENT),
  /** A table that the command line names (or the table of the definition it names) does not exist. */
  NO_SUCH_TABLE(203, ErrorCategory.INVALID_ARGUMENT),
  /** A column that the command line names (for example with --key) is not in the table, or no key is known. */
  NO_SUCH_COLUMN(204, ErrorCategory.INVALID_ARGUMENT),
  /** The catalog file cannot be read or has a wrong setting, or names a ref the catalog does not have. */
  INVALID_CATALOG_FILE(205, ErrorCategory.INVALID_ARGUMENT),
  /** The catalog refused the request (HTTP 401 or 403): the token is missing or wrong. */
  CATALOG_ACCESS_DENIED(206, ErrorCategory.INVALID_ARGUMENT),
  /** A plan or dry run finds no catalog to read in the warehouse; it creates none, as it only reads. */
  NO_CATALOG(207, ErrorCategory.INVALID_ARGUMENT),
  /** The file given to import cannot be read, or its columns or days do not fit the table. */
  INVALID_IMPORT_FILE(208, ErrorCategory.INVALID_ARGUMENT),
  /** The SQL given to {@code tidemark sql} does not analyze. */
  INVALID_SQL(209, ErrorCategory.INVALID_ARGUMENT),
  /** A snapshot id, time, tag or day given to an audit names no snapshot of the table, or one that expired. */
  NO_SUCH_SNAPSHOT(210, ErrorCategory.INVALID_ARGUMENT),
  /** A tag to make exists already, or is not a valid tag name. */
  INVALID_TAG(211, ErrorCategory.INVALID_ARGUMENT),
  /** A tag to remove does not exist, or is a branch. */
  NO_SUCH_TAG(212, ErrorCategory.INVALID_ARGUMENT),
  /** The place an output is written to exists already, and Tidemark never overwrites it. */
  OUTPUT_EXISTS(213, ErrorCategory.INVALID_ARGUMENT),
  /** The table a command reads has no rows of the day it was given. */
  NO_DATA_FOR_DAY(214, ErrorCategory.INVALID_ARGUMENT),
  /** A fetch request is malformed or names a join, GroupBy or key the service does not serve. */
  INVALID_REQUEST(215, ErrorCategory.INVALID_ARGUMENT),

  /** Rows that should be unique by their row ids (or keys) share them within a day. */
  DUPLICATE_ROW_IDS(301, ErrorCategory.INVALID_DATA),
  /** A row broke a check that Tidemark makes as it writes, for example one snapshot row per key and day. */
  DATA_CHECK_FAILED(302, ErrorCategory.INVALID_DATA),
  /** The rows of a file being imported cannot be converted to the table's columns. */
  UNREADABLE_IMPORT_DATA(303, ErrorCategory.INVALID_DATA),
  /** The left's event times are missing or outside the span that windows can place. */
  INVALID_EVENT_TIME(304, ErrorCategory.INVALID_DATA),
  /** A request log or its schema files are damaged or contradict each other. */
  MALFORMED_LOG(305, ErrorCategory.INVALID_DATA),
  /** A snapshot being compared lacks columns that the rows are matched on. */
  SNAPSHOT_COLUMNS_DIFFER(306, ErrorCategory.INVALID_DATA),

  /** A table's semantic hash was computed by another version of the hash algorithm. */
  HASH_FROM_OTHER_ALGORITHM(401, ErrorCategory.TABLE_STATE),
  /** A stored partial aggregate cannot be read: damaged, or written in another encoding. */
  DAMAGED_PARTIALS(402, ErrorCategory.TABLE_STATE),
  /** A table changed between planning and running in a way the plan did not foresee. */
  TABLE_CHANGED(403, ErrorCategory.TABLE_STATE),
  /** A table the command works on (a join's output, a log table) has not been written yet. */
  MISSING_OUTPUT_TABLE(404, ErrorCategory.TABLE_STATE),
  /** The name a table would be archived under is taken. */
  ARCHIVE_EXISTS(405, ErrorCategory.TABLE_STATE),
  /** A table lacks columns that the command relies on: row key columns, or the logged features. */
  TABLE_SCHEMA_MISMATCH(406, ErrorCategory.TABLE_STATE),
  /** The files of a table cannot be listed safely, so nothing is deleted. */
  UNREADABLE_TABLE_FILES(407, ErrorCategory.TABLE_STATE),

  /** Another run committed to the same table at the same time; running again finishes the work. */
  CONCURRENT_COMMIT(501, ErrorCategory.CONFLICT),
  /** Another process dropped a table while this run wrote it. */
  TABLE_DROPPED(502, ErrorCategory.CONFLICT),
  /** A tag changed while it was being removed. */
  TAG_CHANGED(503, ErrorCategory.CONFLICT),

  /** A left or source table has no partitions in the requested days yet, or does not exist yet. */
  INPUT_PARTITION_MISSING(601, ErrorCategory.INPUTS_NOT_READY),
  /** A parent join whose output a join source reads has not written the requested days yet. */
  PARENT_JOIN_NOT_READY(602, ErrorCategory.INPUTS_NOT_READY),

  /** The catalog server cannot be reached, dropped the connection, or answered with an unexpected status. */
  CATALOG_UNREACHABLE(701, ErrorCategory.ENVIRONMENT),
  /** The embedded catalog's file is damaged, holds an unfinished write, or disagrees with the warehouse. */
  CATALOG_FILE_DAMAGED(702, ErrorCategory.ENVIRONMENT),
  /** The embedded catalog's file stayed locked by another process for longer than the lock timeout. */
  CATALOG_LOCKED(703, ErrorCategory.ENVIRONMENT),
  /** A table's current metadata file, which the catalog points at, is missing. */
  METADATA_FILE_MISSING(704, ErrorCategory.ENVIRONMENT),
  /** A file or folder cannot be read, listed, created or written. */
  FILE_SYSTEM_ERROR(705, ErrorCategory.ENVIRONMENT),
  /** The catalog does not store views, which the labeled views need. */
  VIEWS_NOT_SUPPORTED(706, ErrorCategory.ENVIRONMENT),
  /** The fetch service cannot start, for example because its port is taken. */
  SERVER_START_FAILED(707, ErrorCategory.ENVIRONMENT),
  /** The online store cannot be read or written. */
  ONLINE_STORE_ERROR(708, ErrorCategory.ENVIRONMENT),
  /** A fetch cannot be logged, so it is not answered. */
  LOG_WRITE_FAILED(709, ErrorCategory.ENVIRONMENT),
  /** A fetch failed for a reason that is not the caller's: an unexpected failure of the service. */
  INTERNAL_ERROR(710, ErrorCategory.ENVIRONMENT);

  private final int number;
  private final ErrorCategory category;

  ErrorCode(int number, ErrorCategory category) {
    this.number = number;
    this.category = requireNonNull(category, "category is null");
  }

  /** The stable number, e.g. 111 for {@link #MISSING_TABLE}. */
  public int number() {
    return number;
  }

  public ErrorCategory category() {
    return category;
  }

  /** {@code TM-<number>}, e.g. {@code TM-111}: the one form in which a code is printed. */
  public String render() {
    return "TM-" + number;
  }
}
