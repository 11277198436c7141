package io.tidemark.cli;

import io.tidemark.catalog.CatalogAccess;
import picocli.CommandLine.Option;

/**
 * {@code --dry-run} of commands that change tables: check everything and print the plan, with the catalog opened
 * read-only so that nothing can be created or changed.
 */
final class DryRunOption {
  @Option(names = "--dry-run", description = "Check everything and print the plan; change nothing.")
  boolean dryRun;

  /** Whether only the plan is wanted. */
  boolean on() {
    return dryRun;
  }

  /** How the command opens the catalog: read-only for a dry run. */
  CatalogAccess access() {
    return dryRun ? CatalogAccess.READ_ONLY : CatalogAccess.READ_WRITE;
  }

  /** Whether engine steps plan or run. */
  EngineSteps.Mode mode() {
    return dryRun ? EngineSteps.Mode.PLAN : EngineSteps.Mode.RUN;
  }
}
