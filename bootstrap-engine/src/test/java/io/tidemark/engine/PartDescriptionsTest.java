package io.tidemark.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.definition.Accuracy;
import io.tidemark.api.definition.Aggregation;
import io.tidemark.api.definition.EntitySource;
import io.tidemark.api.definition.EventSource;
import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.Join;
import io.tidemark.api.definition.JoinPart;
import io.tidemark.api.definition.MetaData;
import io.tidemark.api.definition.Operation;
import io.tidemark.api.definition.Query;
import io.tidemark.api.definition.Source;
import io.tidemark.api.definition.Window;
import io.tidemark.api.naming.SubPartition;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartDescriptionsTest {
  private static final Query ALL = new Query(null, List.of(), null, null, null, null, null);
  private static final Source EVENTS = new EventSource("raw.clicks", SubPartition.NONE, null, ALL, false);
  private static final Source SNAPSHOTS = new EntitySource("raw.accounts", SubPartition.NONE, null, null, ALL);
  private static final Source MUTATED = new EntitySource("raw.accounts", SubPartition.NONE, "raw.account_changes", null, ALL);
  private static final List<Aggregation> COUNT =
      List.of(new Aggregation("id", Operation.COUNT, List.of(), Map.of()));

  private static GroupBy groupBy(String name, Source source, List<Aggregation> aggregations, Accuracy accuracy) {
    return new GroupBy(MetaData.named(name), List.of(source), List.of("id"), aggregations, accuracy);
  }

  private static List<String> describe(Source left, GroupBy... groupBys) {
    List<JoinPart> parts = Arrays.stream(groupBys).map(g -> new JoinPart(g, Map.of(), null)).toList();
    return PartDescriptions.of(new Join(MetaData.named("t.j.v1"), left, parts, List.of()));
  }

  @Test
  void entityPartsAreDescribedAsEntitiesAsOfThePreviousDayForAnEventLeft() {
    assertThat(describe(EVENTS,
        groupBy("t.clicks.v1", EVENTS, COUNT, Accuracy.SNAPSHOT),
        groupBy("t.accounts.v1", SNAPSHOTS, null, null),
        groupBy("t.account_count.v1", SNAPSHOTS, COUNT, null),
        groupBy("t.account_changes.v1", MUTATED, COUNT, Accuracy.TEMPORAL),
        groupBy("t.account_changes_7d.v1", MUTATED,
            List.of(new Aggregation("id", Operation.COUNT, List.of(Window.days(7)), Map.of())), Accuracy.TEMPORAL)))
        .containsExactly(
            "t.clicks.v1: 1 column(s), SNAPSHOT aggregations of events",
            "t.accounts.v1: 0 column(s), entity snapshot columns as of the previous day",
            "t.account_count.v1: 1 column(s), aggregations of the entity snapshot of the previous day",
            "t.account_changes.v1: 1 column(s), TEMPORAL aggregations of entities: the previous day's snapshot and "
                + "the day's mutations before the left row's time",
            "t.account_changes_7d.v1: 1 column(s), TEMPORAL aggregations of entities: the previous day's snapshot "
                + "and the day's mutations before the left row's time, windowed by each row's own time");
  }

  @Test
  void autoNamesThePartialsTableWhereTheGroupByCanKeepOneAndRawEventsElsewhere() {
    Map<String, String> auto = Map.of("tidemark.partials", "auto");
    GroupBy kept = new GroupBy(new MetaData("t.clicks.v1", null, "features", auto), List.of(EVENTS), List.of("id"),
        COUNT, Accuracy.TEMPORAL);
    GroupBy noNamespace = new GroupBy(new MetaData("t.views.v1", null, null, auto), List.of(EVENTS), List.of("id"),
        COUNT, Accuracy.TEMPORAL);
    GroupBy cumulative = new GroupBy(new MetaData("t.totals.v1", null, "features", auto),
        List.of(new EventSource("raw.totals", SubPartition.NONE, null, ALL, true)), List.of("id"), COUNT,
        Accuracy.TEMPORAL);
    String raw = "from raw events (tidemark.partials is auto; daily partial aggregates are kept only for "
        + "aggregations of events from sources that are not cumulative, with a metaData.outputNamespace)";
    assertThat(describe(EVENTS, kept, noNamespace, cumulative)).containsExactly(
        "t.clicks.v1: 1 column(s), TEMPORAL aggregations of events, from the daily partial aggregates kept in "
            + "features.t_clicks_v1_partials where they cost fewer rows than the raw events, else from raw events "
            + "(tidemark.partials is auto)",
        "t.views.v1: 1 column(s), TEMPORAL aggregations of events, " + raw,
        "t.totals.v1: 1 column(s), TEMPORAL aggregations of events, " + raw);
  }

  @Test
  void anEntityLeftReadsEveryPartAsOfItsOwnDay() {
    assertThat(describe(SNAPSHOTS,
        groupBy("t.clicks.v1", EVENTS, COUNT, Accuracy.TEMPORAL),
        groupBy("t.account_changes.v1", MUTATED, COUNT, Accuracy.TEMPORAL)))
        .containsExactly(
            "t.clicks.v1: 1 column(s), aggregations of events up to the end of the left row's day",
            "t.account_changes.v1: 1 column(s), aggregations of the entity snapshot of the left row's day");
  }
}
