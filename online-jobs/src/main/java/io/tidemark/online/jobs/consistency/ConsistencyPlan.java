package io.tidemark.online.jobs.consistency;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.naming.TableName;
import io.tidemark.api.time.Day;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a consistency run compares, decided before anything is computed.
 *
 * @param keys the log table's key columns, which with {@code ts} are the left of the offline computation and pair
 *     each logged row with its computed row
 * @param features the join parts' columns the log has, in output order, with their kinds
 * @param notLogged the join parts' columns the log table lacks, which are not compared
 * @param loggedRows the logged rows of the day
 */
public record ConsistencyPlan(
    String join,
    Day ds,
    TableName logTable,
    TableName consistencyTable,
    List<String> keys,
    Map<String, FeatureKind> features,
    List<String> notLogged,
    long loggedRows) {

  public ConsistencyPlan {
    requireNonNull(join, "join is null");
    requireNonNull(ds, "ds is null");
    keys = List.copyOf(keys);
    features = new LinkedHashMap<>(features);
    notLogged = List.copyOf(notLogged);
  }

  @Override
  public Map<String, FeatureKind> features() {
    return new LinkedHashMap<>(features);
  }

  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    lines.add("Compare " + loggedRows + " logged rows of " + logTable + " (ds=" + ds + ") with the same keys ("
        + String.join(", ", keys) + ") and request times computed offline, for " + features.size() + " features");
    if (!notLogged.isEmpty()) {
      lines.add("  not logged, not compared: " + String.join(", ", notLogged));
    }
    lines.add("  metrics to " + consistencyTable + " (ds=" + ds + " replaced)");
    return lines;
  }
}
