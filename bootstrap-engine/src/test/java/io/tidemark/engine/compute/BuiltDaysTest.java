package io.tidemark.engine.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.time.Day;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BuiltDaysTest {
  private static final Day NOV1 = Day.parse("2023-11-01");
  private static final Day NOV2 = Day.parse("2023-11-02");
  private static final Day NOV3 = Day.parse("2023-11-03");
  private static final Day NOV4 = Day.parse("2023-11-04");

  @Test
  void theRecordReadsBackAsWritten() {
    BuiltDays built = BuiltDays.NONE.after(List.of(NOV2, NOV1), Map.of(NOV1, "00aa", NOV2, "11bb"),
        Map.of(NOV2, 3L), Set.of());

    assertThat(built.property()).isEqualTo("2023-11-01:00aa,2023-11-02:11bb:3");
    assertThat(BuiltDays.parse(built.property())).isEqualTo(built);
    assertThat(built.eventsOutsideDay()).isEqualTo(3);
  }

  @Test
  void onlyDaysBuiltFromTheSourcesVersionNowAreCurrent() {
    BuiltDays built = BuiltDays.parse("2023-11-01:00aa,2023-11-02:11bb:3,2023-11-03:22cc");

    assertThat(built.current(List.of(NOV1, NOV2, NOV3, NOV4), Map.of(NOV1, "00aa", NOV2, "99ff", NOV4, "33dd")))
        .as("11-02 changed, 11-03 lost its partition, 11-04 was never built").containsExactly(NOV1);
  }

  @Test
  void rebuildingADayReplacesItsRecordAndDaysNoLongerHeldAreForgotten() {
    BuiltDays built = BuiltDays.parse("2023-11-01:00aa,2023-11-02:11bb:3,2023-11-03:22cc:4");

    BuiltDays after = built.after(List.of(NOV2), Map.of(NOV2, "44ee"), Map.of(), Set.of(NOV2, NOV3));

    assertThat(after.property()).isEqualTo("2023-11-02:44ee,2023-11-03:22cc:4");
    assertThat(after.eventsOutsideDay()).as("11-02's 3 events off its day are gone with its old partition")
        .isEqualTo(4);
  }

  @Test
  void aRecordThatCannotBeReadRecordsNothing() {
    assertThat(BuiltDays.parse(null)).isEqualTo(BuiltDays.NONE);
    assertThat(BuiltDays.parse("2023-11-01")).isEqualTo(BuiltDays.NONE);
    assertThat(BuiltDays.parse("2023-11-01:00aa,2023-11-02:XY")).isEqualTo(BuiltDays.NONE);
    assertThat(BuiltDays.parse("2023-11-01:00aa:1:2")).isEqualTo(BuiltDays.NONE);
    assertThat(BuiltDays.parse("2023-11-01:00aa,2023-11-31:11bb")).as("no such day").isEqualTo(BuiltDays.NONE);
  }
}
