package io.tidemark.api.json;

import java.util.Optional;

/** Finds a GroupBy that a join names instead of inlining ({@code "groupBy": {"name": "team.file.v1"}}). */
public interface GroupByResolver {
  /** For definitions read on their own: every GroupBy must be inline. */
  GroupByResolver INLINE_ONLY = new GroupByResolver() {
    @Override
    public Optional<DefinitionText> resolve(String name) {
      return Optional.empty();
    }

    @Override
    public String whereToDefine(String name) {
      return "inline the GroupBy in the join (GroupBys can be named only in a definitions folder with group_bys/)";
    }
  };

  Optional<DefinitionText> resolve(String name);

  /** How to make {@code name} resolvable, for the error when it is not. */
  String whereToDefine(String name);
}
