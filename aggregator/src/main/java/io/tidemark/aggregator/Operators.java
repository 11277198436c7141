package io.tidemark.aggregator;

import io.tidemark.api.definition.AggregationPart;
import io.tidemark.api.definition.Operation;
import io.tidemark.api.definition.OperationArguments;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Which inputs each operation takes, what it outputs (Chronon's types), and the aggregator that computes it. List
 * inputs are flattened and string-map inputs aggregated per key for every operation but the timed ones (FIRST, LAST,
 * FIRST_K, LAST_K), which take a list or map as one value.
 */
public final class Operators {
  private static final Set<InputKind> NUMBERS = EnumSet.of(InputKind.INTEGRAL, InputKind.FLOATING);
  private static final Set<InputKind> ORDERED = EnumSet.of(InputKind.INTEGRAL, InputKind.FLOATING, InputKind.STRING);
  private static final Set<InputKind> HASHED =
      EnumSet.of(InputKind.INTEGRAL, InputKind.FLOATING, InputKind.STRING, InputKind.BINARY);
  /** Moments are cheap, sketches are not: blocks keep sliding windows of sketches to a few sketches per block. */
  private static final int MOMENT_BLOCK = 16;
  private static final int SKETCH_BLOCK = 128;

  private Operators() {}

  /** FIRST, LAST, FIRST_K and LAST_K follow event time and take lists and maps whole. */
  public static boolean isTimed(Operation operation) {
    return switch (operation) {
      case FIRST, LAST, FIRST_K, LAST_K -> true;
      default -> false;
    };
  }

  /** What is wrong with aggregating an input of {@code type} as {@code part} says, if anything. */
  public static Optional<String> problem(AggregationPart part, InputType type) {
    return Optional.ofNullable(planning(part, type).problem());
  }

  /** How {@code part} aggregates an input of {@code type}; {@link #problem} must have found nothing wrong. */
  public static ColumnPlan plan(AggregationPart part, InputType type) {
    Planning planning = planning(part, type);
    if (planning.problem() != null) {
      throw new IllegalArgumentException(planning.problem());
    }
    return planning.plan();
  }

  /** A fresh aggregator for one output column, planned by {@link #plan}. */
  public static ColumnAggregator create(AggregationPart part, ColumnPlan plan, Eviction eviction) {
    Supplier<ColumnAggregator> values = () -> create(part, plan.valueKind(), eviction);
    Supplier<ColumnAggregator> laidOut =
        plan.layout() == Container.LIST ? () -> new ListElements(values.get()) : values;
    return plan.isKeyed() ? new KeyedColumns(laidOut) : laidOut.get();
  }

  /**
   * The partial aggregate of one output column, planned by {@link #plan}: the same operation over the same values as
   * {@link #create}, as a state that merges across days. Windows do not change it.
   */
  static Partial<?> partial(AggregationPart part, ColumnPlan plan) {
    Partial<?> values = partial(part, plan.valueKind());
    Partial<?> laidOut = plan.layout() == Container.LIST ? new FlattenedPartial<>(values) : values;
    return plan.isKeyed() ? new KeyedPartial<>(laidOut) : laidOut;
  }

  /** Either a plan or the reason there is none. */
  private record Planning(ColumnPlan plan, String problem) {
    static Planning refused(String problem) {
      return new Planning(null, problem);
    }
  }

  private static Planning planning(AggregationPart part, InputType type) {
    Operation operation = part.operation();
    boolean whole = isTimed(operation) || type.container() == Container.NONE;
    Container layout = whole ? Container.NONE : type.container();
    InputKind kind = whole && type.container() != Container.NONE ? InputKind.NESTED : type.valueKind();
    if (layout == Container.STRING_MAP && part.bucket() != null) {
      return Planning.refused("bucketing an aggregation over a map column is not supported (Chronon does not "
          + "either); remove the buckets or aggregate a column that is not a map");
    }
    if (layout != Container.NONE && kind == InputKind.NESTED) {
      return Planning.refused(
          operation + " cannot aggregate lists or maps of nested values; select a list or map of plain values");
    }
    if (kind == InputKind.TEMPORAL) {
      return Planning.refused("dates and timestamps cannot be aggregated; convert them to epoch milliseconds in the "
          + "selects, e.g. unix_millis(col)");
    }
    OutputShape shape = shape(operation, kind);
    if (shape == null) {
      return Planning.refused(operation + " takes " + acceptedInputs(operation) + ", not "
          + kind.name().toLowerCase(Locale.ROOT) + " values");
    }
    ColumnPlan.Keys keys = part.bucket() != null ? ColumnPlan.Keys.BUCKET
        : layout == Container.STRING_MAP ? ColumnPlan.Keys.MAP_KEY : ColumnPlan.Keys.NONE;
    return new Planning(new ColumnPlan(layout, kind, shape, keys), null);
  }

  private static OutputShape shape(Operation operation, InputKind kind) {
    return switch (operation) {
      case COUNT -> OutputShape.LONG;
      case SUM -> kind == InputKind.BOOLEAN || kind == InputKind.INTEGRAL ? OutputShape.LONG
          : kind == InputKind.FLOATING ? OutputShape.DOUBLE : null;
      case AVERAGE, VARIANCE, SKEW, KURTOSIS -> NUMBERS.contains(kind) ? OutputShape.DOUBLE : null;
      case MIN, MAX -> ORDERED.contains(kind) ? OutputShape.INPUT : null;
      case TOP_K, BOTTOM_K -> ORDERED.contains(kind) ? OutputShape.LIST_OF_INPUT : null;
      case FIRST, LAST -> OutputShape.INPUT;
      case FIRST_K, LAST_K -> OutputShape.LIST_OF_INPUT;
      case UNIQUE_COUNT, BOUNDED_UNIQUE_COUNT, APPROX_UNIQUE_COUNT -> HASHED.contains(kind) ? OutputShape.LONG : null;
      case APPROX_PERCENTILE -> NUMBERS.contains(kind) ? OutputShape.LIST_OF_FLOAT : null;
      case HISTOGRAM -> kind == InputKind.STRING ? OutputShape.MAP_STRING_TO_INT : null;
      case APPROX_HISTOGRAM_K -> ORDERED.contains(kind) ? OutputShape.MAP_STRING_TO_LONG : null;
    };
  }

  private static String acceptedInputs(Operation operation) {
    return switch (operation) {
      case SUM -> "numbers or booleans";
      case AVERAGE, VARIANCE, SKEW, KURTOSIS, APPROX_PERCENTILE -> "numbers";
      case MIN, MAX, TOP_K, BOTTOM_K, APPROX_HISTOGRAM_K -> "numbers or strings";
      case UNIQUE_COUNT, BOUNDED_UNIQUE_COUNT, APPROX_UNIQUE_COUNT -> "numbers, strings or binary values";
      case HISTOGRAM -> "strings";
      default -> "values of any type";
    };
  }

  private static ColumnAggregator create(AggregationPart part, InputKind kind, Eviction eviction) {
    return switch (part.operation()) {
      case COUNT -> new Count();
      case SUM -> kind == InputKind.FLOATING ? new FloatingSum(FloatingSum.Result.SUM) : new LongSum();
      case AVERAGE -> new FloatingSum(FloatingSum.Result.AVERAGE);
      case VARIANCE -> mergeable(new Moments(Moments.Statistic.VARIANCE), MOMENT_BLOCK, eviction);
      case SKEW -> mergeable(new Moments(Moments.Statistic.SKEW), MOMENT_BLOCK, eviction);
      case KURTOSIS -> mergeable(new Moments(Moments.Statistic.KURTOSIS), MOMENT_BLOCK, eviction);
      case MIN -> new Extremum(Extremum.Direction.MIN, eviction);
      case MAX -> new Extremum(Extremum.Direction.MAX, eviction);
      case TOP_K -> new TopK(Extremum.Direction.MAX, part.k(), eviction);
      case BOTTOM_K -> new TopK(Extremum.Direction.MIN, part.k(), eviction);
      case FIRST -> new FirstK(1, eviction, ElementOutput.SINGLE);
      case FIRST_K -> new FirstK(part.k(), eviction, ElementOutput.LIST);
      case LAST -> new LastK(1, ElementOutput.SINGLE);
      case LAST_K -> new LastK(part.k(), ElementOutput.LIST);
      case UNIQUE_COUNT -> new UniqueCount(UniqueCount.UNBOUNDED, eviction);
      case BOUNDED_UNIQUE_COUNT -> new UniqueCount(part.k(), eviction);
      case APPROX_UNIQUE_COUNT -> mergeable(new ApproxUniqueCount(part.k()), SKETCH_BLOCK, eviction);
      case APPROX_PERCENTILE -> mergeable(
          new ApproxPercentile(part.k(), OperationArguments.percentiles(part.argMap())), SKETCH_BLOCK, eviction);
      case HISTOGRAM -> new Histogram(part.k());
      case APPROX_HISTOGRAM_K -> mergeable(new ApproxHistogram(part.k()), SKETCH_BLOCK, eviction);
    };
  }

  private static Partial<?> partial(AggregationPart part, InputKind kind) {
    return switch (part.operation()) {
      case COUNT -> new CountPartial();
      case SUM -> kind == InputKind.FLOATING ? new FloatingSumPartial(FloatingSum.Result.SUM) : new LongSumPartial();
      case AVERAGE -> new FloatingSumPartial(FloatingSum.Result.AVERAGE);
      case VARIANCE -> new MergeablePartial<>(new Moments(Moments.Statistic.VARIANCE));
      case SKEW -> new MergeablePartial<>(new Moments(Moments.Statistic.SKEW));
      case KURTOSIS -> new MergeablePartial<>(new Moments(Moments.Statistic.KURTOSIS));
      case MIN -> new ExtremumPartial(Extremum.Direction.MIN);
      case MAX -> new ExtremumPartial(Extremum.Direction.MAX);
      case TOP_K -> new TopKPartial(Extremum.Direction.MAX, part.k());
      case BOTTOM_K -> new TopKPartial(Extremum.Direction.MIN, part.k());
      case FIRST -> new TimedKPartial(1, TimedKPartial.Kept.OLDEST, ElementOutput.SINGLE);
      case FIRST_K -> new TimedKPartial(part.k(), TimedKPartial.Kept.OLDEST, ElementOutput.LIST);
      case LAST -> new TimedKPartial(1, TimedKPartial.Kept.NEWEST, ElementOutput.SINGLE);
      case LAST_K -> new TimedKPartial(part.k(), TimedKPartial.Kept.NEWEST, ElementOutput.LIST);
      case UNIQUE_COUNT -> new UniqueCountPartial(UniqueCount.UNBOUNDED);
      case BOUNDED_UNIQUE_COUNT -> new UniqueCountPartial(part.k());
      case APPROX_UNIQUE_COUNT -> new MergeablePartial<>(new ApproxUniqueCount(part.k()));
      case APPROX_PERCENTILE -> new MergeablePartial<>(
          new ApproxPercentile(part.k(), OperationArguments.percentiles(part.argMap())));
      case HISTOGRAM -> new HistogramPartial(part.k());
      case APPROX_HISTOGRAM_K -> new MergeablePartial<>(new ApproxHistogram(part.k()));
    };
  }

  private static <S> ColumnAggregator mergeable(Mergeable<S> mergeable, int blockSize, Eviction eviction) {
    return eviction == Eviction.NONE ? new RunningMergeable<>(mergeable) : new SlidingMergeable<>(mergeable, blockSize);
  }
}
