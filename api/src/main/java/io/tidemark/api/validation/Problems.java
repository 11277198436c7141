package io.tidemark.api.validation;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.Location;
import io.tidemark.api.validation.Problem.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects every problem found while reading and checking definitions, so that one run reports all of them instead
 * of stopping at the first.
 */
public final class Problems {
  private final List<Problem> problems = new ArrayList<>();

  /** An error; {@code code} is its kind, which starts its line so that a script can match it. */
  public void error(ErrorCode code, String file, String field, String message, String fix) {
    problems.add(new Problem(Severity.ERROR, requireNonNull(code, "code is null"), file, field, message,
        requireNonNull(fix, "fix is null")));
  }

  /** An error about the node at {@code location}. */
  public void error(ErrorCode code, Location location, String message, String fix) {
    error(code, location.file(), location.path(), message, fix);
  }

  /** A warning about the node at {@code location}. */
  public void warning(Location location, String message) {
    warning(location.file(), location.path(), message);
  }

  /** A warning has no code: nothing stops on it, so no script needs to tell warnings apart. */
  public void warning(String file, String field, String message) {
    problems.add(new Problem(Severity.WARNING, null, file, field, message, null));
  }

  public boolean hasErrors() {
    return problems.stream().anyMatch(problem -> problem.severity() == Severity.ERROR);
  }

  public List<Problem> errors() {
    return only(Severity.ERROR);
  }

  public List<Problem> warnings() {
    return only(Severity.WARNING);
  }

  /** Throws when any error was collected; warnings alone do not stop anything. */
  public void throwIfErrors() {
    if (hasErrors()) {
      throw new InvalidDefinitionException(errors());
    }
  }

  private List<Problem> only(Severity severity) {
    return problems.stream().filter(problem -> problem.severity() == severity).toList();
  }
}
