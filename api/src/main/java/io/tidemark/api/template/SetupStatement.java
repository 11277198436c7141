package io.tidemark.api.template;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A setup statement of a staging query (Chronon's {@code setups}): Spark SQL run in the session before the query, such
 * as registering a function it calls. Setups run for {@code plan} as well as for every backfill, and a plan changes
 * nothing, so a setup may change only the Spark session: temporary functions and views, jars and files, settings.
 */
public final class SetupStatement {
  private static final List<String> SESSION_ONLY = List.of("CREATE TEMPORARY FUNCTION ",
      "CREATE OR REPLACE TEMPORARY FUNCTION ", "CREATE TEMPORARY VIEW ", "CREATE OR REPLACE TEMPORARY VIEW ",
      "CREATE TEMP VIEW ", "CREATE OR REPLACE TEMP VIEW ", "ADD JAR ", "ADD JARS ", "ADD FILE ", "ADD FILES ",
      "ADD ARCHIVE ", "SET ");

  private SetupStatement() {}

  /** What is wrong with {@code statement} as a setup, with the fix after ". Fix: ", or empty when it is fine. */
  public static Optional<String> problem(String statement) {
    requireNonNull(statement, "statement is null");
    String normalized = statement.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT) + " ";
    if (normalized.isBlank()) {
      return Optional.of("is empty. Fix: remove it, or write the statement");
    }
    if (SESSION_ONLY.stream().anyMatch(normalized::startsWith)) {
      return Optional.empty();
    }
    String stripped = statement.strip();
    String shown = stripped.length() > 60 ? stripped.substring(0, 60) + "..." : stripped;
    return Optional.of("\"" + shown + "\" would change more than the Spark session, and setups run for every plan "
        + "(which changes nothing) as well as every backfill. Fix: keep to session statements (CREATE TEMPORARY "
        + "FUNCTION, CREATE TEMPORARY VIEW, ADD JAR, SET); build tables with a staging query of their own");
  }
}
