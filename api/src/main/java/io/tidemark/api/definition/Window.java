package io.tidemark.api.definition;

import static io.tidemark.api.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.io.Serializable;

/** A window length of an aggregation. Windows are exact: {@code [asOf - millis(), asOf)}. */
public record Window(int length, TimeUnit timeUnit) implements Serializable {
  public Window {
    checkArgument(length > 0, "Cannot create window: length must be positive, got %s", length);
    requireNonNull(timeUnit, "timeUnit is null");
  }

  public static Window days(int length) {
    return new Window(length, TimeUnit.DAYS);
  }

  public static Window hours(int length) {
    return new Window(length, TimeUnit.HOURS);
  }

  public long millis() {
    return length * timeUnit.millis();
  }

  /** The window's fragment in output column names, e.g. {@code 30d} or {@code 12h}. */
  public String suffix() {
    return length + timeUnit.suffix();
  }
}
