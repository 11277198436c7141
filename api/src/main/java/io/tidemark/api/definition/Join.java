package io.tidemark.api.definition;

import static io.tidemark.api.definition.Collections2.copyOfList;
import static java.util.Objects.requireNonNull;

import io.tidemark.api.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A training set: the left source defines rows (keys, timestamps, partitions); each join part adds the features of
 * one GroupBy as of each left row's time. {@code rowIds} name the left columns that identify a row. Bootstrap parts
 * (and, with {@code bootstrapFromLog}, the join's log table after them) provide precomputed values for the output
 * columns, so that only the rows they leave uncovered are computed; external parts add columns that only bootstraps
 * fill. A label part, when present, adds labels computed later (see {@link LabelPart}); it never changes the join's
 * own output. Derivations, when present, compute the output's value columns from the base ones (see
 * {@link Derivation}).
 */
public record Join(
    MetaData metaData,
    Source left,
    List<JoinPart> joinParts,
    List<String> rowIds,
    List<BootstrapPart> bootstrapParts,
    LogBootstrap logBootstrap,
    List<ExternalPart> externalParts,
    LabelPart labelPart,
    List<Derivation> derivations) {

  /** Whether a join also bootstraps from its own log table, as the part of lowest priority. */
  public enum LogBootstrap {
    NONE,
    FROM_LOG
  }

  public Join {
    requireNonNull(metaData, "metaData is null");
    requireNonNull(left, "left is null");
    joinParts = copyOfList(joinParts);
    rowIds = copyOfList(rowIds);
    bootstrapParts = copyOfList(bootstrapParts);
    requireNonNull(logBootstrap, "logBootstrap is null");
    externalParts = copyOfList(externalParts);
    derivations = copyOfList(derivations);
  }

  /** A join without derivations. */
  public Join(MetaData metaData, Source left, List<JoinPart> joinParts, List<String> rowIds,
      List<BootstrapPart> bootstrapParts, LogBootstrap logBootstrap, List<ExternalPart> externalParts,
      LabelPart labelPart) {
    this(metaData, left, joinParts, rowIds, bootstrapParts, logBootstrap, externalParts, labelPart, List.of());
  }

  /** A join without a label part. */
  public Join(MetaData metaData, Source left, List<JoinPart> joinParts, List<String> rowIds,
      List<BootstrapPart> bootstrapParts, LogBootstrap logBootstrap, List<ExternalPart> externalParts) {
    this(metaData, left, joinParts, rowIds, bootstrapParts, logBootstrap, externalParts, null, List.of());
  }

  /** A join without bootstraps or external parts. */
  public Join(MetaData metaData, Source left, List<JoinPart> joinParts, List<String> rowIds) {
    this(metaData, left, joinParts, rowIds, List.of(), LogBootstrap.NONE, List.of(), null, List.of());
  }

  public String name() {
    return metaData.name();
  }

  /** The label part, if the join has one; {@link #labelPart()} is null otherwise. */
  public Optional<LabelPart> labels() {
    return Optional.ofNullable(labelPart);
  }

  /** The same join with {@code labelPart} (null for none). */
  public Join withLabelPart(LabelPart labelPart) {
    return new Join(metaData, left, joinParts, rowIds, bootstrapParts, logBootstrap, externalParts, labelPart,
        derivations);
  }

  /** Whether the output's value columns are derived from the base ones rather than written as they are. */
  public boolean hasDerivations() {
    return !derivations.isEmpty();
  }

  /**
   * A join part the join computes, with where it is written in the definition ({@code location}, and its GroupBy's
   * {@code groupBy}), for messages.
   */
  public record ComputedPart(JoinPart part, Location location, Location groupBy) {
    public ComputedPart {
      requireNonNull(part, "part is null");
      requireNonNull(location, "location is null");
      requireNonNull(groupBy, "groupBy is null");
    }

    /** The part's path within its join, e.g. {@code joinParts[0]}. */
    public String path() {
      return location.path();
    }
  }

  /**
   * Every part the join computes offline, for code that needs the parts and their paths within the join but not the
   * file they were read from: see {@link #computedParts(Location)}.
   */
  public List<ComputedPart> computedParts() {
    return computedParts(Location.of(""));
  }

  /**
   * Every part the join computes offline: its join parts, then (as Chronon orders them) the external parts that name
   * an offline GroupBy, each as the join part that stands in for the service. {@code at} is the join's location.
   */
  public List<ComputedPart> computedParts(Location at) {
    List<ComputedPart> parts = new ArrayList<>();
    for (int p = 0; p < joinParts.size(); p++) {
      Location part = at.joinPart(p);
      parts.add(new ComputedPart(joinParts.get(p), part, part.groupBy()));
    }
    for (int e = 0; e < externalParts.size(); e++) {
      Location external = at.externalPart(e);
      externalParts.get(e).offlinePart()
          .ifPresent(part -> parts.add(new ComputedPart(part, external, external.offlineGroupBy())));
    }
    return List.copyOf(parts);
  }

  public boolean bootstrapsFromLog() {
    return logBootstrap == LogBootstrap.FROM_LOG;
  }
}
