package io.tidemark.cli;

import io.tidemark.api.TidemarkException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The {@code tidemark} command. Exit codes: 0 done (or nothing to do), 1 failed, 2 bad definition or arguments.
 * Progress goes to standard error, results to standard output.
 */
@Command(name = "tidemark", mixinStandardHelpOptions = true, version = "tidemark 0.1.0",
    description = "Point-in-time-correct training sets on Apache Iceberg.",
    subcommands = {QuickstartCommand.class, ImportCommand.class, ValidateCommand.class, PlanCommand.class,
        BackfillCommand.class, RehashCommand.class, LabelCommand.class, SqlCommand.class, AuditCommand.class,
        MaintainCommand.class, UploadCommand.class, UploadMetadataCommand.class, ServeCommand.class, FetchCommand.class,
        LogFlattenCommand.class, ConsistencyCommand.class, UpgradeFormatCommand.class})
public final class TidemarkCommand implements Runnable {
  static final int FAILED = 1;
  static final int BAD_INPUT = 2;

  @Mixin
  GlobalOptions options;

  private final CatalogOpener catalogs;

  TidemarkCommand(CatalogOpener catalogs) {
    this.catalogs = catalogs;
  }

  public static void main(String[] args) {
    int exitCode;
    try (CatalogOpener catalogs = new SparkCatalogOpener()) {
      exitCode = commandLine(catalogs).execute(args);
    }
    System.exit(exitCode);
  }

  /** The command line, with its error handling, opening catalogs with {@code catalogs}. */
  static CommandLine commandLine(CatalogOpener catalogs) {
    CommandLine commandLine = new CommandLine(new TidemarkCommand(catalogs));
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExecutionExceptionHandler((error, line, parseResult) -> report(error, line));
    return commandLine;
  }

  CatalogOpener catalogs() {
    return catalogs;
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  private static int report(Exception failure, CommandLine line) {
    PrintWriter err = line.getErr();
    TidemarkCommand root = (TidemarkCommand) rootOf(line).getCommand();
    boolean verbose = root.options.verbose();
    Exception error = failure instanceof TidemarkException ? failure : root.explained(failure);
    if (error instanceof TidemarkException known) {
      err.println(known.getMessage());
      if (verbose) {
        known.printStackTrace(err);
      }
      err.flush();
      return known.category().isUserInput() ? BAD_INPUT : FAILED;
    }
    err.println("Failed: " + error.getClass().getSimpleName() + ": " + error.getMessage());
    if (verbose) {
      error.printStackTrace(err);
    } else {
      err.println("(run again with --verbose for the stack trace)");
    }
    err.flush();
    return FAILED;
  }

  /** The failure in the catalog's terms, when it comes from the catalog (a locked file, say). */
  private Exception explained(Exception failure) {
    try {
      return catalogs.config(options).explain(failure).<Exception>map(explanation -> explanation).orElse(failure);
    } catch (TidemarkException badOptions) {
      return failure;
    }
  }

  private static CommandLine rootOf(CommandLine line) {
    CommandLine root = line;
    while (root.getParent() != null) {
      root = root.getParent();
    }
    return root;
  }
}
