package io.tidemark.labels;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.definition.LabelPart;
import io.tidemark.api.naming.Names;
import io.tidemark.engine.compute.BoundJoin;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A join's label part bound to its tables: each label's GroupBy analyzed against its sources, the label table's
 * columns, and the output's row key columns the label table repeats. Planning makes it; running only reads it.
 */
public final class LabelComputation {
  private final LabelPart labelPart;
  private final List<BoundJoin> computations;
  private final List<StructField> labelFields;
  private final List<StructField> rowKeyFields;

  LabelComputation(LabelPart labelPart, List<BoundJoin> computations, List<StructField> labelFields,
      List<StructField> rowKeyFields) {
    this.labelPart = requireNonNull(labelPart, "labelPart is null");
    this.computations = List.copyOf(computations);
    this.labelFields = List.copyOf(labelFields);
    this.rowKeyFields = List.copyOf(rowKeyFields);
  }

  LabelPart labelPart() {
    return labelPart;
  }

  /** Each label's GroupBy, bound, in the label part's order. */
  List<BoundJoin> computations() {
    return computations;
  }

  /** The label columns this definition writes, in order. */
  List<StructField> labelFields() {
    return labelFields;
  }

  /** The label table of a new table: the row key, the labels, {@code label_ds}, {@code ds}. */
  StructType tableSchema() {
    List<StructField> fields = new ArrayList<>(rowKeyFields);
    fields.addAll(labelFields);
    fields.add(DataTypes.createStructField(Names.LABEL_DS_COLUMN, DataTypes.StringType, true));
    fields.add(DataTypes.createStructField(Names.PARTITION_COLUMN, DataTypes.StringType, true));
    return DataTypes.createStructType(fields);
  }
}
