package io.tidemark.api.validation;

import io.tidemark.api.Location;
import io.tidemark.api.definition.Derivation;
import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.Join;
import java.util.List;

/**
 * The rules a definition must follow on its own, before any table is read: the one entry to them. Each rule is written
 * beside its message in a rule class of this package, one per kind of definition (joins with their label part,
 * GroupBys, derivations), and every rule reports what it finds to {@link Problems} instead of stopping at the first, so
 * that one run names everything to fix. Checks that need a table's schema run later, when a job is planned.
 */
public final class Validation {
  private Validation() {}

  /** Checks {@code join}, found at {@code at} (a whole file, or a join source's parent). */
  public static void checkJoin(Join join, Location at, Problems problems) {
    JoinRules.check(join, at, problems);
  }

  /** Checks {@code groupBy}, found at {@code at}. */
  public static void checkGroupBy(GroupBy groupBy, Location at, Problems problems) {
    GroupByRules.check(groupBy, at, problems);
  }

  /**
   * Checks {@code derivations}, found at {@code at} (e.g. {@code derivations} or
   * {@code joinParts[0].groupBy.derivations}).
   */
  public static void checkDerivations(List<Derivation> derivations, Location at, Problems problems) {
    DerivationRules.check(derivations, at, problems);
  }
}
