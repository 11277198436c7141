package io.tidemark.api;

/** Argument checks for programming errors inside Tidemark; user mistakes are reported as problems instead. */
public final class Preconditions {
  private Preconditions() {}

  public static void checkArgument(boolean condition, String messageFormat, Object... args) {
    if (!condition) {
      throw new IllegalArgumentException(String.format(messageFormat, args));
    }
  }

  public static void checkState(boolean condition, String messageFormat, Object... args) {
    if (!condition) {
      throw new IllegalStateException(String.format(messageFormat, args));
    }
  }
}
