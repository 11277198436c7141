package io.tidemark.maintenance.retention;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.definition.Join;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.naming.Names;
import io.tidemark.api.naming.TableName;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.maintenance.audit.ArchivedTable;
import io.tidemark.maintenance.audit.TableArchives;
import java.util.ArrayList;
import java.util.List;

/** Which tables a maintenance run covers. */
public final class MaintenanceScope {
  private MaintenanceScope() {}

  /**
   * A join's tables that exist: its output, its archives, its labels, its log with the log's schema versions, and its
   * consistency metrics. The retention settings in the definition's {@code metaData.tableProperties} apply to all of
   * them.
   */
  public static List<MaintainedTable> ofJoin(TidemarkCatalog catalog, Loaded<Join> join) {
    RetentionOverrides overrides = RetentionOverrides.fromProperties(join.definition().metaData().tableProperties(),
        join.file() + " (metaData.tableProperties)", ErrorCode.INVALID_VALUE);
    TableName output = Names.joinOutputTable(join.definition());
    List<TableName> names = new ArrayList<>();
    names.add(output);
    TableArchives.list(catalog, output).stream().map(ArchivedTable::archive).forEach(names::add);
    names.add(Names.labelTable(join.definition()));
    names.add(Names.logTable(join.definition()));
    names.add(Names.logSchemaTable(join.definition()));
    names.add(Names.consistencyTable(join.definition()));
    return names.stream()
        .filter(catalog::tableExists)
        .map(name -> new MaintainedTable(name, overrides))
        .toList();
  }

  /** Every table of the catalog; each table's own properties carry its retention settings. */
  public static List<MaintainedTable> all(TidemarkCatalog catalog) {
    return CatalogTables.all(catalog).stream()
        .map(name -> new MaintainedTable(name, RetentionOverrides.none()))
        .toList();
  }
}
