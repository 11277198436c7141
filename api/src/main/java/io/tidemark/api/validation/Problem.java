package io.tidemark.api.validation;

import static java.util.Objects.requireNonNull;

/**
 * One thing wrong with a definition: the file it is in, the field (a path such as
 * {@code joinParts[0].groupBy.aggregations[1].operation}), what is wrong, and how to fix it.
 */
public record Problem(Severity severity, String file, String field, String message, String fix) {
  public enum Severity {
    /** The definition cannot run until this is fixed. */
    ERROR,
    /** Worth a look (for example a field Tidemark does not know) but nothing stops. */
    WARNING
  }

  public Problem {
    requireNonNull(severity, "severity is null");
    requireNonNull(file, "file is null");
    requireNonNull(field, "field is null");
    requireNonNull(message, "message is null");
    if (severity == Severity.ERROR) {
      requireNonNull(fix, "an error needs a fix");
    }
  }

  /** {@code <file>: <field>: <message>. Fix: <fix>}, one line. */
  public String render() {
    String where = field.isEmpty() ? file : file + ": " + field;
    return fix == null ? where + ": " + message : where + ": " + message + ". Fix: " + fix;
  }
}
