package io.tidemark.online.jobs.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ConsistencyMetricsTest {
  @Test
  void smapeIsSymmetricAndZeroWhenBothAreZero() {
    assertThat(Smape.of(9, 7)).isEqualTo(0.25);
    assertThat(Smape.of(7, 9)).isEqualTo(0.25);
    assertThat(Smape.of(0, 0)).isZero();
    assertThat(Smape.of(0, 5)).isEqualTo(2.0);
  }

  @Test
  void floatingPointNumbersMatchWithinTheRelativeToleranceAndIntegersExactly() {
    assertThat(ValueEquality.same(15.000001, 15.0)).isTrue();
    assertThat(ValueEquality.same(15.0001, 15.0)).isFalse();
    assertThat(ValueEquality.same(2L, 2L)).isTrue();
    assertThat(ValueEquality.same(3L, 2L)).isFalse();
    assertThat(ValueEquality.same(List.of(1.0, 2.0), List.of(1.0, 2.0000000001))).isTrue();
    assertThat(ValueEquality.same(java.util.Map.of("a", 1L), java.util.Map.of("a", 2L))).isFalse();
  }

  @Test
  void editDistanceCountsInsertionsAndDeletionsAroundTheLongestCommonSubsequence() {
    assertThat(EditDistance.of(List.of(7.0, 3.0), List.of(7.0))).isEqualTo(new EditDistance(1, 0));
    assertThat(EditDistance.of(List.of(1, 2, 3), List.of(2, 3, 4))).isEqualTo(new EditDistance(1, 1));
    assertThat(EditDistance.of(List.of(), List.of(1, 2))).isEqualTo(new EditDistance(0, 2));
    assertThat(EditDistance.of(List.of(5, 10), List.of(10, 5))).isEqualTo(new EditDistance(1, 1));
  }

  @Test
  void differenceHistogramBinsByDecadeOnEachSide() {
    List<String> labels = DifferenceHistogram.labels();
    assertThat(labels).hasSize(DifferenceHistogram.bins()).hasSize(27);
    assertThat(labels.get(DifferenceHistogram.bin(0))).isEqualTo("|d| < 1e-6");
    assertThat(labels.get(DifferenceHistogram.bin(2))).isEqualTo("[1e0, 1e1)");
    assertThat(labels.get(DifferenceHistogram.bin(-0.5))).isEqualTo("(-1e0, -1e-1]");
    assertThat(labels.get(DifferenceHistogram.bin(5e9))).isEqualTo(">= 1e6");
    assertThat(labels.get(DifferenceHistogram.bin(-5e9))).isEqualTo("<= -1e6");
  }

  @Test
  void featureStatsCountOutcomesAndAverageOverPairsAcrossMergedParts() {
    // The worked example of ConsistencyCheckTest's day 3: four logged rows, two merged parts.
    FeatureStats first = new FeatureStats("sum", FeatureKind.NUMBER);
    first.add(15.0, 15.0);
    first.add(9.0, 7.0);
    FeatureStats second = new FeatureStats("sum", FeatureKind.NUMBER);
    second.add(0.0, null);
    second.add(15.000001, 15.0);

    FeatureMetrics sum = first.merge(second).metrics();

    assertThat(List.of(sum.total(), sum.matches(), sum.mismatches(), sum.bothNull(), sum.onlineNull(),
        sum.offlineNull())).containsExactly(4L, 2L, 1L, 0L, 0L, 1L);
    assertThat(sum.smapeAverage().getAsDouble()).isCloseTo((0.25 + 2 * 0.000001 / 30.000001) / 3, within(1e-12));
    // 15.000001 - 15.0 is just under 1e-6 in binary floating point: it joins the exact match near zero.
    assertThat(15.000001 - 15.0).isLessThan(1e-6);
    assertThat(sum.differences().get(DifferenceHistogram.zeroBin())).isEqualTo(2L);
    assertThat(sum.differences().get(DifferenceHistogram.bin(2))).isEqualTo(1L);
    assertThat(sum.differences().stream().mapToLong(Long::longValue).sum()).isEqualTo(3L);
    assertThat(sum.editInsertAverage()).isEmpty();

    FeatureStats lists = new FeatureStats("last2", FeatureKind.LIST);
    lists.add(List.of(5.0, 10.0), List.of(5.0, 10.0));
    lists.add(List.of(7.0, 3.0), List.of(7.0));
    lists.add(null, null);
    lists.add(Arrays.asList(5.0, 10.0), List.of(5.0, 10.0));
    FeatureMetrics last2 = lists.metrics();

    assertThat(List.of(last2.total(), last2.matches(), last2.mismatches(), last2.bothNull(), last2.lengthMismatches()))
        .containsExactly(4L, 2L, 1L, 1L, 1L);
    assertThat(last2.editInsertAverage().getAsDouble()).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(last2.editDeleteAverage()).isEqualTo(OptionalDouble.of(0));
    assertThat(last2.smapeAverage()).isEmpty();
    assertThat(last2.differences()).isEmpty();
  }
}
