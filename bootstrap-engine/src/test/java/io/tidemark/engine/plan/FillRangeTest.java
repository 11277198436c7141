package io.tidemark.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class FillRangeTest {
  private static final TreeSet<String> LEFT = new TreeSet<>(List.of(
      "2023-11-01", "2023-11-02", "2023-11-03", "2023-11-05", "2023-11-06", "2023-11-09"));

  @Test
  void fillsLeftPartitionsMissingFromTheOutputInStepsOfAtMostStepDays() {
    FillRange fill = FillRange.plan(LEFT, Set.of("2023-11-02"), null, null, 3);

    assertThat(fill.start()).isEqualTo("2023-11-01");
    assertThat(fill.end()).isEqualTo("2023-11-09");
    assertThat(fill.missing()).containsExactly("2023-11-01", "2023-11-03", "2023-11-05", "2023-11-06", "2023-11-09");
    // Steps span at most 3 calendar days from their first day: [01..03], [05..07], [09..11].
    assertThat(fill.steps()).containsExactly(
        List.of("2023-11-01", "2023-11-03"), List.of("2023-11-05", "2023-11-06"), List.of("2023-11-09"));
  }

  @Test
  void contiguousStepsNeverSpanAGap() {
    FillRange fill = FillRange.plan(LEFT, Set.of("2023-11-02"), null, null, 3, FillRange.Steps.CONTIGUOUS);

    assertThat(fill.steps()).containsExactly(List.of("2023-11-01"), List.of("2023-11-03"),
        List.of("2023-11-05", "2023-11-06"), List.of("2023-11-09"));
  }

  @Test
  void boundsAreInclusiveAndNeedNotBeLeftPartitions() {
    FillRange fill = FillRange.plan(LEFT, Set.of(), "2023-11-02", "2023-11-05", 30);

    assertThat(fill.missing()).containsExactly("2023-11-02", "2023-11-03", "2023-11-05");
    assertThat(fill.steps()).hasSize(1);
  }

  @Test
  void aStartAfterTheEndFillsNothing() {
    FillRange fill = FillRange.plan(LEFT, Set.of(), "2023-11-10", "2023-11-05", 30);

    assertThat(fill.missing()).isEmpty();
    assertThat(fill.steps()).isEmpty();
  }

  @Test
  void nothingMissingMeansNoSteps() {
    FillRange fill = FillRange.plan(LEFT, LEFT, null, null, 1);

    assertThat(fill.isEmpty()).isTrue();
    assertThat(fill.steps()).isEmpty();
  }

  @Test
  void anEmptyLeftHasNoRange() {
    FillRange fill = FillRange.plan(new TreeSet<>(), Set.of(), null, null, 1);

    assertThat(fill.start()).isNull();
    assertThat(fill.missing()).isEmpty();
  }
}
