package io.tidemark.maintenance.retention;

import io.tidemark.api.naming.TableName;
import io.tidemark.catalog.TidemarkCatalog;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;

/** Every table of a catalog, in every namespace at any depth. */
final class CatalogTables {
  private CatalogTables() {}

  static List<TableName> all(TidemarkCatalog catalog) {
    List<TableName> tables = new ArrayList<>();
    if (catalog.icebergCatalog() instanceof SupportsNamespaces namespaces) {
      collect(catalog, namespaces, Namespace.empty(), tables);
    }
    return tables;
  }

  private static void collect(TidemarkCatalog catalog, SupportsNamespaces namespaces, Namespace parent,
      List<TableName> tables) {
    for (Namespace namespace : namespaces.listNamespaces(parent)) {
      for (TableIdentifier table : catalog.icebergCatalog().listTables(namespace)) {
        tables.add(new TableName(String.join(".", namespace.levels()), table.name()));
      }
      collect(catalog, namespaces, namespace, tables);
    }
  }
}
