package io.tidemark.maintenance.audit;

import static io.tidemark.api.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.tidemark.api.ErrorCategory;
import io.tidemark.api.TidemarkException;
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
    checkArgument(!this.rowKeyColumns.isEmpty(), "Cannot audit %s: no row key columns", name);
  }

  /** The output table of {@code join}, which must exist. */
  public static AuditedTable ofJoin(TidemarkCatalog catalog, Loaded<Join> join) {
    TableName output = Names.joinOutputTable(join.definition());
    if (!catalog.tableExists(output)) {
      throw new TidemarkException(ErrorCategory.INVALID_ARGUMENT, "Cannot audit " + join.definition().name()
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

  /** The columns that identify a row within its {@code ds}. */
  public List<String> rowKeyColumns() {
    return rowKeyColumns;
  }

  /** The table's current Iceberg metadata. */
  public Table table() {
    return catalog.loadTable(name).orElseThrow(() -> new TidemarkException(ErrorCategory.INVALID_ARGUMENT,
        "Cannot audit " + name + ": the table does not exist. Fix: run tidemark backfill for the join that writes it"));
  }
}
