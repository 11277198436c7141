package io.tidemark.api.json;

import static io.tidemark.api.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.tidemark.api.naming.TableNameRule;

/**
 * What reading a definition depends on besides its text. The reader stays free of Spark and catalogs: the command
 * decides these (from its options and the catalog file) and passes them in.
 *
 * @param defaultNamespace the namespace of a table that a definition names without one ({@code "purchases"}), as
 *     Chronon reads such a name in Spark's current namespace; the loaded definition holds the resolved
 *     {@code namespace.table}, so that everything after reading sees the full name
 */
public record ReadOptions(String defaultNamespace) {
  /** The namespace a bare table name is in unless told otherwise: Spark's and Hive's {@code default}. */
  public static final String DEFAULT_NAMESPACE = "default";

  /** Reading as Chronon does by default: bare table names are in {@value #DEFAULT_NAMESPACE}. */
  public static final ReadOptions DEFAULTS = new ReadOptions(DEFAULT_NAMESPACE);

  public ReadOptions {
    requireNonNull(defaultNamespace, "defaultNamespace is null");
    checkArgument(TableNameRule.isPlain(defaultNamespace), "Cannot read definitions: default namespace '%s' is not "
        + "made of letters, digits and _", defaultNamespace);
  }
}
