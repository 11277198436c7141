package io.tidemark.api.definition;

import static io.tidemark.api.definition.Collections2.copyOfList;
import static io.tidemark.api.definition.Collections2.copyOfOrderedMap;
import static java.util.Objects.requireNonNull;

import io.tidemark.api.naming.Names;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Values an online service fetches from outside Tidemark (an {@code ExternalSource} in Chronon), or the request's
 * context ({@code ContextualSource}: a source named {@code contextual}). Offline they have no computation of their
 * own: their columns are filled from bootstrap parts, and are NULL elsewhere; unless the source names an offline
 * GroupBy, which offline stands in for the service as a join part would (see {@link #offlinePart()}).
 *
 * @param name the source's name; its columns are {@code ext_[<prefix>_]<name>_<field>}
 * @param keyMapping left column to the source's key ({@code {left: key}}), as a join part's; the offline GroupBy's
 *     keys are found on the left through it
 * @param keyFields what the source is looked up by (for a contextual source, the same as its values)
 * @param valueFields the fields it returns online, one output column each for a source without an offline GroupBy
 * @param offlineGroupBy the GroupBy that computes the source's values offline, or null for none
 */
public record ExternalPart(String name, String prefix, Map<String, String> keyMapping, List<ExternalField> keyFields,
    List<ExternalField> valueFields, GroupBy offlineGroupBy) {
  public ExternalPart {
    requireNonNull(name, "name is null");
    keyMapping = copyOfOrderedMap(keyMapping);
    keyFields = copyOfList(keyFields);
    valueFields = copyOfList(valueFields);
  }

  /** A source that only bootstraps fill offline. */
  public ExternalPart(String name, String prefix, List<ExternalField> keyFields, List<ExternalField> valueFields) {
    this(name, prefix, Map.of(), keyFields, valueFields, null);
  }

  /**
   * The join part that computes the source's values offline, as Chronon converts an external part with an offline
   * GroupBy: the GroupBy, with this part's key mapping, whose columns are named {@code <column prefix>_<GroupBy
   * column>}. Empty for a source without an offline GroupBy.
   */
  public Optional<JoinPart> offlinePart() {
    return Optional.ofNullable(offlineGroupBy).map(groupBy -> new JoinPart(groupBy, keyMapping, prefix,
        Names.externalColumnPrefix(this)));
  }
}
