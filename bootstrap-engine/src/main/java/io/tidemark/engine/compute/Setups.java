package io.tidemark.engine.compute;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.Location;
import io.tidemark.api.validation.Problems;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a definition's setup statements in the Spark session, each once per session: planning and running share a
 * session, and {@code CREATE TEMPORARY FUNCTION} fails when the function exists. The session remembers what ran in
 * its own settings, so every backfill of the session sees the same record.
 */
public final class Setups {
  private static final String RAN = "tidemark.setup.ran.";

  private Setups() {}

  /**
   * Runs {@code setups} (found at {@code at}) that have not run in {@code spark} yet; a statement
   * that fails is an {@code InvalidDefinitionException} naming it, and the statements after it do not run.
   */
  public static void run(SparkSession spark, List<String> setups, Location at) {
    Problems problems = new Problems();
    run(spark, setups, at, problems);
    problems.throwIfErrors();
  }

  /**
   * Like {@link #run(SparkSession, List, Location)}, adding a statement that fails to {@code problems} instead
   * of throwing, so that it is reported with the definition's other problems; the statements after it do not run.
   */
  public static void run(SparkSession spark, List<String> setups, Location at, Problems problems) {
    requireNonNull(spark, "spark is null");
    requireNonNull(problems, "problems is null");
    for (int i = 0; i < setups.size(); i++) {
      String statement = setups.get(i);
      String key = RAN + UUID.nameUUIDFromBytes(statement.strip().getBytes(StandardCharsets.UTF_8));
      if (spark.conf().contains(key)) {
        continue;
      }
      try {
        spark.sql(statement);
      } catch (Exception e) {
        problems.error(ErrorCode.INVALID_EXPRESSION, at.index(i), "failed in Spark: " + messageOf(e),
            "correct the statement; a function's class must be on Spark's class path (spark-submit --jars)");
        return;
      }
      spark.conf().set(key, "true");
    }
  }

  private static String messageOf(Exception e) {
    if (e instanceof AnalysisException analysis) {
      return AnalysisMessages.of(analysis);
    }
    String message = String.valueOf(e.getMessage()).strip();
    int newline = message.indexOf('\n');
    return newline > 0 ? message.substring(0, newline) : message;
  }
}
