package io.tidemark.cli;

import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.Join;
import io.tidemark.api.json.ReadOptions;
import io.tidemark.api.load.DefinitionLoader;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.naming.Names;
import io.tidemark.api.naming.TableName;
import io.tidemark.maintenance.audit.AuditedTable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The table an audit command reads: a definition's table ({@code --conf}: a join's output, a GroupBy's or staging
 * query's table) or any table by name ({@code --table}), in the catalog the options name.
 */
final class AuditTarget extends CatalogJob {
  @Mixin
  DefinitionOptions definitions;

  @ArgGroup(multiplicity = "1")
  Which which;

  static final class Which {
    @Option(names = "--conf", paramLabel = "FILE",
        description = "A definition: a join (its output table), or a GroupBy or staging query with an output "
            + "namespace (its table). " + RemoteDefinitions.HELP)
    Path conf;

    @Option(names = "--table", paramLabel = "NS.TABLE",
        description = "Any table of the catalog: a label, log, consistency or archived table, an import, ...")
    String table;
  }

  /** The table's name; the definition is read (and checked) before Spark starts. */
  TableName name() {
    if (which.table != null) {
      return TableNames.parse(which.table, "--table");
    }
    ReadOptions options = readOptions(definitions);
    PrintWriter err = err();
    return switch (DefinitionLoader.kindOf(which.conf)) {
      case JOIN -> Names.joinOutputTable(Definitions.join(which.conf, options, err).definition());
      case GROUP_BY -> Definitions.groupByTable(Definitions.groupBy(which.conf, options, err), "audit");
      case STAGING_QUERY -> Definitions.stagingQueryTable(Definitions.stagingQuery(which.conf, err));
    };
  }

  /**
   * The audited table, which must exist, with its row key: a join's row ids, a GroupBy's keys, else {@code keys}
   * (or {@code tidemark_row_key} when the table has it). The definition is read before Spark starts.
   */
  AuditedTable table(List<String> keys) {
    if (which.table != null) {
      TableName name = TableNames.parse(which.table, "--table");
      return AuditedTable.ofTable(open(), name, keys);
    }
    ReadOptions options = readOptions(definitions);
    PrintWriter err = err();
    switch (DefinitionLoader.kindOf(which.conf)) {
      case JOIN -> {
        Loaded<Join> join = Definitions.join(which.conf, options, err);
        return AuditedTable.ofJoin(open(), join);
      }
      case GROUP_BY -> {
        Loaded<GroupBy> groupBy = Definitions.groupBy(which.conf, options, err);
        return AuditedTable.ofGroupBy(open(), groupBy);
      }
      default -> {
        TableName table = Definitions.stagingQueryTable(Definitions.stagingQuery(which.conf, err));
        return AuditedTable.ofTable(open(), table, keys);
      }
    }
  }

  /** How the command names the table back to the user, e.g. in "read it with". */
  String given() {
    return which.table != null ? "--table " + which.table : "--conf " + which.conf;
  }
}
