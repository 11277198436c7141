package io.tidemark.catalog;

/**
 * How Tidemark writes names and values into Spark SQL text, in one place so that every caller escapes alike: a column
 * named by a user (with a space, a dot or a backtick in it) or a value with a quote must not change the statement.
 */
public final class SparkSql {
  private SparkSql() {}

  /** A name as a Spark SQL identifier: in backticks, each backtick doubled ({@code a`b} is {@code `a``b`}). */
  public static String quote(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }

  /**
   * A string as a Spark SQL string literal: in single quotes, with backslashes and single quotes escaped by a
   * backslash, since Spark reads a backslash in a literal as an escape ({@code it's} is {@code 'it\'s'}).
   */
  public static String literal(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
