package io.tidemark.cli;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.json.ReadOptions;
import io.tidemark.api.naming.TableNameRule;
import io.tidemark.catalog.CatalogConfigFile;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** How a command reads definitions; mixed into every command that reads one. */
final class DefinitionOptions {
  @Option(names = "--default-namespace", paramLabel = "NAMESPACE",
      description = "The namespace of tables that definitions name without one, e.g. \"purchases\" (default: the "
          + "catalog file's default-namespace, else " + ReadOptions.DEFAULT_NAMESPACE + ").")
  String defaultNamespace;

  /**
   * The options to read with: --default-namespace, else the {@code default-namespace} of {@code catalogFile} (the
   * catalog file the command uses, if any), else {@value ReadOptions#DEFAULT_NAMESPACE}.
   */
  ReadOptions readOptions(Optional<Path> catalogFile) {
    return readOptions(Optional.empty(), catalogFile);
  }

  /**
   * The options to read a project's definitions with: --default-namespace, else {@code projectNamespace} (the project
   * file's {@code default-namespace}), else the catalog file's, else {@value ReadOptions#DEFAULT_NAMESPACE}. The
   * project's is checked when the project file is read.
   */
  ReadOptions readOptions(Optional<String> projectNamespace, Optional<Path> catalogFile) {
    if (defaultNamespace != null) {
      if (!TableNameRule.isPlain(defaultNamespace)) {
        throw new TidemarkException(ErrorCode.INVALID_OPTION, "Invalid --default-namespace \"" + defaultNamespace
            + "\": it is not a namespace made of letters, digits and _. Fix: name one namespace, e.g. "
            + "--default-namespace data");
      }
      return new ReadOptions(defaultNamespace);
    }
    if (projectNamespace.isPresent()) {
      return new ReadOptions(projectNamespace.get());
    }
    return catalogFile.flatMap(CatalogConfigFile::defaultNamespace).map(ReadOptions::new)
        .orElse(ReadOptions.DEFAULTS);
  }
}
