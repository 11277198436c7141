package io.tidemark.api.definition;

import static io.tidemark.api.definition.Collections2.copyOfList;
import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Values an online service fetches from outside Tidemark (an {@code ExternalSource} in Chronon), or the request's
 * context ({@code ContextualSource}: a source named {@code contextual}). Offline they have no computation: their
 * columns are filled only from bootstrap parts, and are NULL elsewhere.
 *
 * @param name the source's name; its columns are {@code ext_[<prefix>_]<name>_<field>}
 * @param keyFields what the source is looked up by (for a contextual source, the same as its values)
 * @param valueFields the fields it returns, one output column each
 */
public record ExternalPart(String name, String prefix, List<ExternalField> keyFields, List<ExternalField> valueFields) {
  public ExternalPart {
    requireNonNull(name, "name is null");
    keyFields = copyOfList(keyFields);
    valueFields = copyOfList(valueFields);
  }
}
