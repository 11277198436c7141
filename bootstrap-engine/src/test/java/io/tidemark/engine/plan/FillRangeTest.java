package io.tidemark.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.time.Day;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class FillRangeTest {
  private static final TreeSet<Day> LEFT = new TreeSet<>(days(
      "2023-11-01", "2023-11-02", "2023-11-03", "2023-11-05", "2023-11-06", "2023-11-09"));

  @Test
  void fillsLeftPartitionsMissingFromTheOutputInStepsOfAtMostStepDays() {
    FillRange fill = FillRange.plan(LEFT, Set.of(Day.parse("2023-11-02")), Optional.empty(), Optional.empty(), 3);

    assertThat(fill.start()).contains(Day.parse("2023-11-01"));
    assertThat(fill.end()).contains(Day.parse("2023-11-09"));
    assertThat(fill.missing())
        .containsExactlyElementsOf(days("2023-11-01", "2023-11-03", "2023-11-05", "2023-11-06", "2023-11-09"));
    // Steps span at most 3 calendar days from their first day: [01..03], [05..07], [09..11].
    assertThat(fill.steps()).containsExactly(
        days("2023-11-01", "2023-11-03"), days("2023-11-05", "2023-11-06"), days("2023-11-09"));
  }

  @Test
  void contiguousStepsNeverSpanAGap() {
    FillRange fill = FillRange.plan(LEFT, Set.of(Day.parse("2023-11-02")), Optional.empty(), Optional.empty(), 3,
        FillRange.Steps.CONTIGUOUS);

    assertThat(fill.steps()).containsExactly(days("2023-11-01"), days("2023-11-03"),
        days("2023-11-05", "2023-11-06"), days("2023-11-09"));
  }

  @Test
  void boundsAreInclusiveAndNeedNotBeLeftPartitions() {
    FillRange fill = FillRange.plan(LEFT, Set.of(), day("2023-11-02"), day("2023-11-05"), 30);

    assertThat(fill.missing()).containsExactlyElementsOf(days("2023-11-02", "2023-11-03", "2023-11-05"));
    assertThat(fill.steps()).hasSize(1);
  }

  @Test
  void aStartAfterTheEndFillsNothing() {
    FillRange fill = FillRange.plan(LEFT, Set.of(), day("2023-11-10"), day("2023-11-05"), 30);

    assertThat(fill.missing()).isEmpty();
    assertThat(fill.steps()).isEmpty();
  }

  @Test
  void nothingMissingMeansNoSteps() {
    FillRange fill = FillRange.plan(LEFT, LEFT, Optional.empty(), Optional.empty(), 1);

    assertThat(fill.isEmpty()).isTrue();
    assertThat(fill.steps()).isEmpty();
  }

  @Test
  void anEmptyLeftHasNoRange() {
    FillRange fill = FillRange.plan(new TreeSet<>(), Set.of(), Optional.empty(), Optional.empty(), 1);

    assertThat(fill.start()).isEmpty();
    assertThat(fill.missing()).isEmpty();
  }

  private static Optional<Day> day(String ds) {
    return Optional.of(Day.parse(ds));
  }

  private static List<Day> days(String... days) {
    return Arrays.stream(days).map(Day::parse).toList();
  }
}
