package io.tidemark.cli;

import io.tidemark.api.load.DefinitionKind;
import io.tidemark.api.load.DefinitionLoader;
import io.tidemark.api.naming.TableName;
import io.tidemark.catalog.CatalogConfig;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.engine.BackfillRange;
import io.tidemark.engine.load.ImportRequest;
import io.tidemark.engine.load.ImportResult;
import io.tidemark.engine.load.TableImport;
import io.tidemark.examples.QuickstartData;
import io.tidemark.examples.QuickstartDefinitions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tidemark quickstart}: generates the retailer demo data, imports it, backfills
 * {@code quickstart.training_set.v1} and prints a few rows. Running it again re-imports the same data and finds the
 * training set already filled.
 */
@Command(name = "quickstart", description = "Generate demo data, backfill the quickstart training set, show rows.")
final class QuickstartCommand implements Callable<Integer> {
  static final String OUTPUT = "quickstart.quickstart_training_set_v1";
  private static final String SAMPLE = "SELECT user_id, ts, quickstart_purchases_v1_purchase_price_sum_14d, "
      + "quickstart_purchases_v1_purchase_price_last10, quickstart_returns_v1_refund_amt_sum_30d, "
      + "quickstart_users_v1_email_verified, ds FROM " + OUTPUT
      + " WHERE quickstart_returns_v1_refund_amt_sum_30d IS NOT NULL ORDER BY ds, ts LIMIT 5";

  @Mixin
  CatalogJob job;

  @Option(names = "--workdir", paramLabel = "DIR",
      description = "Where the generated data and definitions go (default: ./quickstart).")
  Path workdir = Path.of("quickstart");

  @Option(names = "--seed", paramLabel = "N", description = "Seed of the data generator (default: ${DEFAULT-VALUE}).")
  long seed = QuickstartData.DEFAULT_SEED;

  @Override
  public Integer call() {
    PrintWriter out = job.out();
    PrintWriter err = job.err();
    err.println("Generating the quickstart's data in " + workdir.resolve("data") + " ...");
    err.flush();
    List<QuickstartData.Table> tables = QuickstartData.generate(workdir.resolve("data"), seed);
    Path join = QuickstartDefinitions.writeTo(workdir.resolve("production"));
    TidemarkCatalog catalog = job.open();
    Path project = writeProjectFile(catalog.config());
    TableImport importer = new TableImport(catalog);
    for (QuickstartData.Table table : tables) {
      ImportResult imported = importer.run(
          new ImportRequest(TableName.parse(table.name()), table.file(), null, table.schema(), null));
      err.printf("Imported %,d row(s) into %s%n", imported.rows(), imported.table());
      err.flush();
    }
    LoadedDefinition definition = new LoadedDefinition(DefinitionKind.JOIN, DefinitionLoader.loadJoin(join));
    out.println(new EngineSteps(catalog, err).backfill(definition, BackfillRange.all(), EngineSteps.Mode.RUN).summary());
    out.println();
    out.println("A few rows of " + OUTPUT + ":");
    new RowsOutput().print(catalog.spark().sql(SAMPLE), out);
    out.println();
    out.println("Definitions: " + join);
    out.println("Project file: " + project + " (a day's work: ./tidemark run --project " + project
        + " --select 'quickstart.*' --ds 2023-11-30)");
    out.println("Next: ./tidemark sql \"SELECT * FROM " + OUTPUT + " LIMIT 5\"");
    out.flush();
    return 0;
  }

  /** The project file beside the definitions, naming them and the warehouse this command used. */
  private Path writeProjectFile(CatalogConfig catalog) {
    StringBuilder text = new StringBuilder("definitions: production\n");
    catalog.localFolder().ifPresent(folder -> {
      Path warehouse = workdir.toAbsolutePath().normalize().relativize(folder.toAbsolutePath().normalize());
      text.append("warehouse: ").append(warehouse.toString().isEmpty() ? "." : warehouse).append('\n');
    });
    Path file = workdir.resolve(ProjectFile.NAME);
    try {
      Files.writeString(file, text.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
