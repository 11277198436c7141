package io.tidemark.engine;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.Join;
import io.tidemark.api.definition.JoinPart;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.naming.Names;
import io.tidemark.api.naming.TableName;
import io.tidemark.api.validation.Problems;
import io.tidemark.catalog.CoverageLedger;
import io.tidemark.catalog.TableProperties;
import io.tidemark.catalog.TableType;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.engine.plan.FillRange;
import io.tidemark.engine.spark.ComputedStep;
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
import org.apache.iceberg.Table;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Fills a join's output table with point-in-time-correct rows, one committed step at a time, for the left partitions
 * it does not have yet. Values come from the bootstrap sources where they cover a row, and are computed for the rest.
 * {@link #plan} checks everything, the data included, and decides what to do without writing; {@link #run} does it.
 * Rerunning is safe: filled partitions (and left partitions that yielded no rows) are skipped, and each step merges
 * its rows on their row keys.
 */
public final class JoinBackfill implements Backfill {
  private final TidemarkCatalog catalog;
  private final Join join;
  private final String file;
  private JoinComputation computation;

  public JoinBackfill(TidemarkCatalog catalog, Loaded<Join> join) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.join = join.definition();
    this.file = join.file();
  }

  /** Checks the join against its tables and data, and decides which partitions to fill; writes nothing. */
  @Override
  public BackfillPlan plan(BackfillRange range) {
    computation = JoinAnalyzer.analyze(catalog, join, file);
    TableName output = Names.joinOutputTable(join);
    Optional<Table> existing = catalog.loadTable(output);
    existing.ifPresent(table -> {
      OutputTables.checkOwner(table, output, join.name(), file);
      OutputTables.checkColumns(table, output, computation.outputSchema(), file);
    });
    SortedSet<String> done = new TreeSet<>();
    existing.ifPresent(table -> {
      done.addAll(catalog.partitions(output));
      done.addAll(OutputTables.emptyPartitions(table));
    });
    String start = later(range.startDs(), join.left().query().startPartition());
    String end = earlier(range.endDs(), join.left().query().endPartition());
    TableName left = TableName.parse(join.left().table());
    FillRange fill = FillRange.plan(catalog.partitions(left), done, start, end, range.stepDays());
    Problems problems = new Problems();
    computation.checkRowIds(fill.missing(), file, problems);
    problems.throwIfErrors();
    return new BackfillPlan("Join", join.name(), output,
        existing.isPresent() ? OutputTableState.EXISTING : OutputTableState.NEW,
        computation.describeLeft(), fill, describeParts());
  }

  @Override
  public BackfillResult run(BackfillPlan plan, BackfillListener listener) {
    requireNonNull(computation, "Cannot run a backfill before planning it");
    Map<String, String> properties = new LinkedHashMap<>(join.metaData().tableProperties());
    properties.put(TableProperties.TABLE_TYPE, TableType.JOIN.propertyValue());
    properties.put(TableProperties.DEFINITION, join.name());
    StepWriter writer = StepWriter.mergingOn(catalog, plan.outputTable(), properties, Names.rowKeyColumns(join));
    return BackfillSteps.run(plan, listener, (runId, step) -> {
      StepInput input = computation.stepInput(step);
      long written = 0;
      Optional<CoverageLedger> coverage = Optional.empty();
      if (input.hasRows()) {
        try (ComputedStep computed = computation.compute(input)) {
          written = writer.write(computed.rows(), input.days(), runId,
              Map.of(TableProperties.COVERAGE, computed.coverage().toJson()));
          coverage = Optional.of(computed.coverage());
        }
      }
      if (!input.emptyDays().isEmpty()) {
        if (!catalog.tableExists(plan.outputTable())) {
          // The table is created without rows, so that it can record the days.
          Dataset<Row> noRows = catalog.spark().createDataFrame(List.of(), computation.outputSchema());
          writer.write(noRows, input.emptyDays(), runId);
        }
        OutputTables.recordEmptyPartitions(catalog.loadTable(plan.outputTable()).orElseThrow(), input.emptyDays());
      }
      return new BackfillSteps.StepOutcome(written, input.emptyDays(), coverage);
    });
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
    computation.describeBootstraps().forEach(bootstrap -> parts.add("bootstrap from " + bootstrap));
    return parts;
  }

  private static String later(String a, String b) {
    return a == null ? b : b == null ? a : a.compareTo(b) >= 0 ? a : b;
  }

  private static String earlier(String a, String b) {
    return a == null ? b : b == null ? a : a.compareTo(b) <= 0 ? a : b;
  }
}
