package io.tidemark.cli.reliability;

import io.tidemark.api.naming.TableName;
import io.tidemark.catalog.TidemarkCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableMetadataParser;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

/**
 * What tables hold, compared in tests: a table's state is its current schema's columns plus the rows of its current
 * snapshot, made comparable across runs (sorted rows, sorted map entries, run ids masked, since every run has its own).
 */
final class TableStates {
  private static final Pattern RUN_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  /** A table as one commit left it; {@link #ABSENT} before the table exists. */
  record State(List<String> columns, List<String> rows) {
    static final State ABSENT = new State(List.of(), List.of());

    @Override
    public String toString() {
      return this == ABSENT || equals(ABSENT) ? "(no table)" : columns + " with " + rows.size() + " row(s)";
    }
  }

  private final TidemarkCatalog catalog;

  TableStates(TidemarkCatalog catalog) {
    this.catalog = catalog;
  }

  /** The table's state now. */
  State current(TableName table) {
    return catalog.loadTable(table).map(loaded -> state(table, metadata(loaded))).orElse(State.ABSENT);
  }

  /**
   * Every state the table went through, one per commit, oldest first, starting from {@link State#ABSENT}: read from
   * the metadata files of its commits, so schema and property changes count as well as snapshots.
   */
  List<State> history(TableName table) {
    Table loaded = catalog.loadTable(table).orElseThrow();
    TableMetadata current = metadata(loaded);
    List<State> states = new ArrayList<>();
    states.add(State.ABSENT);
    List<TableMetadata> commits = new ArrayList<>();
    for (TableMetadata.MetadataLogEntry entry : current.previousFiles()) {
      commits.add(TableMetadataParser.read(loaded.io(), entry.file()));
    }
    commits.add(current);
    for (TableMetadata commit : commits) {
      State state = state(table, commit);
      if (!state.equals(states.get(states.size() - 1))) {
        states.add(state);
      }
    }
    return states;
  }

  /** Every table of the catalog outside {@code excludedNamespace}, with the metadata file of its current commit. */
  Map<String, String> commitsOutside(String excludedNamespace) {
    Map<String, String> commits = new TreeMap<>();
    SupportsNamespaces namespaces = (SupportsNamespaces) catalog.icebergCatalog();
    for (Namespace namespace : namespaces.listNamespaces()) {
      if (namespace.toString().equals(excludedNamespace)) {
        continue;
      }
      for (TableIdentifier identifier : catalog.icebergCatalog().listTables(namespace)) {
        Table table = catalog.icebergCatalog().loadTable(identifier);
        commits.put(identifier.toString(), metadata(table).metadataFileLocation());
      }
    }
    return commits;
  }

  /** The table's rows now, under its current schema. */
  List<String> rows(TableName table) {
    return rows(catalog.spark().table(catalog.sqlName(table)).collectAsList());
  }

  private State state(TableName table, TableMetadata metadata) {
    List<String> columns = metadata.schema().columns().stream().map(Types.NestedField::name).toList();
    if (metadata.currentSnapshot() == null) {
      return new State(columns, List.of());
    }
    List<Row> rows = catalog.spark().sql("SELECT * FROM " + catalog.sqlName(table) + " VERSION AS OF "
        + metadata.currentSnapshot().snapshotId()).collectAsList();
    return new State(columns, rows(rows));
  }

  private static TableMetadata metadata(Table table) {
    return ((HasTableOperations) table).operations().current();
  }

  private static List<String> rows(List<Row> rows) {
    List<String> texts = new ArrayList<>();
    for (Row row : rows) {
      texts.add(RUN_ID.matcher(canonical(row).toString()).replaceAll("<run>"));
    }
    texts.sort(null);
    return texts;
  }

  private static Object canonical(Object value) {
    if (value instanceof Row row) {
      Map<String, Object> fields = new TreeMap<>();
      StructField[] schema = row.schema().fields();
      for (int i = 0; i < schema.length; i++) {
        fields.put(schema[i].name(), canonical(row.get(i)));
      }
      return fields;
    }
    if (value instanceof scala.collection.Map<?, ?> map) {
      Map<String, Object> entries = new TreeMap<>();
      map.foreach(entry -> entries.put(String.valueOf(entry._1()), canonical(entry._2())));
      return entries;
    }
    if (value instanceof scala.collection.Seq<?> seq) {
      List<Object> elements = new ArrayList<>();
      seq.foreach(element -> elements.add(canonical(element)));
      return elements;
    }
    return value;
  }
}
