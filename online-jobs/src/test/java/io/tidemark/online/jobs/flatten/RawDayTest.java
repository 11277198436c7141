package io.tidemark.online.jobs.flatten;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.api.time.Day;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RawDayTest {
  private static final Day DEC1 = Day.parse("2023-12-01");
  private static final Day DEC2 = Day.parse("2023-12-02");
  private static final Day DEC3 = Day.parse("2023-12-03");

  @Test
  void fingerprintIgnoresListingOrderAndChangesWhenAFileGrowsOrAppears() {
    RawDay day = new RawDay(DEC1, List.of(new RawFile("b.jsonl", 10), new RawFile("a.jsonl", 20)));
    RawDay sameFiles = new RawDay(DEC1, List.of(new RawFile("a.jsonl", 20), new RawFile("b.jsonl", 10)));
    RawDay grown = new RawDay(DEC1, List.of(new RawFile("a.jsonl", 21), new RawFile("b.jsonl", 10)));
    RawDay added = new RawDay(DEC1, List.of(new RawFile("a.jsonl", 20), new RawFile("b.jsonl", 10),
        new RawFile("c.jsonl", 0)));

    assertThat(day.fingerprint()).hasSize(16).isEqualTo(sameFiles.fingerprint());
    assertThat(grown.fingerprint()).isNotEqualTo(day.fingerprint());
    assertThat(added.fingerprint()).isNotEqualTo(day.fingerprint());
    assertThat(day.bytes()).isEqualTo(30);
  }

  @Test
  void plannerWritesNewDaysReplacesChangedDaysAndKeepsTheRest() {
    RawDay kept = new RawDay(DEC1, List.of(new RawFile("a.jsonl", 5)));
    RawDay changed = new RawDay(DEC2, List.of(new RawFile("a.jsonl", 9)));
    RawDay fresh = new RawDay(DEC3, List.of(new RawFile("a.jsonl", 1)));
    FlattenedDays flattened = FlattenedDays.none().with(Map.of(DEC1, kept.fingerprint(),
        DEC2, new RawDay(DEC2, List.of(new RawFile("a.jsonl", 4))).fingerprint()));

    assertThat(FlattenPlanner.days(List.of(kept, changed, fresh), flattened, Optional.empty()))
        .containsExactly(new DayPlan(kept, DayAction.KEEP), new DayPlan(changed, DayAction.REPLACE),
            new DayPlan(fresh, DayAction.WRITE));
    assertThat(FlattenPlanner.days(List.of(kept, changed, fresh), flattened, Optional.of(DEC3)))
        .containsExactly(new DayPlan(fresh, DayAction.WRITE));
    assertThat(flattened.toJson()).isEqualTo("{\"2023-12-01\":\"" + kept.fingerprint() + "\",\"2023-12-02\":\""
        + flattened.fingerprint(DEC2).orElseThrow() + "\"}");
    assertThat(FlattenedDays.fromJson(flattened.toJson(), "t")).isEqualTo(flattened);
  }

  @Test
  void fingerprintsOfSomethingThatIsNotADayAreRefusedWithTheFix() {
    assertThatThrownBy(() -> FlattenedDays.fromJson("{\"2023-13-01\":\"00\"}", "db.t_logged"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Cannot read property tidemark.log-flattened of db.t_logged: Cannot read day 2023-13-01: write "
            + "days as yyyy-MM-dd. Fix: remove the property to flatten every day again");
  }
}
