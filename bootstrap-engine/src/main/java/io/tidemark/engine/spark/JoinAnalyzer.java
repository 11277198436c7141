package io.tidemark.engine.spark;

import io.tidemark.aggregator.InputKind;
import io.tidemark.aggregator.Operators;
import io.tidemark.aggregator.OutputShape;
import io.tidemark.api.definition.Aggregation;
import io.tidemark.api.definition.AggregationPart;
import io.tidemark.api.definition.DataModel;
import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.Join;
import io.tidemark.api.definition.JoinPart;
import io.tidemark.api.naming.Names;
import io.tidemark.api.validation.Problems;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.engine.plan.EngineSupport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Checks a join against the tables it reads, before anything runs: tables and columns exist, expressions resolve,
 * key types agree between the left and each part, and every operation takes its input's type. Every problem is
 * collected and reported at once, naming the definition file and field.
 */
public final class JoinAnalyzer {
  private final TidemarkCatalog catalog;
  private final String file;
  private final Problems problems = new Problems();

  private JoinAnalyzer(TidemarkCatalog catalog, String file) {
    this.catalog = catalog;
    this.file = file;
  }

  /** The computation of {@code join}, or an {@code InvalidDefinitionException} listing every problem found. */
  public static JoinComputation analyze(TidemarkCatalog catalog, Join join, String file) {
    return new JoinAnalyzer(catalog, file).analyze(join);
  }

  private JoinComputation analyze(Join join) {
    EngineSupport.check(join, file, problems);
    Optional<SourceScan> left = join.left().dataModel() == DataModel.EVENTS
        ? SourceScan.analyze(catalog, join.left(), SourceRole.LEFT, file, "left", problems)
        : Optional.empty();
    Map<String, DataType> leftColumns = left.map(scan -> columnTypes(scan.schema())).orElse(null);
    List<PartComputation> parts = new ArrayList<>();
    for (int p = 0; p < join.joinParts().size(); p++) {
      analyzePart(join.joinParts().get(p), "joinParts[" + p + "]", leftColumns, left).ifPresent(parts::add);
    }
    problems.throwIfErrors();
    return new JoinComputation(left.orElseThrow(), parts);
  }

  private Optional<PartComputation> analyzePart(
      JoinPart part, String path, Map<String, DataType> leftColumns, Optional<SourceScan> left) {
    GroupBy groupBy = part.groupBy();
    String groupByPath = path + ".groupBy";
    if (groupBy.hasAggregations() && groupBy.dataModel() == DataModel.ENTITIES) {
      return Optional.empty();
    }
    SourceRole role = groupBy.hasAggregations() ? SourceRole.EVENTS : SourceRole.SNAPSHOT;
    List<SourceScan> sources = new ArrayList<>();
    for (int s = 0; s < groupBy.sources().size(); s++) {
      SourceScan.analyze(catalog, groupBy.sources().get(s), role, file, groupByPath + ".sources[" + s + "]", problems)
          .ifPresent(sources::add);
    }
    if (sources.size() != groupBy.sources().size()) {
      return Optional.empty();
    }
    Map<String, DataType> columns = columnTypes(sources.get(0).schema());
    for (int s = 1; s < sources.size(); s++) {
      if (!columnTypes(sources.get(s).schema()).equals(columns)) {
        problems.error(file, groupByPath + ".sources[" + s + "]", "yields columns " + describe(sources.get(s).schema())
                + " but sources[0] yields " + describe(sources.get(0).schema()),
            "select the same columns with the same types in every source");
      }
    }
    int before = problems.errors().size();
    checkKeys(part, path, columns, sources.get(0), leftColumns, left);
    List<StructField> outputFields = new ArrayList<>();
    List<String> outputNames = Names.joinPartColumns(part);
    Map<String, DataType> inputTypes = new LinkedHashMap<>();
    Map<String, InputKind> inputKinds = new LinkedHashMap<>();
    if (groupBy.hasAggregations()) {
      for (int a = 0; a < groupBy.aggregations().size(); a++) {
        Aggregation aggregation = groupBy.aggregations().get(a);
        DataType outputType = aggregationType(aggregation, groupByPath + ".aggregations[" + a + "]", columns,
            sources.get(0), inputTypes, inputKinds);
        for (AggregationPart ignored : aggregation.unpack()) {
          outputFields.add(DataTypes.createStructField(outputNames.get(outputFields.size()),
              outputType == null ? DataTypes.NullType : outputType, true));
        }
      }
    } else {
      for (String value : groupBy.passThroughColumns().orElseThrow()) {
        outputFields.add(DataTypes.createStructField(outputNames.get(outputFields.size()), columns.get(value), true));
      }
    }
    for (StructField field : outputFields) {
      if (leftColumns != null && leftColumns.containsKey(field.name())) {
        problems.error(file, path, "writes column " + field.name() + ", which the left source has too",
            "set a \"prefix\" on " + path + ", or leave " + field.name() + " out of the left selects");
      }
    }
    if (problems.errors().size() > before) {
      return Optional.empty();
    }
    return Optional.of(groupBy.hasAggregations()
        ? new PointInTimeJoin(part, sources, inputTypes, inputKinds, outputFields)
        : new SnapshotLookup(part, sources, groupBy.passThroughColumns().orElseThrow(), outputFields));
  }

  private void checkKeys(JoinPart part, String path, Map<String, DataType> columns, SourceScan source,
      Map<String, DataType> leftColumns, Optional<SourceScan> left) {
    GroupBy groupBy = part.groupBy();
    for (String key : groupBy.keyColumns()) {
      DataType rightType = columns.get(key);
      if (rightType == null) {
        problems.error(file, path + ".groupBy.keyColumns", "key " + key + " is not a column of " + source.table(),
            "select " + key + " in the GroupBy's sources");
        continue;
      }
      if (leftColumns == null) {
        continue;
      }
      String leftColumn = part.leftColumnFor(key);
      DataType leftType = leftColumns.get(leftColumn);
      String leftTable = left.orElseThrow().table().toString();
      if (leftType == null) {
        problems.error(file, path, "left column " + leftColumn + " (for key " + key + " of " + groupBy.name()
                + ") is not a column of " + leftTable,
            "select " + leftColumn + " on the left, or map another left column to " + key + " with keyMapping");
      } else if (!leftType.sameType(rightType)) {
        problems.error(file, path + ".groupBy.keyColumns", "key " + key + " is " + rightType.simpleString() + " in "
                + source.table() + " but " + leftColumn + " is " + leftType.simpleString() + " in " + leftTable,
            "make the types equal in a select, e.g. \"" + key + "\": \"CAST(" + key + " AS "
                + leftType.simpleString().toUpperCase(Locale.ROOT) + ")\"");
      }
    }
  }

  /** The output type of an aggregation over its input column, or null (with the problem reported). */
  private DataType aggregationType(Aggregation aggregation, String path, Map<String, DataType> columns,
      SourceScan source, Map<String, DataType> inputTypes, Map<String, InputKind> inputKinds) {
    String input = aggregation.inputColumn();
    DataType inputType = columns.get(input);
    if (inputType == null) {
      problems.error(file, path + ".inputColumn", input + " is not a column of " + source.table(),
          "select " + input + " in the GroupBy's sources, or aggregate an existing column");
      return null;
    }
    Optional<InputKind> kind = SparkTypes.inputKind(inputType);
    Optional<OutputShape> shape = kind.flatMap(k -> Operators.outputShape(aggregation.operation(), k));
    if (shape.isEmpty()) {
      if (Operators.isImplemented(aggregation.operation())) {
        problems.error(file, path + ".operation", aggregation.operation() + " cannot aggregate " + input
                + ", a column of type " + inputType.simpleString() + " (it takes "
                + Operators.acceptedInputs(aggregation.operation()) + ")",
            "aggregate another column, or convert this one in the selects, e.g. \"CAST(" + input + " AS DOUBLE)\"");
      }
      return null;
    }
    inputTypes.put(input, inputType);
    inputKinds.put(input, kind.orElseThrow());
    return SparkTypes.outputType(shape.orElseThrow(), inputType);
  }

  private static Map<String, DataType> columnTypes(StructType schema) {
    Map<String, DataType> types = new LinkedHashMap<>();
    for (StructField field : schema.fields()) {
      types.put(field.name(), field.dataType());
    }
    return types;
  }

  private static String describe(StructType schema) {
    return schema.simpleString();
  }
}
