package io.tidemark.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.naming.TableNameRule;
import io.tidemark.api.validation.InvalidDefinitionException;
import io.tidemark.api.validation.Problem;
import io.tidemark.api.validation.Problems;
import io.tidemark.maintenance.retention.TextValues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A project file, {@code tidemark.yaml}, beside the definitions: where they are, which catalog and online folder the
 * runs use, and defaults of {@code tidemark run}. Paths are relative to the file's folder. Every field is optional:
 *
 * <pre>
 * definitions: production        # the folder holding joins/, group_bys/, staging_queries/ (default: production)
 * warehouse: warehouse           # the embedded catalog's folder; or
 * catalog: catalog.properties    # a catalog file (one of the two, or neither: the command line's or the default)
 * online: warehouse/online       # the online folder (default: online/ in the warehouse)
 * default-namespace: data        # where definitions' bare table names are (below --default-namespace, above the
 *                                # catalog file's default-namespace)
 * results: target/run_results.json
 * defaults:
 *   step-days: 30
 *   wait-for-inputs: 0s          # how long run waits for inputs to land before exiting 3
 * </pre>
 */
record ProjectFile(Path file, Path definitions, Optional<Path> warehouse, Optional<Path> catalog,
    Optional<Path> online, Optional<String> defaultNamespace, Path results, int stepDays, Duration waitForInputs) {
  static final String NAME = "tidemark.yaml";
  private static final Set<String> FIELDS = Set.of("definitions", "warehouse", "catalog", "online",
      "default-namespace", "results", "defaults");
  private static final Set<String> DEFAULTS = Set.of("step-days", "wait-for-inputs");

  ProjectFile {
    requireNonNull(file, "file is null");
    requireNonNull(definitions, "definitions is null");
    requireNonNull(warehouse, "warehouse is null");
    requireNonNull(catalog, "catalog is null");
    requireNonNull(online, "online is null");
    requireNonNull(defaultNamespace, "defaultNamespace is null");
    requireNonNull(results, "results is null");
    requireNonNull(waitForInputs, "waitForInputs is null");
  }

  /** Reads and checks the project file, reporting every problem at once. */
  static ProjectFile read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new TidemarkException(ErrorCode.NO_SUCH_DEFINITION, "No project file " + file + ". Fix: create "
          + NAME + " beside your definitions (docs/scheduling.md shows one), run from its folder, or pass --project");
    }
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    } catch (IOException e) {
      throw invalid(ErrorCode.MALFORMED_JSON, file, "", "is not valid YAML ("
          + e.getMessage().lines().findFirst().orElse("") + ")",
          "write it as YAML, e.g. \"definitions: production\"");
    }
    Problems problems = new Problems();
    String where = file.toString();
    if (root == null || root.isMissingNode() || root.isNull()) {
      root = new ObjectMapper().createObjectNode();
    }
    if (!root.isObject()) {
      throw invalid(ErrorCode.MALFORMED_JSON, file, "", "is not a map of fields",
          "write fields such as \"definitions: production\"");
    }
    unknown(root, FIELDS, "", where, problems);
    Path folder = file.toAbsolutePath().getParent();
    Path definitions = folder.resolve(text(root, "definitions", where, problems).orElse("production"));
    Optional<Path> warehouse = text(root, "warehouse", where, problems).map(folder::resolve);
    Optional<Path> catalog = text(root, "catalog", where, problems).map(folder::resolve);
    if (warehouse.isPresent() && catalog.isPresent()) {
      problems.error(ErrorCode.CONFLICTING_FIELDS, where, "catalog", "cannot be given with warehouse",
          "keep one: warehouse for the embedded "
          + "catalog, catalog for a catalog file");
    }
    Optional<Path> online = text(root, "online", where, problems).map(folder::resolve);
    // The project's tables are named for the project: its definitions' bare names, not the catalog's other users'.
    Optional<String> defaultNamespace = text(root, "default-namespace", where, problems);
    if (defaultNamespace.isPresent() && !TableNameRule.isPlain(defaultNamespace.get())) {
      problems.error(ErrorCode.INVALID_VALUE, where, "default-namespace", "'" + defaultNamespace.get()
          + "' is not a namespace made of "
          + "letters, digits and _", "name one namespace, e.g. default-namespace: data");
    }
    Path results = folder.resolve(text(root, "results", where, problems).orElse("target/run_results.json"));
    int stepDays = 30;
    Duration wait = Duration.ZERO;
    JsonNode defaults = root.path("defaults");
    if (!defaults.isMissingNode()) {
      if (!defaults.isObject()) {
        problems.error(ErrorCode.WRONG_VALUE_TYPE, where, "defaults", "is not a map",
            "write it as \"defaults:\" with indented fields");
      } else {
        unknown(defaults, DEFAULTS, "defaults.", where, problems);
        JsonNode step = defaults.path("step-days");
        if (!step.isMissingNode()) {
          if (!step.canConvertToInt() || !step.isIntegralNumber() || step.asInt() < 1) {
            problems.error(ErrorCode.INVALID_VALUE, where, "defaults.step-days", "is " + step
                + ", not a number of days", "give 1 or more");
          } else {
            stepDays = step.asInt();
          }
        }
        Optional<String> waitText = text(defaults, "wait-for-inputs", where, problems);
        if (waitText.isPresent()) {
          Optional<Duration> parsed = TextValues.parseDuration(waitText.get());
          if (parsed.isEmpty()) {
            problems.error(ErrorCode.INVALID_VALUE, where, "defaults.wait-for-inputs", "is " + waitText.get()
                + ", not a duration",
                "give a duration such as 0s, 30m or 6h");
          } else {
            wait = parsed.get();
          }
        }
      }
    }
    problems.throwIfErrors();
    if (!Files.isDirectory(definitions)) {
      throw invalid(ErrorCode.INVALID_VALUE, file, "definitions", definitions + " is not a folder",
          "name the folder that holds joins/, "
          + "group_bys/ and staging_queries/, relative to " + folder);
    }
    return new ProjectFile(file, definitions, warehouse, catalog, online, defaultNamespace, results, stepDays, wait);
  }

  private static Optional<String> text(JsonNode node, String field, String where, Problems problems) {
    JsonNode value = node.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual() && !value.isNumber()) {
      problems.error(ErrorCode.WRONG_VALUE_TYPE, where, field, "is not text", "write it as text, e.g. " + field
          + ": value");
      return Optional.empty();
    }
    return Optional.of(value.asText());
  }

  private static void unknown(JsonNode node, Set<String> known, String prefix, String where, Problems problems) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      if (!known.contains(name)) {
        problems.error(ErrorCode.UNKNOWN_FIELD, where, prefix + name, "is not a field of a project file",
            "use " + String.join(", ", known.stream().sorted().toList()) + ", or remove it");
      }
    }
  }

  private static InvalidDefinitionException invalid(ErrorCode code, Path file, String field, String message,
      String fix) {
    return new InvalidDefinitionException(List.of(new Problem(Problem.Severity.ERROR, code, file.toString(), field,
        message, fix)));
  }
}
