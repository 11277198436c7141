package io.tidemark.cli;

import io.tidemark.api.TidemarkException;
import io.tidemark.api.json.ReadOptions;
import io.tidemark.catalog.CatalogAccess;
import io.tidemark.catalog.CatalogConfig;
import io.tidemark.catalog.ObjectStoreFiles;
import io.tidemark.catalog.TidemarkCatalog;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExecutionException;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/**
 * The {@code tidemark} command. Exit codes are {@link ExitCode}'s: 0 done, 1 failed, 2 invalid definition or usage,
 * 3 inputs not ready, 4 conflict with another run. Progress goes to standard error, results to standard output.
 */
@Command(name = "tidemark", version = TidemarkCommand.VERSION,
    description = "Point-in-time-correct training sets on Apache Iceberg.",
    subcommands = {HelpCommand.class, QuickstartCommand.class, ImportCommand.class, ValidateCommand.class,
        PlanCommand.class, BackfillCommand.class, RunCommand.class, RehashCommand.class, LabelCommand.class,
        SqlCommand.class, ExportCommand.class, AuditCommand.class, MaintainCommand.class, UploadCommand.class,
        UploadMetadataCommand.class, ServeCommand.class, FetchCommand.class, LogFlattenCommand.class,
        ConsistencyCommand.class, UpgradeFormatCommand.class})
public final class TidemarkCommand implements Runnable {
  static final String VERSION = "tidemark 0.1.0";

  /** Catalog and Spark options given before the command's name; the command's own win over them. */
  @Mixin
  SparkOptions options;

  @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces of failures.")
  boolean verbose;

  private final CatalogOpener catalogs;
  /**
   * The catalog the command opened, for explaining its failures: the one the options name until it is open (opening
   * may fail, on a locked file say), then the one actually opened.
   */
  private Supplier<CatalogConfig> opened;

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

  /** The command line, with its help, exit codes and error handling, opening catalogs with {@code catalogs}. */
  static CommandLine commandLine(CatalogOpener catalogs) {
    CommandLine commandLine = new CommandLine(new TidemarkCommand(catalogs));
    conventional(commandLine.getCommandSpec());
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExecutionExceptionHandler((error, line, parseResult) -> report(error, line));
    commandLine.setExecutionStrategy(parsed -> {
      readRemoteDefinitions(parsed);
      return new CommandLine.RunLast().execute(parsed);
    });
    return commandLine;
  }

  /**
   * Points a {@code --conf} given as a URI ({@code s3://...}) at a local copy of its definitions folder, read with the
   * object storage settings of the catalog the command names, so that every command reads it like a local file.
   */
  private static void readRemoteDefinitions(ParseResult parsed) {
    ParseResult command = parsed;
    while (command.hasSubcommand()) {
      command = command.subcommand();
    }
    OptionSpec conf = command.matchedOption("--conf");
    if (conf == null || conf.originalStringValues().isEmpty()) {
      return;
    }
    String location = conf.originalStringValues().get(conf.originalStringValues().size() - 1);
    if (!RemoteDefinitions.isRemote(location)) {
      return;
    }
    CommandLine line = command.commandSpec().commandLine();
    try {
      CatalogOptions given = new CatalogOptions();
      given.catalogFile = command.matchedOptionValue("--catalog", null);
      given.warehouse = command.matchedOptionValue("--warehouse", null);
      TidemarkCommand root = (TidemarkCommand) parsed.commandSpec().userObject();
      Configuration hadoop = ObjectStoreFiles.withoutSpark(root.config(given));
      conf.setValue(RemoteDefinitions.copy(location, hadoop, line.getErr()));
    } catch (RuntimeException e) {
      throw new ExecutionException(line, e.getMessage(), e);
    }
  }

  /** {@code -h}/{@code --help}, {@code -V}/{@code --version} and the exit codes on every command and subcommand. */
  private static void conventional(CommandSpec spec) {
    if (!(spec.userObject() instanceof HelpCommand)) {
      spec.mixinStandardHelpOptions(true);
      spec.version(VERSION);
    }
    spec.usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCode.helpList());
    spec.subcommands().values().forEach(sub -> conventional(sub.getCommandSpec()));
  }

  /** Opens the catalog (starting Spark) that {@code command}'s options name, over the root's, for writing. */
  TidemarkCatalog open(SparkOptions command) {
    return open(command, CatalogAccess.READ_WRITE);
  }

  /**
   * Opens the catalog (starting Spark) that {@code command}'s options name, over the root's, for {@code access}: plans
   * and dry runs open it read-only, so that they cannot create or change it.
   */
  TidemarkCatalog open(SparkOptions command, CatalogAccess access) {
    SparkOptions chosen = command.over(options);
    opened = chosen.catalog::config;
    TidemarkCatalog catalog = catalogs.open(chosen, access);
    opened = catalog::config;
    return catalog;
  }

  /**
   * How to read definitions for a command with {@code definitions} and {@code command}'s catalog options: the catalog
   * file they name (over the root's) may set the default namespace.
   */
  ReadOptions readOptions(DefinitionOptions definitions, CatalogOptions command) {
    return definitions.readOptions(command.over(options.catalog).catalogFile());
  }

  /** The catalog {@code command}'s options name, over the root's, without opening it. */
  CatalogConfig config(CatalogOptions command) {
    CatalogOptions chosen = command.over(options.catalog);
    opened = chosen::config;
    return chosen.config();
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  private static int report(Exception failure, CommandLine line) {
    PrintWriter err = line.getErr();
    TidemarkCommand root = (TidemarkCommand) rootOf(line).getCommand();
    Exception error = failure instanceof TidemarkException ? failure : root.explained(failure);
    if (error instanceof TidemarkException known) {
      err.println(known.getMessage());
      if (root.verbose) {
        known.printStackTrace(err);
      }
      err.flush();
      return ExitCode.of(known.category()).code();
    }
    err.println("Failed: " + error.getClass().getSimpleName() + ": " + error.getMessage());
    if (root.verbose) {
      error.printStackTrace(err);
    } else {
      err.println("(run again with --verbose for the stack trace)");
    }
    err.flush();
    return ExitCode.FAILED.code();
  }

  /** The failure in the catalog's terms, when it comes from the catalog the command opened (a locked file, say). */
  private Exception explained(Exception failure) {
    if (opened == null) {
      return failure;
    }
    try {
      Optional<? extends Exception> explanation = opened.get().explain(failure);
      return explanation.isPresent() ? explanation.get() : failure;
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
