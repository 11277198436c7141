package io.tidemark.engine;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.ErrorCategory;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.Join;
import io.tidemark.api.definition.JoinPart;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.naming.Names;
import io.tidemark.api.naming.TableName;
import io.tidemark.api.validation.Problems;
import io.tidemark.catalog.TableProperties;
import io.tidemark.catalog.TableType;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.engine.plan.FillRange;
import io.tidemark.engine.spark.JoinAnalyzer;
import io.tidemark.engine.spark.JoinComputation;
import io.tidemark.engine.spark.StepInput;
import io.tidemark.engine.spark.StepWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Fills a join's output table with point-in-time-correct rows, one committed step at a time, for the left partitions
 * it does not have yet. {@link #plan} checks everything and decides what to do without writing; {@link #run} does it.
 * Rerunning is safe: filled partitions are skipped, and each step replaces exactly its own partitions.
 */
public final class JoinBackfill {
  private final TidemarkCatalog catalog;
  private final Join join;
  private final String file;
  private JoinComputation computation;

  public JoinBackfill(TidemarkCatalog catalog, Loaded<Join> join) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.join = join.definition();
    this.file = join.file();
  }

  /** Checks the join against its tables and decides which partitions to fill; writes nothing. */
  public BackfillPlan plan(BackfillRange range) {
    computation = JoinAnalyzer.analyze(catalog, join, file);
    TableName output = Names.joinOutputTable(join);
    Optional<Table> existing = catalog.loadTable(output);
    existing.ifPresent(this::checkOutputTable);
    SortedSet<String> done = existing.isPresent() ? catalog.partitions(output) : new TreeSet<>();
    String start = later(range.startDs(), join.left().query().startPartition());
    String end = earlier(range.endDs(), join.left().query().endPartition());
    FillRange fill = FillRange.plan(catalog.partitions(computation.leftTable()), done, start, end, range.stepDays());
    return new BackfillPlan(join.name(), output, existing.isPresent() ? OutputTableState.EXISTING : OutputTableState.NEW,
        computation.leftTable(), fill, describeParts());
  }

  /** Executes a plan made by {@link #plan} on this instance: one Iceberg commit per step. */
  public BackfillResult run(BackfillPlan plan, BackfillListener listener) {
    requireNonNull(computation, "Cannot run a backfill before planning it");
    long started = System.currentTimeMillis();
    String runId = UUID.randomUUID().toString();
    StepWriter writer = new StepWriter(catalog, plan.outputTable(), runId, createProperties());
    List<StepResult> results = new ArrayList<>();
    List<List<String>> steps = plan.fill().steps();
    for (int i = 0; i < steps.size(); i++) {
      List<String> step = steps.get(i);
      listener.stepStarted(i + 1, steps.size(), step);
      long stepStarted = System.currentTimeMillis();
      StepResult result = runStep(step, writer, stepStarted);
      results.add(result);
      listener.stepFinished(i + 1, steps.size(), result);
    }
    return new BackfillResult(runId, plan.outputTable(), results, System.currentTimeMillis() - started);
  }

  private StepResult runStep(List<String> step, StepWriter writer, long stepStarted) {
    StepInput input = computation.stepInput(step);
    long written = input.hasRows() ? writer.write(computation.compute(input), input.days()) : 0;
    return new StepResult(step, written, input.emptyDays(), System.currentTimeMillis() - stepStarted);
  }

  /** An existing output must be this join's, with exactly the columns the definition produces now. */
  private void checkOutputTable(Table table) {
    String owner = table.properties().get(TableProperties.DEFINITION);
    TableName output = Names.joinOutputTable(join);
    if (!join.name().equals(owner)) {
      throw new TidemarkException(ErrorCategory.INVALID_DEFINITION, "Cannot backfill " + join.name() + " into "
          + output + ": the table exists and was written " + (owner == null ? "by something else" : "for " + owner)
          + ". Fix: change metaData.outputNamespace or the join's name in " + file + ", or drop the table");
    }
    StructType expected = normalized(computation.outputSchema());
    StructType actual = normalized(SparkSchemaUtil.convert(table.schema()));
    if (!describe(expected).equals(describe(actual))) {
      Problems problems = new Problems();
      problems.error(file, "", "the definition now produces the columns " + describe(expected) + " but " + output
              + " has " + describe(actual) + "; changing an existing join's columns is not supported yet",
          "drop " + output + " to rebuild it, or give the changed join a new name (e.g. a .v2 suffix) to keep both");
      problems.throwIfErrors();
    }
  }

  /** The schema as Iceberg stores it (e.g. Spark's short becomes int), to compare like with like. */
  private static StructType normalized(StructType schema) {
    return SparkSchemaUtil.convert(SparkSchemaUtil.convert(schema));
  }

  private static String describe(StructType schema) {
    List<String> columns = new ArrayList<>();
    for (StructField field : schema.fields()) {
      columns.add(field.name() + " " + field.dataType().simpleString());
    }
    return String.join(", ", columns);
  }

  private Map<String, String> createProperties() {
    Map<String, String> properties = new LinkedHashMap<>(join.metaData().tableProperties());
    properties.put(TableProperties.TABLE_TYPE, TableType.JOIN.propertyValue());
    properties.put(TableProperties.DEFINITION, join.name());
    return properties;
  }

  private List<String> describeParts() {
    List<String> parts = new ArrayList<>();
    for (JoinPart part : join.joinParts()) {
      GroupBy groupBy = part.groupBy();
      String kind = groupBy.hasAggregations()
          ? groupBy.effectiveAccuracy() + " aggregations of events"
          : "snapshot columns as of the previous day";
      parts.add(groupBy.name() + ": " + Names.joinPartColumns(part).size() + " column(s), " + kind);
    }
    return parts;
  }

  private static String later(String a, String b) {
    return a == null ? b : b == null ? a : a.compareTo(b) >= 0 ? a : b;
  }

  private static String earlier(String a, String b) {
    return a == null ? b : b == null ? a : a.compareTo(b) <= 0 ? a : b;
  }
}
