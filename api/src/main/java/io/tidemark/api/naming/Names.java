package io.tidemark.api.naming;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.definition.AggregationPart;
import io.tidemark.api.definition.ExternalPart;
import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.Join;
import io.tidemark.api.definition.JoinPart;
import io.tidemark.api.definition.LabelPart;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every naming rule for what Tidemark writes, in one place, matching Chronon's so that existing queries keep working:
 * <ul>
 *   <li>join output table: {@code <outputNamespace>.<cleanName(join name)>};
 *   <li>aggregation column: {@code <input>_<operation>[k][_<window>][_by_<bucket>]}, e.g.
 *       {@code purchase_price_sum_30d}, {@code purchase_price_last10}, {@code price_sum_7d_by_merchant};
 *   <li>join part column: {@code [<prefix>_]<cleanName(groupBy name)>_<GroupBy column>}; label columns likewise;
 *   <li>a join's labels: the table {@code <output>_labels} and the views {@code <output>_labeled} and
 *       {@code <output>_labeled_latest}, where label columns read {@code label_<column>} unless they start with
 *       {@code label}.
 * </ul>
 */
public final class Names {
  /** The partition column of every table Tidemark reads and writes: the day, {@code yyyy-MM-dd} in UTC. */
  public static final String PARTITION_COLUMN = "ds";
  /** The event time column of the join's left side and of its output, in epoch milliseconds. */
  public static final String TIME_COLUMN = "ts";
  /**
   * The output column that identifies a row of a join without row ids: a hash of the left row's values and its
   * occurrence number among identical rows of its day.
   */
  public static final String ROW_KEY_COLUMN = "tidemark_row_key";
  /**
   * The output column that says where each value of a row came from: a map from column name to its source, e.g.
   * {@code bootstrap data.scores}, {@code log data.training_set_logged}, {@code left}, or {@code computed <run id>}.
   */
  public static final String PROVENANCE_COLUMN = "tidemark_provenance";
  /** What an archived table's name adds to the table it was archived from, before the time of archiving. */
  public static final String ARCHIVE_INFIX = "_archived_";
  /** The time of archiving in an archive's name, in UTC. */
  public static final DateTimeFormatter ARCHIVE_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
      .withZone(ZoneOffset.UTC);
  /** The suffix of a join's log table, which holds the feature values its online requests logged. */
  public static final String LOG_TABLE_SUFFIX = "_logged";
  /** The column of a log table that names the logging schema version each row was logged under. */
  public static final String LOG_SCHEMA_HASH_COLUMN = "schema_hash";

  /** The column of a label table and of the labeled views that names the label version: the day labels were read. */
  public static final String LABEL_DS_COLUMN = "label_ds";
  /** What a label column's name in the labeled views starts with. */
  public static final String LABEL_PREFIX = "label";

  private static final Pattern UNCLEAN = Pattern.compile("[^a-zA-Z0-9_]");

  private Names() {}

  /** Chronon's cleanName: every character outside {@code [a-zA-Z0-9_]} becomes {@code _}. */
  public static String cleanName(String name) {
    return UNCLEAN.matcher(requireNonNull(name, "name is null")).replaceAll("_");
  }

  /** The join's output table; the join must have an output namespace (validation makes sure). */
  public static TableName joinOutputTable(Join join) {
    return new TableName(join.metaData().outputNamespace(), cleanName(join.name()));
  }

  /** The table of values logged for the join's online requests, which {@code bootstrapFromLog} reads. */
  public static TableName logTable(Join join) {
    TableName output = joinOutputTable(join);
    return new TableName(output.namespace(), output.name() + LOG_TABLE_SUFFIX);
  }

  /**
   * Where a GroupBy's daily partial aggregates are kept: {@code <outputNamespace>.<name>_partials}; the GroupBy must
   * have an output namespace (validation makes sure when it reads partials).
   */
  public static TableName partialsTable(GroupBy groupBy) {
    return new TableName(groupBy.metaData().outputNamespace(), cleanName(groupBy.name()) + "_partials");
  }

  /** The table of the join's logging schema versions, one row each: {@code <output>_log_schemas}. */
  public static TableName logSchemaTable(Join join) {
    return suffixed(join, "_log_schemas");
  }

  /** The table of the join's online/offline consistency metrics: {@code <output>_consistency}. */
  public static TableName consistencyTable(Join join) {
    return suffixed(join, "_consistency");
  }

  /** The table of a join's labels, one version per {@code label_ds}: {@code <output>_labels}. */
  public static TableName labelTable(Join join) {
    return suffixed(join, "_labels");
  }

  /** The view of a join's rows with every label version: {@code <output>_labeled}. */
  public static TableName labeledView(Join join) {
    return suffixed(join, "_labeled");
  }

  /** The view of a join's rows with the newest label version of each day: {@code <output>_labeled_latest}. */
  public static TableName labeledLatestView(Join join) {
    return suffixed(join, "_labeled_latest");
  }

  /** The label columns of a label part, in order: each label's columns named like a join part's. */
  public static List<String> labelColumns(LabelPart labelPart) {
    List<String> columns = new ArrayList<>();
    labelPart.labels().forEach(label -> columns.addAll(joinPartColumns(label)));
    return List.copyOf(columns);
  }

  /** A label column's name in the labeled views: {@code label_<column>}, unless it starts with {@code label}. */
  public static String labeledViewColumn(String labelColumn) {
    requireNonNull(labelColumn, "labelColumn is null");
    return labelColumn.startsWith(LABEL_PREFIX) ? labelColumn : LABEL_PREFIX + "_" + labelColumn;
  }

  private static TableName suffixed(Join join, String suffix) {
    TableName output = joinOutputTable(join);
    return new TableName(output.namespace(), output.name() + suffix);
  }

  /** Where {@code table} is kept when archived at {@code time}: {@code <table>_archived_<yyyyMMddHHmmss>}. */
  public static TableName archiveTable(TableName table, Instant time) {
    return new TableName(table.namespace(), table.name() + ARCHIVE_INFIX + ARCHIVE_TIME.format(time));
  }

  /**
   * The columns that identify each row of a join's output, on which fills are merged (with {@code ds}): the row ids,
   * or {@link #ROW_KEY_COLUMN} when the join declares none.
   */
  public static List<String> rowKeyColumns(Join join) {
    return join.rowIds().isEmpty() ? List.of(ROW_KEY_COLUMN) : join.rowIds();
  }

  /**
   * The output columns of an external part: {@code ext_[<prefix>_]<name>_<field>} for each value field; for a part
   * with an offline GroupBy, for each of the GroupBy's columns, as Chronon names them.
   */
  public static List<String> externalColumns(ExternalPart part) {
    Optional<JoinPart> offline = part.offlinePart();
    if (offline.isPresent()) {
      return joinPartColumns(offline.get());
    }
    String source = externalColumnPrefix(part);
    return part.valueFields().stream().map(field -> source + "_" + field.name()).toList();
  }

  /** What an external part's columns start with: {@code ext_[<prefix>_]<name>}. */
  public static String externalColumnPrefix(ExternalPart part) {
    return "ext_" + (part.prefix() == null ? "" : part.prefix() + "_") + cleanName(part.name());
  }

  /** The name of one aggregation output column inside its GroupBy. */
  public static String aggregationColumn(AggregationPart part) {
    StringBuilder name = new StringBuilder(part.inputColumn()).append('_').append(part.operation().suffix());
    if (part.operation().isSizedByK()) {
      name.append(part.k());
    }
    if (part.window() != null) {
      name.append('_').append(part.window().suffix());
    }
    if (part.bucket() != null) {
      name.append("_by_").append(part.bucket());
    }
    return name.toString();
  }

  /**
   * The prefix of a join part's columns: {@code [<prefix>_]<cleanName(groupBy name)>}, or the part's own column prefix
   * (an external part's offline GroupBy's).
   */
  public static String joinPartPrefix(JoinPart part) {
    if (part.columnPrefix() != null) {
      return part.columnPrefix();
    }
    String groupByName = cleanName(part.groupBy().name());
    return part.prefix() == null ? groupByName : part.prefix() + "_" + groupByName;
  }

  /**
   * The GroupBy's value columns before the join prefix: one per aggregation part, or the pass-through columns of a
   * GroupBy without aggregations (empty when its source selects every column).
   */
  public static List<String> groupByValueColumns(GroupBy groupBy) {
    if (groupBy.hasAggregations()) {
      return groupBy.aggregationParts().stream().map(Names::aggregationColumn).toList();
    }
    return groupBy.passThroughColumns().orElse(List.of());
  }

  /** The columns a join part adds to the join output, in order. */
  public static List<String> joinPartColumns(JoinPart part) {
    String prefix = joinPartPrefix(part);
    List<String> columns = new ArrayList<>();
    for (String column : groupByValueColumns(part.groupBy())) {
      columns.add(prefix + "_" + column);
    }
    return List.copyOf(columns);
  }
}
