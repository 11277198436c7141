package io.tidemark.maintenance.format;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.naming.TableName;
import io.tidemark.catalog.CommitInfo;
import io.tidemark.catalog.OwnedTable;
import io.tidemark.catalog.TableChange;
import io.tidemark.catalog.TableFormat;
import io.tidemark.catalog.TidemarkCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.iceberg.TableUtil;

/**
 * Moves tables to a newer Iceberg format version in place: a metadata change only, no data file is rewritten, and
 * every earlier snapshot stays readable. Tables already at the version are left alone; a table cannot go back to an
 * older version. {@link #plan} decides without writing; {@link #run} commits one table at a time, each checking that
 * the table is still at the version the plan saw.
 */
public final class FormatUpgrade {
  private final TidemarkCatalog catalog;

  public FormatUpgrade(TidemarkCatalog catalog) {
    this.catalog = requireNonNull(catalog, "catalog is null");
  }

  /** What upgrading one table means: from which version to which, or why it stays. */
  public record TableUpgrade(TableName table, int from, int to) {
    public TableUpgrade {
      requireNonNull(table, "table is null");
    }

    public boolean changes() {
      return from < to;
    }

    /** One line for people. */
    public String describe() {
      return table + ": format version " + from + (changes() ? " -> " + to : ", kept (already " + to + " or newer)");
    }
  }

  /** The upgrade of {@code tables} (those that exist) to {@code target}; writes nothing. */
  public List<TableUpgrade> plan(List<TableName> tables, TableFormat target) {
    List<TableUpgrade> upgrades = new ArrayList<>();
    for (TableName name : tables) {
      catalog.loadTable(name).map(TableUtil::formatVersion).ifPresent(version -> upgrades.add(
          new TableUpgrade(name, version, Math.max(version, target.version()))));
    }
    return upgrades;
  }

  /**
   * Carries out {@code upgrades}, one commit per table that changes; returns the tables upgraded.
   *
   * @throws TidemarkException when a table's version changed since the plan was made
   */
  public List<TableName> run(List<TableUpgrade> upgrades) {
    String runId = UUID.randomUUID().toString();
    List<TableName> upgraded = new ArrayList<>();
    for (TableUpgrade upgrade : upgrades) {
      if (!upgrade.changes()) {
        continue;
      }
      Optional<OwnedTable> table = OwnedTable.load(catalog, upgrade.table());
      int now = table.map(owned -> TableUtil.formatVersion(owned.iceberg())).orElse(-1);
      if (now != upgrade.from()) {
        throw new TidemarkException(ErrorCode.TABLE_CHANGED, "Cannot upgrade " + upgrade.table() + " from format "
            + "version " + upgrade.from() + ": it " + (now < 0 ? "no longer exists" : "is at version " + now + " now")
            + ". Fix: run the upgrade again; it plans anew");
      }
      try (TableChange change = table.get().change(CommitInfo.of(runId, "upgrade format"))) {
        change.setProperties(Map.of(TableFormat.PROPERTY, Integer.toString(upgrade.to())));
        change.commit();
      }
      upgraded.add(upgrade.table());
    }
    return upgraded;
  }
}
