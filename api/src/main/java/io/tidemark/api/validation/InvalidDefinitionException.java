package io.tidemark.api.validation;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import java.util.List;

/**
 * One or more definitions are wrong; the message lists every problem, one per line with its own code. Nothing was run
 * or written.
 */
public final class InvalidDefinitionException extends TidemarkException {
  private final List<Problem> problems;

  public InvalidDefinitionException(List<Problem> problems) {
    super(ErrorCode.INVALID_DEFINITION, heading(problems), problems);
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String heading(List<Problem> problems) {
    return problems.size() == 1 ? "Invalid definition:" : "Invalid definitions (" + problems.size() + " problems):";
  }
}
