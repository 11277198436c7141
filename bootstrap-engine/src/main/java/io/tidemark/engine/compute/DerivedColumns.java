package io.tidemark.engine.compute;

import static io.tidemark.catalog.SparkSql.quote;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.Location;
import io.tidemark.api.definition.Derivation;
import io.tidemark.api.validation.Problems;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NullType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A definition's derivations, checked against the columns they are computed from: each expression resolves on one row
 * of the base output (Spark's analysis, before anything is read or written) to one value with a type a table can
 * store. The output's value columns become the derivations' columns, in order, the derivation {@code *} standing for
 * the base value columns that no derivation uses verbatim as its expression (those are renamed, as in Chronon). Every
 * other column (keys, times, {@code ds}, Tidemark's own) is kept as it is; a derivation named like one of the left's
 * columns fills that column where it is NULL ({@code coalesce(left, expression)}, as in Chronon).
 */
public final class DerivedColumns {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Map<String, String> expressions;
  private final Map<String, String> leftFills;
  private final List<StructField> valueFields;

  private DerivedColumns(Map<String, String> expressions, Map<String, String> leftFills,
      List<StructField> valueFields) {
    this.expressions = expressions;
    this.leftFills = leftFills;
    this.valueFields = List.copyOf(valueFields);
  }

  /**
   * Checks {@code derivations} (found at {@code at}, e.g. {@code derivations}) against
   * {@code base}, the columns of one output row before derivation, of which {@code valueColumns} are the values they
   * replace. Empty, with every problem reported, when some derivation does not resolve.
   */
  public static Optional<DerivedColumns> analyze(SparkSession spark, List<Derivation> derivations, StructType base,
      Set<String> valueColumns, Location at, Problems problems) {
    Dataset<Row> empty = spark.createDataFrame(List.of(), base);
    Set<String> verbatim = new LinkedHashSet<>();
    derivations.forEach(derivation -> verbatim.add(derivation.expression()));
    Map<String, StructField> baseFields = new LinkedHashMap<>();
    for (StructField field : base.fields()) {
      baseFields.put(field.name(), field);
    }
    Map<String, String> expressions = new LinkedHashMap<>();
    Map<String, String> leftFills = new LinkedHashMap<>();
    List<StructField> fields = new ArrayList<>();
    Set<String> kept = new LinkedHashSet<>();
    boolean valid = true;
    for (Derivation derivation : derivations) {
      if (derivation.isStar()) {
        valueColumns.stream().filter(column -> !verbatim.contains(column)).forEach(column -> {
          kept.add(column);
          fields.add(baseFields.get(column));
        });
      }
    }
    for (int i = 0; i < derivations.size(); i++) {
      Derivation derivation = derivations.get(i);
      if (derivation.isStar()) {
        continue;
      }
      Location field = at.index(i);
      String name = derivation.name();
      if (kept.stream().anyMatch(column -> column.equalsIgnoreCase(name))) {
        problems.error(ErrorCode.DUPLICATE_COLUMN, field.field("name"), name
            + " is a base column that * keeps already",
            "give the derived column another name");
        valid = false;
        continue;
      }
      Optional<String> other = Arrays.stream(base.fieldNames())
          .filter(column -> column.equalsIgnoreCase(name) && !valueColumns.contains(column)).findFirst();
      if (other.isPresent() && derivation.isIdentity()) {
        // The output keeps the column anyway; in Chronon the left's value wins over a derivation of its name.
        continue;
      }
      if (other.isPresent()) {
        // As in Chronon, a derivation named like a column the output keeps (a left column) fills it where it is NULL.
        Optional<DataType> type = type(empty, derivation, base, field.field("expression"), problems);
        if (type.isEmpty() || !fills(empty, other.get(), derivation, field.field("expression"), problems)) {
          valid = false;
          continue;
        }
        leftFills.put(other.get(), derivation.expression());
        continue;
      }
      if (valueColumns.contains(name) && !derivation.isIdentity()) {
        problems.error(ErrorCode.DUPLICATE_COLUMN, field.field("name"), name
            + " is a base column already, so a derivation of that name would "
            + "hide its value", "give the derived column another name, or write {\"name\": \"" + name
            + "\", \"expression\": \"" + name + "\"} to keep the column as it is");
        valid = false;
        continue;
      }
      Optional<DataType> type = type(empty, derivation, base, field.field("expression"), problems);
      if (type.isEmpty()) {
        valid = false;
        continue;
      }
      expressions.put(name, derivation.expression());
      fields.add(DataTypes.createStructField(name, type.get(), true));
    }
    List<StructField> ordered = new ArrayList<>();
    for (Derivation derivation : derivations) {
      if (derivation.isStar()) {
        fields.stream().filter(f -> kept.contains(f.name())).forEach(ordered::add);
      } else {
        fields.stream().filter(f -> f.name().equals(derivation.name())).forEach(ordered::add);
      }
    }
    return valid ? Optional.of(new DerivedColumns(expressions, leftFills, ordered)) : Optional.empty();
  }

  /** Whether {@code column}, a column the output keeps, can be filled by the derivation (one common type). */
  private static boolean fills(Dataset<Row> empty, String column, Derivation derivation, Location field,
      Problems problems) {
    try {
      empty.select(coalesce(col(quote(column)), expr(derivation.expression()))).schema();
      return true;
    } catch (Exception e) {
      problems.error(ErrorCode.INVALID_EXPRESSION, field, "\"" + derivation.expression()
          + "\" cannot fill the kept column " + column + " of "
          + "type " + empty.schema().apply(column).dataType().simpleString() + " where it is NULL: "
          + AnalysisMessages.of(AnalysisMessages.analysisFailure(e)), "derive a value of the column's type, e.g. "
          + "\"CAST(" + derivation.expression() + " AS " + empty.schema().apply(column).dataType().sql() + ")\", or "
          + "give the derived column another name");
      return false;
    }
  }

  /** The type of one derivation's value, or empty with its problem reported. */
  private static Optional<DataType> type(Dataset<Row> empty, Derivation derivation, StructType base, Location field,
      Problems problems) {
    String expression = derivation.expression();
    String fix = "write a Spark SQL expression over one row's columns (" + String.join(", ", base.fieldNames())
        + ")";
    Dataset<Row> derived;
    try {
      derived = empty.select(expr(expression).as(derivation.name()));
    } catch (Exception e) {
      String problem = AnalysisMessages.of(AnalysisMessages.analysisFailure(e));
      boolean missing = IDENTIFIER.matcher(expression).matches()
          && Arrays.stream(base.fieldNames()).noneMatch(name -> name.equalsIgnoreCase(expression));
      problems.error(missing ? ErrorCode.MISSING_COLUMN : ErrorCode.INVALID_EXPRESSION, field, missing
          ? "column " + expression + " is not a column of the output before "
          + "derivation" : "\"" + expression + "\" cannot be evaluated on the output's columns: " + problem, fix);
      return Optional.empty();
    }
    // The classic Dataset is what a session of this process makes; its analyzed plan tells a projection from the rest.
    Optional<String> notPerRow =
        notPerRow(((org.apache.spark.sql.classic.Dataset<Row>) derived).queryExecution().analyzed());
    if (notPerRow.isPresent()) {
      problems.error(ErrorCode.INVALID_EXPRESSION, field, "\"" + expression + "\" " + notPerRow.get()
          + ", but a derivation computes one "
          + "value per row from that row's columns", "derive from one row's columns only, e.g. with CASE WHEN, "
          + "COALESCE or arithmetic (aggregate in the GroupBy instead)");
      return Optional.empty();
    }
    DataType type = derived.schema().fields()[0].dataType();
    if (type instanceof NullType) {
      problems.error(ErrorCode.INVALID_EXPRESSION, field, "\"" + expression
          + "\" is NULL without a type, which a table column cannot hold",
          "give it a type, e.g. \"CAST(NULL AS DOUBLE)\"");
      return Optional.empty();
    }
    try {
      SparkSchemaUtil.convert(derived.schema());
    } catch (RuntimeException e) {
      problems.error(ErrorCode.TYPE_MISMATCH, field, "\"" + expression + "\" is of type " + type.simpleString()
          + ", which a table "
          + "column cannot hold", "convert it to a type tables hold, e.g. \"CAST(" + expression + " AS STRING)\"");
      return Optional.empty();
    }
    return Optional.of(type);
  }

  /**
   * What makes a plan more than one value per row, if anything: an aggregate, a window function or a generator
   * anywhere in it (Spark plans the last two under a projection).
   */
  private static Optional<String> notPerRow(LogicalPlan plan) {
    String what = switch (plan.nodeName()) {
      case "Aggregate" -> "aggregates rows";
      case "Window" -> "is a window function";
      case "Generate" -> "generates rows";
      default -> null;
    };
    if (what != null) {
      return Optional.of(what);
    }
    for (LogicalPlan child : CollectionConverters.asJava(plan.children())) {
      Optional<String> found = notPerRow(child);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** The output's value columns after derivation, in order: those {@code *} keeps and the derived ones. */
  public List<StructField> valueFields() {
    return valueFields;
  }

  /**
   * For people: the output's value columns after derivation with their types, e.g.
   * {@code derived columns: spend_per_order double, user_spend_sum_7d bigint (kept by *)}.
   */
  public String describe() {
    return "derived columns: " + valueFields.stream()
        .map(field -> field.name() + " " + field.dataType().simpleString()
            + (expressions.containsKey(field.name()) ? "" : " (kept by *)"))
        .collect(Collectors.joining(", "))
        + (leftFills.isEmpty() ? "" : "; filled where NULL: " + String.join(", ", leftFills.keySet()));
  }

  /** The names of the computed columns (not those {@code *} keeps), in order. */
  public Set<String> derivedNames() {
    return expressions.keySet();
  }

  /**
   * The output schema of {@code base} after derivation: its columns before the first of {@code trailing} that are not
   * {@code valueColumns}, then {@link #valueFields}, then the {@code trailing} ones (e.g. the row key, provenance and
   * {@code ds}).
   */
  public StructType outputSchema(StructType base, Set<String> valueColumns, Set<String> trailing) {
    List<StructField> fields = new ArrayList<>();
    for (StructField field : base.fields()) {
      if (!valueColumns.contains(field.name()) && !trailing.contains(field.name())) {
        fields.add(field);
      }
    }
    fields.addAll(valueFields);
    for (StructField field : base.fields()) {
      if (trailing.contains(field.name())) {
        fields.add(field);
      }
    }
    return DataTypes.createStructType(fields);
  }

  /**
   * {@code rows} projected to {@code output} (an {@link #outputSchema}): a derived column is its expression, or its
   * {@code bootstrapped} value where one is not NULL; a column in {@code replaced} is that column; any other is taken
   * from {@code rows} as it is.
   */
  public Dataset<Row> apply(Dataset<Row> rows, StructType output, Map<String, Column> bootstrapped,
      Map<String, Column> replaced) {
    List<Column> columns = new ArrayList<>();
    for (StructField field : output.fields()) {
      String name = field.name();
      String expression = expressions.get(name);
      if (replaced.containsKey(name)) {
        columns.add(replaced.get(name).as(name));
      } else if (leftFills.containsKey(name)) {
        columns.add(coalesce(col(quote(name)), expr(leftFills.get(name))).cast(field.dataType()).as(name));
      } else if (expression == null) {
        columns.add(col(quote(name)));
      } else if (bootstrapped.containsKey(name)) {
        columns.add(coalesce(bootstrapped.get(name), expr(expression).cast(field.dataType())).as(name));
      } else {
        columns.add(expr(expression).as(name));
      }
    }
    return rows.select(columns.toArray(Column[]::new));
  }
}
