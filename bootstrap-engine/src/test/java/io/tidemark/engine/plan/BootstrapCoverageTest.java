package io.tidemark.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BootstrapCoverageTest {
  // Part spend has columns sum and max; part visits has count. Source 0 provides sum and count, source 1 max and
  // count, source 2 sum only.
  private final BootstrapCoverage coverage = new BootstrapCoverage(
      List.of(new BootstrapCoverage.Source("legacy", Set.of("sum", "count")),
          new BootstrapCoverage.Source("second", Set.of("max", "count")),
          new BootstrapCoverage.Source("sums", Set.of("sum"))),
      Map.of("spend", List.of("sum", "max"), "visits", List.of("count")));

  @Test
  void aPartIsCoveredWhenTheMatchedSourcesTogetherProvideAllItsColumns() {
    assertThat(coverage.covers("spend", Set.of(0, 1))).isTrue();
    assertThat(coverage.covers("spend", Set.of(1, 2))).isTrue();
    assertThat(coverage.covers("visits", Set.of(1))).isTrue();
  }

  @Test
  void aPartialMatchOrNoMatchLeavesThePartUncovered() {
    assertThat(coverage.covers("spend", Set.of(0))).isFalse();
    assertThat(coverage.covers("spend", Set.of(0, 2))).isFalse();
    assertThat(coverage.covers("spend", Set.of())).isFalse();
    assertThat(coverage.covers("visits", Set.of(2))).isFalse();
  }

  @Test
  void sourcesOfAColumnComeInPriorityOrder() {
    assertThat(coverage.sourcesOf("sum")).containsExactly(0, 2);
    assertThat(coverage.sourcesOf("count")).containsExactly(0, 1);
    assertThat(coverage.sourcesOfPart("spend")).containsExactly(0, 2, 1);
  }

  @Test
  void aColumnNoSourceProvidesCanNeverBeCovered() {
    BootstrapCoverage partial = new BootstrapCoverage(List.of(new BootstrapCoverage.Source("legacy", Set.of("sum"))),
        Map.of("spend", List.of("sum", "max")));
    assertThat(partial.covers("spend", Set.of(0))).isFalse();
    assertThatThrownBy(() -> partial.partColumns("visits"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot find join part visits: the parts are [spend]");
  }
}
