package io.tidemark.online.jobs.flatten;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RawDayTest {
  @Test
  void fingerprintIgnoresListingOrderAndChangesWhenAFileGrowsOrAppears() {
    RawDay day = new RawDay("2023-12-01", List.of(new RawFile("b.jsonl", 10), new RawFile("a.jsonl", 20)));
    RawDay sameFiles = new RawDay("2023-12-01", List.of(new RawFile("a.jsonl", 20), new RawFile("b.jsonl", 10)));
    RawDay grown = new RawDay("2023-12-01", List.of(new RawFile("a.jsonl", 21), new RawFile("b.jsonl", 10)));
    RawDay added = new RawDay("2023-12-01", List.of(new RawFile("a.jsonl", 20), new RawFile("b.jsonl", 10),
        new RawFile("c.jsonl", 0)));

    assertThat(day.fingerprint()).hasSize(16).isEqualTo(sameFiles.fingerprint());
    assertThat(grown.fingerprint()).isNotEqualTo(day.fingerprint());
    assertThat(added.fingerprint()).isNotEqualTo(day.fingerprint());
    assertThat(day.bytes()).isEqualTo(30);
  }

  @Test
  void plannerWritesNewDaysReplacesChangedDaysAndKeepsTheRest() {
    RawDay kept = new RawDay("2023-12-01", List.of(new RawFile("a.jsonl", 5)));
    RawDay changed = new RawDay("2023-12-02", List.of(new RawFile("a.jsonl", 9)));
    RawDay fresh = new RawDay("2023-12-03", List.of(new RawFile("a.jsonl", 1)));
    FlattenedDays flattened = FlattenedDays.none().with(java.util.Map.of("2023-12-01", kept.fingerprint(),
        "2023-12-02", new RawDay("2023-12-02", List.of(new RawFile("a.jsonl", 4))).fingerprint()));

    assertThat(FlattenPlanner.days(List.of(kept, changed, fresh), flattened, Optional.empty()))
        .containsExactly(new DayPlan(kept, DayAction.KEEP), new DayPlan(changed, DayAction.REPLACE),
            new DayPlan(fresh, DayAction.WRITE));
    assertThat(FlattenPlanner.days(List.of(kept, changed, fresh), flattened, Optional.of("2023-12-03")))
        .containsExactly(new DayPlan(fresh, DayAction.WRITE));
    assertThat(FlattenedDays.fromJson(flattened.toJson(), "t")).isEqualTo(flattened);
  }
}
