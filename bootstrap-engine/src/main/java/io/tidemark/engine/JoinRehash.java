package io.tidemark.engine;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.Location;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.definition.Join;
import io.tidemark.api.hash.SemanticHash;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.naming.Names;
import io.tidemark.api.naming.TableName;
import io.tidemark.catalog.CommitInfo;
import io.tidemark.catalog.OwnedTable;
import io.tidemark.catalog.TableChange;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.engine.compute.BoundJoin;
import org.apache.iceberg.Table;

/**
 * Stores a join's current semantic hash on its output table without recomputing anything: the way forward for a
 * table whose hash another version of the algorithm computed, once its owner confirms that the definition still
 * describes the table. The table must have exactly the definition's columns.
 */
public final class JoinRehash {
  private JoinRehash() {}

  /** Stores the hash of {@code join} on its output table and returns it. */
  public static SemanticHash run(TidemarkCatalog catalog, Loaded<Join> join) {
    BoundJoin computation = BoundJoin.of(catalog, join.definition(), join.location());
    TableName output = Names.joinOutputTable(join.definition());
    Table table = catalog.loadTable(output).orElseThrow(() -> new TidemarkException(ErrorCode.MISSING_OUTPUT_TABLE,
        "Cannot rehash " + output + ": the table does not exist. Fix: run `tidemark backfill --conf " + join.file()
            + "`; it stores the hash as it creates the table"));
    OutputTables.checkOwner(table, output, join.definition().name(), join.location());
    OutputTables.checkColumns(table, output, computation.outputSchema(), join.location());
    SemanticHash hash = SemanticHash.of(join.definition()).withoutLabel();
    if (!OutputTables.storedHash(table).map(hash::equals).orElse(false)) {
      try (TableChange change = OwnedTable.load(catalog, output).orElseThrow()
          .change(CommitInfo.of(BackfillSteps.newRunId(), "rehash"))) {
        change.setProperties(OutputTables.hashProperties(hash));
        change.commit();
      }
    }
    return hash;
  }
}
