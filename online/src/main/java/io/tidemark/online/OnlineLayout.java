package io.tidemark.online;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/** Where the online loop keeps its files under the online folder (see docs/online-serving.md). */
public record OnlineLayout(Path root) {
  public OnlineLayout {
    requireNonNull(root, "root is null");
  }

  public Path store() {
    return root.resolve("store");
  }

  public Path groupByMetadata(String groupByName) {
    return root.resolve("metadata").resolve("group_bys").resolve(groupByName + ".json");
  }

  public Path joinMetadata(String joinName) {
    return root.resolve("metadata").resolve("joins").resolve(joinName + ".json");
  }

  /** The folder of a join's raw request log, one {@code ds=<day>} folder per day and a {@code schemas} folder. */
  public Path joinLog(String joinName) {
    return root.resolve("logs").resolve(joinName);
  }
}
