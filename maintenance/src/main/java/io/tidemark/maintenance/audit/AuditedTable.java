package io.tidemark.maintenance.audit;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.Join;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.naming.Names;
import io.tidemark.api.naming.TableName;
import io.tidemark.catalog.TidemarkCatalog;
import java.util.List;
import org.apache.iceberg.Table;

/**
 * A table under audit: where it lives and which columns identify its rows (with {@code ds}). Its Iceberg metadata is
 * loaded afresh on every {@link #table()}, so a tag created a moment ago or a commit made since is seen.
 */
public final class AuditedTable {
  private final TidemarkCatalog catalog;
  private final TableName name;
  private final List<String> rowKeyColumns;

  public AuditedTable(TidemarkCatalog catalog, TableName name, List<String> rowKeyColumns) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.name = requireNonNull(name, "name is null");
    this.rowKeyColumns = List.copyOf(rowKeyColumns);
  }

  /**
   * Any table of the catalog, by name, which must exist. Rows are identified by {@code keys} when given, else by
   * {@code tidemark_row_key} when the table has it (a join without row ids), else not at all: history, show, tags
   * and archives need no key; a diff does.
   */
  public static AuditedTable ofTable(TidemarkCatalog catalog, TableName name, List<String> keys) {
    Table table = catalog.loadTable(name).orElseThrow(() -> new TidemarkException(ErrorCode.NO_SUCH_TABLE,
        "Cannot audit " + name + ": the table does not exist in " + catalog.config().describe() + ". Fix: check "
            + "the name (tidemark sql \"SHOW TABLES IN " + name.namespace() + "\" lists the namespace's tables)"));
    List<String> columns = table.schema().columns().stream().map(field -> field.name()).toList();
    List<String> missing = keys.stream().filter(key -> !columns.contains(key)).toList();
    if (!missing.isEmpty()) {
      throw new TidemarkException(ErrorCode.NO_SUCH_COLUMN, "Cannot audit " + name + " by "
          + String.join(", ", keys) + ": it has no column " + String.join(", ", missing) + ". Fix: give --key "
          + "columns of the table (" + String.join(", ", columns) + ")");
    }
    if (keys.isEmpty() && columns.contains(Names.ROW_KEY_COLUMN)) {
      return new AuditedTable(catalog, name, List.of(Names.ROW_KEY_COLUMN));
    }
    return new AuditedTable(catalog, name, keys);
  }

  /** The table of a GroupBy (with an output namespace), keyed by the GroupBy's keys; it must exist. */
  public static AuditedTable ofGroupBy(TidemarkCatalog catalog, Loaded<GroupBy> groupBy) {
    if (groupBy.definition().metaData().outputNamespace() == null) {
      throw new TidemarkException(ErrorCode.NO_SUCH_TABLE, "Cannot audit " + groupBy.definition().name()
          + ": it has no metaData.outputNamespace, so no table. Fix: audit the join that uses it, or give the "
          + "GroupBy an outputNamespace and backfill it");
    }
    TableName table = new TableName(groupBy.definition().metaData().outputNamespace(),
        Names.cleanName(groupBy.definition().name()));
    if (!catalog.tableExists(table)) {
      throw new TidemarkException(ErrorCode.NO_SUCH_TABLE, "Cannot audit " + groupBy.definition().name()
          + ": its table " + table + " does not exist. Fix: run tidemark backfill --conf " + groupBy.file()
          + " first");
    }
    return new AuditedTable(catalog, table, groupBy.definition().keyColumns());
  }

  /** The output table of {@code join}, which must exist. */
  public static AuditedTable ofJoin(TidemarkCatalog catalog, Loaded<Join> join) {
    TableName output = Names.joinOutputTable(join.definition());
    if (!catalog.tableExists(output)) {
      throw new TidemarkException(ErrorCode.NO_SUCH_TABLE, "Cannot audit " + join.definition().name()
          + ": its output table " + output + " does not exist. Fix: run tidemark backfill --conf " + join.file()
          + " first");
    }
    return new AuditedTable(catalog, output, Names.rowKeyColumns(join.definition()));
  }

  public TidemarkCatalog catalog() {
    return catalog;
  }

  public TableName name() {
    return name;
  }

  /** The columns that identify a row within its {@code ds}; none when they are not known. */
  public List<String> rowKeyColumns() {
    return rowKeyColumns;
  }

  /** The row key columns, which a diff needs: refused when they are not known. */
  public List<String> requireRowKeyColumns() {
    if (rowKeyColumns.isEmpty()) {
      throw new TidemarkException(ErrorCode.NO_SUCH_COLUMN, "Cannot match the rows of " + name + ": the "
          + "columns that identify a row within its ds are not known for it. Fix: pass --key with them (e.g. "
          + "--key user_id for a GroupBy's table), or audit a join or GroupBy by --conf");
    }
    return rowKeyColumns;
  }

  /** The table's current Iceberg metadata. */
  public Table table() {
    return catalog.loadTable(name).orElseThrow(() -> new TidemarkException(ErrorCode.NO_SUCH_TABLE,
        "Cannot audit " + name + ": the table does not exist. Fix: run tidemark backfill for the join that writes it"));
  }
}
