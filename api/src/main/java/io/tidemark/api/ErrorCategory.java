package io.tidemark.api;

/**
 * What kind of mistake a {@link TidemarkException} reports. The command line turns the category into an exit code
 * and every message starts from it, so a scheduler can tell a bad definition from a failed run.
 */
public enum ErrorCategory {
  /** A definition is wrong on its own or against the tables it names (missing table or column, type mismatch). */
  INVALID_DEFINITION(true),
  /** A command-line argument or option is wrong. */
  INVALID_ARGUMENT(true),
  /** The data breaks a rule the definition relies on, for example two snapshot rows for one key and day. */
  INVALID_DATA(false),
  /**
   * A table is in a state the command cannot safely go on from (for example its semantic hash was computed by another
   * algorithm version); nothing was written, and the message names the command that resolves it.
   */
  TABLE_STATE(true),
  /**
   * Another run committed to the same table at the same time, and this run's commit could not be reconciled with it
   * within its retries; what this run committed before stands, and running again finishes the work.
   */
  CONFLICT(false),
  /**
   * Input data a run needs has not landed yet: a left or source partition of the requested days is missing. Nothing
   * was written; the same command succeeds once the data is there, so a scheduler retries rather than alerts.
   */
  INPUTS_NOT_READY(false),
  /** The environment failed: a catalog, a file system or Spark itself. */
  ENVIRONMENT(false);

  private final boolean userInput;

  ErrorCategory(boolean userInput) {
    this.userInput = userInput;
  }

  /** True when the user has to change a definition or an argument; nothing ran and nothing was written. */
  public boolean isUserInput() {
    return userInput;
  }
}
