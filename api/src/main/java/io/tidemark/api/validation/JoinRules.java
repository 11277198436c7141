package io.tidemark.api.validation;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.Location;
import io.tidemark.api.definition.BootstrapPart;
import io.tidemark.api.definition.ExternalPart;
import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.Join;
import io.tidemark.api.definition.JoinPart;
import io.tidemark.api.definition.LabelPart;
import io.tidemark.api.naming.Names;
import io.tidemark.api.validation.GroupByRules.Scope;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Rules a join must follow on its own, before any table is read: where its tables go, how every join part's keys are
 * found on the left, and that no two parts write the same column. Checks that need a table's schema run later, when
 * the job is planned.
 */
final class JoinRules {
  static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_]+");

  private JoinRules() {}

  /** Checks {@code join}, found at {@code at} (a whole file, or a join source's parent), and reports to problems. */
  static void check(Join join, Location at, Problems problems) {
    Scope scope = new Scope(at, problems);
    checkOutputNamespace(join, scope);
    Optional<Map<String, String>> leftSelects = join.left().query().selectedColumns();
    for (Join.ComputedPart part : join.computedParts(at)) {
      checkPart(part.part(), part.location(), leftSelects, scope);
    }
    for (int i = 0; i < join.rowIds().size(); i++) {
      String rowId = join.rowIds().get(i);
      if (leftSelects.isPresent() && !leftSelects.get().containsKey(rowId)) {
        scope.error(ErrorCode.MISSING_COLUMN, at.element("rowIds", i), rowId + " is not selected by the left source",
            "add \"" + rowId + "\" to " + scope.name(leftSelects(join, at)) + ", or remove it from rowIds");
      }
    }
    checkBootstraps(join, leftSelects, scope);
    checkColumnsAreUnique(join, scope);
    checkGroupByDerivations(join, scope);
    LabelRules.check(join, scope);
  }

  /** Every bootstrap part needs keys to match left rows on, and the left must have them. */
  private static void checkBootstraps(Join join, Optional<Map<String, String>> leftSelects, Scope scope) {
    for (int i = 0; i < join.bootstrapParts().size(); i++) {
      BootstrapPart part = join.bootstrapParts().get(i);
      Location keyColumns = scope.at().bootstrapPart(i).field("keyColumns");
      List<String> keys = part.effectiveKeys(join.rowIds());
      if (keys.isEmpty()) {
        scope.error(ErrorCode.MISSING_FIELD, keyColumns,
            "is not set and the join has no rowIds, so rows of " + part.table()
            + " cannot be matched to left rows", "declare \"rowIds\" on the join, or \"keyColumns\" on the part");
      }
      for (String key : keys) {
        if (leftSelects.isPresent() && !leftSelects.get().containsKey(key)) {
          scope.error(ErrorCode.MISSING_COLUMN, keyColumns, "key " + key
              + " is not selected by the left source",
              "add \"" + key + "\" to " + scope.name(leftSelects(join, scope.at())));
        }
      }
    }
    if (join.bootstrapsFromLog() && join.rowIds().isEmpty()) {
      scope.error(ErrorCode.MISSING_FIELD, scope.at().field("bootstrapFromLog"),
          "needs rowIds: logged rows are matched to left rows on them",
          "declare \"rowIds\" (e.g. the request id, logged as a contextual field), or remove bootstrapFromLog");
    }
    for (int i = 0; i < join.externalParts().size(); i++) {
      ExternalPart part = join.externalParts().get(i);
      if (!IDENTIFIER.matcher(part.name()).matches()) {
        scope.error(ErrorCode.INVALID_VALUE, scope.at().externalPart(i).field("source.metadata.name"),
            "\"" + part.name() + "\" is not a plain identifier", "use letters, digits and underscores only");
      }
    }
  }

  /**
   * A GroupBy's derivations apply to its own daily table. Inside a join (or as a label) they would rename and replace
   * the part's columns, which the engine does not do: join parts' columns are derived at the join's level instead.
   */
  private static void checkGroupByDerivations(Join join, Scope scope) {
    for (Join.ComputedPart computed : join.computedParts(scope.at())) {
      JoinPart part = computed.part();
      if (part.groupBy().hasDerivations()) {
        scope.error(ErrorCode.UNSUPPORTED_FEATURE, computed.groupBy().derivations(),
            "the derivations of a GroupBy joined as a part are "
            + "not supported by this version of Tidemark (they apply to the GroupBy's own table)", "derive the "
            + "columns in the join's derivations instead, over the part's columns (named "
            + Names.joinPartPrefix(part) + "_<column>), with {\"name\": \"*\", \"expression\": \"*\"} to keep the "
            + "others; or join a GroupBy without derivations");
      }
    }
    List<JoinPart> labels = join.labels().map(LabelPart::labels).orElse(List.of());
    for (int i = 0; i < labels.size(); i++) {
      if (labels.get(i).groupBy().hasDerivations()) {
        scope.error(ErrorCode.UNSUPPORTED_FEATURE, scope.at().label(i).groupBy().derivations(),
            "the derivations of a label's GroupBy are not "
            + "supported by this version of Tidemark", "label with a GroupBy without derivations, and compute the "
            + "derived label where the labeled view is read");
      }
    }
  }

  private static void checkOutputNamespace(Join join, Scope scope) {
    String namespace = join.metaData().outputNamespace();
    // Its form is checked where it is read, by the rule for every table Tidemark creates.
    if (namespace == null) {
      scope.error(ErrorCode.MISSING_FIELD, scope.at().outputNamespace(), "is required for a join",
          "name the namespace that holds the join's tables, e.g. \"outputNamespace\": \"quickstart\"");
    }
  }

  /** A join part's prefix and keys: every key of its GroupBy is found on the left, by name or key mapping. */
  static void checkPart(JoinPart part, Location at, Optional<Map<String, String>> leftSelects, Scope scope) {
    GroupBy groupBy = part.groupBy();
    if (part.prefix() != null && !IDENTIFIER.matcher(part.prefix()).matches()) {
      scope.error(ErrorCode.INVALID_VALUE, at.field("prefix"), "\"" + part.prefix() + "\" is not a plain identifier",
          "use letters, digits and underscores only");
    }
    Map<String, String> mappedFrom = new HashMap<>();
    for (Map.Entry<String, String> mapping : part.keyMapping().entrySet()) {
      Location field = at.field("keyMapping").field(mapping.getKey());
      String earlier = mappedFrom.putIfAbsent(mapping.getValue(), mapping.getKey());
      if (earlier != null) {
        scope.error(ErrorCode.CONFLICTING_FIELDS, field, "maps " + mapping.getKey() + " to key " + mapping.getValue()
            + ", which " + earlier
            + " maps to already: a key takes its value from one left column", "keep one of the two mappings");
      }
      if (!groupBy.keyColumns().contains(mapping.getValue())) {
        scope.error(ErrorCode.INVALID_VALUE, field, "maps to " + mapping.getValue() + ", which is not a key of "
            + groupBy.name()
            + " (keys: " + String.join(", ", groupBy.keyColumns()) + ")", "map the left column to one of those keys");
      } else if (leftSelects.isPresent() && !leftSelects.get().containsKey(mapping.getKey())) {
        scope.error(ErrorCode.MISSING_COLUMN, field, "maps the left column " + mapping.getKey()
            + ", which the left source does not select",
            "select " + mapping.getKey() + " on the left, or map a selected left column");
      }
    }
    if (leftSelects.isEmpty()) {
      return;
    }
    for (String key : groupBy.keyColumns()) {
      String leftColumn = part.leftColumnFor(key);
      if (leftColumn.equals(key) && !leftSelects.get().containsKey(key)) {
        scope.error(ErrorCode.MISSING_COLUMN, at, "key " + key + " of " + groupBy.name()
            + " is not selected by the left source",
            "select " + key + " on the left, or map a left column to it: \"keyMapping\": {\"<left column>\": \""
                + key + "\"}");
      }
    }
  }

  private static Location leftSelects(Join join, Location at) {
    return at.left().query(join.left()).field("selects");
  }

  /**
   * No two parts may write the same column. A left column may share a part's column name: its values then take
   * precedence over every bootstrap and over the computed value.
   */
  private static void checkColumnsAreUnique(Join join, Scope scope) {
    Map<String, String> producers = new LinkedHashMap<>();
    for (int i = 0; i < join.joinParts().size(); i++) {
      checkUnique(Names.joinPartColumns(join.joinParts().get(i)), scope.at().joinPart(i), producers, scope);
    }
    for (int i = 0; i < join.externalParts().size(); i++) {
      checkUnique(Names.externalColumns(join.externalParts().get(i)), scope.at().externalPart(i), producers, scope);
    }
  }

  /** {@code producers} maps each column seen so far to who writes it, as a message names it. */
  static void checkUnique(List<String> columns, Location at, Map<String, String> producers, Scope scope) {
    String name = scope.name(at);
    for (String column : columns) {
      String previous = producers.putIfAbsent(column, name);
      if (previous != null) {
        scope.error(ErrorCode.DUPLICATE_COLUMN, at, "writes column " + column + ", which " + previous + " writes too",
            "set a different \"prefix\" on " + name);
      }
    }
  }
}
