package io.tidemark.maintenance.retention;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.naming.TableName;
import io.tidemark.catalog.TidemarkCatalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.spark.actions.SparkActions;

/**
 * Finds orphan files: files under a table's location that none of its snapshots reach. Iceberg's action lists them;
 * this class then keeps every file that another table of the catalog reaches when the two share a location (an
 * archive keeps the location of the table it was renamed from, and the rebuilt table is created there again), so
 * cleaning one table never deletes another's files. Nothing is deleted here.
 */
final class OrphanFiles {
  private final TidemarkCatalog catalog;
  private List<TableName> catalogTables;

  OrphanFiles(TidemarkCatalog catalog) {
    this.catalog = catalog;
  }

  /** The location and size of each orphan file under {@code table}'s location last modified before {@code olderThan}. */
  Map<String, Long> find(TableName name, Table table, Instant olderThan) {
    List<String> listed = new ArrayList<>();
    try {
      SparkActions.get(catalog.spark()).deleteOrphanFiles(table)
          .olderThan(olderThan.toEpochMilli())
          .deleteWith(listed::add)
          .execute();
    } catch (ValidationException e) {
      throw new TidemarkException(ErrorCode.UNREADABLE_TABLE_FILES, "Cannot look for orphan files of " + name + ": "
          + e.getMessage() + ". Nothing was deleted. Fix: make the files under " + table.location() + " and the "
          + "table's metadata name the same file system (scheme and authority), or leave orphan cleanup to the "
          + "storage's own lifecycle rules", e);
    }
    Set<String> reachedByOthers = reachedByTablesSharing(name, table.location());
    Map<String, Long> orphans = new LinkedHashMap<>();
    for (String location : listed) {
      if (!reachedByOthers.contains(path(location))) {
        orphans.put(location, table.io().newInputFile(location).getLength());
      }
    }
    return orphans;
  }

  private Set<String> reachedByTablesSharing(TableName name, String location) {
    if (catalogTables == null) {
      catalogTables = CatalogTables.all(catalog);
    }
    Set<String> reached = new HashSet<>();
    for (TableName other : catalogTables) {
      if (other.equals(name)) {
        continue;
      }
      Optional<Table> loaded = catalog.loadTable(other);
      if (loaded.isPresent() && overlap(path(location), path(loaded.get().location()))) {
        new ReachableFiles(loaded.get()).all().keySet().forEach(file -> reached.add(path(file)));
      }
    }
    return reached;
  }

  private static boolean overlap(String first, String second) {
    return first.equals(second) || first.startsWith(second + "/") || second.startsWith(first + "/");
  }

  /** The path part of a location, so that {@code file:/a} and {@code file:///a} compare equal. */
  private static String path(String location) {
    String path = new Path(location).toUri().getPath();
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
