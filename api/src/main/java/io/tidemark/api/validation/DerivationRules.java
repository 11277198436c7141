package io.tidemark.api.validation;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.Location;
import io.tidemark.api.definition.Derivation;
import io.tidemark.api.naming.Names;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Rules a list of derivations follows on its own, before any table is read: each derived column is named once (Spark
 * and Trino compare column names regardless of case, so {@code Spend} and {@code spend} are one name), and none takes
 * the name of a column Tidemark writes itself, except as itself ({@code ds} derived as {@code ds}). Whether each
 * expression resolves, and against which columns, is checked when the job is planned.
 */
final class DerivationRules {
  /** Columns every output keeps as they are: the day, the time, and Tidemark's own bookkeeping. */
  private static final Set<String> RESERVED = Set.of(Names.PARTITION_COLUMN, Names.TIME_COLUMN,
      Names.ROW_KEY_COLUMN, Names.PROVENANCE_COLUMN);

  private DerivationRules() {}

  /**
   * Checks {@code derivations}, found at {@code at} (e.g. {@code derivations} or
   * {@code joinParts[0].groupBy.derivations}), and reports what is wrong to {@code problems}.
   */
  static void check(List<Derivation> derivations, Location at, Problems problems) {
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < derivations.size(); i++) {
      Derivation derivation = derivations.get(i);
      Location field = at.index(i).field("name");
      Integer earlier = seen.putIfAbsent(derivation.name().toLowerCase(Locale.ROOT), i);
      if (earlier != null) {
        problems.error(ErrorCode.DUPLICATE_COLUMN, field, (derivation.isStar() ? "keeps the base columns"
            : "names " + derivation.name())
            + " again (" + at.index(earlier).path() + " does too; names are compared regardless of case)",
            derivation.isStar() ? "keep one {\"name\": \"*\", \"expression\": \"*\"}"
                : "give each derived column a name of its own");
      }
      // {"name": "ds", "expression": "ds"} keeps the day as every output does: Chronon's confs list it, harmlessly.
      if (RESERVED.contains(derivation.name().toLowerCase(Locale.ROOT)) && !derivation.isIdentity()) {
        problems.error(ErrorCode.DUPLICATE_COLUMN, field, derivation.name()
            + " is a column the output keeps as it is (the day, the time "
            + "and Tidemark's own columns are never derived)", "give the derived column another name");
      }
    }
  }
}
