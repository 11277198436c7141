package io.tidemark.api.load;

/** The kinds of definition files, and the folders Chronon's {@code production/} layout keeps them in. */
public enum DefinitionKind {
  JOIN("joins"),
  GROUP_BY("group_bys"),
  STAGING_QUERY("staging_queries");

  private final String folder;

  DefinitionKind(String folder) {
    this.folder = folder;
  }

  /** The folder of this kind under the definitions root, e.g. {@code group_bys}. */
  public String folder() {
    return folder;
  }
}
