package io.tidemark.engine.compute;

import io.tidemark.api.Location;
import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.Join;
import io.tidemark.api.time.Day;
import io.tidemark.catalog.TidemarkCatalog;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.StructType;

/**
 * A join, or a GroupBy read as a join of its own keys, bound to the tables it reads: every source, column and type
 * was checked, and it computes the output rows of any day. This is what the jobs beside the backfills compute with
 * (label tables, uploads, consistency checks); the backfills use {@link JoinComputation}, which adds the checks,
 * bootstrap and recomputation a table of their own needs.
 */
public interface BoundJoin {
  /**
   * Binds {@code join}, found at {@code at}, to the catalog's tables; an {@code InvalidDefinitionException} lists
   * every problem found.
   */
  static BoundJoin of(TidemarkCatalog catalog, Join join, Location at) {
    return JoinAnalyzer.analyze(catalog, join, at);
  }

  /**
   * Binds {@code groupBy}, found at {@code at} (a whole file, or a field such as
   * {@code labelPart.labels[0].groupBy}): its features per key as of the end of each day, columns prefixed with the
   * GroupBy's name.
   */
  static BoundJoin ofGroupBy(TidemarkCatalog catalog, GroupBy groupBy, Location at) {
    return JoinAnalyzer.analyzeGroupBy(catalog, groupBy, at);
  }

  /** Where the rows features are computed for come from, for people. */
  String describeLeft();

  /** The columns of an output row, {@code ds} last. */
  StructType outputSchema();

  /** Each join part's value columns, by the part's name (its column prefix). */
  Map<String, List<String>> partColumns();

  /** Which of {@code days} have left rows, how many and their span of times, writing nothing. */
  StepInput stepInput(List<Day> days);

  /**
   * The left rows of {@code days} for run {@code runId}, which first commits what they read besides their sources (a
   * GroupBy's keys from its daily partial aggregates): summarized as {@link #stepInput(List)}, and kept for
   * {@link #compute(LeftStep, String)} where finding them again would cost more than keeping them.
   */
  LeftStep readLeft(List<Day> days, String runId);

  /** The output rows of the days of {@code input} that have left rows, computed by run {@code runId}. */
  ComputedStep compute(StepInput input, String runId);

  /**
   * The output rows of the days of {@code step} that have left rows, computed by run {@code runId} from the left rows
   * it kept; {@code step} stays open until they are written.
   */
  ComputedStep compute(LeftStep step, String runId);
}
