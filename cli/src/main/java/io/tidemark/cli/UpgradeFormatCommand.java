package io.tidemark.cli;

import io.tidemark.api.definition.Join;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.naming.Names;
import io.tidemark.api.naming.TableName;
import io.tidemark.catalog.TableFormat;
import io.tidemark.maintenance.format.FormatUpgrade;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code tidemark upgrade-format}: moves a join's tables (output, labels, log, log schemas, consistency) to Iceberg
 * format version 3 in place, after printing the plan.
 */
@Command(name = "upgrade-format", description = "Upgrade the Iceberg format version of a join's tables in place "
    + "(output, labels, log, log schemas, consistency): a metadata change, no data is rewritten. Readers need "
    + "format version 3 support (Iceberg 1.8 or newer in Spark, Trino 483 or newer, where it is experimental).")
final class UpgradeFormatCommand implements Callable<Integer> {
  @Mixin
  JoinJob job;

  @Mixin
  DryRunOption dryRun;

  @Override
  public Integer call() {
    Loaded<Join> join = job.join();
    Join definition = join.definition();
    List<TableName> tables = List.of(Names.joinOutputTable(definition), Names.labelTable(definition),
        Names.logTable(definition), Names.logSchemaTable(definition), Names.consistencyTable(definition));
    FormatUpgrade upgrade = new FormatUpgrade(job.open(dryRun.access()));
    List<FormatUpgrade.TableUpgrade> plan = upgrade.plan(tables, TableFormat.V3);
    PrintWriter out = job.out();
    if (plan.isEmpty()) {
      out.printf("Nothing to upgrade: %s has no tables yet.%n", definition.name());
      out.flush();
      return 0;
    }
    plan.forEach(table -> out.println(table.describe()));
    if (dryRun.on()) {
      out.println("Dry run: nothing was changed.");
    } else {
      List<TableName> upgraded = upgrade.run(plan);
      out.printf("Upgraded %d table(s) to format version %d.%n", upgraded.size(), TableFormat.V3.version());
    }
    out.flush();
    return 0;
  }
}
