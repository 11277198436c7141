package io.tidemark.api.definition;

import static io.tidemark.api.definition.Collections2.copyOfList;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A set of features keyed by {@code keyColumns}: windowed aggregations over its sources, or, without aggregations,
 * the selected columns of an entity snapshot as they are.
 *
 * @param backfillStartDate the first day the GroupBy's own daily table is filled from when no start is given, or null
 *     for its sources' first day; it picks days only, and never changes the GroupBy's values in a join
 * @param derivations columns computed from the GroupBy's keys and values in its own daily table (see
 *     {@link Derivation}); empty for none
 */
public record GroupBy(
    MetaData metaData,
    List<Source> sources,
    List<String> keyColumns,
    List<Aggregation> aggregations,
    Accuracy accuracy,
    String backfillStartDate,
    List<Derivation> derivations) {

  public GroupBy {
    requireNonNull(metaData, "metaData is null");
    sources = copyOfList(sources);
    keyColumns = copyOfList(keyColumns);
    aggregations = aggregations == null ? null : List.copyOf(aggregations);
    derivations = copyOfList(derivations);
  }

  /** A GroupBy without derivations. */
  public GroupBy(MetaData metaData, List<Source> sources, List<String> keyColumns, List<Aggregation> aggregations,
      Accuracy accuracy, String backfillStartDate) {
    this(metaData, sources, keyColumns, aggregations, accuracy, backfillStartDate, List.of());
  }

  /** A GroupBy whose daily table starts at its sources' first day. */
  public GroupBy(MetaData metaData, List<Source> sources, List<String> keyColumns, List<Aggregation> aggregations,
      Accuracy accuracy) {
    this(metaData, sources, keyColumns, aggregations, accuracy, null, List.of());
  }

  public String name() {
    return metaData.name();
  }

  /** Whether the GroupBy's own table holds derived columns in place of its features. */
  public boolean hasDerivations() {
    return !derivations.isEmpty();
  }

  /** False for a GroupBy that passes its selected columns through; {@link #aggregations()} is then null. */
  public boolean hasAggregations() {
    return aggregations != null;
  }

  public DataModel dataModel() {
    return sources.get(0).dataModel();
  }

  /**
   * The accuracy asked for, or inferred as Chronon does: TEMPORAL when a source has a streaming topic, SNAPSHOT
   * otherwise.
   */
  public Accuracy effectiveAccuracy() {
    if (accuracy != null) {
      return accuracy;
    }
    boolean streamed = sources.stream().anyMatch(source -> source instanceof EventSource events
        ? events.topic() != null
        : ((EntitySource) source).mutationTopic() != null);
    return streamed ? Accuracy.TEMPORAL : Accuracy.SNAPSHOT;
  }

  /** Every aggregation unpacked into its per-window parts, in output column order. */
  public List<AggregationPart> aggregationParts() {
    if (aggregations == null) {
      return List.of();
    }
    List<AggregationPart> parts = new ArrayList<>();
    for (Aggregation aggregation : aggregations) {
      parts.addAll(aggregation.unpack());
    }
    return List.copyOf(parts);
  }

  /** Whether some aggregation has a window. */
  public boolean hasWindows() {
    return aggregationParts().stream().anyMatch(part -> part.window() != null);
  }

  /**
   * Whether an event left row replays this GroupBy's entity mutations: TEMPORAL aggregations over sources that all
   * have a mutation table (the previous day's snapshot, then the day's mutations before the row). An entity left reads
   * snapshots only.
   */
  public boolean replaysMutations() {
    return hasAggregations() && effectiveAccuracy() == Accuracy.TEMPORAL && sources.stream()
        .allMatch(source -> source instanceof EntitySource entities && entities.mutationTable() != null);
  }

  /**
   * How far back the aggregations reach: the longest window in milliseconds (0 without aggregations), or empty when
   * one is unwindowed and reads all history.
   */
  public OptionalLong longestWindowMillis() {
    long longest = 0;
    for (AggregationPart part : aggregationParts()) {
      if (part.window() == null) {
        return OptionalLong.empty();
      }
      longest = Math.max(longest, part.window().millis());
    }
    return OptionalLong.of(longest);
  }

  /**
   * For a GroupBy without aggregations: the selected columns that are not keys, in the order of the first source's
   * selects. Empty when the first source selects every column (the table decides).
   */
  public Optional<List<String>> passThroughColumns() {
    return sources.get(0).query().selectedColumns().map(selects -> {
      Set<String> values = new LinkedHashSet<>(selects.keySet());
      values.removeAll(keyColumns);
      return List.copyOf(values);
    });
  }
}
