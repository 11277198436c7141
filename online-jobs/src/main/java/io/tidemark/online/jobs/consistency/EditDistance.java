package io.tidemark.online.jobs.consistency;

import java.util.List;

/**
 * The insertions and deletions that turn the computed (offline) list into the logged (online) one, with no
 * substitutions: elements of the longest common subsequence stay, the offline list's other elements are deleted and
 * the online list's other elements inserted. Elements compare with {@link ValueEquality}.
 */
public record EditDistance(int insertions, int deletions) {
  public static EditDistance of(List<?> online, List<?> offline) {
    int common = longestCommonSubsequence(online, offline);
    return new EditDistance(online.size() - common, offline.size() - common);
  }

  private static int longestCommonSubsequence(List<?> a, List<?> b) {
    int[] previous = new int[b.size() + 1];
    int[] current = new int[b.size() + 1];
    for (Object x : a) {
      for (int j = 1; j <= b.size(); j++) {
        current[j] = ValueEquality.same(x, b.get(j - 1))
            ? previous[j - 1] + 1
            : Math.max(previous[j], current[j - 1]);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.size()];
  }
}
