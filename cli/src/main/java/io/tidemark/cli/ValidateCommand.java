package io.tidemark.cli;

import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.Join;
import io.tidemark.api.definition.StagingQuery;
import io.tidemark.api.json.ReadOptions;
import io.tidemark.api.load.DefinitionKind;
import io.tidemark.api.load.DefinitionLoader;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.naming.Names;
import io.tidemark.api.validation.InvalidDefinitionException;
import io.tidemark.api.validation.Problems;
import io.tidemark.engine.plan.EngineSupport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code tidemark validate}: checks definitions on their own, without Spark or tables (a backfill's {@code --dry-run}
 * also checks them against the tables). Bare table names are resolved as every command resolves them: a catalog file
 * given before the command's name (or in $TIDEMARK_CATALOG) may set the default namespace, which is read from the
 * file alone.
 */
@Command(name = "validate", description = "Check definitions; errors name the file, the field and the fix.")
final class ValidateCommand implements Callable<Integer> {
  @ParentCommand
  TidemarkCommand root;

  @Spec
  CommandSpec spec;

  @Mixin
  DefinitionOptions definitions;

  @Parameters(arity = "1..*", paramLabel = "DEFINITION",
      description = "Definition files (joins, GroupBys, staging queries), or folders: every file under them.")
  List<Path> files;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int invalid = 0;
    ReadOptions options = root.readOptions(definitions, new CatalogOptions());
    for (Path file : DefinitionFiles.expand(files)) {
      try {
        out.println("ok: " + validate(file, options, err));
      } catch (InvalidDefinitionException e) {
        err.println(e.getMessage());
        invalid++;
      }
    }
    out.flush();
    err.flush();
    return invalid == 0 ? 0 : ExitCode.INVALID.code();
  }

  private static String validate(Path file, ReadOptions options, PrintWriter err) {
    DefinitionKind kind = DefinitionLoader.kindOf(file);
    if (kind == DefinitionKind.GROUP_BY) {
      Loaded<GroupBy> groupBy = DefinitionLoader.loadGroupBy(file, options);
      Warnings.print(groupBy.warnings(), err);
      return file + " (GroupBy " + groupBy.definition().name() + ", "
          + Names.groupByValueColumns(groupBy.definition()).size() + " column(s))";
    }
    if (kind == DefinitionKind.STAGING_QUERY) {
      Loaded<StagingQuery> query = DefinitionLoader.loadStagingQuery(file);
      Warnings.print(query.warnings(), err);
      return file + " (staging query " + query.definition().name() + ")";
    }
    Loaded<Join> join = DefinitionLoader.loadJoin(file, options);
    Warnings.print(join.warnings(), err);
    Problems problems = new Problems();
    EngineSupport.check(join.definition(), join.location(), problems);
    problems.throwIfErrors();
    int columns = join.definition().computedParts().stream()
        .mapToInt(part -> Names.joinPartColumns(part.part()).size()).sum();
    int derivations = join.definition().derivations().size();
    return file + " (join " + join.definition().name() + " -> " + Names.joinOutputTable(join.definition()) + ", "
        + columns + " feature column(s)" + (derivations == 0 ? "" : ", " + derivations + " derivation(s)") + ")";
  }
}
