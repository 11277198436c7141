package io.tidemark.api.validation;

import io.tidemark.api.ErrorCategory;
import io.tidemark.api.TidemarkException;
import java.util.List;
import java.util.stream.Collectors;

/** One or more definitions are wrong; the message lists every problem, one per line. Nothing was run or written. */
public final class InvalidDefinitionException extends TidemarkException {
  private final List<Problem> problems;

  public InvalidDefinitionException(List<Problem> problems) {
    super(ErrorCategory.INVALID_DEFINITION, render(problems));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String render(List<Problem> problems) {
    String heading = problems.size() == 1 ? "Invalid definition:" : "Invalid definitions (" + problems.size() + " problems):";
    return problems.stream().map(problem -> "  " + problem.render()).collect(Collectors.joining("\n", heading + "\n", ""));
  }
}
