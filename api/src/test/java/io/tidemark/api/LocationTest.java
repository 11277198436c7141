package io.tidemark.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.api.definition.EntitySource;
import io.tidemark.api.definition.EventSource;
import io.tidemark.api.definition.Query;
import io.tidemark.api.definition.Source;
import io.tidemark.api.naming.SubPartition;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocationTest {
  private static final Location JOIN = Location.of("joins/shop/orders.v1");

  @Test
  void aWholeFileRendersAsTheFileAlone() {
    assertThat(JOIN.path()).isEmpty();
    assertThat(JOIN.render()).isEqualTo("joins/shop/orders.v1");
  }

  @Test
  void stepsIntoFieldsAndElements() {
    assertThat(JOIN.field("metaData").field("name").render()).isEqualTo("joins/shop/orders.v1: metaData.name");
    assertThat(JOIN.element("rowIds", 2).render()).isEqualTo("joins/shop/orders.v1: rowIds[2]");
    assertThat(JOIN.field("derivations").index(0).field("name").path()).isEqualTo("derivations[0].name");
  }

  @Test
  void namesTheNodesOfAJoin() {
    assertThat(JOIN.joinPart(0).groupBy().source(1).path()).isEqualTo("joinParts[0].groupBy.sources[1]");
    assertThat(JOIN.externalPart(3).offlineGroupBy().aggregation(2).path())
        .isEqualTo("onlineExternalParts[3].source.offlineGroupBy.aggregations[2]");
    assertThat(JOIN.label(1).groupBy().derivations().path()).isEqualTo("labelPart.labels[1].groupBy.derivations");
    assertThat(JOIN.bootstrapPart(0).field("table").path()).isEqualTo("bootstrapParts[0].table");
    assertThat(JOIN.outputNamespace().path()).isEqualTo("metaData.outputNamespace");
    assertThat(JOIN.tableProperty("partials").path()).isEqualTo("metaData.tableProperties.partials");
  }

  @Test
  void namesASourcesBodyByItsKind() {
    Query query = Query.selecting(Map.of("user", "user"));
    Source events = new EventSource("data.clicks", SubPartition.NONE, null, query, false);
    Source entities = new EntitySource("data.users", SubPartition.NONE, null, null, query);
    Location source = JOIN.joinPart(0).groupBy().source(1);

    assertThat(source.query(events).render())
        .isEqualTo("joins/shop/orders.v1: joinParts[0].groupBy.sources[1].events.query");
    assertThat(source.table(events).path()).isEqualTo("joinParts[0].groupBy.sources[1].events.table");
    assertThat(JOIN.left().query(entities).field("selects").path()).isEqualTo("left.entities.query.selects");
    assertThat(JOIN.left().table(entities).path()).isEqualTo("left.entities.snapshotTable");
    assertThat(source.mutationTable().path()).isEqualTo("joinParts[0].groupBy.sources[1].entities.mutationTable");
  }

  @Test
  void writesAPathFromAnAncestor() {
    Location groupBy = JOIN.joinPart(0).groupBy();

    assertThat(groupBy.source(0).field("events.query.selects").pathFrom(groupBy))
        .isEqualTo("sources[0].events.query.selects");
    assertThat(JOIN.joinPart(1).pathFrom(JOIN)).isEqualTo("joinParts[1]");
    assertThatThrownBy(() -> JOIN.joinPart(1).pathFrom(groupBy))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("joinParts[1] is not inside joinParts[0].groupBy");
  }

  @Test
  void refusesNulls() {
    assertThatThrownBy(() -> Location.of(null)).isInstanceOf(NullPointerException.class).hasMessage("file is null");
    assertThatThrownBy(() -> new Location("f", null)).isInstanceOf(NullPointerException.class)
        .hasMessage("path is null");
  }
}
