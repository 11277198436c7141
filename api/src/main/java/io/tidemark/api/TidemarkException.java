package io.tidemark.api;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.validation.Problem;
import java.util.List;

/**
 * A failure the user can act on: the message says what went wrong and how to fix it, and starts with the failure's
 * {@link ErrorCode} ({@code TM-<number>}), which scripts match rather than the sentence.
 */
public class TidemarkException extends RuntimeException {
  private final ErrorCode code;
  private final String withoutCode;

  public TidemarkException(ErrorCode code, String message) {
    super(requireNonNull(code, "code is null").render() + " " + message);
    this.code = code;
    this.withoutCode = message;
  }

  public TidemarkException(ErrorCode code, String message, Throwable cause) {
    super(requireNonNull(code, "code is null").render() + " " + message, cause);
    this.code = code;
    this.withoutCode = message;
  }

  /**
   * A failure made of problems: the message is the heading and then one line per problem, each starting with its own
   * code, so no code precedes the heading.
   */
  public TidemarkException(ErrorCode code, String heading, List<Problem> problems) {
    super(render(heading, problems));
    this.code = requireNonNull(code, "code is null");
    this.withoutCode = getMessage();
  }

  public ErrorCode code() {
    return code;
  }

  public ErrorCategory category() {
    return code.category();
  }

  /**
   * The message without the code in front, for a message that wraps this one under the same code, or for output that
   * shows the code in a field of its own. A message made of problems keeps each problem's code.
   */
  public String withoutCode() {
    return withoutCode;
  }

  private static String render(String heading, List<Problem> problems) {
    StringBuilder message = new StringBuilder(heading);
    problems.forEach(problem -> message.append("\n  ").append(problem.render()));
    return message.toString();
  }
}
