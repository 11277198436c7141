package io.tidemark.labels;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.naming.Names;
import io.tidemark.api.naming.TableName;
import io.tidemark.catalog.TableProperties;
import io.tidemark.catalog.TidemarkCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.ViewCatalog;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes a join's {@code _labeled} and {@code _labeled_latest} views to the catalog with Iceberg's view API: one
 * {@code spark} and one {@code trino} SQL representation each, the catalog's own name as the default catalog (the one
 * name Spark and Trino share) and the join's namespace as the default namespace. Each write replaces the view's
 * definition in one atomic commit, so readers see the old columns or the new ones.
 */
final class LabelViews {
  private final TidemarkCatalog catalog;

  LabelViews(TidemarkCatalog catalog) {
    this.catalog = requireNonNull(catalog, "catalog is null");
  }

  /** Creates or replaces both views over {@code output} and {@code labels}, whose columns they list. */
  void replace(String definition, Table output, TableName outputName, Table labels, TableName labelName,
      TableName labeledView, TableName labeledLatestView, List<String> rowKeyColumns) {
    StructType outputSchema = SparkSchemaUtil.convert(output.schema());
    List<StructField> labelColumns = LabelTable.labelColumns(labels, rowKeyColumns);
    LabeledViewSql sql = new LabeledViewSql(outputName.name(), labelName.name(), List.of(outputSchema.fieldNames()),
        rowKeyColumns, labelColumns.stream().map(StructField::name).toList());
    List<StructField> fields = new ArrayList<>(List.of(outputSchema.fields()));
    labelColumns.forEach(field -> fields.add(DataTypes.createStructField(Names.labeledViewColumn(field.name()),
        field.dataType(), true)));
    fields.add(DataTypes.createStructField(Names.LABEL_DS_COLUMN, DataTypes.StringType, true));
    StructType schema = DataTypes.createStructType(fields);
    Map<String, String> properties = Map.of(TableProperties.DEFINITION, definition,
        TableProperties.FEATURE_TABLE, outputName.toString(),
        TableProperties.LABEL_TABLE, labelName.toString());
    write(labeledView, schema, sql::labeled, properties);
    write(labeledLatestView, schema, sql::labeledLatest, properties);
  }

  private void write(TableName view, StructType schema, Function<SqlDialect, String> query,
      Map<String, String> properties) {
    Namespace namespace = Namespace.of(view.namespace().split("\\."));
    viewCatalog().buildView(LabelTable.identifier(view))
        .withSchema(SparkSchemaUtil.convert(schema))
        .withDefaultCatalog(catalog.config().name())
        .withDefaultNamespace(namespace)
        .withQuery(SqlDialect.SPARK.viewDialect(), query.apply(SqlDialect.SPARK))
        .withQuery(SqlDialect.TRINO.viewDialect(), query.apply(SqlDialect.TRINO))
        .withProperties(properties)
        .createOrReplace();
  }

  private ViewCatalog viewCatalog() {
    Catalog iceberg = catalog.icebergCatalog();
    if (iceberg instanceof ViewCatalog views) {
      return views;
    }
    throw new TidemarkException(ErrorCode.VIEWS_NOT_SUPPORTED, "Cannot write the labeled views: " + catalog.config()
        .describe() + " does not store views. Fix: use a catalog with views (the embedded catalog, or Nessie or "
        + "REST with views enabled)");
  }
}
