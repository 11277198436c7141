package io.tidemark.online.jobs.upload;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.Location;
import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.Join;
import io.tidemark.api.validation.InvalidDefinitionException;
import io.tidemark.api.validation.Problem;
import java.util.List;

/**
 * What this version serves online. Derivations are computed offline only: a fetch would answer with the base columns
 * where the join's (or GroupBy's) table has derived ones, so a definition with derivations is refused before anything
 * is uploaded rather than served with values that differ from the training set's.
 */
public final class ServingSupport {
  private ServingSupport() {}

  /** Throws when {@code join}, defined in {@code file}, cannot be served. */
  public static void check(Join join, String file) {
    if (join.hasDerivations()) {
      throw refusal(file, "a join", "the base columns, not the derived ones", "serve a join without derivations (the "
          + "same join under another name, without them) and derive where the fetched values are used; backfills of "
          + "this join compute its derivations");
    }
  }

  /** Throws when {@code groupBy}, defined in {@code file}, cannot be served. */
  public static void check(GroupBy groupBy, String file) {
    if (groupBy.hasDerivations()) {
      throw refusal(file, "a GroupBy", "its features, not the derived columns", "upload a GroupBy without derivations "
          + "(the same GroupBy under another name, without them) and derive where the fetched values are used; "
          + "backfills of this GroupBy compute its derivations");
    }
  }

  private static InvalidDefinitionException refusal(String file, String what, String fetched, String fix) {
    return new InvalidDefinitionException(List.of(Problem.error(ErrorCode.UNSUPPORTED_FEATURE,
        Location.of(file).derivations(), "serving "
        + what + " with derivations is not supported by this version of Tidemark (fetches would return " + fetched
        + ")", fix)));
  }
}
