package io.tidemark.engine.compute;

import org.apache.spark.sql.AnalysisException;

/** Spark's analysis errors, cut down to the sentence a user needs (without the logical plan Spark appends). */
public final class AnalysisMessages {
  private AnalysisMessages() {}

  /**
   * The analysis error inside {@code e}, which Java sees as a checked exception that Spark's Scala code throws
   * undeclared; anything else is not an analysis problem and propagates.
   */
  public static AnalysisException analysisFailure(Exception e) {
    if (e instanceof AnalysisException analysis) {
      return analysis;
    }
    if (e instanceof RuntimeException runtime) {
      throw runtime;
    }
    throw new IllegalStateException(e);
  }

  public static String of(AnalysisException e) {
    String message = e.getMessage();
    int sqlState = message.indexOf(" SQLSTATE");
    if (sqlState > 0) {
      message = message.substring(0, sqlState);
    }
    int newline = message.indexOf('\n');
    if (newline > 0) {
      message = message.substring(0, newline);
    }
    message = message.strip();
    return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
  }
}
