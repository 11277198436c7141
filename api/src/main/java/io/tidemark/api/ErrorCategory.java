package io.tidemark.api;

/**
 * What kind of mistake a {@link TidemarkException} reports. The command line turns the category into an exit code
 * and every message starts from it, so a scheduler can tell a bad definition from a failed run. Each category owns a
 * range of a hundred {@link ErrorCode} numbers, so that a code tells its category at a glance.
 */
public enum ErrorCategory {
  /** A definition is wrong on its own or against the tables it names (missing table or column, type mismatch). */
  INVALID_DEFINITION(true, 100),
  /** A command-line argument or option is wrong. */
  INVALID_ARGUMENT(true, 200),
  /** The data breaks a rule the definition relies on, for example two snapshot rows for one key and day. */
  INVALID_DATA(false, 300),
  /**
   * A table is in a state the command cannot safely go on from (for example its semantic hash was computed by another
   * algorithm version); nothing was written, and the message names the command that resolves it.
   */
  TABLE_STATE(true, 400),
  /**
   * Another run committed to the same table at the same time, and this run's commit could not be reconciled with it
   * within its retries; what this run committed before stands, and running again finishes the work.
   */
  CONFLICT(false, 500),
  /**
   * Input data a run needs has not landed yet: a left or source partition of the requested days is missing. Nothing
   * was written; the same command succeeds once the data is there, so a scheduler retries rather than alerts.
   */
  INPUTS_NOT_READY(false, 600),
  /** The environment failed: a catalog, a file system or Spark itself. */
  ENVIRONMENT(false, 700);

  private final boolean userInput;
  private final int firstCode;

  ErrorCategory(boolean userInput, int firstCode) {
    this.userInput = userInput;
    this.firstCode = firstCode;
  }

  /** The lowest {@link ErrorCode} number of this category; its codes are this number to this number + 99. */
  public int firstCode() {
    return firstCode;
  }

  /** True when the user has to change a definition or an argument; nothing ran and nothing was written. */
  public boolean isUserInput() {
    return userInput;
  }
}
