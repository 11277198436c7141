package io.tidemark.api.definition;

import static io.tidemark.api.definition.Collections2.copyOfOrderedMap;
import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/**
 * Names and placement of a definition. {@code name} is Chronon's {@code <team>.<file>.<variable>}; joins need an
 * {@code outputNamespace} for their tables.
 *
 * @param history which of the missing days a backfill fills (Chronon's {@code historicalBackfill})
 * @param stepDays the days per step the definition asks for (the {@code --step-days} argument of Chronon's
 *     {@code customJson}), or null; {@code --step-days} on the command line wins
 */
public record MetaData(String name, String team, String outputNamespace, Map<String, String> tableProperties,
    History history, Integer stepDays) {
  /** Which of the missing days in range a backfill fills. */
  public enum History {
    /** Every missing day, as Chronon does by default. */
    ALL_DAYS,
    /**
     * Only the last day of the range ({@code historicalBackfill: false}): a definition that produces from its first
     * run on, without computing the past.
     */
    LATEST_DAY
  }

  public MetaData {
    requireNonNull(name, "name is null");
    tableProperties = copyOfOrderedMap(tableProperties);
    requireNonNull(history, "history is null");
  }

  /** Metadata that fills every missing day in steps of the command line's size. */
  public MetaData(String name, String team, String outputNamespace, Map<String, String> tableProperties) {
    this(name, team, outputNamespace, tableProperties, History.ALL_DAYS, null);
  }

  public static MetaData named(String name) {
    return new MetaData(name, null, null, Map.of());
  }

  /** The days per step the definition asks for, if it does. */
  public Optional<Integer> definedStepDays() {
    return Optional.ofNullable(stepDays);
  }
}
