package io.tidemark.cli;

import io.tidemark.api.definition.Join;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.naming.Names;
import io.tidemark.api.naming.TableName;
import io.tidemark.catalog.CatalogAccess;
import io.tidemark.catalog.TableFormat;
import io.tidemark.maintenance.format.FormatUpgrade;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code tidemark upgrade-format}: moves a join's tables (output, labels, log, log schemas, consistency) to Iceberg
 * format version 3 in place, after printing the plan.
 */
@Command(name = "upgrade-format", description = "Upgrade the Iceberg format version of a join's tables in place "
    + "(output, labels, log, log schemas, consistency): a metadata change, no data is rewritten. Readers need "
    + "format version 3 support (Iceberg 1.8 or newer in Spark, Trino 483 or newer, where it is experimental).")
final class UpgradeFormatCommand implements Callable<Integer> {
  @ParentCommand
  TidemarkCommand root;

  @Spec
  CommandSpec spec;

  @Mixin
  SparkOptions spark;

  @Mixin
  JoinConf conf;

  @Option(names = "--dry-run", description = "Print the plan; change nothing.")
  boolean dryRun;

  @Override
  public Integer call() {
    Loaded<Join> join = Definitions.join(conf.file, "upgrade-format", conf.readOptions(root, spark), spec.commandLine().getErr());
    Join definition = join.definition();
    List<TableName> tables = List.of(Names.joinOutputTable(definition), Names.labelTable(definition),
        Names.logTable(definition), Names.logSchemaTable(definition), Names.consistencyTable(definition));
    FormatUpgrade upgrade = new FormatUpgrade(root.open(spark,
        dryRun ? CatalogAccess.READ_ONLY : CatalogAccess.READ_WRITE));
    List<FormatUpgrade.TableUpgrade> plan = upgrade.plan(tables, TableFormat.V3);
    PrintWriter out = spec.commandLine().getOut();
    if (plan.isEmpty()) {
      out.printf("Nothing to upgrade: %s has no tables yet.%n", definition.name());
      out.flush();
      return 0;
    }
    plan.forEach(table -> out.println(table.describe()));
    if (dryRun) {
      out.println("Dry run: nothing was changed.");
    } else {
      List<TableName> upgraded = upgrade.run(plan);
      out.printf("Upgraded %d table(s) to format version %d.%n", upgraded.size(), TableFormat.V3.version());
    }
    out.flush();
    return 0;
  }
}
