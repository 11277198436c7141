package io.tidemark.api.definition;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether a GroupBy's backfills read its daily partial aggregates rather than every raw event of its windows, as
 * {@code metaData.tableProperties} sets it under {@link #PROPERTY}.
 */
public enum PartialsMode {
  /** Read partial aggregates wherever a window spans whole days, building the missing days first. */
  ALWAYS,
  /** Read raw events only. */
  NEVER,
  /**
   * Read the partial aggregates a table already keeps for this version of the GroupBy where they cost fewer rows than
   * the raw events (building a missing day only as part of that cheaper path), else raw events; never start a table
   * (the default).
   */
  AUTO;

  /** The table property that sets the mode. */
  public static final String PROPERTY = "tidemark.partials";

  /** The mode {@code groupBy} sets, {@link #AUTO} when it sets none; empty when the value is not a mode. */
  public static Optional<PartialsMode> of(GroupBy groupBy) {
    String value = groupBy.metaData().tableProperties().get(PROPERTY);
    if (value == null) {
      return Optional.of(AUTO);
    }
    for (PartialsMode mode : values()) {
      if (mode.propertyValue().equals(value)) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether {@code groupBy} can keep daily partial aggregates: aggregations of events, from sources that are not
   * cumulative (each partition of a cumulative one repeats all history), with a {@code metaData.outputNamespace} to
   * keep them in. Validation refuses {@link #ALWAYS} on any other GroupBy; {@link #AUTO} reads its raw events.
   */
  public static boolean canKeep(GroupBy groupBy) {
    return groupBy.hasAggregations() && groupBy.dataModel() == DataModel.EVENTS
        && groupBy.metaData().outputNamespace() != null
        && groupBy.sources().stream().allMatch(source -> source instanceof EventSource events && !events.cumulative());
  }

  /** How the mode is written in the property: {@code always}, {@code never}, {@code auto}. */
  public String propertyValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
