package io.tidemark.engine.plan;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.Location;
import io.tidemark.api.definition.EventSource;
import io.tidemark.api.definition.Join;
import io.tidemark.api.validation.Problems;

/**
 * What this version of the engine computes. A definition can be valid Chronon and still ask for something the engine
 * does not do; those requests are reported up front, before any table is read, instead of failing mid-run.
 */
public final class EngineSupport {
  private EngineSupport() {}

  /** Checks {@code join}, found at {@code at}. */
  public static void check(Join join, Location at, Problems problems) {
    if (join.left() instanceof EventSource events && events.cumulative()) {
      problems.error(ErrorCode.INVALID_VALUE, at.left().body(events).field("isCumulative"),
          "a cumulative event source cannot be the left side of a join "
          + "(each partition repeats all history)", "use a table that holds each day's rows in that day's partition");
    }
  }
}
