package io.tidemark.api.validation;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.Location;

/**
 * One thing wrong with a definition: its code (the kind of problem, which scripts match), the file it is in, the field
 * (a path such as {@code joinParts[0].groupBy.aggregations[1].operation}), what is wrong, and how to fix it. A warning
 * has no code.
 */
public record Problem(Severity severity, ErrorCode code, String file, String field, String message, String fix) {
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
      requireNonNull(code, "an error needs a code");
      requireNonNull(fix, "an error needs a fix");
    }
  }

  /** An error about the node at {@code location}. */
  public static Problem error(ErrorCode code, Location location, String message, String fix) {
    return new Problem(Severity.ERROR, code, location.file(), location.path(), message, fix);
  }

  /** Where the problem is: its file and field. */
  public Location location() {
    return new Location(file, field);
  }

  /** {@code TM-<number> <file>: <field>: <message>. Fix: <fix>}, one line; a warning starts at its file. */
  public String render() {
    String where = (code == null ? "" : code.render() + " ") + location().render();
    return fix == null ? where + ": " + message : where + ": " + message + ". Fix: " + fix;
  }
}
